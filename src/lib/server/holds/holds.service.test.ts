import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import type { Format } from '$lib/server/db/schema';
import * as holds from './holds.service';
import * as repo from './holds.repository';

let connection: Connection;
let card = 3000000000;

async function patron(kind: 'individual' | 'group' = 'individual') {
	const row = await db()
		.insertInto('accounts')
		.values({
			card_number: String(++card), password_hash: 'x', role: 'patron', status: 'active', kind, name: '試験', name_kana: 'シケン',
			birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: '0',
			previous_card_number: null, id_document: null, workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function title(copies: { location: string; status?: 'on_shelf' | 'on_loan' }[], options: { format?: Format; lendable?: boolean } = {}) {
	const record = await db()
		.insertInto('catalogue_records')
		.values({
			title: '試験の本', title_reading: 'しけんのほん', author: '著者', author_reading: 'ちょしゃ', publisher: '出版社', year: 2020,
			isbn: null, subjects: '', language: 'ja', audience: 'adult', format: options.format ?? 'print', lendable: options.lendable ?? true, search_text: 'しけんのほん'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const copyIds: number[] = [];
	for (const c of copies) {
		const row = await db()
			.insertInto('copies')
			.values({ record_id: record.id, location_id: c.location, shelf_mark: '913/シ', status: options.lendable === false ? 'not_lendable' : (c.status ?? 'on_loan') })
			.returning('id')
			.executeTakeFirstOrThrow();
		copyIds.push(row.id);
	}
	return { recordId: record.id, copyIds };
}

const as = (patronId: number) => ({ actorId: patronId, patronId });
const statusOf = async (holdId: number) => (await repo.findHold(db(), holdId))!.status;
const STAFF = async () => patron();

beforeAll(async () => {
	connection = await openTestDatabase();
});
afterAll(() => connection.close());

describe('placing holds (N lending rules art. 3, 4, 5; disability rules art. 4-2)', () => {
	it('queues patrons in order and tells each their position', async () => {
		const { recordId } = await title([{ location: 'nerima' }]);
		const a = await holds.place(as(await patron()), recordId, 'nerima');
		const b = await holds.place(as(await patron()), recordId, 'hikarigaoka');
		expect(a).toMatchObject({ ok: true, position: 1, status: 'waiting' });
		expect(b).toMatchObject({ ok: true, position: 2, status: 'waiting' });
	});

	it('gives a copy on the shelf at once: ready at the same library, in transit to another', async () => {
		const { recordId } = await title([{ location: 'nerima', status: 'on_shelf' }, { location: 'oizumi', status: 'on_shelf' }]);
		const here = await holds.place(as(await patron()), recordId, 'nerima');
		const there = await holds.place(as(await patron()), recordId, 'shakujii-koen-station');
		expect(here).toMatchObject({ ok: true, status: 'ready' });
		expect(there).toMatchObject({ ok: true, status: 'in_transit' });
		const hold = await repo.findHold(db(), (here as { holdId: number }).holdId);
		expect(hold?.pickup_by).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('refuses non-lendable items, duplicates, unknown titles and places outside the city', async () => {
		const reference = await title([{ location: 'nerima' }], { lendable: false });
		const p = await patron();
		expect(await holds.place(as(p), reference.recordId, 'nerima')).toEqual({ ok: false, reason: 'not_lendable' });
		const { recordId } = await title([{ location: 'nerima' }]);
		expect((await holds.place(as(p), recordId, 'nerima')).ok).toBe(true);
		expect(await holds.place(as(p), recordId, 'nerima')).toEqual({ ok: false, reason: 'duplicate' });
		expect(await holds.place(as(p), 99999999, 'nerima')).toEqual({ ok: false, reason: 'not_found' });
		expect(await holds.place(as(p), recordId, 'shibuya')).toEqual({ ok: false, reason: 'unknown_location' });
	});

	it('lends accessible formats only to patrons registered for reading service type 1', async () => {
		const daisy = await title([{ location: 'hikarigaoka' }], { format: 'audio_daisy' });
		const p = await patron();
		expect(await holds.place(as(p), daisy.recordId, 'hikarigaoka')).toEqual({ ok: false, reason: 'registration_required' });
		await db().insertInto('reading_service_grants').values({ patron_id: p, service_type: 1, expires_on: '2099-01-01' }).execute();
		expect((await holds.place(as(p), daisy.recordId, 'hikarigaoka')).ok).toBe(true);
		const expired = await patron();
		await db().insertInto('reading_service_grants').values({ patron_id: expired, service_type: 1, expires_on: '2020-01-01' }).execute();
		expect(await holds.place(as(expired), daisy.recordId, 'hikarigaoka')).toEqual({ ok: false, reason: 'registration_required' });
	});

	it('applies the per-patron limit, and the larger group limit (300, art. 4)', async () => {
		const p = await patron();
		for (let i = 0; i < 10; i++) expect((await holds.place(as(p), (await title([{ location: 'nerima' }])).recordId, 'nerima')).ok).toBe(true);
		expect(await holds.place(as(p), (await title([{ location: 'nerima' }])).recordId, 'nerima')).toEqual({ ok: false, reason: 'limit', limit: 10 });
		// What the item page asks before offering the form.
		expect(await holds.holdAllowance(p)).toEqual({ active: 10, limit: 10 });
		const group = await patron('group');
		for (let i = 0; i < 11; i++) expect((await holds.place(as(group), (await title([{ location: 'nerima' }])).recordId, 'nerima')).ok).toBe(true);
		expect(await holds.holdAllowance(group)).toEqual({ active: 11, limit: 300 });
	});
});

describe('the hold lifecycle', () => {
	it('check-in passes a returned copy to the oldest waiting hold, skipping a suspended one', async () => {
		const staff = await STAFF();
		const { recordId, copyIds } = await title([{ location: 'nerima' }]);
		const first = await patron();
		const second = await patron();
		const a = (await holds.place(as(first), recordId, 'nerima')) as { holdId: number };
		const b = (await holds.place(as(second), recordId, 'nerima')) as { holdId: number };
		expect(await holds.suspend(as(first), a.holdId, '2099-01-01')).toEqual({ ok: false, reason: 'date_too_far' });
		const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
		expect(await holds.suspend(as(first), a.holdId, tomorrow)).toEqual({ ok: true });
		expect(await holds.checkIn(staff, copyIds[0])).toMatchObject({ ok: true, outcome: 'to_hold', holdId: b.holdId, status: 'ready' });
		expect(await statusOf(a.holdId)).toBe('waiting');
		expect(await repo.queuePosition(db(), recordId, a.holdId)).toBe(1); // kept its place
		expect(await holds.collect(staff, b.holdId)).toEqual({ ok: true });
		expect(await statusOf(b.holdId)).toBe('collected');
		const events = await repo.eventsOf(db(), b.holdId);
		expect(events.map((e) => e.to_status)).toEqual(['waiting', 'ready', 'collected']);
		expect(events.every((e) => e.reason)).toBe(true);
	});

	it('in transit becomes ready when the pickup location receives it', async () => {
		const staff = await STAFF();
		const { recordId, copyIds } = await title([{ location: 'oizumi' }]);
		const h = (await holds.place(as(await patron()), recordId, 'nerima')) as { holdId: number };
		expect(await holds.checkIn(staff, copyIds[0])).toMatchObject({ outcome: 'to_hold', status: 'in_transit' });
		expect(await holds.collect(staff, h.holdId)).toEqual({ ok: false, reason: 'wrong_status' });
		expect(await holds.receiveAtPickup(staff, h.holdId)).toEqual({ ok: true });
		expect(await statusOf(h.holdId)).toBe('ready');
	});

	it('check-in counts where the librarian works: ready at once there, sent on elsewhere, or sent home when nobody waits', async () => {
		const atHikarigaoka = await STAFF();
		await db().updateTable('accounts').set({ workplace_id: 'hikarigaoka' }).where('id', '=', atHikarigaoka).execute();
		// A copy of 大泉 returned at 光が丘, where the next patron collects: no journey back and forth.
		const { recordId, copyIds } = await title([{ location: 'oizumi' }, { location: 'oizumi' }]);
		const here = (await holds.place(as(await patron()), recordId, 'hikarigaoka')) as { holdId: number };
		const there = (await holds.place(as(await patron()), recordId, 'nerima')) as { holdId: number };
		expect(await holds.checkIn(atHikarigaoka, copyIds[0])).toMatchObject({ ok: true, outcome: 'to_hold', holdId: here.holdId, status: 'ready', pickupLocationId: 'hikarigaoka' });
		expect(await holds.checkIn(atHikarigaoka, copyIds[1])).toMatchObject({ ok: true, outcome: 'to_hold', holdId: there.holdId, status: 'in_transit', pickupLocationId: 'nerima' });
		const sent = (await repo.eventsOf(db(), there.holdId)).find((e) => e.to_status === 'in_transit');
		expect(sent?.detail).toMatchObject({ copyId: copyIds[1], from: 'hikarigaoka' });
		// Nobody waiting: back to 大泉, its own library; returned at its own library: back on the shelf.
		const { copyIds: [unreserved] } = await title([{ location: 'oizumi' }]);
		expect(await holds.checkIn(atHikarigaoka, unreserved)).toEqual({ ok: true, outcome: 'to_home', homeLocationId: 'oizumi' });
		const { copyIds: [local] } = await title([{ location: 'hikarigaoka' }]);
		expect(await holds.checkIn(atHikarigaoka, local)).toEqual({ ok: true, outcome: 'to_shelf' });
		// A workplace named by the library's desk is that library; without a workplace, the copy's own library.
		await db().updateTable('accounts').set({ workplace_id: 'library-hikarigaoka' }).where('id', '=', atHikarigaoka).execute();
		const { copyIds: [another] } = await title([{ location: 'oizumi' }]);
		expect(await holds.checkIn(atHikarigaoka, another)).toEqual({ ok: true, outcome: 'to_home', homeLocationId: 'oizumi' });
		const { copyIds: [third] } = await title([{ location: 'oizumi' }]);
		expect(await holds.checkIn(await STAFF(), third)).toEqual({ ok: true, outcome: 'to_shelf' });
	});

	it('a copy freed by a cancelled ready hold starts from that hold\'s pickup place', async () => {
		const staff = await STAFF();
		// A copy of 大泉, ready at 光が丘; the next patron collects at 光が丘 too: ready at once, no transit.
		const { recordId, copyIds } = await title([{ location: 'oizumi' }]);
		const first = await patron();
		const a = (await holds.place(as(first), recordId, 'hikarigaoka')) as { holdId: number };
		const b = (await holds.place(as(await patron()), recordId, 'hikarigaoka')) as { holdId: number };
		await holds.checkIn(staff, copyIds[0]);
		expect(await holds.receiveAtPickup(staff, a.holdId)).toEqual({ ok: true });
		expect(await holds.cancel(as(first), a.holdId)).toEqual({ ok: true });
		expect(await statusOf(b.holdId)).toBe('ready');
	});

	it('an uncollected hold lapses after the pickup period and the copy goes to the next patron', async () => {
		const staff = await STAFF();
		const { recordId, copyIds } = await title([{ location: 'nerima' }]);
		const a = (await holds.place(as(await patron()), recordId, 'nerima')) as { holdId: number };
		const b = (await holds.place(as(await patron()), recordId, 'nerima')) as { holdId: number };
		await holds.checkIn(staff, copyIds[0]);
		expect(await statusOf(a.holdId)).toBe('ready');
		expect(await holds.lapseUncollected(new Date())).toBe(0);
		const later = new Date(Date.now() + 30 * 86_400_000);
		expect(await holds.lapseUncollected(later)).toBeGreaterThanOrEqual(1);
		expect(await statusOf(a.holdId)).toBe('lapsed');
		expect(await statusOf(b.holdId)).toBe('ready');
	});

	it('cancelling a ready hold passes its copy on; cancelling twice is refused', async () => {
		const { recordId } = await title([{ location: 'nerima', status: 'on_shelf' }]);
		const first = await patron();
		const a = (await holds.place(as(first), recordId, 'nerima')) as { holdId: number };
		const b = (await holds.place(as(await patron()), recordId, 'nerima')) as { holdId: number };
		expect(await statusOf(a.holdId)).toBe('ready');
		expect(await holds.cancel(as(await patron()), a.holdId)).toEqual({ ok: false, reason: 'not_found' }); // someone else's
		expect(await holds.cancel(as(first), a.holdId)).toEqual({ ok: true });
		expect(await holds.cancel(as(first), a.holdId)).toEqual({ ok: false, reason: 'wrong_status' });
		expect(await statusOf(b.holdId)).toBe('ready');
	});

	it('changes the pickup location of a waiting hold only', async () => {
		const p = await patron();
		const { recordId } = await title([{ location: 'nerima' }]);
		const h = (await holds.place(as(p), recordId, 'nerima')) as { holdId: number };
		expect(await holds.changePickup(as(p), h.holdId, 'toyotama')).toEqual({ ok: true });
		expect(await holds.changePickup(as(p), h.holdId, 'atlantis')).toEqual({ ok: false, reason: 'unknown_location' });
		expect((await repo.findHold(db(), h.holdId))?.pickup_location_id).toBe('toyotama');
	});
});

describe('concurrent requests (truly concurrent on PostgreSQL; PGlite serialises them)', () => {
	it('50 simultaneous reservations of a title with 3 copies: positions exactly 1..50, 3 copies to 3 holds', async () => {
		const { recordId } = await title([{ location: 'nerima', status: 'on_shelf' }, { location: 'nerima', status: 'on_shelf' }, { location: 'oizumi', status: 'on_shelf' }]);
		const patrons = await Promise.all(Array.from({ length: 50 }, () => patron()));
		const results = await Promise.all(patrons.map((p) => holds.place(as(p), recordId, 'nerima')));
		expect(results.every((r) => r.ok)).toBe(true);
		const positions = results.map((r) => (r as { position: number }).position).sort((x, y) => x - y);
		expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
		const withCopies = await db().selectFrom('holds').select(['copy_id']).where('record_id', '=', recordId).where('copy_id', 'is not', null).execute();
		expect(withCopies).toHaveLength(3);
		expect(new Set(withCopies.map((h) => h.copy_id)).size).toBe(3);
	});

	it('simultaneous check-ins of two copies with one waiting hold: one copy to the hold, one to the shelf', async () => {
		const staff = await STAFF();
		const { recordId, copyIds } = await title([{ location: 'nerima' }, { location: 'nerima' }]);
		await holds.place(as(await patron()), recordId, 'nerima');
		const outcomes = await Promise.all(copyIds.map((c) => holds.checkIn(staff, c)));
		expect(outcomes.map((o) => (o.ok ? o.outcome : o.reason)).sort()).toEqual(['to_hold', 'to_shelf']);
	});

	it('the same patron double-clicking reserve gets one hold', async () => {
		const p = await patron();
		const { recordId } = await title([{ location: 'nerima' }]);
		const results = await Promise.all([holds.place(as(p), recordId, 'nerima'), holds.place(as(p), recordId, 'nerima')]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok).map((r) => (r as { reason: string }).reason)).toEqual(['duplicate']);
	});
});
