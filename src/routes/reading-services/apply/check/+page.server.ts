import { fail, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as readingServices from '$lib/server/reading-services/reading-services.service';
import { firstUnanswered, isStep, type ApplicationAnswers } from '$lib/reading-services';
import { actingOf, requireReadingScope } from '../../reading-services.server';
import type { Actions, PageServerLoad } from './$types';

/** Check your answers (GOV.UK): every answer with a way to change it, contradictions asked about, then send. */
export const load: PageServerLoad = async (event) => {
	const session = await requireReadingScope(event);
	const acting = actingOf(session);
	const open = await readingServices.openApplicationOf(acting.patronId);
	if (open) redirect(303, '/reading-services?pending=1');
	const answers: ApplicationAnswers | undefined = (await readingServices.draftOf(acting))?.reveal();
	if (!answers) redirect(303, '/reading-services/apply');
	const missing = firstUnanswered(answers);
	if (missing) redirect(303, `/reading-services/apply/${missing}`);
	return {
		answers,
		contradictions: readingServices.contradictionsIn(answers),
		submission: newSubmissionToken()
	};
};

export const actions: Actions = {
	send: async (event) => {
		const session = await requireScope(event, 'reading_services');
		const acting = actingOf(session);
		const form = await event.request.formData();
		// A double click or a resent page gets the first result: one application, one reference number.
		const { result } = await once(form.get('__submission'), 'reading_services.submit', () => readingServices.submit(acting));
		if (result.ok) redirect(303, '/reading-services/apply/sent');
		// Sent meanwhile from another tab or by the proxy: the status page says which application is being decided.
		if (result.reason === 'pending') redirect(303, '/reading-services?pending=1');
		if (result.reason === 'no_draft') redirect(303, '/reading-services/apply');
		if (result.reason === 'incomplete') redirect(303, `/reading-services/apply/${result.step}?change=1`);
		const answers = (await readingServices.draftOf(acting))?.reveal() ?? {};
		const errors = Object.fromEntries(readingServices.contradictionsIn(answers).map((c) => [`contradiction-${c.step}`, c.key]));
		return fail(400, { values: {}, errors, order: Object.keys(errors) });
	},
	/** The patron's answer to a contradiction: drop the answer that no longer applies. */
	remove: async (event) => {
		const session = await requireScope(event, 'reading_services');
		const acting = actingOf(session);
		const form = await event.request.formData();
		const step = form.get('step');
		const answers = (await readingServices.draftOf(acting))?.reveal() ?? {};
		// Only an answer that contradicts another may be removed here; anything else is a tampered form.
		if (isStep(step) && readingServices.contradictionsIn(answers).some((c) => c.step === step)) {
			await readingServices.removeAnswer(acting, step);
		}
		redirect(303, '/reading-services/apply/check');
	}
};
