import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { LOCALE_COOKIE, setPreferenceCookie } from '$lib/server/http/cookies';
import { safeReturnPath } from '$lib/server/http/return-path';
import type { RequestHandler } from './$types';

/** Remembers the chosen language and returns to the page the person was on. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
	if (isLocale(params.locale)) setPreferenceCookie(cookies, LOCALE_COOKIE, params.locale);
	redirect(303, safeReturnPath(url.searchParams.get('return')));
};
