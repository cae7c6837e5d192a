import { error } from '@sveltejs/kit';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, locationById } from '$lib/server/config/city';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import { actingOf, idOr404, requireDeliveryScope, toPage } from '../home-delivery.server';
import type { PageServerLoad } from './$types';

/** One of the patron's requests: where it is, what and how, every step so far, and the way to cancel while it can be. */
export const load: PageServerLoad = async (event) => {
	const session = await requireDeliveryScope(event);
	const view = await delivery.requestOf(actingOf(session), idOr404(event.params.id));
	// Another patron's, or none: the same answer, so nothing about others leaks.
	if (!view) error(404, { message: 'not found', key: 'errors:notFound' });
	const library = locationById(cityConfig(), view.libraryId);
	return { request: toPage(view), libraryName: library ? localName(library.name, event.locals.locale) : view.libraryId };
};
