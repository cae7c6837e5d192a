import { describe, expect, it } from 'vitest';
import { CRITERIA, NOTES, RESULTS, TESTED_PAGES, TEST_DATE, countResults, jisConformance, wcagConformance, type Criterion } from './criteria';
import { LOCALES, hasKey } from '$lib/i18n';

const byId = (id: string) => CRITERIA.find((criterion) => criterion.id === id);

/** Compares "1.4.10" and "1.4.2" as numbers, part by part. */
function compareIds(a: string, b: string): number {
	const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
}

describe('the WCAG 2.2 A/AA checklist', () => {
	it('lists all 55 criteria of WCAG 2.2 A and AA, plus the obsolete 4.1.1, once each and in order', () => {
		const ids = CRITERIA.map((criterion) => criterion.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual([...ids].sort(compareIds));
		expect(CRITERIA.filter((criterion) => !criterion.obsolete)).toHaveLength(55);
		expect(CRITERIA.filter((criterion) => !criterion.obsolete && criterion.level === 'A')).toHaveLength(31);
		expect(CRITERIA.filter((criterion) => criterion.level === 'AA')).toHaveLength(24);
		expect(CRITERIA.filter((criterion) => criterion.obsolete).map((criterion) => criterion.id)).toEqual(['4.1.1']);
	});

	it('has the 38 criteria of JIS X 8341-3:2016 (WCAG 2.0) A and AA, 4.1.1 included', () => {
		expect(CRITERIA.filter((criterion) => criterion.since === '2.0')).toHaveLength(38);
	});

	it('marks the six A/AA criteria new in WCAG 2.2 as "2.2"', () => {
		const added = CRITERIA.filter((criterion) => criterion.since === '2.2').map((criterion) => criterion.id);
		expect(added).toEqual(['2.4.11', '2.5.7', '2.5.8', '3.2.6', '3.3.7', '3.3.8']);
	});

	it('marks the time-based media criteria not applicable: the portal has no audio or video', () => {
		for (const id of ['1.2.1', '1.2.2', '1.2.3', '1.2.4', '1.2.5']) expect(byId(id)?.result).toBe('notApplicable');
	});

	it('explains every result other than "conforms"', () => {
		const unexplained = CRITERIA.filter((criterion: Criterion) => criterion.result !== 'conforms' && !criterion.note);
		expect(unexplained).toEqual([]);
	});

	it('has every note, result and tested page in every language', () => {
		for (const locale of LOCALES) {
			for (const note of NOTES) expect(hasKey(locale, `pages:accessibility.checklist.notes.${note}`), `${locale} ${note}`).toBe(true);
			for (const result of RESULTS) expect(hasKey(locale, `pages:accessibility.checklist.results.${result}`), `${locale} ${result}`).toBe(true);
			for (const { key } of TESTED_PAGES) expect(hasKey(locale, `pages:accessibility.testing.pages.${key}`), `${locale} ${key}`).toBe(true);
		}
	});

	it('derives the declared conformance from the results', () => {
		const all = CRITERIA.map((criterion) => ({ ...criterion, result: 'conforms' as const }));
		expect(jisConformance(all)).toBe('full');
		expect(wcagConformance(all)).toBe('full');
		// A partial result in a criterion added by WCAG 2.2 does not affect JIS X 8341-3:2016 (WCAG 2.0).
		const only22 = all.map((criterion) => (criterion.id === '2.5.8' ? { ...criterion, result: 'partial' as const } : criterion));
		expect(jisConformance(only22)).toBe('full');
		expect(wcagConformance(only22)).toBe('partial');
		// 4.1.1 counts for JIS only.
		const parsing = all.map((criterion) => (criterion.id === '4.1.1' ? { ...criterion, result: 'partial' as const } : criterion));
		expect(jisConformance(parsing)).toBe('partial');
		expect(wcagConformance(parsing)).toBe('full');
	});

	it('counts results over the 55 WCAG 2.2 criteria', () => {
		const counts = countResults();
		expect(counts.conforms + counts.partial + counts.notApplicable).toBe(55);
	});

	it('has a real calendar date as the test date', () => {
		expect(TEST_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(new Date(`${TEST_DATE}T00:00:00Z`).toISOString().slice(0, 10)).toBe(TEST_DATE);
	});
});
