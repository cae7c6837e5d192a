import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { startDatabase } from '$lib/server/db';
import { seedDemoDataIfEmpty } from '$lib/server/demo/seed';
import { cityConfig } from '$lib/server/config/load-city-config';
import { htmlLang, negotiateLocale, translate } from '$lib/i18n';
import { parsePreferences, PREFERENCES_COOKIE } from '$lib/preferences';
import { LOCALE_COOKIE, setSessionCookie } from '$lib/server/http/cookies';
import { STATUS_PATH } from '$lib/layout/session-timeout';
import * as sessionService from '$lib/server/auth/session.service';
import { log } from '$lib/server/log';
import { startScheduler } from '$lib/server/jobs/scheduler';
import { checkKeyMatchesDatabase } from '$lib/server/reading-services/reading-services.service';

/** Runs once before the first request: a bad city configuration or database stops start-up here. */
export const init: ServerInit = async () => {
	cityConfig();
	await startDatabase();
	// A server started with another sensitive-data key than the data was sealed with stops here, saying so.
	await checkKeyMatchesDatabase();
	if (process.env.SEED_DEMO !== 'false') await seedDemoDataIfEmpty();
	startScheduler();
};

/** Pages that hold nobody's personal data and may be cached by the browser and the service worker. */
const PUBLIC_PATHS = [/^\/$/, /^\/search$/, /^\/items\/\d+$/, /^\/help$/, /^\/accessibility$/, /^\/privacy$/, /^\/about$/];

export const handle: Handle = async ({ event, resolve }) => {
	const { cookies, request, url } = event;
	event.locals.locale = negotiateLocale(cookies.get(LOCALE_COOKIE), request.headers.get('accept-language'));
	event.locals.preferences = parsePreferences(cookies.get(PREFERENCES_COOKIE));
	const token = cookies.get(sessionService.SESSION_COOKIE);
	// Every request is activity that keeps the session alive, except the timeout warning asking how long is
	// left: if asking counted, the session could never time out while a signed-in page stayed open.
	event.locals.session = await sessionService.resume(token, { slide: url.pathname !== STATUS_PATH });
	if (event.locals.session?.renewed && token) setSessionCookie(cookies, token, event.locals.session.expiresAt, url);
	if (!event.locals.session && token) {
		cookies.delete(sessionService.SESSION_COOKIE, { path: '/' });
	}

	const { locale, preferences } = event.locals;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%portal.lang%', htmlLang(locale))
				.replace('%portal.textSize%', preferences.textSize)
				.replace('%portal.theme%', preferences.theme)
				.replace('%portal.motion%', preferences.motion)
				.replace('%portal.furigana%', preferences.furigana)
	});

	// Personal pages must never be stored where another user of the device could see them. JSON answers
	// count as pages here: the session endpoints (/session/*) speak about the person signed in.
	const isPublic = !event.locals.session && PUBLIC_PATHS.some((p) => p.test(url.pathname));
	const contentType = response.headers.get('content-type') ?? '';
	const isPage = event.isDataRequest || contentType.includes('text/html') || contentType.includes('application/json');
	if (!response.headers.has('cache-control') && isPage) {
		response.headers.set('cache-control', isPublic ? 'no-cache' : 'private, no-store');
		if (!isPublic) response.headers.set('x-robots-tag', 'noindex');
	}
	if (url.pathname === '/sign-out' && event.request.method === 'POST') response.headers.set('clear-site-data', '"cache"');
	response.headers.set('vary', 'Cookie, Accept-Language');
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};

/** Logs the error without request data (it may hold personal details) and shows a translated message. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) log.error('unhandled error', { path: event.route.id, status, error });
	return { message: translate(event.locals.locale ?? 'ja', 'errors:unexpected'), key: 'errors:unexpected' };
};
