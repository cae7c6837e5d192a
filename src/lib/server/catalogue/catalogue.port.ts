import type { CopyStatus, Format } from '$lib/server/db/schema';

/**
 * The seam for real library systems: pages talk to the catalogue only through this interface,
 * so a connector to a city's existing library system (its OPAC/ILS API) can replace the built-in
 * store without touching pages. `builtInCatalogue` (catalogue.service.ts) implements it over the
 * portal's own tables.
 */
export interface CatalogueRecord {
	id: number;
	title: string;
	titleReading: string;
	author: string;
	authorReading: string;
	publisher: string;
	year: number | null;
	isbn: string | null;
	subjects: string[];
	language: string;
	audience: 'adult' | 'young_adult' | 'children';
	format: Format;
	lendable: boolean;
}

export interface CopySummary {
	id: number;
	locationId: string;
	shelfMark: string;
	status: CopyStatus;
}

export interface SearchQuery {
	/** What the person typed; normalised by the implementation. */
	q: string;
	formats?: Format[];
	audience?: CatalogueRecord['audience'];
	language?: string;
	/** Only titles with a copy on the shelf at this library now. */
	availableAt?: string;
	page: number;
	pageSize: number;
}

export interface SearchHit extends CatalogueRecord {
	/** Copies on the shelf anywhere now. */
	available: number;
	copies: number;
	/** Active holds (the queue length). */
	holds: number;
}

export interface SearchResult {
	hits: SearchHit[];
	/** Total matches, capped at `countCap`: "more than 1,000" is shown as such. */
	total: number;
	capped: boolean;
}

export interface CataloguePort {
	search(query: SearchQuery): Promise<SearchResult>;
	getRecord(id: number): Promise<CatalogueRecord | undefined>;
	copiesOf(recordId: number): Promise<CopySummary[]>;
	/** Active holds on the title (waiting, in transit, ready). */
	queueLength(recordId: number): Promise<number>;
}
