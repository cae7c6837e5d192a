import { describe, expect, it } from 'vitest';
import { ACCESSIBLE_FORMATS, FORMATS } from '../db/schema';
import {
	DEMO_ISBN10,
	DEMO_SPOTLIGHT_RECORDS,
	generateRecord,
	generateRecords,
	LOCATION_COUNT,
	type GeneratedRecord
} from './generate-records';
import { buildSearchText, isValidIsbn13, normaliseForSearch, normaliseIsbn, splitSubjects } from './normalise';
import * as lists from './word-lists';

const SAMPLE = 10_000;
const records: GeneratedRecord[] = [...generateRecords({ count: SAMPLE, seed: 1 })];
const share = (pred: (r: GeneratedRecord) => boolean) => records.filter(pred).length / records.length;

/** Readings are hiragana (ぁ..ゖ), the long vowel mark and single spaces between words. */
const READING = /^[\u3041-\u3096ー]+( [\u3041-\u3096ー]+)*$/;

describe('generateRecords: determinism', () => {
	it('gives the same records for the same seed', () => {
		const again = [...generateRecords({ count: 2_000, seed: 1 })];
		expect(again).toEqual(records.slice(0, 2_000));
	});

	it('gives different records for a different seed', () => {
		const other = [...generateRecords({ count: 2_000, seed: 2 })];
		const same = other.filter((r, i) => r.title === records[i].title && r.author === records[i].author).length;
		expect(same).toBeLessThan(100);
	});

	it('gives the same record at an index whatever range it is generated in', () => {
		const slice = [...generateRecords({ count: 25, seed: 1, startIndex: 5_000 })];
		expect(slice).toEqual(records.slice(5_000, 5_025));
		expect(generateRecord(1, 9_999)).toEqual(records[9_999]);
	});

	it('is lazy: yields records one at a time', () => {
		const it = generateRecords({ count: 2_000_000, seed: 1 })[Symbol.iterator]();
		expect(it.next().value).toEqual(records[0]);
	});
});

describe('generateRecords: shares', () => {
	it('has every format, with print about 85 %', () => {
		for (const format of FORMATS) expect(records.some((r) => r.format === format), format).toBe(true);
		expect(share((r) => r.format === 'print')).toBeGreaterThan(0.82);
		expect(share((r) => r.format === 'print')).toBeLessThan(0.88);
		for (const format of ACCESSIBLE_FORMATS)
			expect(records.filter((r) => r.format === format).length, format).toBeGreaterThanOrEqual(10);
	});

	it('has about 75 % Japanese, 20 % English and a few other languages', () => {
		expect(share((r) => r.language === 'ja')).toBeGreaterThan(0.71);
		expect(share((r) => r.language === 'ja')).toBeLessThan(0.79);
		expect(share((r) => r.language === 'en')).toBeGreaterThan(0.17);
		expect(share((r) => r.language === 'en')).toBeLessThan(0.23);
		for (const lang of ['zh', 'ko', 'vi', 'pt', 'es']) expect(records.some((r) => r.language === lang), lang).toBe(true);
	});

	it('has all audiences; cloth and tactile picture books are for children', () => {
		for (const a of ['adult', 'young_adult', 'children'] as const) expect(share((r) => r.audience === a)).toBeGreaterThan(0.05);
		const handmade = records.filter((r) => r.format === 'cloth_picture_book' || r.format === 'tactile_picture_book');
		expect(handmade.filter((r) => r.audience !== 'children')).toEqual([]);
	});

	it('has about 1 % non-lendable items, whose copies are all not_lendable', () => {
		const notLendable = share((r) => !r.lendable);
		expect(notLendable).toBeGreaterThan(0.004);
		expect(notLendable).toBeLessThan(0.02);
		const wrong = records.filter((r) => r.copies.some((c) => (c.status === 'not_lendable') !== !r.lendable));
		expect(wrong).toEqual([]);
	});

	it('has years 1950–2026, mostly recent', () => {
		expect(records.filter((r) => r.year != null && (r.year < 1950 || r.year > 2026))).toEqual([]);
		expect(share((r) => (r.year ?? 0) >= 2000)).toBeGreaterThan(0.5);
		expect(records.some((r) => r.year === 1950)).toBe(true);
	});
});

describe('generateRecords: fields', () => {
	it('gives valid, unique ISBN-13s to most print records and none before 1981 or to handmade/braille items', () => {
		const isbns = records.map((r) => r.isbn).filter((i): i is string => i != null);
		expect(isbns.filter((isbn) => !isValidIsbn13(isbn))).toEqual([]);
		expect(new Set(isbns).size).toBe(isbns.length);
		const recentPrint = records.filter((r) => r.format === 'print' && (r.year ?? 0) >= 1981);
		expect(recentPrint.filter((r) => r.isbn).length / recentPrint.length).toBeGreaterThan(0.9);
		const noIsbnFormats = ['braille', 'cloth_picture_book', 'tactile_picture_book', 'audio_daisy', 'text_data'];
		expect(records.filter((r) => r.isbn && ((r.year ?? 0) < 1981 || noIsbnFormats.includes(r.format)))).toEqual([]);
		expect(records.filter((r) => r.language === 'ja' && r.isbn).every((r) => r.isbn!.startsWith('9784'))).toBe(true);
	});

	it('gives Japanese records readings in hiragana only (with ー and single spaces)', () => {
		const ja = records.filter((r) => r.language === 'ja');
		expect(ja.length).toBeGreaterThan(7_000);
		const bad = ja.filter((r) => !READING.test(r.title_reading) || !READING.test(r.author_reading));
		expect(bad.map((r) => `${r.title} / ${r.title_reading} / ${r.author_reading}`)).toEqual([]);
	});

	it('keeps the reading of a title consistent with its kana', () => {
		// Wherever a title is all kana (picture books), its reading is the same text in hiragana.
		const kanaOnly = records.filter((r) => r.language === 'ja' && /^[\u3041-\u30ff ]+$/.test(r.title));
		expect(kanaOnly.length).toBeGreaterThan(100);
		expect(kanaOnly.filter((r) => normaliseForSearch(r.title_reading) !== normaliseForSearch(r.title))).toEqual([]);
	});

	it('uses the name itself as the reading of non-Japanese records', () => {
		const other = records.filter((r) => r.language !== 'ja');
		expect(other.filter((r) => r.title_reading !== r.title || r.author_reading !== r.author)).toEqual([]);
	});

	it('has short titles so one- and two-character queries find something', () => {
		expect(records.some((r) => r.language === 'ja' && [...r.title].length === 1)).toBe(true);
		expect(records.some((r) => r.language === 'ja' && [...r.title].length === 2)).toBe(true);
		for (const q of ['猫', '海', '空', '森', '本', '夢', '雨', 'ねこ', 'うみ', 'library', 'cat', 'ocean'])
			expect(records.filter((r) => r.search_text.includes(normaliseForSearch(q))).length, q).toBeGreaterThan(10);
	});

	it('has titles like the examples: 夜明けの図書館, はじめての料理, 日本の歴史 第N巻', () => {
		const many = [...generateRecords({ count: 100_000, seed: 1 })];
		const titles = new Set(many.map((r) => r.title));
		for (const t of ['夜明けの図書館', '猫と暮らす小さな家', 'はじめての料理']) expect(titles.has(t), t).toBe(true);
		expect(many.some((r) => r.title === '日本の歴史 第3巻' && r.title_reading === 'にほんのれきし だいさんかん')).toBe(true);
		expect(many.some((r) => /と(暮らす|歩く)(小さな|静かな)/.test(r.title))).toBe(true);
		const twoNouns = many.find((r) => r.language === 'ja' && /^\p{Script=Han}と\p{Script=Han}$/u.test(r.title));
		expect(twoNouns, '"猫と海"-style titles').toBeDefined();
	}, 180_000); // 100,000 records: seconds on a quiet machine, much longer on a busy CI one

	it('builds search_text with buildSearchText', () => {
		// The generator memoises normalisation; the result must equal the plain function's.
		expect(records.filter((r) => r.search_text !== buildSearchText(r))).toEqual([]);
	});

	it('uses subjects from the NDC-like list, with a heading for each accessible format', () => {
		const subjects = new Set(records.flatMap((r) => splitSubjects(r.subjects)));
		for (const s of ['小説', '歴史', '料理', '児童書', '科学', '福祉', '点字', '録音図書', '大活字本', 'LLブック', '布の絵本', 'さわる絵本'])
			expect(subjects.has(s), s).toBe(true);
		for (const r of records) if (r.format === 'braille') expect(splitSubjects(r.subjects)).toContain('点字');
	});

	it('gives every record 1–4 copies at distinct libraries 0..12 with a shelf mark', () => {
		// NDC class (or E / K…), a slash and the author's initial: "913.6/ヤ", "DAISY 913.6/ヤ", "E/ヤ".
		const shelfMark = /^(?:(?:LP|DAISY|点|TXT|LL|布|さわ|R) )?(?:K?\d{3}(?:\.\d+)?|E)\/\S$/;
		const statuses = new Set<string>();
		// Collected, then asserted once: an expect() per copy makes this test several times slower.
		const bad: unknown[] = [];
		for (const r of records) {
			const locations = r.copies.map((c) => c.locationIndex);
			if (r.copies.length < 1 || r.copies.length > 4 || new Set(locations).size !== locations.length) bad.push(r);
			for (const c of r.copies) {
				if (!(c.locationIndex >= 0 && c.locationIndex < LOCATION_COUNT) || !shelfMark.test(c.shelfMark)) bad.push(c);
				statuses.add(c.status);
			}
		}
		expect(bad).toEqual([]);
		expect([...statuses].sort()).toEqual(['not_lendable', 'on_loan', 'on_shelf']);
		const onShelf = records.flatMap((r) => r.copies).filter((c) => c.status === 'on_shelf').length;
		expect(onShelf / records.flatMap((r) => r.copies).length).toBeGreaterThan(0.7);
		const used = new Set(records.flatMap((r) => r.copies.map((c) => c.locationIndex)));
		expect(used.size).toBe(LOCATION_COUNT);
	});

	it('writes Japanese shelf marks with the katakana initial of the author reading', () => {
		const r = records.find((r) => r.language === 'ja' && r.format === 'print' && r.lendable && /^913\.6\//.test(r.copies[0].shelfMark))!;
		const initial = String.fromCharCode(r.author_reading.charCodeAt(0) + 0x60);
		expect(r.copies[0].shelfMark).toBe(`913.6/${initial}`);
	});
});

describe('word lists', () => {
	it('have hiragana readings for every Japanese word', () => {
		const japanese: (readonly (readonly [string, string, ...unknown[]])[])[] = [
			lists.JA_SHORT_NOUNS,
			lists.JA_NOUNS,
			lists.JA_CURATED_TITLES,
			lists.JA_NONFICTION_SUBTITLES,
			lists.JA_EDITIONS,
			lists.JA_ADJECTIVES,
			lists.JA_PLAIN_ADJECTIVES,
			lists.JA_VERBS_WITH,
			lists.JA_VERBS_OBJECT,
			lists.JA_VERBS_PLACE,
			lists.JA_FAMILY_NAMES,
			lists.JA_GIVEN_NAMES,
			lists.JA_FOREIGN_GIVEN,
			lists.JA_FOREIGN_FAMILY,
			lists.VOLUMES,
			lists.JA_CHILD_ANIMALS,
			lists.JA_CHILD_THINGS,
			lists.JA_CHILD_TOPICS,
			lists.LL_PLACES,
			lists.LL_VERBS,
			lists.LL_JOBS,
			lists.CLOTH_MAKERS,
			lists.TACTILE_MAKERS,
			lists.JA_COLOURS,
			lists.JA_CHILD_SUBTITLES,
			lists.JA_TEXTURES,
			...lists.JA_CATEGORIES.map((c) => c.topics),
			...lists.JA_CATEGORIES.flatMap((c) => (c.corporateAuthors ? [c.corporateAuthors] : [])),
			lists.JA_SERIES.map((s) => s.title)
		];
		for (const list of japanese) {
			expect(list.length).toBeGreaterThan(0);
			for (const [surface, reading] of list) expect(reading, surface).toMatch(READING);
		}
	});

	it('have the one-character nouns that short queries need', () => {
		const short = new Set(lists.JA_SHORT_NOUNS.map(([s]) => s));
		for (const c of ['猫', '海', '空', '森', '本', '夢', '雨']) expect(short.has(c), c).toBe(true);
		for (const [s] of lists.JA_SHORT_NOUNS) expect(s.length).toBeLessThanOrEqual(2);
	});
});

describe('DEMO_SPOTLIGHT_RECORDS', () => {
	const byTitle = (title: string) => DEMO_SPOTLIGHT_RECORDS.filter((r) => r.title === title);

	it('has about a dozen records covering every format', () => {
		expect(DEMO_SPOTLIGHT_RECORDS.length).toBeGreaterThanOrEqual(10);
		expect(DEMO_SPOTLIGHT_RECORDS.length).toBeLessThanOrEqual(15);
		for (const format of FORMATS) expect(DEMO_SPOTLIGHT_RECORDS.some((r) => r.format === format), format).toBe(true);
	});

	it('has one novel in print, DAISY and braille', () => {
		expect(byTitle('銀河鉄道の夜').map((r) => r.format).sort()).toEqual(['audio_daisy', 'braille', 'print']);
	});

	it('has a non-lendable reference item and an English novel', () => {
		const ref = byTitle('練馬区史 歴史編')[0];
		expect(ref.lendable).toBe(false);
		expect(ref.copies.every((c) => c.status === 'not_lendable')).toBe(true);
		expect(byTitle('Pride and Prejudice')[0].language).toBe('en');
	});

	it('has an older book found by the ISBN-10 printed on it', () => {
		const old = byTitle('武蔵野の雑木林')[0];
		expect(old.isbn).toBe(normaliseIsbn(DEMO_ISBN10));
		expect(old.search_text.includes(normaliseForSearch(DEMO_ISBN10))).toBe(true);
		expect(old.year).toBeLessThan(2007);
	});

	it('is consistent: valid ISBNs unused by generated records, hiragana readings, search text, copies', () => {
		const generated = new Set(records.map((r) => r.isbn));
		for (const r of DEMO_SPOTLIGHT_RECORDS) {
			if (r.isbn) {
				expect(isValidIsbn13(r.isbn), r.title).toBe(true);
				expect(generated.has(r.isbn), r.title).toBe(false);
			}
			if (r.language === 'ja') {
				expect(r.title_reading).toMatch(READING);
				expect(r.author_reading).toMatch(READING);
			}
			expect(r.search_text).toBe(buildSearchText(r));
			expect(r.copies.length).toBeGreaterThan(0);
			for (const c of r.copies) expect(c.locationIndex).toBeLessThan(LOCATION_COUNT);
		}
	});
});
