import { redirect } from '@sveltejs/kit';
import { requireSelf } from '$lib/server/auth/guards';
import * as proxies from '$lib/server/proxies/proxies.service';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import { INVITE_FIELDS, INVITE_REFUSALS, inviteSchema } from '$lib/server/proxies/proxies.forms';
import { PROXY_SCOPES } from '$lib/proxy-scopes';
import { rememberInvite } from './invite-cookie.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireSelf(event);
	return { submission: newSubmissionToken(), scopes: PROXY_SCOPES, validDays: proxies.INVITATION_VALID_DAYS };
};

export const actions: Actions = {
	/**
	 * Invites someone to act for the patron. By card number the answer never says whether the card exists;
	 * by code the code is shown once on the next page. A double submit makes one invitation (`once`).
	 */
	default: async (event) => {
		const session = await requireSelf(event);
		const form = await event.request.formData();
		const parsed = parseForm(inviteSchema, form, ['scopes']);
		if (!parsed.ok) return formFailure(form, parsed.errors, INVITE_FIELDS);
		const { method, cardNumber, scopes, endsOn } = parsed.data;
		const patron = { id: session.subject.id, cardNumber: session.subject.cardNumber };

		// The code is kept out of `once`'s stored result: only its hash may be stored.
		let code: string | null = null;
		const { result } = await once(form.get('__submission'), 'proxies.invite', async () => {
			const outcome = await proxies.invite(patron, method === 'card' ? { method, cardNumber, scopes, endsOn } : { method, scopes, endsOn });
			if (outcome.ok && outcome.method === 'code') {
				code = outcome.code;
				return { ok: true as const, method: 'code' as const, expiresAt: outcome.expiresAt.toISOString() };
			}
			return outcome.ok ? { ok: true as const, method: 'card' as const, cardNumber: outcome.cardNumber, expiresAt: outcome.expiresAt.toISOString() } : outcome;
		});
		if (!result.ok) {
			const refusal = INVITE_REFUSALS[result.reason];
			return formFailure(form, { [refusal.field]: refusal.key }, INVITE_FIELDS);
		}
		const secure = event.url.protocol === 'https:' || event.url.hostname !== 'localhost';
		rememberInvite(
			event.cookies,
			result.method === 'code' ? { method: 'code', code, expiresAt: result.expiresAt } : { method: 'card', cardNumber: result.cardNumber, expiresAt: result.expiresAt },
			secure
		);
		redirect(303, '/account/proxies/invite/done');
	}
};
