import { error, fail, redirect } from '@sveltejs/kit';
import * as sessionService from '$lib/server/auth/session.service';
import * as proxies from '$lib/server/proxies/proxies.service';
import { parseId } from '$lib/server/proxies/proxies.forms';
import { toGrantView } from '$lib/server/proxies/proxies.views';
import { requireProxyActor } from '../../proxy-guard.server';
import type { Actions, PageServerLoad } from './$types';

/** A grant under which this person acts for someone; anyone else's (or a malformed id) is "not found". */
async function ownGrant(proxyId: number, idParam: string) {
	const id = parseId(idParam);
	const grant = id === null ? undefined : await proxies.findGrant(id);
	if (!grant || grant.proxy_id !== proxyId || grant.status === 'invited') error(404, { message: 'not found', key: 'errors:notFound' });
	return grant;
}

export const load: PageServerLoad = async (event) => {
	const { actor } = requireProxyActor(event);
	const grant = await ownGrant(actor.id, event.params.id);
	return { grant: toGrantView(grant, 'proxy') };
};

export const actions: Actions = {
	/** The proxy stops being a proxy; if they were acting for this patron, they are back to themselves. */
	withdraw: async (event) => {
		const { session, actor } = requireProxyActor(event);
		const grant = await ownGrant(actor.id, event.params.id);
		const result = await proxies.withdraw(actor, grant.id);
		if (!result.ok) return fail(400, { values: {}, errors: { withdraw: 'proxies:errors.alreadyEnded' }, order: ['withdraw'] });
		if (session.subject.id === grant.patron_id) await sessionService.actForSelf(session, 'chosen');
		redirect(303, '/proxy?done=withdrawn');
	}
};
