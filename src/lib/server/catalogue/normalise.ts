/**
 * Search-text normalisation for the catalogue.
 *
 * The same function runs on every catalogue field when a record is stored (`buildSearchText`) and on
 * every query typed by a patron, so a substring match on the normalised forms behaves the way a
 * Japanese reader expects:
 *
 * - **Unicode NFKC**: full-width Latin/digits become ASCII (`ＡＢＣ１２３` → `abc123`), half-width katakana
 *   become full-width (`ﾊﾘｰ` → `ハリー`, voiced marks composed: `ｶﾞ` → `ガ`), compatibility forms are
 *   unfolded (`①` → `1`, `㈱` → `(株)`).
 * - **Case folding**: locale-independent lower case per character (`LIBRARY` → `library`), final ς → σ;
 *   simple folding only (ß stays ß).
 * - **Katakana → hiragana**, so `ハリー` matches `はりー` and a reading typed in either script matches.
 *   Small `ヶ`/`ヵ` (and hiragana `ゖ`/`ゕ`) become full-size `け`/`か`: in place names and counters
 *   (`霞ヶ関`, `三ヶ月`) they are typographic variants of `ケ`/`カ`, and people type the full-size letter.
 * - **Old and variant kanji** that are common in names and old titles are folded to their modern form
 *   (`齋藤` → `斎藤`, `髙橋` → `高橋`, `圖書館` → `図書館`); see `KANJI_VARIANTS`.
 * - **Whitespace removed** (all of Unicode `Z`, including the ideographic space U+3000), so
 *   `ノルウェイの 森` matches `ノルウェイの森` and `山田 太郎` matches `山田太郎`.
 * - **Punctuation and symbols removed** (Unicode `P` and `S`: `・`, `、`, `「」`, `〜`, `！`, `&`, `★`, `♪` …),
 *   except `+` and `#`, which carry meaning in titles such as `C++` and `C#`.
 * - **The long vowel mark ー is kept after kana**: it is part of the word (`コーヒー` ≠ `コヒ`, `ビール` ≠ `ビル`).
 *   Hyphens typed in its place after kana (`-`, `‐`, `‑`, `‒`, `–`, `−`, half-width `ｰ`) become `ー`, so
 *   `コ-ヒ-` finds `コーヒー`. After anything that is not kana (digits, Latin, kanji, the start of the text)
 *   both hyphens and `ー` are separators and are removed: a Japanese IME turns `-` into `ー`, so
 *   `CDーROM` and `978ー4…` must behave like `CD-ROM` and `978-4…`.
 * - Control and format characters (`Cc`, `Cf`: zero-width space, soft hyphen, BOM …) are removed, which
 *   also guarantees that `SEARCH_TEXT_SEPARATOR` (U+0001) never occurs in a normalised query.
 *
 * Not done, on purpose: accents are not stripped (Vietnamese and Portuguese titles depend on them),
 * and no kanji ↔ kana conversion is attempted (a query in kana finds the reading fields instead), so
 * `光ヶ丘` (→ `光け丘`) and `光が丘` stay different.
 */

/** Separator between fields in `search_text`; normalisation removes it, so no query matches across fields. */
export const SEARCH_TEXT_SEPARATOR = '\u0001';

/** Separator between subject headings in `catalogue_records.subjects`. */
export const SUBJECT_SEPARATOR = '; ';

const LONG_VOWEL = 0x30fc;

/**
 * Old (旧字体) and variant (異体字) kanji that NFKC leaves alone but readers treat as the same character.
 * Only unambiguous pairs: 斉/斎 or 竜/龍 stay distinct, because people write their names with either.
 */
const KANJI_VARIANTS: Record<string, string> = {
	髙: '高',
	﨑: '崎',
	嵜: '崎',
	邊: '辺',
	邉: '辺',
	齋: '斎',
	齊: '斉',
	澤: '沢',
	濱: '浜',
	濵: '浜',
	國: '国',
	櫻: '桜',
	廣: '広',
	學: '学',
	會: '会',
	藝: '芸',
	圖: '図',
	實: '実',
	壽: '寿',
	德: '徳',
	惠: '恵',
	榮: '栄',
	黑: '黒',
	眞: '真',
	瀨: '瀬',
	龜: '亀',
	戀: '恋',
	聲: '声',
	氣: '気',
	歷: '歴',
	曆: '暦',
	萬: '万',
	驛: '駅',
	樂: '楽',
	發: '発',
	舊: '旧',
	傳: '伝',
	辭: '辞',
	爲: '為',
	與: '与'
};

// Per-character action for the BMP, computed once at start-up (about 30 ms): a table lookup is several
// times faster than Unicode-property regexes and `toLowerCase` over every field of 2 million records.
const KEEP = 0;
const DROP = 1;
const DASH = 2; // hyphen-like: becomes ー after kana, else dropped
const EXPAND = 3; // lower-cases to more than one code unit (İ → i̇): append `toLowerCase()` of it
const ACTION = new Uint8Array(0x10000);
/** Replacement code unit for kept characters (0 = keep as is): case folding, katakana → hiragana, variants. */
const REPLACE = new Uint16Array(0x10000);
/**
 * 1 when NFKC leaves the character alone whatever surrounds it: its own NFKC form is itself and it is not a
 * combining mark or conjoining Hangul jamo (the only characters that compose with a neighbour). A string made
 * only of such characters is already NFKC, so `normalize` can be skipped: it is the costliest step.
 */
const NFKC_STABLE = new Uint8Array(0x10000);

const DROP_RE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\s]/u;
const MARK_RE = /\p{M}/u;
(function buildTables() {
	for (let c = 0; c < 0x10000; c++) {
		if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates: astral code points take the slow path
		const ch = String.fromCharCode(c);
		if (ch.normalize('NFKC') === ch && !MARK_RE.test(ch) && !(c >= 0x1100 && c <= 0x11ff)) NFKC_STABLE[c] = 1;
		if (DROP_RE.test(ch)) {
			ACTION[c] = DROP;
			continue;
		}
		const lower = ch.toLowerCase();
		if (lower.length !== 1) ACTION[c] = EXPAND;
		else if (lower !== ch) REPLACE[c] = lower.charCodeAt(0);
	}
	ACTION[0x2b] = KEEP; // +
	ACTION[0x23] = KEEP; // #
	for (const c of [0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, LONG_VOWEL]) ACTION[c] = DASH;
	REPLACE[0x3c2] = 0x3c3; // final sigma ς → σ, as Unicode case folding does
	// Katakana ァ..ヶ → hiragana ぁ..ゖ (a fixed offset), iteration marks ヽヾ → ゝゞ.
	for (let c = 0x30a1; c <= 0x30f6; c++) REPLACE[c] = c - 0x60;
	REPLACE[0x30fd] = 0x309d;
	REPLACE[0x30fe] = 0x309e;
	// Small ヵヶ (and their hiragana ゕゖ) → full-size か / け.
	REPLACE[0x30f5] = REPLACE[0x3095] = 0x304b;
	REPLACE[0x30f6] = REPLACE[0x3096] = 0x3051;
	for (const [from, to] of Object.entries(KANJI_VARIANTS)) REPLACE[from.charCodeAt(0)] = to.charCodeAt(0);
})();

/** Kana after which ー (or a hyphen typed for it) is a long vowel: hiragana, katakana, ー itself. */
function isKana(c: number): boolean {
	return (c >= 0x3041 && c <= 0x309f) || (c >= 0x30a1 && c <= 0x30ff);
}

const ASTRAL_DROP_RE = /^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]$/u;

/** Normalises text for substring search: NFKC, case folding, katakana→hiragana, no spaces/punctuation (ー kept after kana). */
export function normaliseForSearch(text: string): string {
	return fold(text, true) ?? fold(text.normalize('NFKC'), false)!;
}

/**
 * Everything after NFKC, in one pass. With `onlyIfStable`, gives up (null) at the first character that
 * NFKC might change, so the caller normalises and calls again. Unchanged runs are copied with one slice.
 */
function fold(s: string, onlyIfStable: boolean): string | null {
	let out = '';
	let runStart = 0; // start of the current run of characters copied unchanged
	let prev = 0; // last code unit written, 0 at the start
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (onlyIfStable && NFKC_STABLE[c] === 0) return null;
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			// Astral code point (emoji, CJK extension B kanji…): classify with the regex, keep or drop whole.
			const pair = s.slice(i, i + 2);
			if (ASTRAL_DROP_RE.test(pair)) {
				out += s.slice(runStart, i);
				runStart = i + 2;
			} else {
				const lower = pair.toLowerCase(); // Deseret, Adlam… have case
				if (lower !== pair) {
					out += s.slice(runStart, i) + lower;
					runStart = i + 2;
				}
				prev = lower.charCodeAt(lower.length - 1);
			}
			i++;
			continue;
		}
		const action = ACTION[c];
		let emit: string;
		if (action === KEEP) {
			const r = REPLACE[c];
			if (r === 0) {
				prev = c;
				continue;
			}
			emit = String.fromCharCode(r);
			prev = r;
		} else if (action === DROP) {
			emit = '';
		} else if (action === DASH) {
			if (isKana(prev)) {
				if (c === LONG_VOWEL) {
					prev = c;
					continue;
				}
				emit = 'ー';
				prev = LONG_VOWEL;
			} else emit = '';
		} else {
			emit = String.fromCharCode(c).toLowerCase();
			prev = emit.charCodeAt(emit.length - 1);
		}
		out += s.slice(runStart, i) + emit;
		runStart = i + 1;
	}
	return runStart === 0 ? s : out + s.slice(runStart);
}

/** Check digit (`0`–`9`) of an ISBN-13 / EAN-13 from its first 12 digits. */
export function isbn13CheckDigit(first12: string): string {
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
	return String((10 - (sum % 10)) % 10);
}

/** Check digit (`0`–`9` or `X`) of an ISBN-10 from its first 9 digits. */
export function isbn10CheckDigit(first9: string): string {
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * (10 - i);
	const d = (11 - (sum % 11)) % 11;
	return d === 10 ? 'X' : String(d);
}

/** The 978-prefixed ISBN-13 for a valid 10-character ISBN-10 (digits, final X allowed); no validation. */
export function isbn10To13(isbn10: string): string {
	const first12 = '978' + isbn10.slice(0, 9);
	return first12 + isbn13CheckDigit(first12);
}

const ISBN13_978 = /^978\d{10}$/;

/** The ISBN-10 form of a 978-prefixed ISBN-13, or null (979 ISBNs have no ISBN-10). */
export function isbn13To10(isbn13: string): string | null {
	if (!ISBN13_978.test(isbn13)) return null;
	const first9 = isbn13.slice(3, 12);
	return first9 + isbn10CheckDigit(first9);
}

/** True for 13 digits with prefix 978/979 and a correct check digit. */
export function isValidIsbn13(isbn13: string): boolean {
	return /^97[89]\d{10}$/.test(isbn13) && isbn13CheckDigit(isbn13) === isbn13[12];
}

// Separators people put in ISBNs: spaces, hyphens and dashes, and ー (what a Japanese IME types for "-").
const ISBN_SEPARATORS = /[\s\u002d\u2010-\u2015\u2212\u30fc]/g;

/**
 * ISBN-13 digits for a valid ISBN-10 or ISBN-13 written with or without hyphens/spaces, full- or half-width,
 * optionally prefixed "ISBN", "ISBN-10:" or "ISBN-13:"; null when it is not a valid ISBN (check digit included).
 */
export function normaliseIsbn(text: string): string | null {
	const s = text.normalize('NFKC').trim();
	const label = /^isbn/i.test(s) ? s.slice(4) : null;
	if (label === null) return parseIsbnDigits(s);
	// "ISBN-13: 978…" or "ISBN 4-06-…": try without the "10"/"13" label first, because an ISBN-10 may itself
	// begin with 10 or 13 ("ISBN 1040…").
	return (
		parseIsbnDigits(label.replace(/^\s*:?/, '')) ??
		parseIsbnDigits(label.replace(/^[\s-]*1[03]\s*:?/, ''))
	);
}

function parseIsbnDigits(text: string): string | null {
	const s = text.replace(ISBN_SEPARATORS, '').toUpperCase();
	if (/^\d{9}[\dX]$/.test(s)) return isbn10CheckDigit(s) === s[9] ? isbn10To13(s) : null;
	if (/^\d{13}$/.test(s)) return isValidIsbn13(s) ? s : null;
	return null;
}

/** The forms of an ISBN a patron may search by: the ISBN-13 and, for 978 ISBNs, the ISBN-10. */
export function isbnSearchKeys(isbn13: string): string[] {
	const isbn10 = isbn13To10(isbn13);
	return isbn10 ? [isbn13, isbn10] : [isbn13];
}

/** Splits `catalogue_records.subjects` into its headings. */
export function splitSubjects(subjects: string): string[] {
	return subjects
		.split(';')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** The catalogue fields that feed `search_text`. */
export interface SearchableFields {
	title: string;
	title_reading: string;
	author: string;
	author_reading: string;
	publisher: string;
	subjects: string;
	isbn?: string | null;
}

/**
 * `search_text` for a record: each field normalised on its own (subjects one by one, ISBN-13 and ISBN-10),
 * empty and repeated segments left out, joined by `SEARCH_TEXT_SEPARATOR` so a query never spans two fields.
 * `normalise` may be any function equivalent to `normaliseForSearch` (the generator passes a per-record cache).
 */
export function buildSearchText(
	record: SearchableFields,
	normalise: (text: string) => string = normaliseForSearch
): string {
	// Plain loops and no closures: this runs for every one of the 2 million generated records.
	const segments: string[] = [];
	addSegment(segments, normalise(record.title));
	addSegment(segments, normalise(record.title_reading));
	addSegment(segments, normalise(record.author));
	addSegment(segments, normalise(record.author_reading));
	addSegment(segments, normalise(record.publisher));
	// Each subject on its own (normalisation drops the ";" anyway, which would glue them together).
	const subjects = record.subjects.split(';');
	for (let i = 0; i < subjects.length; i++) addSegment(segments, normalise(subjects[i]));
	if (record.isbn) {
		addSegment(segments, normaliseForSearch(record.isbn));
		const isbn10 = isbn13To10(record.isbn);
		if (isbn10) addSegment(segments, normaliseForSearch(isbn10));
	}
	return segments.join(SEARCH_TEXT_SEPARATOR);
}

function addSegment(segments: string[], normalised: string): void {
	if (normalised !== '' && !segments.includes(normalised)) segments.push(normalised);
}

/**
 * A memoised `normaliseForSearch`: remembers up to `limit` distinct inputs, then starts afresh (bounded
 * memory, no LRU bookkeeping). Note: on generated catalogue data it measured slightly slower than calling
 * `normaliseForSearch` directly (hashing a short string costs about as much as normalising it), so the
 * generator does not use it; it pays off only for long, often repeated texts.
 */
export function memoisedNormaliser(limit = 100_000): (text: string) => string {
	let cache = new Map<string, string>();
	return (text) => {
		let n = cache.get(text);
		if (n === undefined) {
			n = normaliseForSearch(text);
			if (cache.size >= limit) cache = new Map();
			cache.set(text, n);
		}
		return n;
	};
}
