import { redirect } from '@sveltejs/kit';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { firstUnanswered, type RequestAnswers } from '$lib/accommodation/options';
import { translate } from '$lib/i18n';
import { deskNames, draftToken, intakeSession, placeName, submitterOf } from '../../accommodation.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * Check your answers (GOV.UK): every answer with a way to change it, the desk the request will go to, and
 * send. A draft already sent (the back button after sending) shows the confirmation again.
 */
export const load: PageServerLoad = async (event) => {
	const session = await intakeSession({ locals: event.locals, url: event.url });
	const token = draftToken(event.cookies);
	const draft: RequestAnswers | undefined = (await accommodation.draftOf(token))?.reveal();
	if (!draft) redirect(303, (await accommodation.confirmationOf(token)) ? '/accommodation/new/sent' : '/accommodation');
	const missing = firstUnanswered(draft);
	if (missing) redirect(303, `/accommodation/new/${missing}`);
	const answers = accommodation.applicableAnswers(draft);
	const locale = event.locals.locale;
	const route = accommodation.routeOf(answers)!;
	return {
		answers,
		place: placeName(answers, locale, {
			elsewhere: translate(locale, 'accommodation:place.elsewhere'),
			unknownArea: translate(locale, 'accommodation:place.unknownArea')
		}),
		deskName: deskNames(locale)[route.deskId],
		signedIn: Boolean(session),
		submission: newSubmissionToken()
	};
};

export const actions: Actions = {
	send: async (event) => {
		const session = await intakeSession(event);
		const token = draftToken(event.cookies);
		const form = await event.request.formData();
		// A double click or a resent page gets the first result: one request, one reference number.
		const { result } = await once(form.get('__submission'), 'accommodation.submit', () => accommodation.submit(token, submitterOf(session)));
		if (result.ok) redirect(303, '/accommodation/new/sent');
		if (result.reason === 'incomplete') redirect(303, `/accommodation/new/${result.step}?change=1`);
		redirect(303, (await accommodation.confirmationOf(token)) ? '/accommodation/new/sent' : '/accommodation');
	}
};
