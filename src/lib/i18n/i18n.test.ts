import { describe, expect, it } from 'vitest';
import { LOCALES, negotiateLocale, resources, translate, translateHtml } from './index';
import { rubyToHtml, stripRuby } from './ruby';

type Messages = Record<string, unknown>;
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(messages: Messages, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(messages)) {
		if (value && typeof value === 'object') for (const [k, v] of flatten(value as Messages, `${prefix}${key}.`)) out.set(k, v);
		else out.set(`${prefix}${key}`, String(value));
	}
	return out;
}

const flat = Object.fromEntries(
	LOCALES.map((locale) => [
		locale,
		new Map(Object.entries(resources[locale]).flatMap(([ns, messages]) => [...flatten(messages)].map(([k, v]) => [`${ns}:${k}`, v])))
	])
) as Record<(typeof LOCALES)[number], Map<string, string>>;

describe('message files', () => {
	it('have the same namespaces in every language', () => {
		for (const locale of LOCALES) expect(Object.keys(resources[locale]).sort()).toEqual(Object.keys(resources.ja).sort());
	});

	it.each(LOCALES)('%s has every key that any language has', (locale) => {
		const base = (key: string) => key.replace(PLURAL, '');
		const all = new Set(LOCALES.flatMap((l) => [...flat[l].keys()].map(base)));
		const mine = new Set([...flat[locale].keys()].map(base));
		expect([...all].filter((k) => !mine.has(k))).toEqual([]);
	});

	it.each(LOCALES)('%s has no empty message and balanced furigana markup', (locale) => {
		for (const [key, text] of flat[locale]) {
			expect(text.trim(), key).not.toBe('');
			expect(stripRuby(text).replace(/\{\{\w+\}\}/g, ''), key).not.toMatch(/[{}]/);
		}
	});

	it('interpolates the same variables in every language', () => {
		const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
		for (const [key, text] of flat.ja) {
			for (const locale of ['en', 'easy'] as const) {
				const other = flat[locale].get(key);
				if (other !== undefined) expect(vars(other), `${locale} ${key}`).toEqual(vars(text));
			}
		}
	});
});

describe('Easy Japanese (seed annex 6)', () => {
	const easy = [...flat.easy].filter(([key]) => !key.startsWith('common:language.'));

	it('uses no kanji numerals', () => {
		const offenders = easy.filter(([, text]) => /[一二三四五六七八九十百千万億]/.test(stripRuby(text)));
		expect(offenders).toEqual([]);
	});

	it('writes no 24-hour times', () => {
		const offenders = easy.filter(([, text]) => /(^|[^\d])(1[3-9]|2[0-3]):[0-5]\d/.test(text) || /\d時(?!間)/.test(stripRuby(text)) && !/午[前後]/.test(text));
		expect(offenders).toEqual([]);
	});

	it('keeps sentences short (at most 60 characters between full stops)', () => {
		const offenders = easy.filter(([, text]) => stripRuby(text).split(/[。！？]/).some((s) => s.length > 60));
		expect(offenders.map(([k]) => k)).toEqual([]);
	});

	it('says a count of one in Easy Japanese too: every plural has its "_one" form', () => {
		// i18next asks Easy Japanese for the "_one" form at 1; without it the text fell back to standard Japanese.
		const missing = easy.filter(([key]) => key.endsWith('_other') && !flat.easy.has(key.replace(/_other$/, '_one'))).map(([k]) => k);
		expect(missing).toEqual([]);
		const found = translate('easy', 'catalogue:search.status.found', { count: 1, n: 1, q: 'ねこ', from: 1, to: 1 });
		expect(found).toBe(stripRuby(String(flat.easy.get('catalogue:search.status.found_other'))).replace('{{q}}', 'ねこ').replace('{{n}}', '1').replace('{{from}}', '1').replace('{{to}}', '1'));
	});
});

describe('furigana', () => {
	it('drops readings from plain text and shows them as ruby whose reading is hidden from the accessible name', () => {
		expect(stripRuby('{予約|よやく}する')).toBe('予約する');
		expect(rubyToHtml('{予約|よやく}する', true)).toBe('<ruby>予約<rp>(</rp><rt aria-hidden="true">よやく</rt><rp>)</rp></ruby>する');
		expect(rubyToHtml('{予約|よやく}する', false)).toBe('予約する');
	});

	it('escapes interpolated values in HTML but not in plain text', () => {
		expect(translateHtml('en', 'common:signedInAs', { name: '<b>x</b>' }, false)).toContain('&lt;b&gt;');
		expect(translate('en', 'common:signedInAs', { name: '<b>x</b>' })).toContain('<b>x</b>');
	});
});

describe('language negotiation', () => {
	it('prefers the cookie, then Accept-Language by quality, then Japanese', () => {
		expect(negotiateLocale('easy', 'en')).toBe('easy');
		expect(negotiateLocale(undefined, 'fr;q=1, en;q=0.8, ja;q=0.5')).toBe('en');
		expect(negotiateLocale(undefined, 'ja-JP,en;q=0.9')).toBe('ja');
		expect(negotiateLocale('xx', 'de')).toBe('ja');
		expect(negotiateLocale(undefined, null)).toBe('ja');
	});
});
