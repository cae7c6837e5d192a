import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import * as accounts from '$lib/server/accounts/accounts.repository';
import * as sessions from './sessions.repository';
import * as sessionService from './session.service';
import { SESSION_LIFETIME_MS } from './session.service';

const HOUR = 60 * 60_000;

describe('session expiry', () => {
	let connection: Connection;
	let accountId: number;
	beforeAll(async () => {
		connection = await openTestDatabase();
		const account = await accounts.insert({
			card_number: '2000000101', password_hash: 'not used', role: 'patron', status: 'active',
			name: '試験 花子', name_kana: 'シケン ハナコ', birth_year: 1990, phone: null, phone_kind: null, email: null,
			postal_code: null, address: null, category: '0', previous_card_number: null, id_document: null,
			workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		});
		accountId = account.id;
	});
	afterAll(() => connection.close());

	/** A session whose stored expiry is `left` from now, as if its last activity were that long ago. */
	async function sessionWithTimeLeft(left: number) {
		const { token } = await sessionService.start(accountId);
		const { idHash } = (await sessionService.resume(token, { slide: false }))!;
		await sessions.extend(idHash, new Date(Date.now() + left));
		return token;
	}

	it('reports the stored expiry, and moves it on (renewed, for the cookie) when a request comes', async () => {
		const token = await sessionWithTimeLeft(HOUR);
		const session = (await sessionService.resume(token))!;
		expect(session.renewed).toBe(true);
		expect(sessionService.timeLeft(session)).toBeGreaterThan(SESSION_LIFETIME_MS - 5_000);
		// Within the next minute a request does not write again, and says so.
		const again = (await sessionService.resume(token))!;
		expect(again.renewed).toBe(false);
		expect(again.expiresAt.getTime()).toBe(session.expiresAt.getTime());
	});

	it('only answers how long is left when asked without sliding (the timeout warning asking)', async () => {
		const token = await sessionWithTimeLeft(90_000);
		const asked = (await sessionService.resume(token, { slide: false }))!;
		expect(asked.renewed).toBe(false);
		expect(sessionService.timeLeft(asked)).toBeLessThanOrEqual(90_000);
		expect(sessionService.timeLeft(asked)).toBeGreaterThan(80_000);
		// Still the same a moment later: asking did not count as activity.
		expect(sessionService.timeLeft((await sessionService.resume(token, { slide: false }))!)).toBeLessThanOrEqual(90_000);
	});

	it('extends at once when the person asks to stay signed in, even within the minute', async () => {
		const token = await sessionWithTimeLeft(SESSION_LIFETIME_MS - 10_000);
		const before = (await sessionService.resume(token))!;
		expect(before.renewed).toBe(false);
		const extended = await sessionService.extend(before);
		expect(extended.expiresAt.getTime()).toBeGreaterThan(before.expiresAt.getTime());
		expect((await sessionService.resume(token, { slide: false }))!.expiresAt.getTime()).toBe(extended.expiresAt.getTime());
	});

	it('is gone once the expiry has passed, however it is asked', async () => {
		const token = await sessionWithTimeLeft(-1_000);
		expect(await sessionService.resume(token, { slide: false })).toBeNull();
		expect(await sessionService.resume(token)).toBeNull();
	});

	it('counts time left from a given moment, never below zero', async () => {
		const token = await sessionWithTimeLeft(HOUR);
		const session = (await sessionService.resume(token, { slide: false }))!;
		expect(sessionService.timeLeft(session, new Date(session.expiresAt.getTime() - 1_000))).toBe(1_000);
		expect(sessionService.timeLeft(session, new Date(session.expiresAt.getTime() + 1_000))).toBe(0);
	});
});
