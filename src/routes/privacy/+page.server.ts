import { cityConfig } from '$lib/server/config/load-city-config';
import { SESSION_COOKIE, SESSION_LIFETIME_MS } from '$lib/server/auth/session.service';
import { LOCALE_COOKIE } from '$lib/server/http/cookies';
import { PREFERENCES_COOKIE } from '$lib/preferences';
import type { PageServerLoad } from './$types';

/**
 * Set by src/routes/register/+page.server.ts for the confirmation page; not exported there.
 * Keep in step if it is renamed.
 */
const REGISTERED_COOKIE = 'registered';

/**
 * The privacy notice states facts the code and the configuration decide (retention, validity,
 * cookie names and lifetimes): they are read from there so the notice cannot drift from them.
 */
export const load: PageServerLoad = () => {
	const { readingServices, accommodation } = cityConfig();
	return {
		retentionMonths: readingServices.sensitiveDataRetentionMonths,
		accommodationRetentionMonths: accommodation.closedRequestRetentionMonths,
		validityMonths: readingServices.registrationValidityMonths,
		sessionHours: SESSION_LIFETIME_MS / (60 * 60 * 1000),
		cookies: [
			{ key: 'session', name: SESSION_COOKIE },
			{ key: 'lang', name: LOCALE_COOKIE },
			{ key: 'display', name: PREFERENCES_COOKIE },
			{ key: 'registered', name: REGISTERED_COOKIE }
		]
	};
};
