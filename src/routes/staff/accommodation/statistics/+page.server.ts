import * as statistics from '$lib/server/accommodation/statistics';
import { deskNames } from '../../../accommodation/accommodation.server';
import { requireDeskStaff, requireEveryDesk } from '../desk.server';
import type { PageServerLoad } from './$types';

/**
 * Monthly statistics for the Disability Policy Division (art. 6-3; the monthly report of DOMAIN §7): counts by
 * desk and by kind of service, outcomes, late acknowledgements and median times, as accessible tables and a
 * CSV download. Counts and times only, no personal data.
 */
export const load: PageServerLoad = async (event) => {
	const staff = await requireDeskStaff(event);
	requireEveryDesk(staff);
	const months = await statistics.monthsAvailable();
	const asked = event.url.searchParams.get('month');
	const month = statistics.isMonth(asked) ? asked : months[0];
	return { month, months, stats: await statistics.monthlyStatistics(month), desks: deskNames(event.locals.locale) };
};
