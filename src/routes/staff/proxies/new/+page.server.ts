import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import * as proxies from '$lib/server/proxies/proxies.service';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import { ESTABLISH_FIELDS, ESTABLISH_REFUSALS, establishSchema } from '$lib/server/proxies/proxies.forms';
import { today } from '$lib/server/time/calendar';
import { PROXY_SCOPES } from '$lib/proxy-scopes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event, ['librarian']);
	const patron = event.url.searchParams.get('patron') ?? '';
	return {
		submission: newSubmissionToken(),
		scopes: PROXY_SCOPES,
		relationships: proxies.RELATIONSHIPS,
		evidence: proxies.EVIDENCE,
		// Today, written as people write it, so the usual case needs no typing.
		today: today().replaceAll('-', '/'),
		patronCardNumber: /^\d{10}$/.test(patron) ? patron : ''
	};
};

export const actions: Actions = {
	/** A librarian records a proxy established at the counter; the librarian is the one signed in. */
	default: async (event) => {
		const session = requireStaff(event, ['librarian']);
		const form = await event.request.formData();
		const parsed = parseForm(establishSchema, form, ['scopes', 'evidence']);
		if (!parsed.ok) return formFailure(form, parsed.errors, ESTABLISH_FIELDS);
		const { result } = await once(form.get('__submission'), 'proxies.establish', () => proxies.establishByStaff(session.actor.id, parsed.data));
		if (!result.ok) {
			const refusal = ESTABLISH_REFUSALS[result.reason];
			return formFailure(form, { [refusal.field]: refusal.key }, ESTABLISH_FIELDS);
		}
		redirect(303, `/staff/proxies/patrons/${result.patronId}?done=recorded`);
	}
};
