import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, locationById } from '$lib/server/config/city';
import { formFailure, parseForm } from '$lib/server/forms/form';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import type { StaffStep, StaffStepResult } from '$lib/server/home-delivery/home-delivery.service';
import { dispatchSchema } from '$lib/server/home-delivery/home-delivery.forms';
import { isPostal } from '$lib/home-delivery/options';
import { idOr404, toPage } from '../../../home-delivery/home-delivery.server';
import { requireReadingServicesStaff } from '../../reading-services/staff-guard.server';
import type { Actions, PageServerLoad } from './$types';

const STEPS: readonly StaffStep[] = ['accept', 'pack', 'dispatch', 'deliver', 'return'];

/** A request for staff: the patron, the titles (each linked to its copies), address and days, the next step and every step so far. */
export const load: PageServerLoad = async (event) => {
	requireReadingServicesStaff(event);
	const view = await delivery.requestForStaff(idOr404(event.params.id));
	if (!view) error(404, { message: 'not found', key: 'errors:notFound' });
	const library = locationById(cityConfig(), view.libraryId);
	const done = event.url.searchParams.get('done');
	return {
		request: toPage(view),
		patron: { name: view.patronName, cardNumber: view.patronCardNumber, phone: view.patronPhone },
		libraryName: library ? localName(library.name, event.locals.locale) : view.libraryId,
		next: delivery.nextStaffStep(view),
		postal: isPostal(view.method),
		done: STEPS.find((s) => s === done) ?? null
	};
};

/** The answer to a step: on to the page again with the confirmation, or the reason it was refused. */
function outcome(id: number, step: StaffStep, result: StaffStepResult) {
	if (result.ok) redirect(303, `/staff/home-delivery/${id}?done=${step}`);
	if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
	// Taken by a colleague meanwhile, a second click, or cancelled by the patron: say so, from the request as it is now.
	return fail(409, { problem: 'delivery:staff.errors.wrongStatus' });
}

function simpleStep(step: Exclude<StaffStep, 'dispatch'>, run: (staffId: number, id: number) => Promise<StaffStepResult>) {
	return async (event: RequestEvent) => {
		const session = requireReadingServicesStaff(event);
		const id = idOr404(String(event.params.id ?? ''));
		return outcome(id, step, await run(session.actor.id, id));
	};
}

export const actions: Actions = {
	accept: simpleStep('accept', delivery.accept),
	pack: simpleStep('pack', delivery.pack),
	/** Dispatch: with Japan Post's tracking number when posted. */
	dispatch: async (event) => {
		const session = requireReadingServicesStaff(event);
		const id = idOr404(event.params.id);
		const view = await delivery.requestForStaff(id);
		if (!view) error(404, { message: 'not found', key: 'errors:notFound' });
		const form = await event.request.formData();
		const parsed = parseForm(dispatchSchema(isPostal(view.method)), form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['trackingNumber']);
		return outcome(id, 'dispatch', await delivery.dispatch(session.actor.id, id, parsed.data.trackingNumber));
	},
	deliver: simpleStep('deliver', delivery.markDelivered),
	return: simpleStep('return', delivery.markReturned)
};
