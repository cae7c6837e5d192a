import { createHash, randomBytes } from 'node:crypto';
import * as sessions from './sessions.repository';
import * as accounts from '$lib/server/accounts/accounts.repository';
import type { AccountSummary } from '$lib/server/accounts/accounts.repository';
import * as proxies from '$lib/server/proxies/proxies.service';
import type { ProxyAuthority } from '$lib/server/proxies/proxies.service';

export const SESSION_COOKIE = 'session';
/** Sessions slide: each request within this time keeps the patron signed in. */
export const SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * Who is signed in (actor) and whose account they are acting on (subject). For a patron
 * acting for themselves the two are the same; a proxy acting for someone has a different subject.
 */
export interface SessionContext {
	idHash: string;
	actor: AccountSummary;
	subject: AccountSummary;
	/** When the session ends unless there is activity before then: the stored time, which the cookie follows. */
	expiresAt: Date;
	/** Whether this request moved `expiresAt` on: the cookie's expiry must then move with it (hooks.server.ts). */
	renewed: boolean;
	/**
	 * While a proxy acts for someone (actor ≠ subject): the grant that allows it, read afresh on every
	 * request, so a grant ended in another tab or by the patron counts at once. Null when acting for
	 * oneself, and null too when the grant has ended: the guards then return the proxy to themselves.
	 */
	proxy: ProxyAuthority | null;
}

/** Whether the session acts for someone other than the signed-in person. */
export function isActingFor(session: SessionContext): boolean {
	return session.actor.id !== session.subject.id;
}

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

/** Starts a session for an account; returns the cookie token (only its hash is stored). */
export async function start(accountId: number): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
	await sessions.insert({ idHash: hashToken(token), actorId: accountId, subjectId: accountId, expiresAt });
	return { token, expiresAt };
}

/**
 * Resolves a cookie token to the session; null if unknown, expired or the account is gone. The request
 * counts as activity and moves the expiry on (`slide`), except where a request only asks how long is
 * left: the timeout warning's question must not itself keep the session alive.
 */
export async function resume(token: string | undefined, { slide = true } = {}): Promise<SessionContext | null> {
	if (!token) return null;
	const idHash = hashToken(token);
	const row = await sessions.find(idHash);
	if (!row) return null;
	const actingFor = row.subject_id !== row.actor_id;
	const [actor, subject, proxy] = await Promise.all([
		accounts.findSummary(row.actor_id),
		actingFor ? accounts.findSummary(row.subject_id) : null,
		actingFor ? proxies.authorityFor(row.actor_id, row.subject_id) : null
	]);
	if (!actor || actor.status === 'deregistered') return null;
	let expiresAt = new Date(row.expires_at);
	const extended = new Date(Date.now() + SESSION_LIFETIME_MS);
	// Extend at most once a minute, so a page full of requests does not write on each one. Until then the
	// stored time stands: it is what the timeout warning counts down to.
	const renewed = slide && expiresAt.getTime() < extended.getTime() - 60_000;
	if (renewed) {
		await sessions.extend(idHash, extended);
		expiresAt = extended;
	}
	return { idHash, actor, subject: subject ?? actor, expiresAt, renewed, proxy };
}

/** Extends the session now, whatever the once-a-minute limit: the person asked to stay signed in. */
export async function extend(session: SessionContext): Promise<SessionContext> {
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
	await sessions.extend(session.idHash, expiresAt);
	return { ...session, expiresAt, renewed: true };
}

/** How long the session has left, in milliseconds, as the server's clock counts it. */
export function timeLeft(session: SessionContext, now: Date = new Date()): number {
	return Math.max(0, session.expiresAt.getTime() - now.getTime());
}

/** Ends a session (sign-out). */
export async function end(session: SessionContext): Promise<void> {
	await sessions.remove(session.idHash);
}

/** Changes whose account the session acts on (the proxy guards check the grant before and on every request after). */
export async function actFor(session: SessionContext, subjectId: number): Promise<void> {
	await sessions.setSubject(session.idHash, subjectId);
}

/**
 * Back to acting for oneself: chosen by the proxy, or because the grant ended (`grant_ended`). Recorded
 * once even when two requests notice the end together. Returns the session as it now is.
 */
export async function actForSelf(session: SessionContext, why: 'chosen' | 'grant_ended'): Promise<SessionContext> {
	if (!isActingFor(session)) return session;
	if (await sessions.replaceSubject(session.idHash, session.subject.id, session.actor.id)) {
		await proxies.recordStopActing(session.actor.id, session.subject.id, why);
	}
	return { ...session, subject: session.actor, proxy: null };
}
