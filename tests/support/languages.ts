import type { BrowserContext } from '@playwright/test';

/** The portal's languages, the `<html lang>` each must produce, and phrases tests can rely on. */
export const LANGUAGES = [
	{ code: 'ja', htmlLang: 'ja', errorTitlePrefix: 'エラー:' },
	{ code: 'en', htmlLang: 'en', errorTitlePrefix: 'Error:' },
	// Easy Japanese (やさしい日本語) is Japanese: lang="ja".
	{ code: 'easy', htmlLang: 'ja', errorTitlePrefix: 'まちがいが あります:' }
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** Chooses the language the way the portal remembers it: the `lang` cookie. */
export async function useLanguage(context: BrowserContext, code: LanguageCode, baseURL: string): Promise<void> {
	await context.addCookies([{ name: 'lang', value: code, url: baseURL }]);
}

/** Japanese script (kana or kanji). */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

