/**
 * "On the shelf at library X" as a key of each record's `short_grams`, kept by the triggers on `copies`
 * (migration 0009_search_availability): whatever changes a copy, the key follows it, and search finds the
 * title at that library exactly while a copy is on the shelf there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import type { CopyStatus } from '$lib/server/db/schema';
import * as holds from '$lib/server/holds/holds.service';
import { setCopyStatus } from '$lib/server/holds/holds.repository';
import { builtInCatalogue as catalogue } from './catalogue.service';
import { insertRecords } from './catalogue.repository';
import { availabilityKeys, buildShortGrams, facetKey } from './short-grams';

let connection: Connection;
let card = 3200000000;
let serial = 0;

beforeAll(async () => {
	connection = await openTestDatabase();
}, 120_000);
afterAll(() => connection?.close());

/** A title with a unique word in it, and its copies; returns the record id, copy ids and the word. */
async function title(copies: [location: string, status: CopyStatus][]) {
	const word = `在架試験${'あいうえおかきくけこ'[serial % 10]}${'さしすせそたちつてと'[Math.floor(serial / 10) % 10]}`;
	serial++;
	const [recordId] = await insertRecords(db(), [
		{
			record: {
				title: word, title_reading: word, author: '試験 太郎', author_reading: 'しけん たろう', publisher: '試験書房', year: 2020,
				isbn: null, subjects: '', language: 'ja', audience: 'adult', format: 'print', lendable: true, search_text: ''
			},
			copies: copies.map(([locationId, status]) => ({ locationId, status, shelfMark: '913/シ' }))
		}
	]);
	const rows = await db().selectFrom('copies').select('id').where('record_id', '=', recordId).orderBy('id').execute();
	return { recordId, copyIds: rows.map((r) => r.id), word };
}

/** The availability keys of a record, as stored. */
async function keys(recordId: number): Promise<string[]> {
	const row = await db().selectFrom('catalogue_records').select('short_grams').where('id', '=', recordId).executeTakeFirstOrThrow();
	return row.short_grams.filter((g) => g.startsWith(facetKey('at', '')));
}

const at = (...locations: string[]) => locations.map((l) => facetKey('at', l));
/** Whether search finds the title by its word among titles on the shelf at `location`. */
const foundAt = async (word: string, location: string) =>
	(await catalogue.search({ q: word, page: 1, pageSize: 20, availableAt: location })).hits.length > 0;

async function patron() {
	const row = await db()
		.insertInto('accounts')
		.values({
			card_number: String(++card), password_hash: 'x', role: 'patron', status: 'active', name: '試験', name_kana: 'シケン',
			birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: '0',
			previous_card_number: null, id_document: null, workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

describe('the "on the shelf at" key follows the copies', () => {
	it('is written for each library with a copy on the shelf when copies are inserted, in location order', async () => {
		const { recordId, word } = await title([['shakujii', 'on_shelf'], ['nerima', 'on_shelf'], ['oizumi', 'on_loan'], ['nerima', 'on_shelf']]);
		expect(await keys(recordId)).toEqual(at('nerima', 'shakujii'));
		expect(await foundAt(word, 'nerima')).toBe(true);
		expect(await foundAt(word, 'oizumi')).toBe(false);
	});

	it('goes when the last copy there goes on loan, and comes back when one is back on the shelf', async () => {
		const { recordId, copyIds, word } = await title([['nerima', 'on_shelf'], ['nerima', 'on_shelf'], ['oizumi', 'on_shelf']]);
		await setCopyStatus(db(), copyIds[0], 'on_loan');
		// Another copy is still on the shelf at 練馬.
		expect(await keys(recordId)).toEqual(at('nerima', 'oizumi'));
		await setCopyStatus(db(), copyIds[1], 'on_loan');
		expect(await keys(recordId)).toEqual(at('oizumi'));
		expect(await foundAt(word, 'nerima')).toBe(false);
		expect(await foundAt(word, 'oizumi')).toBe(true);
		await setCopyStatus(db(), copyIds[1], 'on_shelf');
		expect(await keys(recordId)).toEqual(at('nerima', 'oizumi'));
		expect(await foundAt(word, 'nerima')).toBe(true);
	});

	it('follows a copy moved to another library, a copy deleted, and several copies changed in one statement', async () => {
		const { recordId, copyIds } = await title([['nerima', 'on_shelf'], ['oizumi', 'on_loan']]);
		await db().updateTable('copies').set({ location_id: 'hikarigaoka' }).where('id', '=', copyIds[0]).execute();
		expect(await keys(recordId)).toEqual(at('hikarigaoka'));
		await db().updateTable('copies').set({ status: 'on_shelf' }).where('record_id', '=', recordId).execute();
		expect(await keys(recordId)).toEqual(at('hikarigaoka', 'oizumi'));
		await db().deleteFrom('copies').where('id', '=', copyIds[0]).execute();
		expect(await keys(recordId)).toEqual(at('oizumi'));
		await db().updateTable('copies').set({ status: 'not_lendable' }).where('record_id', '=', recordId).execute();
		expect(await keys(recordId)).toEqual([]);
	});

	it('leaves the record row alone when nothing about the shelf changes', async () => {
		const { recordId, copyIds } = await title([['nerima', 'on_shelf'], ['oizumi', 'on_loan']]);
		const version = async () =>
			(await sql<{ ctid: string }>`select ctid::text from catalogue_records where id = ${recordId}`.execute(db())).rows[0].ctid;
		const before = await version();
		await setCopyStatus(db(), copyIds[1], 'in_transit');
		await setCopyStatus(db(), copyIds[1], 'on_hold_shelf');
		await db().updateTable('copies').set({ shelf_mark: '913/ア' }).where('id', '=', copyIds[0]).execute();
		expect(await version()).toBe(before);
	});

	it('follows the hold rules: a copy allocated to a hold leaves the shelf, a check-in puts it back', async () => {
		const { recordId, word } = await title([['nerima', 'on_shelf']]);
		const reader = await patron();
		const placed = await holds.place({ actorId: reader, patronId: reader }, recordId, 'nerima');
		expect(placed).toMatchObject({ ok: true });
		expect(await keys(recordId)).toEqual([]);
		expect(await foundAt(word, 'nerima')).toBe(false);

		const other = await title([['oizumi', 'on_loan']]);
		expect(await keys(other.recordId)).toEqual([]);
		expect(await holds.checkIn(await patron(), other.copyIds[0])).toEqual({ ok: true, outcome: 'to_shelf' });
		expect(await keys(other.recordId)).toEqual(at('oizumi'));
		expect(await foundAt(other.word, 'oizumi')).toBe(true);
	});

	it('keeps the keys when application code rewrites a record’s text grams', async () => {
		const { recordId } = await title([['nerima', 'on_shelf']]);
		const grams = buildShortGrams({
			title: '新しい題', title_reading: 'あたらしいだい', author: '', author_reading: '', subjects: '',
			format: 'print', audience: 'adult', language: 'ja'
		});
		// Even a stale key in the new value is dropped: only the copies decide.
		await db().updateTable('catalogue_records').set({ short_grams: [...grams, facetKey('at', 'oizumi')] }).where('id', '=', recordId).execute();
		const row = await db().selectFrom('catalogue_records').select('short_grams').where('id', '=', recordId).executeTakeFirstOrThrow();
		expect(row.short_grams).toContain('題');
		expect(await keys(recordId)).toEqual(at('nerima'));
	});

	it('stays right when two transactions take the last two copies on the shelf at one library at once', async () => {
		// On PostgreSQL the second transaction's trigger waits for the first one's lock on the record and then
		// recounts what it committed; without that lock each would still see the other's copy on the shelf.
		// (PGlite runs one transaction at a time, so there the two simply follow each other.)
		const { recordId, copyIds } = await title([['nerima', 'on_shelf'], ['nerima', 'on_shelf']]);
		const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const first = db().transaction().execute(async (trx) => {
			await setCopyStatus(trx, copyIds[0], 'on_loan');
			await released;
		});
		await pause(200);
		const second = db().transaction().execute(async (trx) => {
			await setCopyStatus(trx, copyIds[1], 'on_loan');
		});
		await pause(200);
		release();
		await Promise.all([first, second]);
		expect(await keys(recordId)).toEqual([]);
	});

	it('matches what a bulk load writes without the triggers (availabilityKeys)', () => {
		expect(
			availabilityKeys([
				{ locationId: 'shakujii', status: 'on_shelf' },
				{ locationId: 'nerima', status: 'on_loan' },
				{ locationId: 'hikarigaoka', status: 'on_shelf' },
				{ locationId: 'shakujii', status: 'on_shelf' }
			])
		).toEqual(at('hikarigaoka', 'shakujii'));
	});
});
