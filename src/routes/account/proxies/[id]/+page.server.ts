import { error, fail, redirect } from '@sveltejs/kit';
import { requireSelf } from '$lib/server/auth/guards';
import * as proxies from '$lib/server/proxies/proxies.service';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { parseId, SCOPES_FIELDS, scopesSchema } from '$lib/server/proxies/proxies.forms';
import { toGrantView, toLogEntries } from '$lib/server/proxies/proxies.views';
import { PROXY_SCOPES } from '$lib/proxy-scopes';
import type { Actions, PageServerLoad } from './$types';

/** One of the patron's own grants; another patron's, or a malformed id, is "not found" (no leak). */
async function ownGrant(patronId: number, idParam: string) {
	const id = parseId(idParam);
	const grant = id === null ? undefined : await proxies.findGrant(id);
	if (!grant || grant.patron_id !== patronId) error(404, { message: 'not found', key: 'errors:notFound' });
	return grant;
}

export const load: PageServerLoad = async (event) => {
	const session = await requireSelf(event);
	const grant = await ownGrant(session.subject.id, event.params.id);
	const log = await proxies.activityOf(grant);
	return {
		grant: toGrantView(grant, 'patron'),
		log: toLogEntries(log, 'patron'),
		scopes: PROXY_SCOPES,
		saved: event.url.searchParams.get('done') === 'scopes'
	};
};

export const actions: Actions = {
	/** The patron changes what the proxy may do; it counts from the proxy's next page. */
	scopes: async (event) => {
		const session = await requireSelf(event);
		const grant = await ownGrant(session.subject.id, event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(scopesSchema, form, ['scopes']);
		if (!parsed.ok) return formFailure(form, parsed.errors, SCOPES_FIELDS);
		const result = await proxies.changeScopes({ id: session.subject.id, cardNumber: session.subject.cardNumber }, grant.id, parsed.data.scopes);
		if (!result.ok) return formFailure(form, { scopes: 'proxies:errors.alreadyEnded' }, SCOPES_FIELDS);
		redirect(303, `/account/proxies/${grant.id}?done=scopes`);
	},

	/** The patron ends the grant, or cancels an invitation nobody has accepted. */
	end: async (event) => {
		const session = await requireSelf(event);
		const grant = await ownGrant(session.subject.id, event.params.id);
		const result = await proxies.revoke({ id: session.subject.id, cardNumber: session.subject.cardNumber }, grant.id);
		if (!result.ok) return fail(400, { values: {}, errors: { end: 'proxies:errors.alreadyEnded' }, order: ['end'] });
		redirect(303, `/account/proxies?done=${result.reason === 'cancelled' ? 'cancelled' : 'revoked'}`);
	}
};
