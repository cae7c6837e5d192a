import { error, fail, redirect } from '@sveltejs/kit';
import { formFailure, parseForm } from '$lib/server/forms/form';
import * as readingServices from '$lib/server/reading-services/reading-services.service';
import type { DecisionResult } from '$lib/server/reading-services/reading-services.service';
import { approveSchema, askSchema, declineSchema, endSchema } from '$lib/server/reading-services/application.forms';
import { idOr404 } from '../../../reading-services/reading-services.server';
import { requireReadingServicesStaff } from '../staff-guard.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * One application for review. Opening it is the logged step: `openForStaff` writes who, when and why to
 * the access log before the answers are read, and the patron sees the entry on their status page.
 * The answers and messages are revealed here, for this librarian, on a page that is never cached.
 */
export const load: PageServerLoad = async (event) => {
	const session = requireReadingServicesStaff(event);
	const id = idOr404(event.params.id);
	const view = await readingServices.openForStaff({ id: session.actor.id, role: session.actor.role }, id);
	if (!view) error(404, { message: 'not found', key: 'errors:notFound' });
	return {
		application: {
			id: view.id,
			reference: view.reference,
			status: view.status,
			patronName: view.patronName,
			patronCardNumber: view.patronCardNumber,
			submittedAt: view.submittedAt.toISOString(),
			decidedAt: view.decidedAt?.toISOString() ?? null,
			expiresOn: view.expiresOn,
			lastUsedOn: view.lastUsedOn,
			erased: view.erased,
			grantedTypes: view.grantedTypes,
			requestedTypes: view.requestedTypes,
			history: view.history.map((entry) => ({
				at: entry.at.toISOString(),
				kind: entry.kind,
				actorName: entry.actorName,
				actedBySelf: entry.actedBySelf,
				body: entry.body?.reveal() ?? null,
				detail: entry.detail as { types?: number[]; expiresOn?: string; by?: string }
			}))
		},
		answers: view.answers?.reveal() ?? null,
		defaults: { expiresOn: readingServices.defaultExpiry().replaceAll('-', '/') }
	};
};

/** A decision refused because the application changed meanwhile (a colleague decided, the patron withdrew). */
function outcome(result: DecisionResult, done: string) {
	if (result.ok) redirect(303, `/staff/reading-services?done=${done}`);
	if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
	return fail(409, { values: {}, errors: { status: 'reading:staff.errors.changed' }, order: ['status'] });
}

export const actions: Actions = {
	approve: async (event) => {
		const session = requireReadingServicesStaff(event);
		const id = idOr404(event.params.id);
		const requested = await readingServices.requestedTypesOf(id);
		if (!requested) error(404, { message: 'not found', key: 'errors:notFound' });
		const form = await event.request.formData();
		const parsed = parseForm(approveSchema(requested), form, ['grantTypes']);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['grantTypes', 'expiresOn']);
		return outcome(await readingServices.approve(session.actor.id, id, parsed.data.grantTypes, parsed.data.expiresOn), 'approved');
	},
	ask: async (event) => {
		const session = requireReadingServicesStaff(event);
		const id = idOr404(event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(askSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['question']);
		return outcome(await readingServices.askForInformation(session.actor.id, id, parsed.data.question), 'asked');
	},
	decline: async (event) => {
		const session = requireReadingServicesStaff(event);
		const id = idOr404(event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(declineSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['reason']);
		return outcome(await readingServices.decline(session.actor.id, id, parsed.data.reason), 'declined');
	},
	end: async (event) => {
		const session = requireReadingServicesStaff(event);
		const id = idOr404(event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(endSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['reason']);
		return outcome(await readingServices.endRegistration(session.actor.id, id, parsed.data.reason), 'ended');
	}
};
