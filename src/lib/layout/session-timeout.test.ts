import { describe, expect, it } from 'vitest';
import { EXTEND_PATH, STATUS_PATH, WARN_BEFORE_MS, askServer, minutesLeft, parseStatus, phaseFor } from './session-timeout';

describe('the timeout warning: when it shows', () => {
	it('stays quiet until two minutes are left, warns in the last two, and asks the server at zero', () => {
		expect(WARN_BEFORE_MS).toBe(120_000);
		expect(phaseFor(2 * 60 * 60_000)).toBe('quiet');
		expect(phaseFor(120_001)).toBe('quiet');
		expect(phaseFor(120_000)).toBe('warning');
		expect(phaseFor(1)).toBe('warning');
		expect(phaseFor(0)).toBe('ask');
		expect(phaseFor(-5 * 60_000)).toBe('ask');
	});

	it('says the minutes left rounded up, so the text changes at most once a minute and never says 0', () => {
		expect(minutesLeft(120_000)).toBe(2);
		expect(minutesLeft(60_001)).toBe(2);
		expect(minutesLeft(60_000)).toBe(1);
		expect(minutesLeft(1)).toBe(1);
		expect(minutesLeft(0)).toBe(1);
	});
});

describe('the timeout warning: talking to the server', () => {
	it('accepts only well-formed answers', () => {
		expect(parseStatus({ signedIn: true, remainingMs: 7_200_000 })).toEqual({ signedIn: true, remainingMs: 7_200_000 });
		expect(parseStatus({ signedIn: false })).toEqual({ signedIn: false });
		expect(parseStatus({ signedIn: true })).toBeNull();
		expect(parseStatus({ signedIn: true, remainingMs: Number.NaN })).toBeNull();
		expect(parseStatus('<!doctype html>')).toBeNull();
		expect(parseStatus(null)).toBeNull();
	});

	/** A fetch that records what was asked and answers with `response` (or throws it). */
	function fakeFetch(response: Response | Error) {
		const calls: { url: string; init: RequestInit | undefined }[] = [];
		const fetcher = (async (url: string, init?: RequestInit) => {
			calls.push({ url, init });
			if (response instanceof Error) throw response;
			return response;
		}) as typeof fetch;
		return { calls, fetcher };
	}

	it('extends with a POST and only asks with a GET, never from a cache', async () => {
		const post = fakeFetch(Response.json({ signedIn: true, remainingMs: 7_200_000 }));
		expect(await askServer(true, post.fetcher)).toEqual({ signedIn: true, remainingMs: 7_200_000 });
		expect(post.calls).toMatchObject([{ url: EXTEND_PATH, init: { method: 'POST', cache: 'no-store' } }]);

		const get = fakeFetch(Response.json({ signedIn: false }));
		expect(await askServer(false, get.fetcher)).toEqual({ signedIn: false });
		expect(get.calls).toMatchObject([{ url: STATUS_PATH, init: { method: 'GET', cache: 'no-store' } }]);
	});

	it('reads 401 as signed out, and a server error or no connection as no answer', async () => {
		expect(await askServer(true, fakeFetch(Response.json({ signedIn: false }, { status: 401 })).fetcher)).toEqual({ signedIn: false });
		expect(await askServer(true, fakeFetch(new Response('oops', { status: 500 })).fetcher)).toBeNull();
		expect(await askServer(true, fakeFetch(new TypeError('Failed to fetch')).fetcher)).toBeNull();
	});
});
