import { fail, redirect } from '@sveltejs/kit';
import { echoValues, formFailure, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { messageSchema } from '$lib/server/accommodation/accommodation.forms';
import { translate } from '$lib/i18n';
import { deskContact, deskNames, notFound, placeName, toRequesterPage } from '../../accommodation.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * A request opened by its private link, by anyone who has the link and nobody else: the token in the path is
 * the only key (its SHA-256 is looked up; a malformed, guessed or revoked token, or a reference number, is a
 * plain 404 that says nothing). The page is personal, so it is never cached (hooks), and it sends no Referer.
 */
export const load: PageServerLoad = async (event) => {
	const view = await accommodation.openByFollowToken(event.params.token);
	if (!view) notFound();
	const locale = event.locals.locale;
	const request = toRequesterPage(view);
	return {
		request,
		desks: deskNames(locale),
		place: placeName(request.answers, locale, {
			elsewhere: translate(locale, 'accommodation:place.elsewhere'),
			unknownArea: translate(locale, 'accommodation:place.unknownArea')
		}),
		contact: deskContact(view.deskId),
		submission: newSubmissionToken(),
		sent: event.url.searchParams.get('sent') === '1'
	};
};

export const actions: Actions = {
	/** The person writes to the desk. A double click sends one message; a closed request takes none. */
	reply: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(messageSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['message']);
		const token = event.params.token;
		const { result } = await once(form.get('__submission'), 'accommodation.requester_message', () =>
			accommodation.replyAsRequester({ followToken: token }, parsed.data.message)
		);
		if (!result.ok && result.reason === 'not_found') notFound();
		if (!result.ok) return fail(409, { values: echoValues(form), errors: { message: 'accommodation:message.errors.closed' }, order: ['message'] });
		redirect(303, `/accommodation/follow/${token}?sent=1`);
	}
};
