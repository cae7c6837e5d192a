import { SESSION_LIFETIME_MS } from '$lib/server/auth/session.service';
import { WARN_BEFORE_MS } from '$lib/layout/session-timeout';
import type { PageServerLoad } from './$types';

/** The session length and its warning are facts of the code the statement reports (2.2.1), not numbers to retype. */
export const load: PageServerLoad = () => ({
	sessionHours: SESSION_LIFETIME_MS / (60 * 60 * 1000),
	warningMinutes: WARN_BEFORE_MS / 60_000
});
