import { describe, expect, it } from 'vitest';
import { isImpossibleDate, parseTypedDate, unreadableDateKey } from './date-input';

describe('parseTypedDate', () => {
	it.each([
		['2026-12-01', '2026-12-01'],
		['2026/12/1', '2026-12-01'],
		['2026.12.1', '2026-12-01'],
		['2026-1-5', '2026-01-05'],
		['20261201', '2026-12-01'],
		['  2026/12/01  ', '2026-12-01'],
		['2026 / 12 / 01', '2026-12-01']
	])('reads the year-first date %j', (text, iso) => {
		expect(parseTypedDate(text)).toBe(iso);
	});

	it.each([
		['２０２６／１２／１', '2026-12-01'],
		['２０２６－１２－０１', '2026-12-01'],
		['２０２６．１２．１', '2026-12-01'],
		['２０２６年１２月１日', '2026-12-01'],
		['2026ー12ー01', '2026-12-01'], // katakana long vowel mark typed for a hyphen
		['2026−12−01', '2026-12-01'], // minus sign
		['2026‐12‐01', '2026-12-01'], // hyphen U+2010
		['2026　/　12　/　01', '2026-12-01'] // ideographic spaces
	])('accepts full-width and look-alike characters in %j', (text, iso) => {
		expect(parseTypedDate(text)).toBe(iso);
	});

	it.each([
		['2026年12月1日', '2026-12-01'],
		['2026年12月1', '2026-12-01'],
		['2026 年 1 月 9 日', '2026-01-09']
	])('reads 年月日 in %j', (text, iso) => {
		expect(parseTypedDate(text)).toBe(iso);
	});

	it.each([
		['令和8年12月1日', '2026-12-01'],
		['令和元年5月1日', '2019-05-01'],
		['平成31年4月30日', '2019-04-30'],
		['昭和64年1月7日', '1989-01-07'],
		['昭和50年3月15日', '1975-03-15'],
		['大正15年12月24日', '1926-12-24'],
		['明治45年7月29日', '1912-07-29'],
		['R8/12/1', '2026-12-01'],
		['r8.12.1', '2026-12-01'],
		['H1-1-8', '1989-01-08'],
		['Ｓ５０．３．１５', '1975-03-15'],
		['㋿8年12月1日', '2026-12-01'],
		['㍻31年4月30日', '2019-04-30'],
		['令和８年１２月１日', '2026-12-01']
	])('reads the Japanese era date %j', (text, iso) => {
		expect(parseTypedDate(text)).toBe(iso);
	});

	it('checks the calendar, including leap years', () => {
		expect(parseTypedDate('2028-02-29')).toBe('2028-02-29');
		expect(parseTypedDate('2000-02-29')).toBe('2000-02-29');
		expect(parseTypedDate('2026-02-29')).toBeNull();
		expect(parseTypedDate('2100-02-29')).toBeNull();
		expect(parseTypedDate('2026-04-31')).toBeNull();
		expect(parseTypedDate('2026-13-01')).toBeNull();
		expect(parseTypedDate('2026-00-10')).toBeNull();
		expect(parseTypedDate('2026-01-00')).toBeNull();
		expect(parseTypedDate('令和8年2月30日')).toBeNull();
	});

	it.each([
		'',
		'   ',
		'tomorrow',
		'1/12/2026', // day or month first: ambiguous
		'12/1/2026',
		'26/12/01', // two-digit year
		'2026/12-01', // mixed separators
		'2026/12/01/05',
		'2026-012-01',
		'202612011',
		'0999-01-01',
		'令和0年1月1日',
		'令和8年12月', // no day
		'X8/12/1', // unknown era letter
		'２０２６年十二月一日' // kanji numerals are not read
	])('refuses %j', (text) => {
		expect(parseTypedDate(text)).toBeNull();
	});
});

describe('an impossible date is told apart from one written another way', () => {
	it.each(['2026/2/30', '2026-02-29', '2026/13/1', '２０２６／４／３１', '20260431', '令和8年2月30日', 'R8/4/31', '2026年0月1日'])('%j names no day', (text) => {
		expect(isImpossibleDate(text)).toBe(true);
		expect(unreadableDateKey(text, 'x:format', 'x:notReal')).toBe('x:notReal');
	});

	it.each(['', 'tomorrow', '1/12/2026', '26/12/01', '2026/12-01', '２０２６年十二月一日', '2026/4/15'])('%j is not an impossible date', (text) => {
		expect(isImpossibleDate(text)).toBe(false);
		if (parseTypedDate(text) === null) expect(unreadableDateKey(text, 'x:format', 'x:notReal')).toBe('x:format');
	});
});
