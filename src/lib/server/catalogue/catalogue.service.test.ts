import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import type { CopyStatus } from '$lib/server/db/schema';
import type { SearchQuery } from './catalogue.port';
import { builtInCatalogue as catalogue, COUNT_CAP, MAX_QUERY_LENGTH, prepareQuery } from './catalogue.service';
import { escapeLike, insertRecords, searchPage } from './catalogue.repository';
import { DEMO_ISBN10, DEMO_SPOTLIGHT_RECORDS } from './generate-records';
import type { NewCatalogueRecord } from './generate-records';
import { buildShortGrams, facetKey, titleStartKey } from './short-grams';
import { SEARCH_BANDS } from './search-bands';
import { normaliseForSearch } from './normalise';
import { addTitleStartKeys } from '$lib/server/db/migrations/0011_search_title_keys';

let connection: Connection;

interface Spec extends Partial<NewCatalogueRecord> {
	title: string;
	copies?: [location: string, status: CopyStatus][];
}

/** Inserts records through the same path as the demo seed; returns their ids in order. */
async function add(...specs: Spec[]): Promise<number[]> {
	return insertRecords(
		db(),
		specs.map(({ copies = [['hikarigaoka', 'on_shelf']], ...r }) => ({
			record: {
				title_reading: r.title,
				author: '試験 太郎',
				author_reading: 'しけん たろう',
				publisher: '試験書房',
				year: 2020,
				isbn: null,
				subjects: '',
				language: 'ja',
				audience: 'adult',
				format: 'print',
				lendable: true,
				search_text: '',
				...r
			},
			copies: copies.map(([locationId, status]) => ({ locationId, status, shelfMark: '913/シ' }))
		}))
	);
}

const search = (q: string, options: Partial<SearchQuery> = {}) =>
	catalogue.search({ q, page: 1, pageSize: 20, ...options });
const titles = async (q: string, options: Partial<SearchQuery> = {}) => (await search(q, options)).hits.map((h) => h.title);

const ids: Record<string, number> = {};
/** Numbers written in kana, not digits, so bulk titles stay out of the other tests' results (1_0, 100%). */
const kana = (i: number) => [...String(i)].map((d) => 'あいうえおかきくけこ'[Number(d)]).join('');

// Two hooks, each with its own timeout: on a busy two-core machine PGlite's start and migrations alone
// have taken 50 s.
beforeAll(async () => {
	connection = await openTestDatabase();
}, 120_000);

beforeAll(async () => {
	const names = [
		'猫町',
		'猫の事務所',
		'子猫物語',
		'犬と暮らす',
		'ネコの手も借りたい',
		'ハリーと魔法の森',
		'こころ',
		'こころの旅',
		'はじめてのこころ',
		'100%の力',
		'1a0の話',
		'abxcd book',
		'abcd book',
		'ここから'
	];
	const [neko, ...rest] = await add(
		{ title: names[0], title_reading: 'ねこまち', author: '萩原 朔太郎', author_reading: 'はぎわら さくたろう' },
		{ title: names[1], title_reading: 'ねこのじむしょ', format: 'audio_daisy', audience: 'children' },
		{ title: names[2], title_reading: 'こねこものがたり', language: 'en', copies: [['nerima', 'on_loan']] },
		{ title: names[3], title_reading: 'いぬとくらす' },
		{ title: names[4], title_reading: 'ねこのてもかりたい', format: 'braille', copies: [['nerima', 'on_shelf']] },
		{ title: names[5], title_reading: 'はりーとまほうのもり' },
		{ title: names[6], year: 1990 },
		{ title: names[7], year: 2024 },
		{ title: names[8], year: 2025 },
		{ title: names[9] },
		{ title: names[10] },
		{ title: names[11] },
		{ title: names[12] },
		{ title: names[13] }
	);
	[neko, ...rest].forEach((id, i) => (ids[names[i]] = id));
	const spotlight = await insertRecords(
		db(),
		DEMO_SPOTLIGHT_RECORDS.map((record) => ({
			record,
			copies: record.copies.map((c) => ({ locationId: 'hikarigaoka', shelfMark: c.shelfMark, status: c.status }))
		}))
	);
	DEMO_SPOTLIGHT_RECORDS.forEach((r, i) => (ids[`${r.title}/${r.format}`] = spotlight[i]));
}, 120_000);
afterAll(() => connection?.close());

describe('short queries (1 and 2 characters) from short_grams', () => {
	it('finds a 1-character kanji anywhere in the title', async () => {
		expect((await titles('猫')).sort()).toEqual(['吾輩は猫である', '猫町', '子猫物語', '猫の事務所'].sort());
	});

	it('finds a 2-character query in hiragana, katakana or half-width katakana through titles and readings', async () => {
		// 吾輩は猫である is a spotlight record (large print), found by its reading わがはいはねこである.
		const expected = ['ネコの手も借りたい', '吾輩は猫である', '猫町', '猫の事務所', '子猫物語'].sort();
		expect((await titles('ねこ')).sort()).toEqual(expected);
		expect((await titles('ネコ')).sort()).toEqual(expected);
		expect((await titles('ﾈｺ')).sort()).toEqual(expected);
	});

	it('finds an author by two characters', async () => {
		expect(await titles('朔太')).toEqual(['猫町']);
		expect(await titles('漱石')).toEqual(['吾輩は猫である']);
	});

	it('stores each field’s grams on its own, so a 2-character gram never spans two fields', () => {
		const grams = buildShortGrams({
			title: 'あい', title_reading: 'うえ', author: '', author_reading: '', subjects: '絵本; 児童書',
			format: 'braille', audience: 'children', language: 'ja'
		});
		expect(grams).toContain('あい');
		expect(grams).toContain('絵本');
		expect(grams).not.toContain('いう');
		expect(grams).not.toContain('本児');
		// Facet keys for the filters, which no normalised gram can equal (U+0001 is removed from text).
		expect(grams).toEqual(expect.arrayContaining([facetKey('format', 'braille'), facetKey('audience', 'children'), facetKey('language', 'ja')]));
		expect(normaliseForSearch(facetKey('format', 'braille'))).not.toContain('\u0001');
		// The title's start keys: its first character, its first two.
		expect(grams).toEqual(expect.arrayContaining([titleStartKey('あ'), titleStartKey('あい')]));
		expect(titleStartKey('あいうえお')).toBe(titleStartKey('あい'));
	});

	it('is answered by the short_grams GIN index, filters included, not a sequential scan', async () => {
		// Since 0010_search_bands the GIN indexes are partial, one per band of ids, and since 0011 each covers
		// both search columns; the search adds the band's condition. A table this small is read faster by its id index, which the planner may choose instead:
		// what matters is that each band has its GIN index and that the band's query needs no sequential scan
		// (at 2 million records the plans use the band's GIN index: tests/bench/explain-search.ts).
		const { rows: indexes } = await sql<{ indexdef: string }>`select indexdef from pg_indexes
			where tablename = 'catalogue_records' and indexdef like '%USING gin (%short_grams)%'`.execute(db());
		expect(indexes).toHaveLength(SEARCH_BANDS.length);
		for (const band of SEARCH_BANDS) {
			expect(indexes.map((i) => i.indexdef)).toContain(
				`CREATE INDEX catalogue_records_search_${band.name} ON public.catalogue_records USING gin (search_text gin_trgm_ops, short_grams) WHERE ${pgPredicate(band.predicate('id'))}`
			);
		}
		await db().transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			await sql`set local enable_indexscan = off`.execute(trx);
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select id from catalogue_records r
				where r.short_grams @> ${['猫', facetKey('language', 'ja')]}::text[]
				and r.short_grams && ${[facetKey('format', 'braille')]}::text[]
				and ${sql.raw(SEARCH_BANDS[0].predicate('r.id'))}`.execute(trx);
			const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
			expect(plan).toContain('Bitmap Index Scan');
			expect(plan).not.toContain('Seq Scan');
		});
	});
});

/** A band predicate as PostgreSQL prints it in an index definition: `(id <= 400000)`, `((id > 400000) AND (id <= 800000))`. */
function pgPredicate(predicate: string): string {
	const parts = predicate.split(' and ').map((p) => `(${p})`);
	return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

describe('normalisation: width, kana and case', () => {
	it('treats katakana, hiragana and half-width katakana alike for 3+ characters', async () => {
		for (const q of ['ハリー', 'はりー', 'ﾊﾘｰ', 'ﾊﾘ-']) expect(await titles(q), q).toEqual(['ハリーと魔法の森']);
	});

	it('folds full-width Latin and case', async () => {
		expect(await titles('ＰＲＩＤＥ')).toEqual(['Pride and Prejudice']);
		expect(await titles('prejudice')).toEqual(['Pride and Prejudice']);
	});

	it('ignores spaces inside a word and treats spaces between words as AND', async () => {
		expect(await titles('銀河 鉄道の夜', { formats: ['print'] })).toEqual(['銀河鉄道の夜']);
		expect(await titles('宮沢 銀河', { formats: ['print'] })).toEqual(['銀河鉄道の夜']);
		expect(await titles('宮沢 存在しない')).toEqual([]);
		expect(prepareQuery('の 森の 森の').terms).toEqual(['森の']);
	});
});

describe('ISBN', () => {
	const isbn13 = DEMO_SPOTLIGHT_RECORDS[0].isbn!;

	it('finds an ISBN-13 with or without hyphens, full-width or with an "ISBN" label', async () => {
		const hyphenated = `${isbn13.slice(0, 3)}-${isbn13.slice(3, 4)}-${isbn13.slice(4, 10)}-${isbn13.slice(10, 12)}-${isbn13[12]}`;
		for (const q of [isbn13, hyphenated, `ISBN ${hyphenated}`, hyphenated.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))]) {
			expect(await titles(q), q).toEqual(['銀河鉄道の夜']);
		}
	});

	it('finds an ISBN-10 with hyphens as the same book', async () => {
		const hyphenated = `${DEMO_ISBN10.slice(0, 1)}-${DEMO_ISBN10.slice(1, 4)}-${DEMO_ISBN10.slice(4, 9)}-${DEMO_ISBN10[9]}`;
		expect(await titles(hyphenated)).toEqual(['武蔵野の雑木林']);
		expect(await titles(DEMO_ISBN10)).toEqual(['武蔵野の雑木林']);
	});

	it('does not treat a number with a wrong check digit as an ISBN', () => {
		expect(prepareQuery(isbn13.slice(0, 12) + ((Number(isbn13[12]) + 1) % 10)).isbn).toBeNull();
	});
});

describe('filters', () => {
	it('filters by several formats at once', async () => {
		const found = await search('銀河鉄道の夜', { formats: ['audio_daisy', 'braille'] });
		expect(found.hits.map((h) => h.format).sort()).toEqual(['audio_daisy', 'braille']);
	});

	it('filters by audience and language', async () => {
		expect(await titles('猫', { audience: 'children' })).toEqual(['猫の事務所']);
		expect(await titles('猫', { language: 'en' })).toEqual(['子猫物語']);
	});

	it('keeps only titles with a copy on the shelf at the chosen library', async () => {
		expect(await titles('ねこ', { availableAt: 'nerima' })).toEqual(['ネコの手も借りたい']);
		expect(await titles('子猫', { availableAt: 'nerima' })).toEqual([]);
	});

	it('counts the copies on the shelf at the chosen library only, when one is chosen', async () => {
		const [id] = await add({ title: 'くじらの歌', copies: [['nerima', 'on_shelf'], ['hikarigaoka', 'on_shelf'], ['hikarigaoka', 'on_shelf'], ['nerima', 'on_loan']] });
		const hit = async (options: Partial<SearchQuery>) => (await search('くじらの歌', options)).hits.find((h) => h.id === id)!;
		expect(await hit({})).toMatchObject({ copies: 4, available: 3 });
		expect(await hit({ availableAt: 'nerima' })).toMatchObject({ copies: 4, available: 1 });
		expect(await hit({ availableAt: 'hikarigaoka' })).toMatchObject({ copies: 4, available: 2 });
		await db().deleteFrom('copies').where('record_id', '=', id).execute();
		await db().deleteFrom('catalogue_records').where('id', '=', id).execute();
	});

	it('still ranks the exact title, then titles that start with the query, first (title-start keys)', async () => {
		// ここから shares the key of こころ's first two characters and must not be taken for a title match.
		expect(await titles('こころ', { language: 'ja' })).toEqual(['こころ', 'こころの旅', 'はじめてのこころ']);
		// Titles that start with the query, newest first (2024, 2020, 1990), then the rest (はじめてのこころ, 2025).
		expect(await titles('ここ', { language: 'ja', audience: 'adult' })).toEqual(['こころの旅', 'ここから', 'こころ', 'はじめてのこころ']);
		expect(await titles('猫', { formats: ['print', 'audio_daisy'] })).toEqual(['猫町', '猫の事務所', '子猫物語']);
	});

	it('finds titles that start with the query among filtered records even when the other matches fill the cap', async () => {
		// Older records (lower ids) that contain the word but do not start with it fill a cap of 3 in the general
		// match; the one whose title starts with it comes only from the title-start keys.
		const within = await add(...[1, 2, 3, 4].map((i) => ({ title: `あおいぬいぐるみ${kana(i)}`, language: 'fr' })));
		const starts = await add({ title: 'ぬいぐるみの森', language: 'fr' });
		const unfiltered = await add({ title: 'ぬいぐるみの海', language: 'de' });
		const prepared = prepareQuery('ぬいぐるみ');
		const page = await searchPage(db(), { ...prepared, language: 'fr', cap: 3 }, 0, 3);
		expect(page.hits.map((h) => h.title)).toEqual(['ぬいぐるみの森', 'あおいぬいぐるみい', 'あおいぬいぐるみう']);
		await db().deleteFrom('copies').where('record_id', 'in', [...within, ...starts, ...unfiltered]).execute();
		await db().deleteFrom('catalogue_records').where('id', 'in', [...within, ...starts, ...unfiltered]).execute();
	});

	it('writes the same title-start keys in SQL (migration 0011, for stored records) as buildShortGrams', async () => {
		// ★★★ normalises to nothing: its reading is the first segment of search_text, and gives the keys.
		const titlesToTry = ['𠮷野家の本', 'A', 'Ｈａｒｒｙ　Ｐｏｔｔｅｒ', 'ﾈｺ町', '★★★'];
		const readingOf = (title: string) => (title === '★★★' ? 'ほしのうた' : title);
		const stored = await add(...titlesToTry.map((title) => ({ title, title_reading: readingOf(title), copies: [] as Spec['copies'] })));
		const withoutKeys = sql<string[]>`array(select g from unnest(short_grams) g where left(g, 3) <> chr(1) || 't:')`;
		await db().updateTable('catalogue_records').set({ short_grams: withoutKeys }).where('id', 'in', stored).execute();
		await addTitleStartKeys(db());
		await addTitleStartKeys(db()); // idempotent
		const rows = await db().selectFrom('catalogue_records').select(['id', 'short_grams']).where('id', 'in', stored).orderBy('id').execute();
		rows.forEach((row, i) => {
			const expected = buildShortGrams({ title: titlesToTry[i], title_reading: readingOf(titlesToTry[i]), author: '試験 太郎', author_reading: 'しけん たろう', subjects: '', format: 'print', audience: 'adult', language: 'ja' });
			const keys = (grams: string[]) => grams.filter((g) => g.startsWith('\u0001t:')).sort();
			expect(keys(row.short_grams), titlesToTry[i]).toEqual(keys(expected));
			expect(keys(row.short_grams).length, titlesToTry[i]).toBe(titlesToTry[i] === 'A' ? 1 : 2);
		});
		expect(rows[4].short_grams).toEqual(expect.arrayContaining([titleStartKey('ほ'), titleStartKey('ほし')]));
		await db().deleteFrom('catalogue_records').where('id', 'in', stored).execute();
	});
});

describe('ranking, counts and paging', () => {
	it('puts the exact title first, then titles that start with the query, then the rest', async () => {
		expect(await titles('こころ')).toEqual(['こころ', 'こころの旅', 'はじめてのこころ']);
	});

	it('gives each hit its copies on the shelf, all copies and active holds', async () => {
		const [hit] = (await search('コーヒーと図書館')).hits;
		expect(hit).toMatchObject({ title: 'コーヒーと図書館', copies: 4, available: 0, holds: 0 });
		const patron = await db()
			.insertInto('accounts')
			.values({
				card_number: '3100000001', password_hash: 'x', role: 'patron', status: 'active', name: '試験', name_kana: 'シケン',
				birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: '0',
				previous_card_number: null, id_document: null, workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const status of ['waiting', 'cancelled'] as const) {
			await db()
				.insertInto('holds')
				.values({ record_id: hit.id, patron_id: patron.id, placed_by: patron.id, pickup_location_id: 'nerima', status })
				.execute();
		}
		expect((await search('コーヒーと図書館')).hits[0].holds).toBe(1);
		expect(await catalogue.queueLength(hit.id)).toBe(1);
	});

	it('pages through results 20 at a time without repeats, and counts them', async () => {
		const batch = Array.from({ length: 45 }, (_, i) => ({ title: `ページ送り試験 ${kana(i)}` }));
		await add(...batch);
		const pages = await Promise.all([1, 2, 3, 4].map((page) => search('ページ送り試験', { page })));
		expect(pages.map((p) => p.hits.length)).toEqual([20, 20, 5, 0]);
		expect(pages.every((p) => p.total === 45 && !p.capped)).toBe(true);
		const seen = pages.flatMap((p) => p.hits.map((h) => h.id));
		expect(new Set(seen).size).toBe(45);
	});

	it(`caps the count at ${COUNT_CAP} and says so`, async () => {
		const many = Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({ title: `上限試験 ${kana(i)}`, copies: [] as Spec['copies'] }));
		for (let i = 0; i < many.length; i += 500) await add(...many.slice(i, i + 500));
		const first = await search('上限試験');
		expect(first).toMatchObject({ total: COUNT_CAP, capped: true });
		expect(first.hits).toHaveLength(20);
		const last = await search('上限試験', { page: COUNT_CAP / 20 });
		expect(last.hits).toHaveLength(20);
		expect((await search('上限試験', { page: COUNT_CAP / 20 + 1 })).hits).toEqual([]);
	});
});

describe('what people type that is not a plain word', () => {
	it('treats % and _ as literal, never as LIKE wildcards', async () => {
		expect(await titles('100%')).toEqual(['100%の力']);
		// As wildcards, 1_0 would match "1a0" and ab_cd "abxcd"; normalised they are 10 and abcd.
		expect(await titles('1_0')).toEqual(['100%の力']);
		expect(await titles('ab_cd')).toEqual(['abcd book']);
		expect(await titles('ab%cd')).toEqual(['abcd book']);
		expect((await search('%')).total).toBe(0);
		expect((await search('_')).total).toBe(0);
		expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
	});

	it('returns nothing for an empty query, spaces or punctuation only', async () => {
		for (const q of ['', '   ', '\u3000', '「」！']) expect(await search(q), JSON.stringify(q)).toEqual({ hits: [], total: 0, capped: false });
	});

	it(`handles a query longer than ${MAX_QUERY_LENGTH} characters without searching`, async () => {
		const started = performance.now();
		expect(await search('猫'.repeat(MAX_QUERY_LENGTH + 1))).toEqual({ hits: [], total: 0, capped: false });
		expect(performance.now() - started).toBeLessThan(500);
		// At the limit it is searched (and finds nothing, quickly).
		expect((await search('ね'.repeat(MAX_QUERY_LENGTH))).total).toBe(0);
	});
});

describe('records and copies', () => {
	it('reads a record with its subjects as a list, and undefined for an unknown id', async () => {
		const record = await catalogue.getRecord(ids['練馬区史 歴史編/print']);
		expect(record).toMatchObject({ title: '練馬区史 歴史編', lendable: false, subjects: ['歴史', '郷土資料', '参考図書'] });
		expect(await catalogue.getRecord(999_999_999)).toBeUndefined();
	});

	it('lists copies in the order of the city configuration', async () => {
		const [id] = await add({ title: '所蔵順の試験', copies: [['nerima', 'on_loan'], ['hikarigaoka', 'on_shelf'], ['shakujii', 'in_transit']] });
		const copies = await catalogue.copiesOf(id);
		expect(copies.map((c) => [c.locationId, c.status])).toEqual([
			['hikarigaoka', 'on_shelf'],
			['nerima', 'on_loan'],
			['shakujii', 'in_transit']
		]);
	});

	it('finds accessible formats by their subject heading with a 2-character query', async () => {
		const formats = (await search('点字')).hits.map((h) => h.format);
		expect(formats).toContain('braille');
	});
});
