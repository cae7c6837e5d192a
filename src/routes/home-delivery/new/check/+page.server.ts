import { fail, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import type { Step } from '$lib/home-delivery/options';
import { actingOf, requireDeliveryScope, requireEligible } from '../../home-delivery.server';
import type { Actions, PageServerLoad } from './$types';

const pathOf = (step: Step) => (step === 'items' ? '/home-delivery/new?change=1' : '/home-delivery/new/details?change=1');

/** Check your answers (GOV.UK): every answer with a way to change it, then send. A draft that no longer holds goes back to the page to fix. */
export const load: PageServerLoad = async (event) => {
	const session = await requireDeliveryScope(event);
	await requireEligible(session);
	const acting = actingOf(session);
	const answers = await delivery.answersOf(acting.patronId);
	if (!answers.items?.length) redirect(303, '/home-delivery/new');
	const step = await delivery.problemStep(acting.patronId, answers);
	if (step) redirect(303, pathOf(step));
	const { reservations, chosen } = await delivery.itemChoices(acting);
	const titles = new Map([...reservations, ...chosen].map((c) => [c.recordId, c]));
	return {
		answers,
		items: answers.items.map((id) => titles.get(id)).filter((c) => c !== undefined),
		submission: newSubmissionToken()
	};
};

export const actions: Actions = {
	send: async (event) => {
		const session = await requireScope(event, 'home_delivery');
		const acting = actingOf(session);
		const form = await event.request.formData();
		// A double click or a resent page gets the first result: one request, one reference number.
		const { result } = await once(form.get('__submission'), 'home_delivery.submit', () => delivery.submit(acting));
		if (result.ok) redirect(303, '/home-delivery/new/sent');
		// Sent meanwhile from another tab or by the proxy: the confirmation of that one.
		if (result.reason === 'no_draft') redirect(303, (await delivery.sentRequestOf(acting.patronId)) ? '/home-delivery/new/sent' : '/home-delivery/new');
		if (result.reason === 'incomplete') redirect(303, pathOf(result.step));
		// The registration ended since the patron started: say so on this page, answers kept.
		return fail(400, { values: {}, errors: { eligibility: 'delivery:new.check.notEligible' }, order: ['eligibility'] });
	}
};
