import { error } from '@sveltejs/kit';
import * as statistics from '$lib/server/accommodation/statistics';
import { translate } from '$lib/i18n';
import { deskNames } from '../../../../accommodation/accommodation.server';
import { requireDeskStaff, requireEveryDesk } from '../../desk.server';
import type { RequestHandler } from './$types';

/** The month's statistics as CSV (no personal data), headed in the reader's language. */
export const GET: RequestHandler = async (event) => {
	const staff = await requireDeskStaff(event);
	requireEveryDesk(staff);
	const month = event.url.searchParams.get('month');
	if (!statistics.isMonth(month)) error(404, { message: 'not found', key: 'errors:notFound' });
	const locale = event.locals.locale;
	const desks = deskNames(locale);
	const label = (key: string) => translate(locale, `accommodation:staff.statistics.${key}`);
	const csv = statistics.statisticsCsv(await statistics.monthlyStatistics(month), {
		column: (name) => label(`columns.${name}`),
		section: (name) => label(`sections.${name}`),
		desk: (id) => desks[id] ?? id,
		kind: (kind) => translate(locale, `accommodation:serviceKinds.${kind}.label`),
		total: label('total')
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="accommodation-statistics-${month}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
