import { describe, expect, it } from 'vitest';
import { kanjiNumberValue, withArabicChome } from './easy-address';
import { parseCityConfig } from '$lib/server/config/load-city-config';
import nerima from '$lib/server/config/cities/nerima.json';

describe('kanjiNumberValue', () => {
	it.each([
		['一', 1],
		['九', 9],
		['十', 10],
		['十二', 12],
		['二十', 20],
		['二十三', 23],
		['九十九', 99]
	])('reads %s as %i', (kanji, value) => {
		expect(kanjiNumberValue(kanji)).toBe(value);
	});

	it.each(['', '十十', '一二', '百'])('refuses %j', (kanji) => {
		expect(kanjiNumberValue(kanji)).toBeUndefined();
	});
});

describe('withArabicChome', () => {
	it('writes the 丁目 number in digits and keeps the rest', () => {
		expect(withArabicChome('東京都練馬区光が丘四丁目1番5号')).toBe('東京都練馬区光が丘4丁目1番5号');
		expect(withArabicChome('東京都練馬区豊玉北二丁目22番15号 豊玉リサイクルセンター内')).toBe(
			'東京都練馬区豊玉北2丁目22番15号 豊玉リサイクルセンター内'
		);
	});

	it('leaves numerals in place names alone', () => {
		expect(withArabicChome('東京都中央区八丁堀三丁目1番1号')).toBe('東京都中央区八丁堀3丁目1番1号');
		expect(withArabicChome('東京都港区三田二丁目1番1号')).toBe('東京都港区三田2丁目1番1号');
	});

	it('leaves no kanji numeral in any Nerima address', () => {
		const config = parseCityConfig(nerima, 'nerima.json');
		for (const location of config.locations) {
			expect(withArabicChome(location.address.ja)).not.toMatch(/[〇一二三四五六七八九十百千]/);
		}
	});
});
