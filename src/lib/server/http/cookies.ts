import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/session.service';

export const LOCALE_COOKIE = 'lang';
const ONE_YEAR = 60 * 60 * 24 * 365;

/** A long-lived cookie for a setting the person chose (language, display): not personal data. */
export function setPreferenceCookie(cookies: Cookies, name: string, value: string): void {
	cookies.set(name, value, { path: '/', maxAge: ONE_YEAR, httpOnly: true, sameSite: 'lax' });
}

/**
 * The session cookie, set at sign-in and again whenever the session is extended, so it lasts as long as
 * the session does: the privacy notice promises "N hours after your last action", not after signing in.
 */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, url: URL): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// SvelteKit sets Secure except on http://localhost, so local trials still work.
		secure: url.protocol === 'https:' || url.hostname !== 'localhost',
		expires: expiresAt
	});
}
