import { error, fail, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as readingServices from '$lib/server/reading-services/reading-services.service';
import { OPEN_STATUSES } from '$lib/reading-services';
import { actingOf, idOr404, requireReadingScope } from '../../reading-services.server';
import type { Actions, PageServerLoad } from './$types';

async function withdrawable(patronId: number, id: number) {
	const own = await readingServices.ownApplication(patronId, id);
	if (own && OPEN_STATUSES.includes(own.status)) return { kind: 'application' as const, reference: own.reference, types: [] };
	if (own?.status === 'approved') return { kind: 'registration' as const, reference: own.reference, types: own.grantedTypes };
	return null;
}

/** Confirms withdrawing an application, or ending the registration in force, before doing it. */
export const load: PageServerLoad = async (event) => {
	const session = await requireReadingScope(event);
	const id = idOr404(event.params.id);
	const target = await withdrawable(session.subject.id, id);
	// Another patron's, a decided one or none: the same answer, so nothing about others leaks.
	if (!target) error(404, { message: 'not found', key: 'errors:notFound' });
	return { ...target, submission: newSubmissionToken() };
};

export const actions: Actions = {
	default: async (event) => {
		const session = await requireScope(event, 'reading_services');
		const id = idOr404(event.params.id);
		const form = await event.request.formData();
		const { result } = await once(form.get('__submission'), 'reading_services.withdraw', () => readingServices.withdraw(actingOf(session), id));
		if (result.ok) redirect(303, '/reading-services?done=withdrawn');
		if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
		// Decided or withdrawn meanwhile (another tab, the library): say so rather than fail.
		return fail(409, { conflict: true });
	}
};
