import { fail, redirect } from '@sveltejs/kit';
import * as sessionService from '$lib/server/auth/session.service';
import * as proxies from '$lib/server/proxies/proxies.service';
import { ACCEPT_REFUSAL_KEYS, parseId } from '$lib/server/proxies/proxies.forms';
import { toGrantView } from '$lib/server/proxies/proxies.views';
import { requireProxyActor } from './proxy-guard.server';
import type { Actions, PageServerLoad } from './$types';

/** Outcomes the actions redirect here with, each confirmed by a focused banner. */
const DONE = ['acting', 'stopped', 'ended', 'accepted', 'declined', 'withdrawn'] as const;
type Done = (typeof DONE)[number];

export const load: PageServerLoad = async (event) => {
	const { session, actor } = requireProxyActor(event);
	// The layout returns a proxy whose grant ended to themselves on this same request; say so here too.
	const acting = sessionService.isActingFor(session) && session.proxy ? session : null;
	const [grants, invitations] = await Promise.all([proxies.grantsAsProxy(actor.id), proxies.invitationsFor(actor)]);
	const views = grants.map((grant) => toGrantView(grant, 'proxy'));
	const doneParam = event.url.searchParams.get('done');
	return {
		acting: acting && { patronId: acting.subject.id, name: acting.subject.name, scopes: acting.proxy!.scopes, endsOn: acting.proxy!.endsOn },
		people: views.filter((grant) => grant.state === 'active'),
		past: views.filter((grant) => grant.state !== 'active'),
		invitations: invitations.map((grant) => toGrantView(grant, 'proxy')),
		done: (DONE as readonly string[]).includes(doneParam ?? '') ? (doneParam as Done) : null
	};
};

/** A refusal shown in the error summary, linked to the list the form was in. */
function refused(listId: string, key: string) {
	return fail(400, { values: {}, errors: { [listId]: key }, order: [listId] });
}

export const actions: Actions = {
	/** Starts acting for someone who granted this person authority (checked again on every request). */
	actFor: async (event) => {
		const { session, actor } = requireProxyActor(event);
		const form = await event.request.formData();
		const patronId = parseId(form.get('patronId'));
		const started = patronId === null ? null : await proxies.startActing(actor.id, patronId);
		if (!started?.ok) return refused('people', 'proxies:errors.notAllowed');
		await sessionService.actFor(session, patronId!);
		redirect(303, '/proxy?done=acting');
	},

	/** Back to acting for oneself: the one step offered on every page while acting for someone. */
	stop: async (event) => {
		const { session } = requireProxyActor(event);
		await sessionService.actForSelf(session, 'chosen');
		redirect(303, '/proxy?done=stopped');
	},

	accept: async (event) => {
		const { actor } = requireProxyActor(event);
		const form = await event.request.formData();
		const grantId = parseId(form.get('grantId'));
		const result = grantId === null ? ({ ok: false, reason: 'not_found' } as const) : await proxies.acceptInvitation(actor, grantId);
		if (!result.ok) return refused('invitations', result.reason === 'not_found' ? 'proxies:errors.invitationNotFound' : ACCEPT_REFUSAL_KEYS[result.reason]);
		redirect(303, '/proxy?done=accepted');
	},

	decline: async (event) => {
		const { actor } = requireProxyActor(event);
		const form = await event.request.formData();
		const grantId = parseId(form.get('grantId'));
		const result = grantId === null ? ({ ok: false, reason: 'not_found' } as const) : await proxies.decline(actor, grantId);
		if (!result.ok) return refused('invitations', result.reason === 'already_ended' ? 'proxies:errors.invitationWithdrawn' : 'proxies:errors.invitationNotFound');
		redirect(303, '/proxy?done=declined');
	}
};
