import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/audit.repository';
import * as holds from '$lib/server/holds/holds.service';
import { addDays, today } from '$lib/server/time/calendar';
import { scopeAllows } from '$lib/proxy-scopes';
import * as proxies from './proxies.service';
import * as repo from './proxies.repository';

let connection: Connection;
let card = 4000000000;

/** A patron account; returns what the service calls an Actor. */
async function patron(options: { status?: 'active' | 'deregistered'; role?: 'patron' | 'librarian' } = {}) {
	const cardNumber = String(++card);
	const row = await db()
		.insertInto('accounts')
		.values({
			card_number: cardNumber, password_hash: 'x', role: options.role ?? 'patron', status: options.status ?? 'active', name: `試験 ${card}`, name_kana: 'シケン',
			birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: '0',
			previous_card_number: null, id_document: null, workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, cardNumber };
}

/** A grant in force between two new patrons, made the way people make it: invite by card, accept. */
async function grantInForce(scopes: Parameters<typeof proxies.invite>[1]['scopes'] = ['reservations'], endsOn: string | null = null) {
	const grantor = await patron();
	const proxy = await patron();
	const invited = await proxies.invite(grantor, { method: 'card', cardNumber: proxy.cardNumber, scopes, endsOn });
	if (!invited.ok) throw new Error('invite failed');
	const accepted = await proxies.acceptInvitation(proxy, invited.grantId);
	expect(accepted.ok).toBe(true);
	return { grantor, proxy, grantId: invited.grantId };
}

beforeAll(async () => {
	connection = await openTestDatabase();
});
afterAll(() => connection.close());

describe('scopes', () => {
	it('lets reservations include seeing them, and nothing include more than it says', () => {
		expect(scopeAllows(['reservations'], 'reservations')).toBe(true);
		expect(scopeAllows(['reservations'], 'view_loans_reservations')).toBe(true);
		expect(scopeAllows(['view_loans_reservations'], 'reservations')).toBe(false);
		expect(scopeAllows(['receive_notices', 'accommodation'], 'reading_services')).toBe(false);
		expect(scopeAllows([], 'reservations')).toBe(false);
	});
});

describe('one-time codes', () => {
	it('are twelve digits in groups of four, typed any way people type them', () => {
		const code = proxies.newInviteCode();
		expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
		expect(proxies.normaliseCode('１２３４ ５６７８－９０１２')).toBe('123456789012');
		expect(proxies.normaliseCode('1234-5678-901')).toBeNull();
		expect(proxies.normaliseCode('abcd-efgh-ijkl')).toBeNull();
	});
});

describe('inviting by card number', () => {
	it('keeps the invitation under the number as typed, and the invitee sees it with who invited them', async () => {
		const grantor = await patron();
		const invitee = await patron();
		const result = await proxies.invite(grantor, { method: 'card', cardNumber: invitee.cardNumber, scopes: ['receive_notices', 'reservations'], endsOn: null });
		expect(result).toMatchObject({ ok: true, method: 'card', cardNumber: invitee.cardNumber });
		const invitations = await proxies.invitationsFor(invitee);
		expect(invitations).toHaveLength(1);
		expect(invitations[0]).toMatchObject({ patron_id: grantor.id, proxy_id: null, status: 'invited', scopes: ['reservations', 'receive_notices'] });
	});

	it('answers an unknown card exactly as a known one, so nobody learns which cards exist', async () => {
		const grantor = await patron();
		const known = await patron();
		const a = await proxies.invite(grantor, { method: 'card', cardNumber: known.cardNumber, scopes: ['reservations'], endsOn: null });
		const b = await proxies.invite(grantor, { method: 'card', cardNumber: '4999999999', scopes: ['reservations'], endsOn: null });
		const shape = (r: typeof a) => (r.ok ? Object.keys(r).sort() : r.reason);
		expect(shape(a)).toEqual(shape(b));
		// The patron's own list shows both as the numbers they typed, with no names.
		const mine = await proxies.grantsOfPatron(grantor.id);
		expect(mine.map((g) => [g.invited_card_number, g.proxy_name])).toEqual([
			['4999999999', null],
			[known.cardNumber, null]
		]);
	});

	it('refuses inviting yourself, inviting the same number twice, and an end date in the past', async () => {
		const grantor = await patron();
		const other = await patron();
		expect(await proxies.invite(grantor, { method: 'card', cardNumber: grantor.cardNumber, scopes: ['reservations'], endsOn: null })).toEqual({ ok: false, reason: 'self' });
		await proxies.invite(grantor, { method: 'card', cardNumber: other.cardNumber, scopes: ['reservations'], endsOn: null });
		expect(await proxies.invite(grantor, { method: 'card', cardNumber: other.cardNumber, scopes: ['reservations'], endsOn: null })).toEqual({ ok: false, reason: 'already_invited' });
		expect(await proxies.invite(grantor, { method: 'code', scopes: ['reservations'], endsOn: '2000-01-01' })).toEqual({ ok: false, reason: 'past' });
		expect(await proxies.invite(grantor, { method: 'code', scopes: ['reservations'], endsOn: addDays(today(), 3000) })).toEqual({ ok: false, reason: 'too_far' });
	});

	it('lets only the invitee accept, once; a second accept says it is already done', async () => {
		const grantor = await patron();
		const invitee = await patron();
		const stranger = await patron();
		const invited = await proxies.invite(grantor, { method: 'card', cardNumber: invitee.cardNumber, scopes: ['reservations'], endsOn: null });
		if (!invited.ok) throw new Error();
		expect(await proxies.acceptInvitation(stranger, invited.grantId)).toEqual({ ok: false, reason: 'not_found' });
		expect(await proxies.acceptInvitation(invitee, 999999)).toEqual({ ok: false, reason: 'not_found' });
		expect(await proxies.acceptInvitation(invitee, invited.grantId)).toMatchObject({ ok: true, grantId: invited.grantId });
		expect(await proxies.acceptInvitation(invitee, invited.grantId)).toEqual({ ok: false, reason: 'already_accepted' });
		expect(await proxies.authorityFor(invitee.id, grantor.id)).toMatchObject({ grantId: invited.grantId, scopes: ['reservations'] });
	});

	it('lets the invitee decline; a declined invitation cannot be accepted afterwards', async () => {
		const grantor = await patron();
		const invitee = await patron();
		const invited = await proxies.invite(grantor, { method: 'card', cardNumber: invitee.cardNumber, scopes: ['reservations'], endsOn: null });
		if (!invited.ok) throw new Error();
		expect(await proxies.decline(invitee, invited.grantId)).toEqual({ ok: true, reason: 'declined' });
		expect(await proxies.acceptInvitation(invitee, invited.grantId)).toEqual({ ok: false, reason: 'no_longer_valid' });
		expect(await proxies.invitationsFor(invitee)).toEqual([]);
	});

	it('does not accept an invitation after it expired', async () => {
		const grantor = await patron();
		const invitee = await patron();
		const invited = await proxies.invite(grantor, { method: 'card', cardNumber: invitee.cardNumber, scopes: ['reservations'], endsOn: null });
		if (!invited.ok) throw new Error();
		const later = new Date(Date.now() + (proxies.INVITATION_VALID_DAYS + 1) * 86_400_000);
		expect(await proxies.acceptInvitation(invitee, invited.grantId, later)).toEqual({ ok: false, reason: 'expired' });
	});
});

describe('inviting by one-time code', () => {
	it('stores only a hash of the code; the code works once, for one person', async () => {
		const grantor = await patron();
		const invitee = await patron();
		const other = await patron();
		const invited = await proxies.invite(grantor, { method: 'code', scopes: ['accommodation'], endsOn: null });
		if (!invited.ok || invited.method !== 'code') throw new Error();
		const digits = proxies.normaliseCode(invited.code)!;
		const { rows } = await sql<{ row: string }>`select row_to_json(g)::text as row from proxy_grants g where id = ${invited.grantId}`.execute(db());
		expect(rows[0].row).not.toContain(digits);
		expect(rows[0].row).toContain(proxies.hashCode(digits));

		expect(await proxies.acceptCode(grantor, invited.code)).toEqual({ ok: false, reason: 'self' });
		expect(await proxies.acceptCode(invitee, invited.code.replace(/-/g, ' '))).toMatchObject({ ok: true, grantId: invited.grantId });
		expect(await proxies.acceptCode(invitee, invited.code)).toEqual({ ok: false, reason: 'already_accepted' });
		expect(await proxies.acceptCode(other, invited.code)).toEqual({ ok: false, reason: 'used' });
	});

	it('refuses an expired code and a code that does not exist', async () => {
		const grantor = await patron();
		const invitee = await patron();
		const invited = await proxies.invite(grantor, { method: 'code', scopes: ['accommodation'], endsOn: null });
		if (!invited.ok || invited.method !== 'code') throw new Error();
		const later = new Date(Date.now() + (proxies.INVITATION_VALID_DAYS + 1) * 86_400_000);
		expect(await proxies.acceptCode(invitee, invited.code, later)).toEqual({ ok: false, reason: 'expired' });
		expect(await proxies.acceptCode(invitee, 'not a code')).toEqual({ ok: false, reason: 'not_found' });
	});

	it('makes someone who types many wrong codes wait', async () => {
		const guesser = await patron();
		for (let i = 0; i < proxies.CODE_THROTTLE_LIMIT; i++) {
			expect(await proxies.acceptCode(guesser, `0000-0000-000${i}`)).toEqual({ ok: false, reason: 'not_found' });
		}
		expect(await proxies.acceptCode(guesser, '0000-0000-0009')).toEqual({ ok: false, reason: 'wait' });
	});
});

describe('authority: what a proxy session runs under', () => {
	it('ends when the patron revokes, the proxy withdraws, or staff end it', async () => {
		for (const end of ['revoke', 'withdraw', 'staff'] as const) {
			const { grantor, proxy, grantId } = await grantInForce();
			const staff = await patron({ role: 'librarian' });
			const result =
				end === 'revoke' ? await proxies.revoke(grantor, grantId) : end === 'withdraw' ? await proxies.withdraw(proxy, grantId) : await proxies.endByStaff(staff.id, grantId);
			expect(result.ok).toBe(true);
			expect(await proxies.authorityFor(proxy.id, grantor.id)).toBeNull();
		}
	});

	it('ends after its last day, and not before', async () => {
		const { grantor, proxy } = await grantInForce(['reservations'], today());
		expect(await proxies.authorityFor(proxy.id, grantor.id)).not.toBeNull();
		const tomorrow = new Date(Date.now() + 86_400_000);
		expect(await proxies.authorityFor(proxy.id, grantor.id, tomorrow)).toBeNull();
	});

	it('ends when the represented patron is deregistered', async () => {
		const { grantor, proxy } = await grantInForce();
		await db().updateTable('accounts').set({ status: 'deregistered' }).where('id', '=', grantor.id).execute();
		expect(await proxies.authorityFor(proxy.id, grantor.id)).toBeNull();
	});

	it('never lets a proxy end or change someone else’s grant (forged ids are "not found")', async () => {
		const { grantor, proxy, grantId } = await grantInForce();
		const stranger = await patron();
		expect(await proxies.revoke(stranger, grantId)).toEqual({ ok: false, reason: 'not_found' });
		expect(await proxies.withdraw(stranger, grantId)).toEqual({ ok: false, reason: 'not_found' });
		expect(await proxies.revoke(proxy, grantId)).toEqual({ ok: false, reason: 'not_found' });
		expect(await proxies.changeScopes(proxy, grantId, ['accommodation'])).toEqual({ ok: false, reason: 'not_found' });
		expect(await proxies.startActing(stranger.id, grantor.id)).toEqual({ ok: false, reason: 'not_allowed' });
		expect(await proxies.startActing(proxy.id, 999999)).toEqual({ ok: false, reason: 'not_allowed' });
		expect(await proxies.authorityFor(proxy.id, grantor.id)).not.toBeNull();
	});

	it('applies changed scopes at once, and says so when a grant has already ended', async () => {
		const { grantor, proxy, grantId } = await grantInForce(['reservations', 'receive_notices']);
		expect(await proxies.changeScopes(grantor, grantId, ['receive_notices'])).toEqual({ ok: true });
		expect((await proxies.authorityFor(proxy.id, grantor.id))!.scopes).toEqual(['receive_notices']);
		await proxies.revoke(grantor, grantId);
		expect(await proxies.revoke(grantor, grantId)).toEqual({ ok: false, reason: 'already_ended' });
		expect(await proxies.changeScopes(grantor, grantId, ['reservations'])).toEqual({ ok: false, reason: 'already_ended' });
	});

	it('keeps one grant in force per pair: accepting a new invitation replaces the old grant', async () => {
		const { grantor, proxy, grantId } = await grantInForce(['reservations']);
		const second = await proxies.invite(grantor, { method: 'code', scopes: ['accommodation'], endsOn: null });
		if (!second.ok || second.method !== 'code') throw new Error();
		expect(await proxies.acceptCode(proxy, second.code)).toMatchObject({ ok: true });
		expect((await repo.findGrant(db(), grantId))!).toMatchObject({ status: 'ended', end_reason: 'replaced' });
		expect((await proxies.authorityFor(proxy.id, grantor.id))!.scopes).toEqual(['accommodation']);
	});
});

describe('staff-established proxies', () => {
	it('records relationship, scopes, evidence, date and staff member; in force at once', async () => {
		const staff = await patron({ role: 'librarian' });
		const represented = await patron();
		const proxy = await patron();
		const result = await proxies.establishByStaff(staff.id, {
			patronCardNumber: represented.cardNumber,
			proxyCardNumber: proxy.cardNumber,
			relationship: 'family',
			scopes: ['reservations', 'home_delivery'],
			evidence: ['letter_of_authorisation', 'proxy_id_document'],
			evidenceNote: null,
			evidenceSeenOn: today(),
			endsOn: null
		});
		expect(result).toMatchObject({ ok: true, patronId: represented.id });
		if (!result.ok) return;
		const grant = await proxies.findGrant(result.grantId);
		expect(grant).toMatchObject({ origin: 'staff', status: 'active', relationship: 'family', created_by: staff.id, evidence: ['letter_of_authorisation', 'proxy_id_document'], evidence_seen_on: today() });
		expect(await proxies.authorityFor(proxy.id, represented.id)).toMatchObject({ scopes: ['reservations', 'home_delivery'] });
		const entries = await audit.listForSubject(represented.id);
		expect(entries.some((e) => e.action === 'proxies.establish' && e.actor_id === staff.id)).toBe(true);
	});

	it('names what is wrong: unknown cards, the same person twice, evidence seen in the future', async () => {
		const staff = await patron({ role: 'librarian' });
		const a = await patron();
		const base = { relationship: 'supporter' as const, scopes: ['reservations' as const], evidence: ['letter_of_authorisation' as const], evidenceNote: null, evidenceSeenOn: today(), endsOn: null };
		expect(await proxies.establishByStaff(staff.id, { ...base, patronCardNumber: '4999999998', proxyCardNumber: a.cardNumber })).toEqual({ ok: false, reason: 'patron_not_found' });
		expect(await proxies.establishByStaff(staff.id, { ...base, patronCardNumber: a.cardNumber, proxyCardNumber: '4999999998' })).toEqual({ ok: false, reason: 'proxy_not_found' });
		expect(await proxies.establishByStaff(staff.id, { ...base, patronCardNumber: a.cardNumber, proxyCardNumber: a.cardNumber })).toEqual({ ok: false, reason: 'same_person' });
		const b = await patron();
		expect(await proxies.establishByStaff(staff.id, { ...base, patronCardNumber: a.cardNumber, proxyCardNumber: b.cardNumber, evidenceSeenOn: addDays(today(), 1) })).toEqual({ ok: false, reason: 'seen_in_future' });
	});
});

describe('the proxy log', () => {
	it('lists what the proxy did for the patron, with reservations from their own history, and nothing the patron did', async () => {
		const { grantor, proxy } = await grantInForce(['reservations', 'receive_notices']);
		const record = await db()
			.insertInto('catalogue_records')
			.values({ title: '代理の本', title_reading: 'だいりのほん', author: '著者', author_reading: 'ちょしゃ', publisher: '出版社', year: 2020, isbn: null, subjects: '', language: 'ja', audience: 'adult', format: 'print', lendable: true, search_text: 'だいりのほん' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db().insertInto('copies').values({ record_id: record.id, location_id: 'nerima', shelf_mark: '913', status: 'on_loan' }).execute();

		expect(await proxies.startActing(proxy.id, grantor.id)).toMatchObject({ ok: true });
		const placed = await holds.place({ actorId: proxy.id, patronId: grantor.id }, record.id, 'nerima');
		expect(placed.ok).toBe(true);
		await proxies.recordRefusal(proxy.id, grantor.id, 'accommodation');
		await proxies.recordStopActing(proxy.id, grantor.id, 'chosen');
		// The patron's own reservation is not the proxy's doing.
		const own = await db()
			.insertInto('catalogue_records')
			.values({ title: '自分の本', title_reading: 'じぶんのほん', author: '著者', author_reading: 'ちょしゃ', publisher: '出版社', year: 2020, isbn: null, subjects: '', language: 'ja', audience: 'adult', format: 'print', lendable: true, search_text: 'じぶんのほん' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await holds.place({ actorId: grantor.id, patronId: grantor.id }, own.id, 'nerima');

		const grant = (await proxies.grantsOfPatron(grantor.id))[0];
		const log = await proxies.activityOf(grant);
		expect(log.map((e) => [e.source, e.action, e.title])).toEqual([
			['audit', 'proxies.stop_acting', null],
			['audit', 'proxies.out_of_scope', null],
			['hold', 'placed', '代理の本'],
			['audit', 'proxies.act_for', null],
			['audit', 'proxies.accept', null]
		]);
	});
});

describe('notices', () => {
	it('go to proxies whose grant in force includes receive_notices', async () => {
		const { grantor, proxy } = await grantInForce(['receive_notices']);
		const other = await patron();
		const invited = await proxies.invite(grantor, { method: 'card', cardNumber: other.cardNumber, scopes: ['reservations'], endsOn: null });
		if (!invited.ok) throw new Error();
		await proxies.acceptInvitation(other, invited.grantId);
		expect((await proxies.noticeRecipients(grantor.id)).map((r) => r.id)).toEqual([proxy.id]);
	});
});
