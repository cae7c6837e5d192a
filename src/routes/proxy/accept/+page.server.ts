import { redirect } from '@sveltejs/kit';
import * as proxies from '$lib/server/proxies/proxies.service';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { ACCEPT_REFUSAL_KEYS, CODE_FIELDS, codeSchema } from '$lib/server/proxies/proxies.forms';
import { requireProxyActor } from '../proxy-guard.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireProxyActor(event);
	return { validDays: proxies.INVITATION_VALID_DAYS };
};

export const actions: Actions = {
	/** The invitee types the one-time code the patron gave them. Accepting twice only says it is done. */
	default: async (event) => {
		const { actor } = requireProxyActor(event);
		const form = await event.request.formData();
		const parsed = parseForm(codeSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, CODE_FIELDS);
		const result = await proxies.acceptCode(actor, parsed.data.code);
		if (!result.ok) return formFailure(form, { code: ACCEPT_REFUSAL_KEYS[result.reason] }, CODE_FIELDS);
		redirect(303, '/proxy?done=accepted');
	}
};
