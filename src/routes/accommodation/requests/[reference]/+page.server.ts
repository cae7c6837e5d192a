import { fail, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { echoValues, formFailure, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { messageSchema } from '$lib/server/accommodation/accommodation.forms';
import { translate } from '$lib/i18n';
import { deskContact, deskNames, notFound, placeName, referenceOr404, toRequesterPage } from '../../accommodation.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * One of the signed-in patron's requests (a proxy in scope sees the patron's; the opening is logged). Anyone
 * else's reference, or one that does not exist, is the same 404.
 */
export const load: PageServerLoad = async (event) => {
	const session = await requireScope({ locals: event.locals, url: event.url }, 'accommodation');
	const reference = referenceOr404(event.params.reference);
	const view = await accommodation.openForPatron({ actorId: session.actor.id, patronId: session.subject.id }, reference);
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
	reply: async (event) => {
		const session = await requireScope(event, 'accommodation');
		const reference = referenceOr404(event.params.reference);
		const form = await event.request.formData();
		const parsed = parseForm(messageSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['message']);
		const acting = { actorId: session.actor.id, patronId: session.subject.id };
		const { result } = await once(form.get('__submission'), 'accommodation.requester_message', () =>
			accommodation.replyAsRequester({ acting, reference }, parsed.data.message)
		);
		if (!result.ok && result.reason === 'not_found') notFound();
		if (!result.ok) return fail(409, { values: echoValues(form), errors: { message: 'accommodation:message.errors.closed' }, order: ['message'] });
		redirect(303, `/accommodation/requests/${reference}?sent=1`);
	}
};
