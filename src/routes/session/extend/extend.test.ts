import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { POST } from './+server';

/** The parts of a request event the endpoint reads. Signed-in extension is in tests/e2e/session-timeout.spec.ts. */
function post(origin: string | null) {
	const url = new URL('http://localhost:4173/session/extend');
	const headers: Record<string, string> = origin ? { origin } : {};
	const event = {
		url,
		request: new Request(url, { method: 'POST', headers }),
		locals: { session: null },
		cookies: { get: () => undefined, set: () => {} }
	};
	return POST(event as unknown as RequestEvent<Record<string, never>, '/session/extend'>);
}

describe('POST /session/extend', () => {
	it('refuses a post from another site, or one that does not say where it comes from', async () => {
		expect((await post('https://evil.example')).status).toBe(403);
		expect((await post(null)).status).toBe(403);
	});

	it('answers 401 "signed out" when there is no session to extend', async () => {
		const response = await post('http://localhost:4173');
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ signedIn: false });
	});
});
