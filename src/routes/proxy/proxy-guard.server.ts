import { error } from '@sveltejs/kit';
import { requireSession } from '$lib/server/auth/guards';
import type { SessionContext } from '$lib/server/auth/session.service';
import type { Actor } from '$lib/server/proxies/proxies.service';

type Event = Parameters<typeof requireSession>[0];

/**
 * The proxy pages are about the signed-in person (the actor), whoever they act for at the moment: their
 * invitations, the people they may act for, switching. Only patrons can be proxies.
 */
export function requireProxyActor(event: Event): { session: SessionContext; actor: Actor } {
	const session = requireSession(event);
	if (session.actor.role !== 'patron') error(403, { message: 'forbidden', key: 'errors:patronOnly' });
	return { session, actor: { id: session.actor.id, cardNumber: session.actor.cardNumber } };
}
