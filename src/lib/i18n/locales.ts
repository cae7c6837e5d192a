/** The portal's languages: Japanese (default), English and Easy Japanese (やさしい日本語). */
export const LOCALES = ['ja', 'en', 'easy'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ja';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The BCP 47 tag for `<html lang>`. Easy Japanese is Japanese: screen readers must pick a
 * Japanese voice, so it is tagged `ja` (a private-use tag would not select one reliably).
 */
export function htmlLang(locale: Locale): 'ja' | 'en' {
	return locale === 'en' ? 'en' : 'ja';
}

/** `lang` for text in `language` (a record's title, its author) on a page in `locale`; none when it is the page's (WCAG 3.1.2). */
export function langOfPart(language: string, locale: Locale): string | undefined {
	return language === htmlLang(locale) ? undefined : language;
}

/** The Intl locale for dates and numbers. */
export function intlLocale(locale: Locale): string {
	return locale === 'en' ? 'en-GB' : 'ja-JP';
}

/**
 * Picks a locale from the cookie, then Accept-Language (q-values honoured), else Japanese.
 */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(cookie)) return cookie;
	if (acceptLanguage) {
		const ranked = acceptLanguage
			.split(',')
			.map((part, index) => {
				const [tag, ...params] = part.trim().split(';');
				const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
				return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
			})
			.filter((entry) => entry.tag && entry.q > 0)
			.sort((a, b) => b.q - a.q || a.index - b.index);
		for (const { tag } of ranked) {
			if (tag === 'ja' || tag.startsWith('ja-')) return 'ja';
			if (tag === 'en' || tag.startsWith('en-')) return 'en';
		}
	}
	return DEFAULT_LOCALE;
}
