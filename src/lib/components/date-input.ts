/**
 * Parsing of dates typed into DateInput. Pure, so the form action (server) and tests share it: the browser
 * sends the text as typed and the server decides.
 *
 * Accepted, after Unicode NFKC normalisation (full-width digits and ／－．, spaces removed):
 * - `2026-12-01`, `2026/12/1`, `2026.12.1` (year first, one separator used consistently)
 * - `20261201` (eight digits, as some people type on a numeric keypad)
 * - `2026年12月1日` (the 日 may be left out)
 * - Japanese eras: `令和8年12月1日`, `令和元年5月1日`, `R8/12/1`, `H31.4.30`, `S64.1.7` (明治 M, 大正 T,
 *   昭和 S, 平成 H, 令和 R; also the one-character ligatures such as ㋿ ㍻), for dates of birth and documents
 *   written in wareki. Era years are converted without checking the era's end (平成31年5月1日 is read as
 *   2019-05-01): the date meant is not in doubt, so refusing it would only make the user retype.
 * Not accepted: day-first or month-first orders like `1/12/2026`, which are ambiguous across languages.
 */

/** First Gregorian year of each era (元年 = year 1 of the era = this year). */
const ERA_FIRST_YEAR: Record<string, number> = {
	明治: 1868,
	大正: 1912,
	昭和: 1926,
	平成: 1989,
	令和: 2019,
	M: 1868,
	T: 1912,
	S: 1926,
	H: 1989,
	R: 2019
};

// Characters people type for a hyphen in Japanese IMEs that NFKC does not turn into "-":
// hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign, katakana long vowel mark.
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70]/g;

const YEAR_FIRST = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const KANJI = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const ERA = /^(明治|大正|昭和|平成|令和|[MTSHR])(\d{1,2}|元)(?:年(\d{1,2})月(\d{1,2})日?|([/.-])(\d{1,2})\5(\d{1,2}))$/;

/** Parse a typed date into ISO `yyyy-mm-dd`, or null when it is not a real calendar date in an accepted form. */
export function parseTypedDate(text: string): string | null {
	return readTypedDate(text).iso;
}

/**
 * Whether the text is written as a date in an accepted form but names no day of the calendar (2026/2/30,
 * 2026/13/1, 令和8年4月31日): the form then says "that day does not exist" rather than "write it like …".
 */
export function isImpossibleDate(text: string): boolean {
	const { shaped, iso } = readTypedDate(text);
	return shaped && iso === null;
}

/**
 * The message for a date that `parseTypedDate` could not read: the field's `notRealKey` ("… must be a real
 * date") for an impossible date, otherwise its `formatKey` ("write it like 2026/4/15"). Each field has both,
 * so that two date fields with errors never show the same line in the error summary.
 */
export function unreadableDateKey(text: string, formatKey: string, notRealKey: string): string {
	return isImpossibleDate(text) ? notRealKey : formatKey;
}

/** `shaped`: the text has one of the accepted forms; `iso`: the day it names, if that day exists. */
function readTypedDate(text: string): { shaped: boolean; iso: string | null } {
	const normalised = text.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, '').toUpperCase();
	if (normalised === '') return { shaped: false, iso: null };

	const yearFirst = YEAR_FIRST.exec(normalised) ?? COMPACT.exec(normalised);
	if (yearFirst) {
		const parts = yearFirst.length === 5 ? [yearFirst[1], yearFirst[3], yearFirst[4]] : yearFirst.slice(1, 4);
		return { shaped: true, iso: toIsoDate(Number(parts[0]), Number(parts[1]), Number(parts[2])) };
	}

	const kanji = KANJI.exec(normalised);
	if (kanji) return { shaped: true, iso: toIsoDate(Number(kanji[1]), Number(kanji[2]), Number(kanji[3])) };

	const era = ERA.exec(normalised);
	if (era) {
		const eraYear = era[2] === '元' ? 1 : Number(era[2]);
		if (eraYear < 1) return { shaped: true, iso: null };
		const year = ERA_FIRST_YEAR[era[1]] + eraYear - 1;
		const month = Number(era[3] ?? era[6]);
		const day = Number(era[4] ?? era[7]);
		return { shaped: true, iso: toIsoDate(year, month, day) };
	}

	return { shaped: false, iso: null };
}

/** Format year, month and day as ISO `yyyy-mm-dd`, or null when they do not name a real date. */
function toIsoDate(year: number, month: number, day: number): string | null {
	// Below 1000 is a typo, not a library date (and Date.UTC would read years 0–99 as 1900–1999).
	if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
		return null;
	}
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
