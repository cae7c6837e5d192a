import { error, fail, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import * as holds from '$lib/server/holds/holds.service';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import { actingOf, doneHref, holdIdOr404, ownHoldView, requireScopeForLoad } from '$lib/server/holds/hold-views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = await requireScopeForLoad(event, 'reservations');
	return {
		hold: await ownHoldView(session.subject.id, event.params.id, event.locals.locale),
		submission: newSubmissionToken()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const session = await requireScope(event, 'reservations');
		const id = holdIdOr404(event.params.id);
		const form = await event.request.formData();
		// A double click sends the token twice: the second post gets the first result, not "already cancelled".
		const { result } = await once(form.get('__submission'), 'holds.cancel', () => holds.cancel(actingOf(session), id));
		if (result.ok) redirect(303, doneHref('cancelled', id));
		if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
		// Already cancelled, collected or lapsed (another tab, the library, the nightly job): say which,
		// from the hold as it is now, rather than fail.
		return fail(409, { hold: await ownHoldView(session.subject.id, event.params.id, event.locals.locale) });
	}
};
