import { json } from '@sveltejs/kit';
import * as sessionService from '$lib/server/auth/session.service';
import { setSessionCookie } from '$lib/server/http/cookies';
import type { SessionStatus } from '$lib/layout/session-timeout';
import type { RequestHandler } from './$types';

/**
 * "Stay signed in" in the timeout warning (SessionTimeout.svelte): extends the session and its cookie
 * by the full lifetime, and says how long it now has. Signed out already (the session ended first):
 * 401, and the warning says the person has been signed out.
 *
 * Same origin only. SvelteKit's own CSRF check covers form posts, and this fetch sends no form body, so
 * the Origin header is checked here (browsers send it with every POST). The SameSite=Lax session cookie
 * is not sent with a cross-site POST either; this is the second lock.
 */
export const POST: RequestHandler = async ({ locals, request, url, cookies }) => {
	if (request.headers.get('origin') !== url.origin) return json({ message: 'Cross-site requests are forbidden' }, { status: 403 });
	const token = cookies.get(sessionService.SESSION_COOKIE);
	if (!locals.session || !token) return json({ signedIn: false } satisfies SessionStatus, { status: 401 });
	const session = await sessionService.extend(locals.session);
	setSessionCookie(cookies, token, session.expiresAt, url);
	return json({ signedIn: true, remainingMs: sessionService.timeLeft(session) } satisfies SessionStatus);
};
