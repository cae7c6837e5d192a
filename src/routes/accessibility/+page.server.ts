import { SESSION_LIFETIME_MS } from '$lib/server/auth/session.service';
import type { PageServerLoad } from './$types';

/** The session length is a fact of the code the statement reports (2.2.1), not a number to retype. */
export const load: PageServerLoad = () => ({
	sessionHours: SESSION_LIFETIME_MS / (60 * 60 * 1000)
});
