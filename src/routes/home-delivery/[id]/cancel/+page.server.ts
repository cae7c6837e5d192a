import { error, fail, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import { actingOf, idOr404, requireDeliveryScope } from '../../home-delivery.server';
import type { Actions, PageServerLoad } from './$types';

/** Asks before cancelling a request; one that has left the library already says it can no longer be cancelled. */
export const load: PageServerLoad = async (event) => {
	const session = await requireDeliveryScope(event);
	const view = await delivery.requestOf(actingOf(session), idOr404(event.params.id));
	if (!view) error(404, { message: 'not found', key: 'errors:notFound' });
	return { id: view.id, reference: view.reference, cancellable: view.cancellable, submission: newSubmissionToken() };
};

export const actions: Actions = {
	default: async (event) => {
		const session = await requireScope(event, 'home_delivery');
		const id = idOr404(event.params.id);
		const form = await event.request.formData();
		// A double click sends the token twice: the second post gets the first result, not "already cancelled".
		const { result } = await once(form.get('__submission'), 'home_delivery.cancel', () => delivery.cancel(actingOf(session), id));
		if (result.ok) redirect(303, '/home-delivery?done=cancelled');
		if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
		// Dispatched or cancelled meanwhile (the library, another tab): say so rather than fail.
		return fail(409, { conflict: true });
	}
};
