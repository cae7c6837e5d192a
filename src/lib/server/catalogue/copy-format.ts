/**
 * PostgreSQL `COPY … FROM … (FORMAT text)` lines for generated catalogue data, used by
 * `src/cli/generate-catalogue.ts` and the benchmark loader.
 *
 * Text format: one line per row, columns separated by a tab, `\N` for NULL; backslash, tab, newline and
 * carriage return inside a value are written as `\\`, `\t`, `\n`, `\r`
 * (https://www.postgresql.org/docs/15/sql-copy.html#id-1.9.3.55.9.2). Booleans are `t` / `f`.
 */
import type { GeneratedCopy, NewCatalogueRecord } from './generate-records';

/** Columns of each catalogue line, in order: `COPY catalogue_records (…) FROM …`. */
export const CATALOGUE_COPY_COLUMNS = [
	'title',
	'title_reading',
	'author',
	'author_reading',
	'publisher',
	'year',
	'isbn',
	'subjects',
	'language',
	'audience',
	'format',
	'lendable',
	'search_text',
	'short_grams'
] as const;

/** Columns of each copies line; `record_ordinal` is the 1-based line number of the record in the catalogue file. */
export const COPIES_COPY_COLUMNS = ['record_ordinal', 'location_index', 'shelf_mark', 'status'] as const;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format: `\N` for null/undefined, `t`/`f` for booleans, escaped text otherwise. */
export function copyTextValue(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '\\N';
	if (typeof value === 'boolean') return value ? 't' : 'f';
	const s = String(value);
	// Most values need no escaping; test first so the common case allocates nothing.
	return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

/**
 * A PostgreSQL array literal (`{"a","b"}`) for a `text[]` column. Every element is quoted, with `"` and `\`
 * escaped, so no element can be read as NULL or split at a comma; COPY escaping is applied on top.
 */
export function arrayLiteral(values: readonly string[]): string {
	let out = '{';
	for (let i = 0; i < values.length; i++) {
		if (i > 0) out += ',';
		const v = values[i];
		out += '"' + (v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v) + '"';
	}
	return out + '}';
}

/** The COPY line (with its newline) for one catalogue record, columns as in `CATALOGUE_COPY_COLUMNS`. */
export function catalogueCopyLine(r: NewCatalogueRecord): string {
	return (
		copyTextValue(r.title) +
		'\t' +
		copyTextValue(r.title_reading) +
		'\t' +
		copyTextValue(r.author) +
		'\t' +
		copyTextValue(r.author_reading) +
		'\t' +
		copyTextValue(r.publisher) +
		'\t' +
		copyTextValue(r.year) +
		'\t' +
		copyTextValue(r.isbn) +
		'\t' +
		copyTextValue(r.subjects) +
		'\t' +
		copyTextValue(r.language) +
		'\t' +
		copyTextValue(r.audience) +
		'\t' +
		copyTextValue(r.format) +
		'\t' +
		copyTextValue(r.lendable) +
		'\t' +
		copyTextValue(r.search_text) +
		'\t' +
		copyTextValue(arrayLiteral(r.short_grams ?? [])) +
		'\n'
	);
}

/** COPY lines (each with its newline) for the copies of the record at `ordinal`, columns as in `COPIES_COPY_COLUMNS`. */
export function copiesCopyLines(ordinal: number, copies: readonly GeneratedCopy[]): string {
	let out = '';
	for (const c of copies)
		out += `${ordinal}\t${c.locationIndex}\t${copyTextValue(c.shelfMark)}\t${c.status}\n`;
	return out;
}
