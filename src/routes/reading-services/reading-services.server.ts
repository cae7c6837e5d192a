import { error, type RequestEvent } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import type { SessionContext } from '$lib/server/auth/session.service';
import type { Acting } from '$lib/server/reading-services/reading-services.service';
import type { ApplicationAnswers } from '$lib/reading-services';

/**
 * The guard of every reading-services page: the patron, or a proxy whose grant includes
 * `reading_services`. Loads pass no request on purpose: after a form action without JavaScript the load
 * runs on the already-read request, which the stale-form check cannot clone (the action checks it).
 */
export function requireReadingScope(event: Pick<RequestEvent, 'locals' | 'url'>): Promise<SessionContext> {
	return requireScope({ locals: event.locals, url: event.url }, 'reading_services');
}

/** Who acts and for whom. */
export function actingOf(session: SessionContext): Acting {
	return { actorId: session.actor.id, patronId: session.subject.id };
}

/** An id from the URL, or 404 (another patron's application gets the same answer as none). */
export function idOr404(param: string): number {
	const id = /^\d{1,9}$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id) || id <= 0) error(404, { message: 'not found', key: 'errors:notFound' });
	return id;
}

/** Answers as form values (strings), for prefilling a page and for the summary list. */
export function answersAsValues(answers: Partial<ApplicationAnswers>): Record<string, string | string[] | undefined> {
	const values: Record<string, string | string[] | undefined> = {};
	for (const [key, value] of Object.entries(answers)) {
		values[key] = Array.isArray(value) ? value.map(String) : value === undefined ? undefined : String(value);
	}
	return values;
}
