import i18next, { type i18n, type TOptions } from 'i18next';
import { page } from '$app/state';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from './locales';
import { rubyToHtml, stripRuby } from './ruby';

export * from './locales';

type Messages = Record<string, unknown>;
const files = import.meta.glob<Messages>('./locales/*/*.json', { eager: true, import: 'default' });

/** `{ ja: { common: {...}, auth: {...} }, en: ..., easy: ... }` from locales/<lang>/<namespace>.json. */
export const resources: Record<Locale, Record<string, Messages>> = { ja: {}, en: {}, easy: {} };
for (const [path, messages] of Object.entries(files)) {
	const [, lang, ns] = path.match(/\.\/locales\/([^/]+)\/([^/]+)\.json$/)!;
	if (isLocale(lang)) resources[lang][ns] = messages;
}
export const NAMESPACES = Object.keys(resources.ja);

// One initialised instance per language, created once: no per-request i18next state to leak.
const instances = Object.fromEntries(
	LOCALES.map((locale) => {
		const instance = i18next.createInstance();
		instance.init({
			lng: locale,
			// Easy Japanese falls back to Japanese only if a key were missing; a test forbids that.
			fallbackLng: locale === 'easy' ? 'ja' : false,
			resources,
			ns: NAMESPACES,
			defaultNS: 'common',
			initAsync: false,
			returnNull: false,
			interpolation: { escapeValue: false }
		});
		return [locale, instance];
	})
) as Record<Locale, i18n>;

/**
 * Translations already made, by locale, kind, key and options: messages are fixed at start-up, so the same
 * call gives the same text, and a page asks for the same few hundred (navigation, labels, one sentence per
 * search hit with the same placeholders) on every request. i18next's own lookup, plural rules and
 * interpolation cost tens of microseconds a call, which made them the largest part of rendering /search.
 * Only calls whose options are plain strings, numbers and booleans are kept; cleared when it grows large.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;

function memoKey(locale: Locale, kind: string, key: string, options: TOptions | undefined): string | null {
	if (!options) return `${locale}\u0000${kind}\u0000${key}`;
	let out = `${locale}\u0000${kind}\u0000${key}`;
	for (const name in options) {
		const value = (options as Record<string, unknown>)[name];
		const type = typeof value;
		if (value !== undefined && type !== 'string' && type !== 'number' && type !== 'boolean') return null;
		// JSON keeps 1 and '1' apart and escapes control characters, so no two option sets share a key.
		out += `\u0000${name}=${value === undefined ? '' : JSON.stringify(value)}`;
	}
	return out;
}

function remembered(cacheKey: string | null, make: () => string): string {
	if (cacheKey === null) return make();
	let text = memo.get(cacheKey);
	if (text === undefined) {
		text = make();
		if (memo.size >= MEMO_LIMIT) memo.clear();
		memo.set(cacheKey, text);
	}
	return text;
}

/** Translates for a given locale: plain text, furigana markup removed. Keys are `namespace:key.path`. */
export function translate(locale: Locale, key: string, options?: TOptions): string {
	return remembered(memoKey(locale, 'text', key, options), () => stripRuby(instances[locale].t(key, options) as string));
}

/** Translates to HTML with `<ruby>` furigana when wanted; interpolated values are escaped. */
export function translateHtml(locale: Locale, key: string, options: TOptions | undefined, furigana: boolean): string {
	return remembered(memoKey(locale, furigana ? 'html+ruby' : 'html', key, options), () => {
		const text = instances[locale].t(key, { ...options, interpolation: { escapeValue: true } }) as string;
		return rubyToHtml(text, furigana);
	});
}

export function hasKey(locale: Locale, key: string): boolean {
	return instances[locale].exists(key, { fallbackLng: false } as TOptions);
}

function currentLocale(): Locale {
	const locale = page.data?.locale;
	return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** In components: translate into the page's language (reactive on language change). */
export function t(key: string, options?: TOptions): string {
	return translate(currentLocale(), key, options);
}

/** In components, for running text: `{@html th('key')}` shows furigana when the patron turned it on. */
export function th(key: string, options?: TOptions): string {
	return translateHtml(currentLocale(), key, options, page.data?.preferences?.furigana === 'on');
}

/**
 * A translation as HTML, with furigana when the patron turned it on, for the labels, hints, legends and
 * options of form components (which show it through RichText). A plain string is still accepted there.
 */
export interface Rich {
	html: string;
}

/** In components, for form labels, hints, legends and options: `label={tr('key')}` (see `Rich`). */
export function tr(key: string, options?: TOptions): Rich {
	return { html: th(key, options) };
}
