/**
 * The signed-in session's timeout warning (SessionTimeout.svelte), as GOV.UK's timeout-warning pattern
 * does it: a modal dialog a little before the session ends, which can extend it (WCAG 2.2.1: warned, with
 * at least 20 seconds to extend by a simple action), and a message once it has ended.
 *
 * Times are kept as "time left", never as a time of day from the server: a device whose clock is wrong
 * still counts down correctly. The browser turns the time left into a deadline on its own clock
 * (`Date.now()`) and compares against that, so timers slowed down in a background tab, or a laptop that
 * slept, cannot make the warning late: the next check sees the real time.
 */

/** The warning opens this long before the session ends. */
export const WARN_BEFORE_MS = 2 * 60_000;

/** How often the page looks at the clock (and again whenever the tab becomes visible). */
export const CHECK_EVERY_MS = 15_000;

/** The endpoints: POST extends the session (it counts as activity); GET only asks, and does not. */
export const EXTEND_PATH = '/session/extend';
export const STATUS_PATH = '/session/status';

/** What both endpoints answer. `remainingMs` is counted on the server's clock. */
export type SessionStatus = { signedIn: true; remainingMs: number } | { signedIn: false };

export type Phase = 'quiet' | 'warning' | 'ended';

/**
 * What the page should show with this much time left, by this device's clock. At zero or below it is
 * only probably over: the server is asked before the page says so (another tab may have kept it alive).
 */
export function phaseFor(remainingMs: number): Phase | 'ask' {
	if (remainingMs > WARN_BEFORE_MS) return 'quiet';
	return remainingMs > 0 ? 'warning' : 'ask';
}

/**
 * Whole minutes left, rounded up, as the warning says them ("in 2 minutes", then "in 1 minute"): the
 * text changes at most once a minute, so it is not a ticking clock read out again and again.
 */
export function minutesLeft(remainingMs: number): number {
	return Math.max(1, Math.ceil(remainingMs / 60_000));
}

/** Narrows an endpoint's JSON to a SessionStatus; anything else is null. */
export function parseStatus(body: unknown): SessionStatus | null {
	if (!body || typeof body !== 'object') return null;
	const { signedIn, remainingMs } = body as Record<string, unknown>;
	if (signedIn === false) return { signedIn: false };
	if (signedIn === true && typeof remainingMs === 'number' && Number.isFinite(remainingMs)) return { signedIn: true, remainingMs };
	return null;
}

/**
 * Asks the server. `extend` posts (the request itself moves the expiry on, in hooks.server.ts); otherwise
 * it only asks. Null when there is no usable answer (offline, a server error).
 */
export async function askServer(extend: boolean, fetcher: typeof fetch = fetch): Promise<SessionStatus | null> {
	try {
		const response = await fetcher(extend ? EXTEND_PATH : STATUS_PATH, {
			method: extend ? 'POST' : 'GET',
			headers: { accept: 'application/json' },
			credentials: 'same-origin',
			cache: 'no-store'
		});
		if (response.status === 401) return { signedIn: false };
		if (!response.ok) return null;
		return parseStatus(await response.json());
	} catch {
		return null;
	}
}
