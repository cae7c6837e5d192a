import type { Cookies } from '@sveltejs/kit';

/**
 * The outcome of an invitation, for the page after the redirect. A one-time code is shown exactly there
 * and stored nowhere on the server (only its hash), so it travels in a short-lived, HttpOnly cookie
 * limited to that page, never in the URL (history, logs).
 */
export const INVITE_COOKIE = 'proxy_invite';
const PATH = '/account/proxies/invite/done';

export type InviteOutcome =
	| { method: 'card'; cardNumber: string; expiresAt: string }
	| { method: 'code'; code: string | null; expiresAt: string };

export function rememberInvite(cookies: Cookies, outcome: InviteOutcome, secure: boolean): void {
	cookies.set(INVITE_COOKIE, JSON.stringify(outcome), { path: PATH, httpOnly: true, sameSite: 'strict', secure, maxAge: 15 * 60 });
}

export function readInvite(cookies: Cookies): InviteOutcome | null {
	try {
		const value = JSON.parse(cookies.get(INVITE_COOKIE) ?? 'null');
		if (value?.method === 'card' && typeof value.cardNumber === 'string' && typeof value.expiresAt === 'string') return value;
		if (value?.method === 'code' && typeof value.expiresAt === 'string') return { method: 'code', code: typeof value.code === 'string' ? value.code : null, expiresAt: value.expiresAt };
	} catch {
		// A tampered cookie is no outcome.
	}
	return null;
}
