import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '$lib/server/db/schema';
import { scopeAllows, sortScopes, type ProxyScope } from '$lib/proxy-scopes';
import { translate } from '$lib/i18n';
import * as proxies from '$lib/server/proxies/proxies.service';
import { actForSelf, isActingFor, type SessionContext } from './session.service';

type GuardEvent = Pick<RequestEvent, 'locals' | 'url'> & Partial<Pick<RequestEvent, 'request'>>;

/** The signed-in session, or a redirect to sign-in that comes back here afterwards. */
export function requireSession(event: GuardEvent): SessionContext {
	const session = event.locals.session;
	if (!session) redirect(303, `/sign-in?return=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return session;
}

/**
 * A signed-in patron acting for themselves. A proxy acting for someone is refused here (403): pages a
 * proxy may use call `requireScope` instead, so a new page is closed to proxies until it says otherwise.
 */
export function requirePatron(event: GuardEvent): SessionContext {
	const session = requireSession(event);
	if (session.subject.role !== 'patron') error(403, { message: 'forbidden', key: 'errors:patronOnly' });
	if (isActingFor(session)) {
		// The root layout returns a proxy whose grant ended to themselves on this same request.
		error(403, { message: 'forbidden', key: session.proxy ? 'proxies:errors.selfOnly' : 'proxies:errors.ended' });
	}
	return session;
}

/**
 * A patron acting for themselves, for what only the patron may do (choosing their own proxies). Like
 * `requirePatron`, and a proxy whose grant has ended is returned to themselves with an explanation.
 */
export async function requireSelf(event: GuardEvent): Promise<SessionContext> {
	const session = requireSession(event);
	if (isActingFor(session) && !session.proxy) await returnToSelf(session);
	return requirePatron(event);
}

/**
 * The patron themself, or a proxy whose grant is in force today and includes `scope`; checked on every
 * request, so a grant ended in another tab counts at once. A proxy whose grant has ended is returned to
 * acting for themselves and sent to the proxy page, which explains why. Out of scope: 403 with what the
 * proxy may do and how to ask for more. A form posted for another subject than the session's (a stale
 * tab, or a forged `__subject`) is refused with 409 before anything is done.
 */
export async function requireScope(event: GuardEvent, scope: ProxyScope): Promise<SessionContext> {
	const session = requireSession(event);
	if (session.subject.role !== 'patron') error(403, { message: 'forbidden', key: 'errors:patronOnly' });
	if (isActingFor(session) && !session.proxy) await returnToSelf(session);
	await refuseStaleSubject(event, session);
	if (!isActingFor(session) || scopeAllows(session.proxy!.scopes, scope)) return session;

	await proxies.recordRefusal(session.actor.id, session.subject.id, scope);
	const locale = event.locals.locale;
	const list = sortScopes(session.proxy!.scopes).map((s) => translate(locale, `proxies:scopes.${s}.label`));
	error(403, {
		message: 'forbidden',
		key: 'proxies:errors.outOfScope',
		values: {
			name: session.subject.name,
			needed: translate(locale, `proxies:scopes.${scope}.label`),
			allowed: list.join(translate(locale, 'proxies:listSeparator'))
		}
	});
}

async function returnToSelf(session: SessionContext): Promise<never> {
	await actForSelf(session, 'grant_ended');
	redirect(303, '/proxy?done=ended');
}

/**
 * Forms rendered while acting for someone carry `__subject` (SubjectField). If the session has since
 * switched (another tab, the grant ended) the form is refused rather than done for the wrong person.
 */
async function refuseStaleSubject(event: GuardEvent, session: SessionContext): Promise<void> {
	const request = event.request;
	// A clone: the action reads the body afterwards. A body already read (the load that runs after an
	// action, on the same request) is skipped: the action before it was checked.
	if (request?.method !== 'POST' || request.bodyUsed) return;
	let form: FormData | null = null;
	try {
		form = await request.clone().formData();
	} catch {
		form = null;
	}
	const claimed = form?.get('__subject');
	if (typeof claimed === 'string' && claimed !== '' && claimed !== String(session.subject.id)) {
		error(409, { message: 'conflict', key: 'proxies:errors.subjectChanged' });
	}
}

/** Registered staff in one of the given roles (N system rules art. 5); administrators may do everything. */
export function requireStaff(event: GuardEvent, roles: Role[]): SessionContext {
	const session = requireSession(event);
	const role = session.actor.role;
	if (role === 'patron' || (role !== 'admin' && !roles.includes(role))) {
		error(403, { message: 'forbidden', key: 'errors:staffOnly' });
	}
	return session;
}
