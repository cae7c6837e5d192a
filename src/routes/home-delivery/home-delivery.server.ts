import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import type { SessionContext } from '$lib/server/auth/session.service';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import type { Acting, RequestView } from '$lib/server/home-delivery/home-delivery.service';

/**
 * The guard of every home delivery page: the patron, or a proxy whose grant includes `home_delivery`.
 * Loads pass no request on purpose: after a form action without JavaScript the load runs on the
 * already-read request, which the stale-form check cannot clone (the action checks it).
 */
export function requireDeliveryScope(event: Pick<RequestEvent, 'locals' | 'url'>): Promise<SessionContext> {
	return requireScope({ locals: event.locals, url: event.url }, 'home_delivery');
}

/** Who acts and for whom. */
export function actingOf(session: SessionContext): Acting {
	return { actorId: session.actor.id, patronId: session.subject.id };
}

/**
 * The pages that make a request are for patrons with a type (2) registration in force; anyone else is
 * sent to the list, which explains who may ask and links to the registration.
 */
export async function requireEligible(session: SessionContext): Promise<void> {
	if (!(await delivery.isEligible(session.subject.id))) redirect(303, '/home-delivery');
}

/** An id from the URL, or 404 (another patron's request gets the same answer as none). */
export function idOr404(param: string): number {
	const id = /^\d{1,9}$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id) || id <= 0) error(404, { message: 'not found', key: 'errors:notFound' });
	return id;
}

/** A request as plain data for a page (dates as ISO strings). */
export function toPage(view: RequestView) {
	return {
		id: view.id,
		reference: view.reference,
		status: view.status,
		method: view.method,
		libraryId: view.libraryId,
		postalCode: view.postalCode,
		address: view.address,
		preferredOn: view.preferredOn,
		alternativeOn: view.alternativeOn,
		timeOfDay: view.timeOfDay,
		returnMethod: view.returnMethod,
		trackingNumber: view.trackingNumber,
		returnDueOn: view.returnDueOn,
		requestedAt: view.requestedAt.toISOString(),
		packed: view.packed,
		cancellable: view.cancellable,
		items: view.items,
		history: view.history.map((entry) => ({ ...entry, at: entry.at.toISOString() }))
	};
}
