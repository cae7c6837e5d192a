import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_catalogue';
import * as m0003 from './0003_holds';
import * as m0004 from './0004_search';
import * as m0005 from './0005_proxies';
import * as m0006 from './0006_reading_services';
import * as m0007 from './0007_accommodation';
import * as m0008 from './0008_home_delivery';
import * as m0009 from './0009_search_availability';
import * as m0010 from './0010_search_bands';
import * as m0011 from './0011_search_title_keys';
import * as m0012 from './0012_accommodation_retention';

/**
 * Forward-only migrations, in order. Listed statically (not read from disk) so they
 * are bundled into the adapter-node build and run the same from the CLI and the server.
 */
export const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_catalogue': m0002,
	'0003_holds': m0003,
	'0004_search': m0004,
	'0005_proxies': m0005,
	'0006_reading_services': m0006,
	'0007_accommodation': m0007,
	'0008_home_delivery': m0008,
	'0009_search_availability': m0009,
	'0010_search_bands': m0010,
	'0011_search_title_keys': m0011,
	'0012_accommodation_retention': m0012
};
