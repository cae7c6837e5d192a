import { error, type RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import type { DeskStaff } from '$lib/server/accommodation/accommodation.service';
import { translate, type Locale } from '$lib/i18n';
import { REFERENCE_PATTERN } from '$lib/accommodation/options';
import { placeName } from '../../accommodation/accommodation.server';

/**
 * The guard of the desk console: registered staff (desk officers, librarians; administrators pass as in every
 * staff page), with the desks they work at and manage. Which requests they may open is decided per request
 * by the service (`accessOf`): their desk's, or every desk's for the Disability Policy Division.
 */
export async function requireDeskStaff(event: Pick<RequestEvent, 'locals' | 'url'>): Promise<DeskStaff> {
	const session = requireStaff(event, ['desk_officer', 'librarian']);
	return accommodation.deskStaffOf(session.actor);
}

/** The statistics are the Disability Policy Division's (art. 6-3) and the administrators'. */
export function requireEveryDesk(staff: DeskStaff): void {
	if (!accommodation.seesEveryDesk(staff)) error(403, { message: 'forbidden', key: 'accommodation:staff.errors.policyOnly' });
}

export function referenceOr404(param: string): string {
	if (!REFERENCE_PATTERN.test(param)) error(404, { message: 'not found', key: 'errors:notFound' });
	return param;
}

/** The place of a request in the reader's language (or null when it has none). */
export function placeOf(item: { locationId: string | null; areaId: string | null }, locale: Locale): string | null {
	return placeName({ locationId: item.locationId ?? undefined, areaId: item.areaId ?? undefined }, locale, {
		elsewhere: translate(locale, 'accommodation:place.elsewhere'),
		unknownArea: translate(locale, 'accommodation:place.unknownArea')
	});
}
