import { describe, expect, it } from 'vitest';
import {
	arrayLiteral,
	CATALOGUE_COPY_COLUMNS,
	catalogueCopyLine,
	copiesCopyLines,
	COPIES_COPY_COLUMNS,
	copyTextValue
} from './copy-format';
import { DEMO_SPOTLIGHT_RECORDS, generateRecords } from './generate-records';

/** Reverses COPY text-format escaping of one field (what PostgreSQL does on load). */
function unescape(field: string): string | null {
	if (field === '\\N') return null;
	return field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c);
}

describe('copyTextValue', () => {
	it('writes NULL as \\N and booleans as t/f', () => {
		expect(copyTextValue(null)).toBe('\\N');
		expect(copyTextValue(undefined)).toBe('\\N');
		expect(copyTextValue(true)).toBe('t');
		expect(copyTextValue(false)).toBe('f');
		expect(copyTextValue(1985)).toBe('1985');
	});

	it('escapes backslash, tab, newline and carriage return', () => {
		expect(copyTextValue('a\\b')).toBe('a\\\\b');
		expect(copyTextValue('a\tb')).toBe('a\\tb');
		expect(copyTextValue('a\nb\r')).toBe('a\\nb\\r');
		// The literal text \N must not turn into NULL.
		expect(copyTextValue('\\N')).toBe('\\\\N');
		expect(unescape(copyTextValue('\\N'))).toBe('\\N');
	});

	it('leaves other text, including the search-text separator U+0001, as it is', () => {
		expect(copyTextValue('銀河鉄道の夜\u0001ぎんが')).toBe('銀河鉄道の夜\u0001ぎんが');
	});
});

describe('catalogueCopyLine', () => {
	it('writes one line of 13 fields that round-trip', () => {
		const record = {
			...DEMO_SPOTLIGHT_RECORDS[0],
			title: 'Tab\there\\and\nnewline',
			isbn: null
		};
		const line = catalogueCopyLine(record);
		expect(line.endsWith('\n')).toBe(true);
		expect(line.slice(0, -1).includes('\n')).toBe(false);
		const fields = line.slice(0, -1).split('\t');
		expect(fields).toHaveLength(CATALOGUE_COPY_COLUMNS.length);
		const values = Object.fromEntries(CATALOGUE_COPY_COLUMNS.map((c, i) => [c, unescape(fields[i])]));
		expect(values.title).toBe(record.title);
		expect(values.isbn).toBeNull();
		expect(values.year).toBe(String(record.year));
		expect(values.lendable).toBe('t');
		expect(values.search_text).toBe(record.search_text);
	});

	it('writes generated records with the right number of fields', () => {
		for (const r of generateRecords({ count: 2_000, seed: 7 })) {
			const line = catalogueCopyLine(r);
			expect(line.slice(0, -1).split('\t')).toHaveLength(CATALOGUE_COPY_COLUMNS.length);
		}
	});
});

describe('copiesCopyLines', () => {
	it('writes one line per copy keyed by the record ordinal', () => {
		const r = DEMO_SPOTLIGHT_RECORDS[0];
		const lines = copiesCopyLines(42, r.copies).split('\n').filter(Boolean);
		expect(lines).toHaveLength(r.copies.length);
		for (const [i, line] of lines.entries()) {
			const fields = line.split('\t');
			expect(fields).toHaveLength(COPIES_COPY_COLUMNS.length);
			expect(fields).toEqual(['42', String(r.copies[i].locationIndex), r.copies[i].shelfMark, r.copies[i].status]);
		}
	});
});

describe('arrayLiteral (short_grams)', () => {
	it('quotes every element and escapes quotes and backslashes, so none reads as NULL or splits', () => {
		expect(arrayLiteral([])).toBe('{}');
		expect(arrayLiteral(['猫', 'ねこ', 'NULL', 'a,b', 'x"y', 'p\\q'])).toBe('{"猫","ねこ","NULL","a,b","x\\"y","p\\\\q"}');
	});

	it('is the last column of a catalogue line', () => {
		const record = DEMO_SPOTLIGHT_RECORDS[0];
		const fields = catalogueCopyLine(record).slice(0, -1).split('\t');
		expect(CATALOGUE_COPY_COLUMNS.at(-1)).toBe('short_grams');
		expect(unescape(fields.at(-1)!)).toBe(arrayLiteral(record.short_grams!));
	});
});
