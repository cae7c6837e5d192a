import type { RequestEvent } from '@sveltejs/kit';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName } from '$lib/server/config/city';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import { today } from '$lib/server/time/calendar';
import { requireReadingServicesStaff } from '../reading-services/staff-guard.server';
import type { PageServerLoad } from './$types';

/** The libraries that send items (they hold a collection), in configuration order. */
function deliveringLibraries() {
	return cityConfig().locations.filter((l) => l.holdsCollection);
}

/** The library in the URL if it sends items, else the staff member's workplace, else the first one. */
async function chosenLibrary(event: Pick<RequestEvent, 'url'>, staffId: number): Promise<string> {
	const libraries = deliveringLibraries();
	const requested = event.url.searchParams.get('library');
	if (requested && libraries.some((l) => l.id === requested)) return requested;
	const workplace = (await accounts.findById(staffId))?.workplace_id;
	return libraries.find((l) => l.id === workplace)?.id ?? libraries[0].id;
}

/**
 * One library's home delivery worklist, by what staff do next; the overdue ones apart. Names, the last
 * four digits of card numbers, days and methods only: the address and titles are on each request's page.
 * Reading-services librarians only (a request says the patron holds a type (2) registration).
 */
export const load: PageServerLoad = async (event) => {
	const session = requireReadingServicesStaff(event);
	const locale = event.locals.locale;
	const libraryId = await chosenLibrary(event, session.actor.id);
	const list = await delivery.worklist(libraryId);
	const rows = (section: typeof list.toAccept) =>
		section.map((row) => ({
			id: row.id,
			reference: row.reference,
			status: row.status,
			method: row.method,
			preferredOn: row.preferred_on,
			timeOfDay: row.time_of_day,
			returnDueOn: row.return_due_on,
			items: Number(row.items),
			name: row.name,
			cardLast4: row.card_number.slice(-4)
		}));
	return {
		libraryId,
		libraryName: localName(deliveringLibraries().find((l) => l.id === libraryId)!.name, locale),
		libraries: deliveringLibraries().map((l) => ({ id: l.id, name: localName(l.name, locale) })),
		today: today(),
		sections: {
			toAccept: rows(list.toAccept),
			toPack: rows(list.toPack),
			toDispatch: rows(list.toDispatch),
			onTheWay: rows(list.onTheWay),
			out: rows(list.out),
			overdue: rows(list.overdue)
		}
	};
};
