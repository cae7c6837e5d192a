import type { Cookies } from '@sveltejs/kit';

export const LOCALE_COOKIE = 'lang';
const ONE_YEAR = 60 * 60 * 24 * 365;

/** A long-lived cookie for a setting the person chose (language, display): not personal data. */
export function setPreferenceCookie(cookies: Cookies, name: string, value: string): void {
	cookies.set(name, value, { path: '/', maxAge: ONE_YEAR, httpOnly: true, sameSite: 'lax' });
}
