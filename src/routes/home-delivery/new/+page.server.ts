import { redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { cityConfig } from '$lib/server/config/load-city-config';
import { formFailure, parseForm } from '$lib/server/forms/form';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import { ITEMS_ARRAYS, itemsSchema, QUERY_MAX, searchQueryOf } from '$lib/server/home-delivery/home-delivery.forms';
import { actingOf, requireDeliveryScope, requireEligible } from '../home-delivery.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * The first page of a request: which titles. The patron's reservations and the titles already chosen are
 * ticked boxes; a catalogue search inside the form finds more. The search is a GET (`?q=`): the search
 * button posts the ticks first (kept in the draft, so nothing ticked is lost) and is sent on to the
 * results. Only the query goes in the URL, as on the search page; the chosen titles never do.
 */
export const load: PageServerLoad = async (event) => {
	const session = await requireDeliveryScope(event);
	await requireEligible(session);
	const acting = actingOf(session);
	const q = searchQueryOf(event.url.searchParams);
	const [choices, answers, results] = await Promise.all([
		delivery.itemChoices(acting),
		delivery.answersOf(acting.patronId),
		delivery.searchItems(acting, q)
	]);
	const listed = new Set([...choices.reservations, ...choices.chosen].map((c) => c.recordId));
	return {
		q,
		queryMax: QUERY_MAX,
		searched: event.url.searchParams.has('q') && q !== '',
		changing: event.url.searchParams.get('change') === '1',
		max: cityConfig().homeDelivery.maxItems,
		reservations: choices.reservations,
		chosen: choices.chosen,
		// A title already listed above is not offered twice.
		results: results.filter((r) => !listed.has(r.recordId)),
		searchSize: delivery.SEARCH_SIZE,
		values: { items: (answers.items ?? []).map(String) }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const session = await requireScope(event, 'home_delivery');
		await requireEligible(session);
		const acting = actingOf(session);
		const form = await event.request.formData();
		const changing = event.url.searchParams.get('change') === '1';
		if (form.get('intent') === 'search') {
			// Keep what is ticked (well-formed ids only: the rest is checked when the patron continues).
			const ticked = form.getAll('items').filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number);
			await delivery.keepItems(acting, [...new Set(ticked)].slice(0, 100));
			const params = new URLSearchParams({ q: String(form.get('q') ?? '').slice(0, QUERY_MAX) });
			if (changing) params.set('change', '1');
			redirect(303, `/home-delivery/new?${params}`);
		}
		const parsed = parseForm(itemsSchema(cityConfig()), form, ITEMS_ARRAYS);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['items']);
		const saved = await delivery.saveItems(acting, parsed.data.items);
		if (!saved.ok) return formFailure(form, saved.errors, ['items']);
		redirect(303, changing ? '/home-delivery/new/check' : '/home-delivery/new/details');
	}
};
