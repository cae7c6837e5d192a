/**
 * Deterministic synthetic catalogue for demos and benchmarks (DOMAIN.md §9: plan for 2 million items).
 *
 * Record `i` of seed `s` depends only on `(s, i)`: each record reseeds a mulberry32 generator from a hash of
 * both. So the output is the same on every run, a range can be generated on its own (`startIndex`) and
 * chunks can be produced in parallel, and changing one record's logic does not shift all later records.
 *
 * Shares (approximate): formats print 85 %, large print 4.5 %, DAISY 4.5 %, braille 2.5 %, text data 1.5 %,
 * LL books 1.5 %, cloth picture books 0.3 %, tactile picture books 0.2 %; languages ja 75 %, en 20 %,
 * zh/ko/vi/pt/es 5 %; audience adult ~61 %, young adult ~10 %, children ~29 %; not lendable ~1 %;
 * ISBN on ~65 % (none before 1981, none on DAISY/braille/text data/handmade items); 1.9 copies per record.
 */
import type { Insertable } from 'kysely';
import type { CatalogueRecordsTable, CopyStatus, Format } from '../db/schema';
import {
	buildSearchText,
	isbn10CheckDigit,
	isbn10To13,
	isbn13CheckDigit,
	normaliseForSearch,
	SUBJECT_SEPARATOR
} from './normalise';
import { buildShortGrams } from './short-grams';
import * as lists from './word-lists';
import type { OtherLanguage, Word } from './word-lists';

// Copied once into a plain object: module namespaces compiled by tsx/esbuild read every export through a
// getter, which showed up in profiles of the 2-million-record run.
const W = { ...lists };

/** A catalogue row ready to insert (the database assigns `id`). */
export type NewCatalogueRecord = Omit<Insertable<CatalogueRecordsTable>, 'id'>;

/** A copy of a generated record: `locationIndex` is the position among the city's collection-holding libraries. */
export interface GeneratedCopy {
	locationIndex: number;
	shelfMark: string;
	status: CopyStatus;
}

/** A generated record with its copies. */
export type GeneratedRecord = NewCatalogueRecord & { copies: GeneratedCopy[] };

/** Libraries holding a collection in the Nerima configuration (pickup windows hold none); copies use 0..12. */
export const LOCATION_COUNT = 13;

/** Options of `generateRecords`. */
export interface GenerateOptions {
	/** Number of records to yield. */
	count: number;
	/** Any integer; the same seed always gives the same catalogue. */
	seed: number;
	/** Index of the first record (default 0): records are the same whichever range they are generated in. */
	startIndex?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: tiny, fast, good enough for test data; `reseed` avoids allocating a generator per record. */
class Rng {
	private state = 0;
	reseed(state: number): void {
		this.state = state | 0;
	}
	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) | 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(n: number): number {
		return Math.floor(this.next() * n);
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	/** Picks a key of `weights` with probability proportional to its weight (weights sum to 1). */
	weighted<K extends string>(weights: readonly (readonly [K, number])[]): K {
		let r = this.next();
		for (const [key, w] of weights) {
			if (r < w) return key;
			r -= w;
		}
		return weights[weights.length - 1][0];
	}
}

/** murmur3's finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

function recordSeed(seed: number, index: number): number {
	const high = Math.floor(index / 0x100000000);
	return fmix32(fmix32(seed ^ 0x9e3779b9) ^ fmix32((index >>> 0) + Math.imul(high, 0x27d4eb2f)));
}

// ---------------------------------------------------------------------------------------------------------
// Title templates

type Part = { text: string; reading: string } | { slot: string };

const PUNCTUATION_IN_READING = /[\s、。，．！？：・「」『』（）()!?:,.]+/g;

/** Compiles `{SLOT}`, `[表記:よみ]` and plain text (whose reading is itself in hiragana, punctuation → space). */
function compile(template: string, japanese: boolean): Part[] {
	const parts: Part[] = [];
	const re = /\{(\w+)\}|\[([^:\]]+):([^\]]+)\]|([^{[]+)/g;
	for (const m of template.matchAll(re)) {
		if (m[1]) parts.push({ slot: m[1] });
		else if (m[2]) parts.push({ text: m[2], reading: m[3] });
		else {
			const text = m[4];
			parts.push({ text, reading: japanese ? W.toHiragana(text).replace(PUNCTUATION_IN_READING, ' ') : text });
		}
	}
	return parts;
}

/** Renders a compiled template, drawing each slot from `lists`; returns [title, reading]. */
function render(rng: Rng, parts: Part[], lists: Record<string, readonly Word[]>): [string, string] {
	let title = '';
	let reading = '';
	for (const part of parts) {
		if ('slot' in part) {
			const [s, r] = rng.pick(lists[part.slot]);
			title += s;
			reading += r;
		} else {
			title += part.text;
			reading += part.reading;
		}
	}
	return [title, reading];
}

/** Tidies a Japanese reading built from parts: single spaces, none at the ends. */
function tidyReading(reading: string): string {
	return reading.replace(/ {2,}/g, ' ').trim();
}

const compileAll = (templates: readonly string[], japanese = true) => templates.map((t) => compile(t, japanese));

const T = {
	jaFiction: compileAll(W.JA_FICTION_TEMPLATES),
	jaShort: compileAll(W.JA_SHORT_TEMPLATES),
	jaYa: compileAll(W.JA_YA_TEMPLATES),
	jaCurated: W.JA_CURATED_TITLES.map(([text, reading]): Part[] => [{ text, reading }]),
	jaCategories: W.JA_CATEGORIES.map((c) => ({ ...c, compiled: compileAll(c.templates) })),
	jaPicture: compileAll(W.JA_PICTURE_BOOK_TEMPLATES),
	jaChildFiction: compileAll(W.JA_CHILD_FICTION_TEMPLATES),
	jaChildNonfiction: compileAll(W.JA_CHILD_NONFICTION_TEMPLATES),
	ll: compileAll(W.LL_TEMPLATES),
	cloth: compileAll(W.CLOTH_TEMPLATES),
	tactile: compileAll(W.TACTILE_TEMPLATES),
	enFiction: compileAll(W.EN_FICTION_TEMPLATES, false),
	enShort: compileAll(W.EN_SHORT_TEMPLATES, false),
	enNonfiction: compileAll(W.EN_NONFICTION_TEMPLATES, false),
	enChild: compileAll(W.EN_CHILD_TEMPLATES, false)
};

const ALL_JA_NOUNS = [...W.JA_SHORT_NOUNS, ...W.JA_NOUNS];
const JA_LISTS: Record<string, readonly Word[]> = {
	N: ALL_JA_NOUNS,
	S: W.JA_SHORT_NOUNS,
	ADJ: W.JA_ADJECTIVES,
	PADJ: W.JA_PLAIN_ADJECTIVES,
	VW: W.JA_VERBS_WITH,
	VO: W.JA_VERBS_OBJECT,
	VV: W.JA_VERBS_PLACE,
	A: W.JA_CHILD_ANIMALS,
	C: W.JA_CHILD_THINGS,
	CL: W.JA_COLOURS,
	TX: W.JA_TEXTURES,
	P: W.LL_PLACES,
	LV: W.LL_VERBS,
	J: W.LL_JOBS
};
const EN_LISTS: Record<string, readonly Word[]> = {
	N: W.EN_NOUNS,
	ADJ: W.EN_ADJECTIVES,
	PLACE: W.EN_PLACES,
	T: W.EN_TOPICS,
	A: W.EN_CHILD_ANIMALS,
	CADJ: W.EN_CHILD_ADJECTIVES,
	CPLACE: W.EN_CHILD_PLACES,
	NAME: W.EN_CHILD_NAMES,
	THING: W.EN_CHILD_THINGS
};

/** NDC main classes, for the subject of children's non-fiction. */
const NDC_CLASS_SUBJECT: Record<string, string> = {
	'0': '総記',
	'1': '哲学・心理',
	'2': '歴史',
	'3': '社会・経済',
	'4': '科学',
	'5': '技術',
	'6': '産業',
	'7': '芸術',
	'8': '言語',
	'9': '文学'
};

/** Literature class of translated fiction, by the author's family name (default: English-language). */
const TRANSLATED_NDC: Record<string, string> = {
	ガルシア: '963',
	ロッシ: '973',
	シュミット: '943.7',
	マルタン: '953.7',
	イワノフ: '983',
	ヤンセン: '949.3',
	ハンセン: '949.6',
	ノヴァク: '989.8'
};

// ---------------------------------------------------------------------------------------------------------
// Shares

const FORMAT_WEIGHTS: readonly (readonly [Format, number])[] = [
	['print', 0.85],
	['large_print', 0.045],
	['audio_daisy', 0.045],
	['braille', 0.025],
	['text_data', 0.015],
	['ll_book', 0.015],
	// Handmade, so few: but still several hundred in 200,000 records.
	['cloth_picture_book', 0.003],
	['tactile_picture_book', 0.002]
];

// Print only: accessible formats are almost all Japanese, so print is weighted a little away from ja
// to give about 75 % ja / 20 % en overall.
const PRINT_LANGUAGE_WEIGHTS: readonly (readonly [string, number])[] = [
	['ja', 0.71],
	['en', 0.23],
	['zh', 0.022],
	['ko', 0.016],
	['vi', 0.01],
	['pt', 0.007],
	['es', 0.005]
];

type Audience = CatalogueRecordsTable['audience'];

/** Subject heading added for each accessible format, so a search for 点字 or 録音図書 finds them. */
const FORMAT_SUBJECT: Partial<Record<Format, string>> = {
	large_print: '大活字本',
	audio_daisy: '録音図書',
	braille: '点字',
	text_data: 'テキストデータ',
	ll_book: 'LLブック',
	cloth_picture_book: '布の絵本',
	tactile_picture_book: 'さわる絵本'
};

/** Shelf-mark prefix per format, as on the spine labels of accessible collections. */
const FORMAT_SHELF_PREFIX: Record<Format, string> = {
	print: '',
	large_print: 'LP ',
	audio_daisy: 'DAISY ',
	braille: '点 ',
	text_data: 'TXT ',
	ll_book: 'LL ',
	cloth_picture_book: '布 ',
	tactile_picture_book: 'さわ '
};

// ---------------------------------------------------------------------------------------------------------
// Generation

interface Content {
	title: string;
	reading: string;
	author: string;
	authorReading: string;
	subjects: string[];
	ndc: string;
	/** Children's books shelved as picture books (E) or children's (K) */
	shelfClass?: string;
}

function jaPerson(rng: Rng): [string, string] {
	const [fs, fr] = rng.pick(W.JA_FAMILY_NAMES);
	const [gs, gr] = rng.pick(W.JA_GIVEN_NAMES);
	return [`${fs} ${gs}`, `${fr} ${gr}`];
}

function jaContent(rng: Rng, audience: Audience, format: Format): Content {
	if (format === 'cloth_picture_book' || format === 'tactile_picture_book') {
		const cloth = format === 'cloth_picture_book';
		const [title, reading] = render(rng, rng.pick(cloth ? T.cloth : T.tactile), JA_LISTS);
		const [author, authorReading] = rng.pick(cloth ? W.CLOTH_MAKERS : W.TACTILE_MAKERS);
		return { title, reading, author, authorReading, subjects: ['絵本'], ndc: 'E', shelfClass: 'E' };
	}
	if (format === 'll_book') {
		const [title, reading] = render(rng, rng.pick(T.ll), JA_LISTS);
		const [author, authorReading] = jaPerson(rng);
		return { title, reading, author, authorReading, subjects: ['福祉'], ndc: '369' };
	}
	if (audience === 'children') {
		const [author, authorReading] = jaPerson(rng);
		const r = rng.next();
		if (r < 0.45) {
			const [title, reading] = render(rng, rng.pick(T.jaPicture), JA_LISTS);
			return { title, reading, author, authorReading, subjects: ['絵本', '児童書'], ndc: 'E', shelfClass: 'E' };
		}
		if (r < 0.75) {
			const [title, reading] = render(rng, rng.pick(T.jaChildFiction), JA_LISTS);
			return { title, reading, author, authorReading, subjects: ['児童書', '小説'], ndc: '913', shelfClass: 'K' };
		}
		const [ts, tr, ndc] = rng.pick(W.JA_CHILD_TOPICS);
		let [title, reading] = render(rng, rng.pick(T.jaChildNonfiction), { T: [[ts, tr]] });
		if (rng.chance(0.5)) {
			const [ss, sr] = rng.pick(W.JA_CHILD_SUBTITLES);
			title += `：${ss}`;
			reading += ` ${sr}`;
		}
		const subject = NDC_CLASS_SUBJECT[ndc[0]];
		return { title, reading, author, authorReading, subjects: ['児童書', subject], ndc, shelfClass: 'K' };
	}
	const fiction = rng.chance(audience === 'young_adult' ? 0.75 : 0.45);
	if (fiction) {
		let templates = T.jaFiction;
		const r = rng.next();
		if (r < 0.06) templates = T.jaShort;
		else if (r < 0.07) templates = T.jaCurated;
		else if (audience === 'young_adult' && r < 0.4) templates = T.jaYa;
		const [title, reading] = render(rng, rng.pick(templates), JA_LISTS);
		if (rng.chance(0.12)) {
			// A translated novel: katakana author, foreign-literature class.
			const [gs, gr] = rng.pick(W.JA_FOREIGN_GIVEN);
			const [fs, fr] = rng.pick(W.JA_FOREIGN_FAMILY);
			return {
				title,
				reading,
				author: `${gs}・${fs}`,
				// Shelved and sorted by family name, as libraries do for foreign authors.
				authorReading: `${fr} ${gr}`,
				subjects: ['小説', '外国文学'],
				ndc: TRANSLATED_NDC[fs] ?? '933.7'
			};
		}
		const [author, authorReading] = jaPerson(rng);
		const subjects = audience === 'young_adult' ? ['小説', '青春小説'] : ['小説', '日本文学'];
		return { title, reading, author, authorReading, subjects, ndc: '913.6' };
	}
	if (rng.chance(0.04)) {
		const [author, authorReading] = jaPerson(rng);
		const series = rng.pick(W.JA_SERIES);
		const [vs, vr] = rng.pick(W.VOLUMES);
		return {
			title: `${series.title[0]} ${vs}`,
			reading: `${series.title[1]} ${vr}`,
			author,
			authorReading,
			subjects: [series.subject],
			ndc: series.ndc
		};
	}
	const category = rng.pick(T.jaCategories);
	let [title, reading] = render(rng, rng.pick(category.compiled), { T: category.topics });
	const r = rng.next();
	if (r < 0.45) {
		const [ss, sr] = rng.pick(W.JA_NONFICTION_SUBTITLES);
		title += `：${ss}`;
		reading += ` ${sr}`;
	} else if (r < 0.6) {
		const [es, er] = rng.pick(W.JA_EDITIONS);
		title += ` ${es}`;
		reading += ` ${er}`;
	}
	// Some practical and local books are written by an editorial team or society rather than a person.
	const [author, authorReading] =
		category.corporateAuthors && rng.chance(0.2) ? rng.pick(category.corporateAuthors) : jaPerson(rng);
	return { title, reading, author, authorReading, subjects: [category.subject], ndc: category.ndc };
}

function enContent(rng: Rng, audience: Audience): Content {
	const author = `${rng.pick(W.EN_GIVEN_NAMES)[0]} ${rng.pick(W.EN_FAMILY_NAMES)[0]}`;
	if (audience === 'children') {
		const [title] = render(rng, rng.pick(T.enChild), EN_LISTS);
		return { author, authorReading: author, title, reading: title, subjects: ['絵本', '児童書'], ndc: 'E', shelfClass: 'E' };
	}
	if (rng.chance(audience === 'young_adult' ? 0.8 : 0.5)) {
		const [title] = render(rng, rng.pick(rng.chance(0.08) ? T.enShort : T.enFiction), EN_LISTS);
		return { author, authorReading: author, title, reading: title, subjects: ['小説', '英米文学'], ndc: '933' };
	}
	const topic = rng.pick(W.EN_TOPICS)[0];
	let [title] = render(rng, rng.pick(T.enNonfiction), { T: [[topic, topic]] });
	if (!title.includes(':') && rng.chance(0.6)) title += `: ${rng.pick(W.EN_SUBTITLES)[0]}`;
	const [subject, ndc] = W.EN_TOPIC_SUBJECTS[topic];
	return { author, authorReading: author, title, reading: title, subjects: [subject], ndc };
}

function otherContent(rng: Rng, lang: OtherLanguage, audience: Audience): Content {
	const title = rng.pick(lang.titleFirst) + rng.pick(lang.titleSecond);
	const author = rng.pick(lang.authors);
	const [subject, ndc] = lang.literature;
	const children = audience === 'children';
	return {
		title,
		reading: title,
		author,
		authorReading: author,
		subjects: children ? ['児童書', subject] : ['小説', subject],
		ndc,
		shelfClass: children ? 'K' : undefined
	};
}

const OTHER_BY_CODE = new Map(W.OTHER_LANGUAGES.map((l) => [l.language, l]));

/** Publication (or production) year: recent years are commoner; accessible editions are newer. */
function pickYear(rng: Rng, format: Format): number | null {
	switch (format) {
		case 'audio_daisy':
		case 'text_data':
		case 'll_book':
			return skewedYear(rng, 2000);
		case 'large_print':
			return skewedYear(rng, 1980);
		case 'braille':
			return skewedYear(rng, 1965);
		case 'cloth_picture_book':
		case 'tactile_picture_book':
			// Handmade: the year is often not recorded.
			return rng.chance(0.25) ? null : skewedYear(rng, 1985);
		default:
			return skewedYear(rng, 1950);
	}
}

/** A year in from..2026, recent years commoner (median about a quarter of the way back). */
function skewedYear(rng: Rng, from: number): number {
	return 2026 - Math.floor((2027 - from) * Math.pow(rng.next(), 1.8));
}

/** Registration-group prefix of the ISBN-13 by language (Japan 978-4, English 978-0/1 or 979-8, …). */
function isbnPrefix(rng: Rng, language: string, year: number): string {
	switch (language) {
		case 'ja':
			return '9784';
		case 'en':
			return year >= 2020 && rng.chance(0.2) ? '9798' : rng.chance(0.5) ? '9780' : '9781';
		case 'zh':
			return '9787';
		case 'ko':
			return year >= 2008 ? '97911' : '97889';
		case 'vi':
			return '978604';
		case 'pt':
			return '97885';
		default:
			return '97884';
	}
}

/**
 * A valid ISBN-13 unique per record index: the k digits after the prefix are `(index × M + offset(seed)) mod 9·10^(k−1)`,
 * a bijection because M is coprime to 2, 3 and 5, so 978-4 and 978-0/1 numbers never repeat below 9·10^7
 * records (the small Vietnamese block can repeat, harmlessly, beyond 900,000 records). The body never starts
 * with 9: those numbers are left to the hand-written DEMO_SPOTLIGHT_RECORDS, so they are unique too.
 */
function makeIsbn(prefix: string, index: number, seed: number): string {
	const k = 12 - prefix.length;
	const modulus = 9 * 10 ** (k - 1);
	// M = 37,945,307 is odd, does not end in 5 and its digit sum (38) is not a multiple of 3.
	const offset = fmix32(seed ^ 0x2545f491) % modulus;
	const body = (index * 37_945_307 + offset) % modulus;
	const first12 = prefix + String(body).padStart(k, '0');
	return first12 + isbn13CheckDigit(first12);
}

/** 著者記号: first kana of the author's reading in katakana, or the first letter of a Latin family name. */
function authorInitial(language: string, author: string, authorReading: string): string {
	if (language === 'ja') {
		const c = authorReading.charCodeAt(0);
		return c >= 0x3041 && c <= 0x3096 ? String.fromCharCode(c + 0x60) : authorReading[0].toUpperCase();
	}
	const parts = author.split(' ');
	// Chinese/Korean names are written family name first without spaces; Western names family name last.
	const family = language === 'zh' || language === 'ko' || language === 'vi' ? parts[0] : parts[parts.length - 1];
	return family[0].toUpperCase();
}

function pickLocations(rng: Rng, count: number, central: boolean): number[] {
	const result: number[] = central ? [0] : [];
	while (result.length < count) {
		const loc = rng.int(LOCATION_COUNT);
		if (!result.includes(loc)) result.push(loc);
	}
	return result;
}

// One generator reseeded per record: generation is synchronous, so sharing it is safe and allocation-free.
const sharedRng = new Rng();

/** The record at `index` for `seed`; `generateRecords` yields these in order. */
export function generateRecord(seed: number, index: number): GeneratedRecord {
	const rng = sharedRng;
	rng.reseed(recordSeed(seed, index));

	const format = rng.weighted(FORMAT_WEIGHTS);
	let language: string;
	if (format === 'print') language = rng.weighted(PRINT_LANGUAGE_WEIGHTS);
	else if (format === 'large_print' || format === 'audio_daisy' || format === 'braille')
		language = rng.chance(0.96) ? 'ja' : 'en';
	else language = 'ja';

	let audience: Audience;
	if (format === 'cloth_picture_book' || format === 'tactile_picture_book') audience = 'children';
	else if (format === 'll_book') audience = rng.chance(0.8) ? 'adult' : 'young_adult';
	else {
		const r = rng.next();
		audience = r < 0.62 ? 'adult' : r < 0.72 ? 'young_adult' : 'children';
	}

	const content =
		language === 'ja'
			? jaContent(rng, audience, format)
			: language === 'en'
				? enContent(rng, audience)
				: otherContent(rng, OTHER_BY_CODE.get(language)!, audience);
	const title = content.title;
	const titleReading = language === 'ja' ? tidyReading(content.reading) : content.reading;

	let publisher: string;
	switch (format) {
		case 'large_print':
			publisher = rng.pick(W.LARGE_PRINT_PUBLISHERS)[0];
			break;
		case 'll_book':
			publisher = rng.pick(W.LL_PUBLISHERS)[0];
			break;
		case 'audio_daisy':
			publisher = rng.pick(W.DAISY_PRODUCERS)[0];
			break;
		case 'braille':
			publisher = rng.pick(W.BRAILLE_PRODUCERS)[0];
			break;
		case 'text_data':
			publisher = rng.pick(W.TEXT_DATA_PRODUCERS)[0];
			break;
		case 'cloth_picture_book':
		case 'tactile_picture_book':
			publisher = content.author; // handmade by the group itself
			break;
		default:
			if (language === 'ja')
				publisher = rng.pick(audience === 'children' && rng.chance(0.6) ? W.JA_CHILD_PUBLISHERS : W.JA_PUBLISHERS)[0];
			else if (language === 'en') publisher = rng.pick(W.EN_PUBLISHERS)[0];
			else publisher = rng.pick(OTHER_BY_CODE.get(language)!.publishers);
	}

	const year = pickYear(rng, format);
	// Japan adopted ISBN in 1981; locally published and handmade items have none.
	let isbn: string | null = null;
	if (year !== null && year >= 1981) {
		const p = format === 'print' ? 0.95 : format === 'large_print' ? 0.9 : format === 'll_book' ? 0.95 : 0;
		if (rng.chance(p)) isbn = makeIsbn(isbnPrefix(rng, language, year), index, seed);
	}

	// Rare, old or preservation copies are viewable only (N lending rules art. 5).
	const lendable = !(format === 'print' && rng.chance(year !== null && year < 1970 ? 0.04 : 0.004));

	const subjects = [...content.subjects];
	const formatSubject = FORMAT_SUBJECT[format];
	if (formatSubject) subjects.push(formatSubject);
	if (!lendable) subjects.push('参考図書');

	const initial = authorInitial(language, content.author, content.authorReading);
	const shelfClass = content.shelfClass === 'K' ? `K${content.ndc}` : (content.shelfClass ?? content.ndc);
	const shelfMark = `${lendable ? FORMAT_SHELF_PREFIX[format] : 'R '}${shelfClass}/${initial}`;

	let copies: GeneratedCopy[];
	if (!lendable) {
		copies = [{ locationIndex: rng.chance(0.5) ? 0 : rng.int(LOCATION_COUNT), shelfMark, status: 'not_lendable' }];
	} else {
		let count: number;
		if (format === 'print') {
			const r = rng.next();
			count = r < 0.4 ? 1 : r < 0.7 ? 2 : r < 0.88 ? 3 : 4;
		} else if (format === 'large_print' || format === 'll_book' || format === 'audio_daisy') {
			count = rng.chance(0.7) ? 1 : 2;
		} else count = 1;
		// Braille, DAISY, text data and handmade books are kept mostly at the first (central) library.
		const central = format !== 'print' && format !== 'large_print' && format !== 'll_book' && rng.chance(0.6);
		// Newer books are out more often; only on_shelf/on_loan, since holds create the other states.
		const onLoan = year === null ? 0.1 : year >= 2020 ? 0.35 : year >= 2000 ? 0.18 : 0.08;
		const locations = pickLocations(rng, count, central);
		copies = [];
		for (const locationIndex of locations)
			copies.push({ locationIndex, shelfMark, status: rng.chance(onLoan) ? 'on_loan' : 'on_shelf' });
	}

	const record: GeneratedRecord = {
		title,
		title_reading: titleReading,
		author: content.author,
		author_reading: content.authorReading,
		publisher,
		year,
		isbn,
		subjects: subjects.join(SUBJECT_SEPARATOR),
		language,
		audience,
		format,
		lendable,
		search_text: '',
		short_grams: [],
		copies
	};
	fieldCache.length = 0;
	record.search_text = buildSearchText(record, normaliseOnce);
	record.short_grams = buildShortGrams(record, normaliseOnce);
	return record;
}

// buildSearchText and buildShortGrams normalise the same fields of a record. Remembering this record's
// results in a short list (checked with ===, a pointer compare for the very same strings) saves the second
// pass; a global Map of all strings measured slower than simply normalising again.
const fieldCache: string[] = []; // input, output, input, output…
function normaliseOnce(text: string): string {
	for (let i = 0; i < fieldCache.length; i += 2) if (fieldCache[i] === text) return fieldCache[i + 1];
	const normalised = normaliseForSearch(text);
	fieldCache.push(text, normalised);
	return normalised;
}

/** Yields `count` records of `seed` starting at `startIndex`, one at a time (2 million fit in no memory at once). */
export function* generateRecords(options: GenerateOptions): Generator<GeneratedRecord> {
	const start = options.startIndex ?? 0;
	for (let i = 0; i < options.count; i++) yield generateRecord(options.seed, start + i);
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written records for demos and tests

function isbnFrom12(first12: string): string {
	return first12 + isbn13CheckDigit(first12);
}

function spotlight(
	record: Omit<NewCatalogueRecord, 'search_text' | 'subjects'> & { subjects: string[] },
	copies: [locationIndex: number, status: CopyStatus][],
	shelfMark: string
): GeneratedRecord {
	const row: NewCatalogueRecord = { ...record, subjects: record.subjects.join(SUBJECT_SEPARATOR), search_text: '' };
	row.search_text = buildSearchText(row);
	row.short_grams = buildShortGrams(row);
	return { ...row, copies: copies.map(([locationIndex, status]) => ({ locationIndex, shelfMark, status })) };
}

/** ISBN-10 printed on the 1985 spotlight book 「武蔵野の雑木林」, before Japan moved to ISBN-13 (2007). */
export const DEMO_ISBN10 = '499000123' + isbn10CheckDigit('499000123');

/**
 * About a dozen realistic records that demos and tests can find by title: the same novel in print, DAISY and
 * braille, large print, an LL book, cloth and tactile picture books, a non-lendable local-history volume,
 * an English novel, an older book with an ISBN-10, multilingual material. Classic titles are public domain;
 * editions, publishers and ISBNs are invented.
 */
export const DEMO_SPOTLIGHT_RECORDS: readonly GeneratedRecord[] = [
	spotlight(
		{
			title: '銀河鉄道の夜',
			title_reading: 'ぎんがてつどうのよる',
			author: '宮沢 賢治',
			author_reading: 'みやざわ けんじ',
			publisher: '練馬書房',
			year: 2014,
			isbn: isbnFrom12('978490000101'),
			subjects: ['小説', '日本文学'],
			language: 'ja',
			audience: 'young_adult',
			format: 'print',
			lendable: true
		},
		[
			[0, 'on_loan'],
			[1, 'on_loan'],
			[2, 'on_shelf'],
			[5, 'on_loan']
		],
		'913.6/ミ'
	),
	spotlight(
		{
			title: '銀河鉄道の夜',
			title_reading: 'ぎんがてつどうのよる',
			author: '宮沢 賢治',
			author_reading: 'みやざわ けんじ',
			publisher: 'ねりま音訳の会',
			year: 2016,
			isbn: null,
			subjects: ['小説', '日本文学', '録音図書'],
			language: 'ja',
			audience: 'young_adult',
			format: 'audio_daisy',
			lendable: true
		},
		[
			[0, 'on_shelf'],
			[3, 'on_shelf']
		],
		'DAISY 913.6/ミ'
	),
	spotlight(
		{
			title: '銀河鉄道の夜',
			title_reading: 'ぎんがてつどうのよる',
			author: '宮沢 賢治',
			author_reading: 'みやざわ けんじ',
			publisher: '点訳グループ ひかり',
			year: 2011,
			isbn: null,
			subjects: ['小説', '日本文学', '点字'],
			language: 'ja',
			audience: 'young_adult',
			format: 'braille',
			lendable: true
		},
		[[0, 'on_shelf']],
		'点 913.6/ミ'
	),
	spotlight(
		{
			title: '吾輩は猫である',
			title_reading: 'わがはいはねこである',
			author: '夏目 漱石',
			author_reading: 'なつめ そうせき',
			publisher: '大活字出版会',
			year: 2009,
			isbn: isbnFrom12('978490000102'),
			subjects: ['小説', '日本文学', '大活字本'],
			language: 'ja',
			audience: 'adult',
			format: 'large_print',
			lendable: true
		},
		[
			[0, 'on_shelf'],
			[4, 'on_loan']
		],
		'LP 913.6/ナ'
	),
	spotlight(
		{
			title: '走れメロス',
			title_reading: 'はしれめろす',
			author: '太宰 治',
			author_reading: 'だざい おさむ',
			publisher: 'テキストデータ製作室 わかば',
			year: 2021,
			isbn: null,
			subjects: ['小説', '日本文学', 'テキストデータ'],
			language: 'ja',
			audience: 'adult',
			format: 'text_data',
			lendable: true
		},
		[[0, 'on_shelf']],
		'TXT 913.6/ダ'
	),
	spotlight(
		{
			title: 'わたしの 仕事 パン屋さん',
			title_reading: 'わたしの しごと ぱんやさん',
			author: '森川 ひかり',
			author_reading: 'もりかわ ひかり',
			publisher: 'やさしい本出版',
			year: 2019,
			isbn: isbnFrom12('978490000103'),
			subjects: ['福祉', 'LLブック'],
			language: 'ja',
			audience: 'adult',
			format: 'll_book',
			lendable: true
		},
		[
			[0, 'on_shelf'],
			[6, 'on_shelf']
		],
		'LL 369/モ'
	),
	spotlight(
		{
			title: 'ぬのえほん くまさんの おきがえ',
			title_reading: 'ぬのえほん くまさんの おきがえ',
			author: '布の絵本 つくしの会',
			author_reading: 'ぬののえほん つくしのかい',
			publisher: '布の絵本 つくしの会',
			year: 2012,
			isbn: null,
			subjects: ['絵本', '布の絵本'],
			language: 'ja',
			audience: 'children',
			format: 'cloth_picture_book',
			lendable: true
		},
		[[0, 'on_shelf']],
		'布 E/ヌ'
	),
	spotlight(
		{
			title: 'さわって わかる どうぶつの かたち',
			title_reading: 'さわって わかる どうぶつの かたち',
			author: 'さわる絵本の会 たんぽぽ',
			author_reading: 'さわるえほんのかい たんぽぽ',
			publisher: 'さわる絵本の会 たんぽぽ',
			year: 2017,
			isbn: null,
			subjects: ['絵本', 'さわる絵本'],
			language: 'ja',
			audience: 'children',
			format: 'tactile_picture_book',
			lendable: true
		},
		[[0, 'on_shelf']],
		'さわ E/サ'
	),
	spotlight(
		{
			title: '練馬区史 歴史編',
			title_reading: 'ねりまくし れきしへん',
			author: '練馬区',
			author_reading: 'ねりまく',
			publisher: '練馬区',
			year: 1982,
			isbn: null,
			subjects: ['歴史', '郷土資料', '参考図書'],
			language: 'ja',
			audience: 'adult',
			format: 'print',
			lendable: false
		},
		[
			[0, 'not_lendable'],
			[1, 'not_lendable']
		],
		'R 213.6/ネ'
	),
	spotlight(
		{
			title: 'Pride and Prejudice',
			title_reading: 'Pride and Prejudice',
			author: 'Jane Austen',
			author_reading: 'Jane Austen',
			publisher: 'Riverside Press',
			year: 2003,
			isbn: isbnFrom12('978090000104'),
			subjects: ['小説', '英米文学'],
			language: 'en',
			audience: 'adult',
			format: 'print',
			lendable: true
		},
		[
			[0, 'on_shelf'],
			[2, 'on_loan']
		],
		'933/A'
	),
	spotlight(
		{
			title: '武蔵野の雑木林',
			title_reading: 'むさしののぞうきばやし',
			author: '田中 一郎',
			author_reading: 'たなか いちろう',
			publisher: '光が丘出版',
			year: 1985,
			isbn: isbn10To13(DEMO_ISBN10),
			subjects: ['科学', '植物'],
			language: 'ja',
			audience: 'adult',
			format: 'print',
			lendable: true
		},
		[[2, 'on_shelf']],
		'472/タ'
	),
	spotlight(
		{
			title: 'コーヒーと図書館',
			title_reading: 'こーひーととしょかん',
			author: '佐藤 花子',
			author_reading: 'さとう はなこ',
			publisher: '石神井書店',
			year: 2025,
			isbn: isbnFrom12('978490000105'),
			subjects: ['小説', '日本文学'],
			language: 'ja',
			audience: 'adult',
			format: 'print',
			lendable: true
		},
		[
			[0, 'on_loan'],
			[1, 'on_loan'],
			[2, 'on_loan'],
			[7, 'on_loan']
		],
		'913.6/サ'
	),
	spotlight(
		{
			title: 'Con mèo nhỏ của tôi',
			title_reading: 'Con mèo nhỏ của tôi',
			author: 'Nguyễn Văn An',
			author_reading: 'Nguyễn Văn An',
			publisher: 'Nhà xuất bản Bình Minh',
			year: 2018,
			isbn: isbnFrom12('978604900106'),
			subjects: ['児童書', 'ベトナム文学'],
			language: 'vi',
			audience: 'children',
			format: 'print',
			lendable: true
		},
		[[9, 'on_shelf']],
		'K929.3/N'
	)
];
