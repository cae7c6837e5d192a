import { error, type RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import type { SessionContext } from '$lib/server/auth/session.service';
import { mayReadSensitive, SENSITIVE_ROLES } from '$lib/server/reading-services/reading-services.service';

/**
 * Reading-services staff only: the librarians who run the service. Administrators pass `requireStaff`
 * everywhere else, but disability details are shown only to those with a need (APPI; DOMAIN §4).
 */
export function requireReadingServicesStaff(event: Pick<RequestEvent, 'locals' | 'url'>): SessionContext {
	const session = requireStaff(event, [...SENSITIVE_ROLES]);
	if (!mayReadSensitive(session.actor.role)) error(403, { message: 'forbidden', key: 'reading:staff.errors.readingStaffOnly' });
	return session;
}
