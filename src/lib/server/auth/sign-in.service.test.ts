import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { hashPassword } from './password';
import { LOCK_AFTER, normaliseCardNumber, signIn, SLOW_DOWN_AFTER } from './sign-in.service';
import * as sessionService from './session.service';

const PASSWORD = 'correct horse battery';

async function makePatron(cardNumber: string, status: 'active' | 'provisional' = 'active') {
	return accounts.insert({
		card_number: cardNumber, password_hash: await hashPassword(PASSWORD), role: 'patron', status,
		name: '試験 太郎', name_kana: 'シケン タロウ', birth_year: 1990, phone: null, phone_kind: null, email: null,
		postal_code: null, address: null, category: '0', previous_card_number: null, id_document: null,
		workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
	});
}

describe('sign-in', () => {
	let connection: Connection;
	beforeAll(async () => {
		connection = await openTestDatabase();
	});
	afterAll(() => connection.close());

	it('normalises card numbers typed with full-width digits, spaces and hyphens', () => {
		expect(normaliseCardNumber('１０００ ０００-００１')).toBe('1000000001');
	});

	it('starts a session whose actor and subject are the patron', async () => {
		const patron = await makePatron('2000000001');
		const result = await signIn('２０００００００01', PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const session = await sessionService.resume(result.token);
		expect(session?.actor.id).toBe(patron.id);
		expect(session?.subject.id).toBe(patron.id);
		await sessionService.end(session!);
		expect(await sessionService.resume(result.token)).toBeNull();
	});

	it('refuses a wrong password, slows down, then locks the card', async () => {
		await makePatron('2000000002');
		const now = new Date('2026-11-22T10:00:00+09:00');
		for (let i = 1; i < SLOW_DOWN_AFTER; i++) expect(await signIn('2000000002', 'wrong', now)).toEqual({ ok: false, reason: 'invalid' });
		expect(await signIn('2000000002', 'wrong', now)).toEqual({ ok: false, reason: 'invalid' });
		// Now a wait is imposed: even the right password is not checked until it has passed.
		const waiting = await signIn('2000000002', PASSWORD, now);
		expect(waiting).toMatchObject({ ok: false, reason: 'wait' });
		let later = now;
		for (let i = SLOW_DOWN_AFTER + 1; i <= LOCK_AFTER; i++) {
			later = new Date(later.getTime() + 5 * 60_000);
			await signIn('2000000002', 'wrong', later);
		}
		const locked = await signIn('2000000002', PASSWORD, new Date(later.getTime() + 60_000));
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });
		const afterLock = await signIn('2000000002', PASSWORD, new Date(later.getTime() + 16 * 60_000));
		expect(afterLock.ok).toBe(true);
	});

	it('treats an unknown card exactly like a wrong password, lock included', async () => {
		const now = new Date('2026-11-22T11:00:00+09:00');
		expect(await signIn('2999999999', 'whatever', now)).toEqual({ ok: false, reason: 'invalid' });
		let later = now;
		for (let i = 2; i <= LOCK_AFTER; i++) {
			later = new Date(later.getTime() + 5 * 60_000);
			await signIn('2999999999', 'whatever', later);
		}
		expect(await signIn('2999999999', 'whatever', new Date(later.getTime() + 1000))).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('does not let a provisional registration sign in', async () => {
		await makePatron('2000000003', 'provisional');
		expect(await signIn('2000000003', PASSWORD)).toEqual({ ok: false, reason: 'provisional' });
	});
});
