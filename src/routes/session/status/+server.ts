import { json } from '@sveltejs/kit';
import { timeLeft } from '$lib/server/auth/session.service';
import type { SessionStatus } from '$lib/layout/session-timeout';
import type { RequestHandler } from './$types';

/**
 * How long the session has left, without extending it (hooks.server.ts does not count this request as
 * activity). The timeout warning asks before it says the session has ended, because another tab may
 * have kept it alive. Reveals nothing but whether the asker's own cookie is still signed in.
 */
export const GET: RequestHandler = ({ locals }) =>
	json((locals.session ? { signedIn: true, remainingMs: timeLeft(locals.session) } : { signedIn: false }) satisfies SessionStatus);
