/**
 * Short grams: the 1- and 2-character substrings of a record's normalised title, author, their readings and
 * its subject headings, stored in `catalogue_records.short_grams` (a GIN-indexed `text[]`).
 *
 * Why: Japanese words are often one or two characters (猫, 森, 歴史, ねこ, 点字), and a trigram index cannot
 * serve a query shorter than three characters (pg_trgm pads it and ends up scanning every row: STACK.md
 * pitfall 7). With the grams stored, `short_grams @> array[q]` is an exact, indexed substring test for a
 * query of one or two characters, because each field contributes its own grams: a 2-character gram is in
 * the array exactly when it occurs inside one of those fields (never across two of them), so no recheck is
 * needed.
 *
 * Publisher and ISBN are left out on purpose: nobody looks for a publisher by one character, and every
 * gram costs index space at 2 million records. Characters are code points, so a kanji outside the BMP
 * (𠮷) is one character, as the reader sees it.
 *
 * The array also holds three **facet keys**, for format, audience and language (`facetKey`), so a filter
 * is answered by the same GIN index: 「歴史」 among DAISY books intersects two posting lists instead of
 * reading every record that contains 歴史 to find the 4 % that are DAISY. The keys start with U+0001, which
 * normalisation removes from text, so no gram can ever equal one. A fourth kind, `at:<location>` (a copy on
 * the shelf there), is added and removed by the database itself when copies change (0009_search_availability).
 *
 * Last, **title-start keys** (`titleStartKey`): `\u0001t:` and the first one and first two characters of the
 * normalised title, so "titles beginning with 図書館, on the shelf at 大泉" is one GIN intersection (the key of
 * 図書 with the key of 大泉, then a prefix check of the few rows both name) instead of reading every title
 * that begins with 図書館 to check where its copies are (0011_search_title_keys).
 */
import { normaliseForSearch, type SearchableFields } from './normalise';
import type { CatalogueRecordsTable } from '$lib/server/db/schema';

/** The longest query (in characters, after normalisation) answered from `short_grams`; longer ones use trigrams. */
export const SHORT_GRAM_MAX = 2;

/** Fields whose grams are stored (those `buildSearchText` reads, minus publisher and ISBN) and the facets. */
export type ShortGramFields = Pick<SearchableFields, 'title' | 'title_reading' | 'author' | 'author_reading' | 'subjects'> &
	Pick<CatalogueRecordsTable, 'format' | 'audience' | 'language'>;

/**
 * A facet as stored among the grams: `\u0001format:braille`, `\u0001audience:children`, `\u0001language:ja`,
 * and `\u0001at:nerima` for "a copy is on the shelf at 練馬". The `at` keys are not built here: triggers on
 * `copies` keep them (migration 0009_search_availability), since copies change all day.
 */
export function facetKey(facet: 'format' | 'audience' | 'language' | 'at', value: string): string {
	return `\u0001${facet}:${value}`;
}

/**
 * The title-start key a normalised phrase is looked up by: `\u0001t:` and its first two characters (or its only
 * one). Every title beginning with the phrase has this key; a phrase of one or two characters has no others.
 */
export function titleStartKey(normalisedPhrase: string): string {
	const [first = '', second = ''] = normalisedPhrase;
	return `\u0001t:${first}${second}`;
}

/**
 * The distinct 1- and 2-character grams of the normalised title, title reading, author, author reading and
 * each subject heading, then the three facet keys and the title's two start keys, in order of first appearance (deterministic; the order means nothing to the index).
 * `normalise` may be a memoised `normaliseForSearch`, as for `buildSearchText`.
 */
export function buildShortGrams(
	record: ShortGramFields,
	normalise: (text: string) => string = normaliseForSearch
): string[] {
	// Plain loops, no iterators: this runs for every one of the 2 million generated records.
	const grams = new Set<string>();
	const fields = [normalise(record.title), normalise(record.title_reading), normalise(record.author), normalise(record.author_reading)];
	for (let i = 0; i < fields.length; i++) addGrams(grams, fields[i]);
	const subjects = record.subjects.split(';');
	for (let i = 0; i < subjects.length; i++) addGrams(grams, normalise(subjects[i]));
	grams.add(facetKey('format', record.format));
	grams.add(facetKey('audience', record.audience));
	grams.add(facetKey('language', record.language));
	// The title as search ranks it: the first segment of `search_text`, which skips fields that normalise to
	// nothing (a title of symbols only, ★★★, is ranked by its reading). Migration 0011 reads it from there.
	const title = fields.find((field) => field !== '') ?? '';
	const [first] = title;
	if (first !== undefined) {
		grams.add(titleStartKey(first));
		grams.add(titleStartKey(title));
	}
	return Array.from(grams);
}

/**
 * The `at` keys a record's `short_grams` ends with, as the triggers of 0009_search_availability write them:
 * one per location with a copy on the shelf, in location-id order. For bulk loads that bypass the triggers.
 */
export function availabilityKeys(copies: readonly { locationId: string; status: string }[]): string[] {
	const at = new Set<string>();
	for (const c of copies) if (c.status === 'on_shelf') at.add(c.locationId);
	return [...at].sort().map((location) => facetKey('at', location));
}

/** Adds every 1- and 2-code-point substring of an already normalised field. */
function addGrams(grams: Set<string>, text: string): void {
	let previous = '';
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		// A surrogate pair (𠮷, an emoji) is one character.
		const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
		const ch = wide ? text.slice(i, i + 2) : text[i];
		if (wide) i++;
		grams.add(ch);
		if (previous !== '') grams.add(previous + ch);
		previous = ch;
	}
}

/** Length of a normalised query in characters (code points), which decides the search path. */
export function characterCount(normalised: string): number {
	let n = 0;
	for (const _ of normalised) n++;
	return n;
}
