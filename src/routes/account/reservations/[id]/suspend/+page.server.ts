import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import * as holds from '$lib/server/holds/holds.service';
import { cityConfig } from '$lib/server/config/load-city-config';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { suspendSchema, SUSPEND_DATE_REFUSAL_KEYS, SUSPEND_FIELDS } from '$lib/server/holds/holds.forms';
import { addDays, today } from '$lib/server/time/calendar';
import { actingOf, doneHref, holdIdOr404, ownHoldView, requireScopeForLoad } from '$lib/server/holds/hold-views';
import type { Actions, PageServerLoad } from './$types';

/** An example date in the format people are asked for, two weeks ahead, so it is always a valid answer. */
function exampleDate(day: string): string {
	return addDays(day, 14).replaceAll('-', '/');
}

export const load: PageServerLoad = async (event) => {
	const session = await requireScopeForLoad(event, 'reservations');
	const hold = await ownHoldView(session.subject.id, event.params.id, event.locals.locale);
	const day = today();
	return {
		hold,
		// The last day a pause may end on, as the service counts it (today + maxSuspendDays).
		maxDate: addDays(day, cityConfig().holds.maxSuspendDays),
		example: exampleDate(day)
	};
};

/** A refused change of a hold that is no longer waiting: the page explains from the hold as it is now. */
async function notWaiting(event: RequestEvent<{ id: string }>, patronId: number) {
	return fail(409, { hold: await ownHoldView(patronId, event.params.id, event.locals.locale) });
}

export const actions: Actions = {
	suspend: async (event) => {
		const session = await requireScope(event, 'reservations');
		const id = holdIdOr404(event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(suspendSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, SUSPEND_FIELDS);

		const result = await holds.suspend(actingOf(session), id, parsed.data.until);
		if (result.ok) redirect(303, doneHref('suspended', id));
		if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
		const dateError = SUSPEND_DATE_REFUSAL_KEYS[result.reason];
		if (dateError) return formFailure(form, { until: dateError }, SUSPEND_FIELDS);
		return notWaiting(event, session.subject.id);
	},

	resume: async (event) => {
		const session = await requireScope(event, 'reservations');
		const id = holdIdOr404(event.params.id);
		const result = await holds.suspend(actingOf(session), id, null);
		if (result.ok) redirect(303, doneHref('resumed', id));
		if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
		return notWaiting(event, session.subject.id);
	}
};
