import { error, fail, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import * as holds from '$lib/server/holds/holds.service';
import { cityConfig } from '$lib/server/config/load-city-config';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { changePickupSchema, pickupChoices, PICKUP_FIELDS } from '$lib/server/holds/holds.forms';
import { actingOf, doneHref, holdIdOr404, ownHoldView, requireScopeForLoad } from '$lib/server/holds/hold-views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = await requireScopeForLoad(event, 'reservations');
	return {
		hold: await ownHoldView(session.subject.id, event.params.id, event.locals.locale),
		choices: pickupChoices(cityConfig(), event.locals.locale)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const session = await requireScope(event, 'reservations');
		const id = holdIdOr404(event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(changePickupSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, PICKUP_FIELDS);

		const result = await holds.changePickup(actingOf(session), id, parsed.data.pickup);
		if (result.ok) redirect(303, doneHref('pickup', id));
		if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
		// A forged or outdated place: the person's choice is kept and the field says what to do.
		if (result.reason === 'unknown_location') return formFailure(form, { pickup: 'holds:pickup.errors.unknownLocation' }, PICKUP_FIELDS);
		// No longer waiting (a copy is on its way, or it ended): the page explains from the hold as it is now.
		return fail(409, { hold: await ownHoldView(session.subject.id, event.params.id, event.locals.locale) });
	}
};
