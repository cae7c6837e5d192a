import { error } from '@sveltejs/kit';
import { catalogue } from '$lib/server/catalogue/catalogue.service';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, locationById } from '$lib/server/config/city';
import { isAccessibleFormat, mayBorrowFormat } from '$lib/server/holds/holds.service';
import { loadReserveForm, reserve } from './reserve.server';
import type { Actions, PageServerLoad } from './$types';

/** Record ids are positive integers (a serial); anything else, or an id past int4, is not a page. */
function parseRecordId(text: string): number | null {
	return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
}

/**
 * An item: its details, its copies at each library, the reservation queue, and whether the patron in use
 * may borrow its format. The reserve form (`?/reserve`) extends this load and adds its action.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const id = parseRecordId(params.id);
	const record = id === null ? undefined : await catalogue.getRecord(id);
	if (!record) error(404, { message: 'not found', key: 'errors:notFound' });

	const [copies, queueLength] = await Promise.all([catalogue.copiesOf(record.id), catalogue.queueLength(record.id)]);
	const config = cityConfig();
	const session = locals.session;
	const patron = session?.subject.role === 'patron' ? session.subject : null;
	return {
		record,
		copies: copies.map((copy) => {
			const location = locationById(config, copy.locationId);
			return { ...copy, locationName: location ? localName(location.name, locals.locale) : copy.locationId };
		}),
		queueLength,
		accessible: isAccessibleFormat(record.format),
		/**
		 * Whether the patron whose account is in use may borrow this format (accessible formats need
		 * reading-service type 1: N disability rules art. 4-2); null when no patron is signed in.
		 */
		mayBorrow: patron ? await mayBorrowFormat(patron.id, record.format) : null,
		subjectName: patron?.name ?? null,
		signInHref: `/sign-in?return=${encodeURIComponent(`/items/${record.id}`)}`,
		reserve: await loadReserveForm({ params, locals })
	};
};

export const actions: Actions = { reserve };
