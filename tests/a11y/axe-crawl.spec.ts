import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe';
import { waitForHydration } from '../support/hydration';
import { JAPANESE, LANGUAGES, useLanguage, type LanguageCode } from '../support/languages';
import { pageOf, ROUTE_STATES, type RouteState } from '../support/routes';
import { signIn } from '../support/session';

/**
 * Every route state × every language: no axe violations, one h1, a meaningful title in the page's
 * language, the right <html lang>, and no horizontal scrolling at 320 × 256 (WCAG 1.4.10 reflow, which
 * is 1280 px at 400 % zoom).
 *
 * One test per state: the languages are visited one after another in one browser context, so a state
 * costs one context and one sign-in, not three. In each language the state is reached (sign-in and form
 * submits are the slow part) and checked at 320 × 256; in Japanese with JavaScript on, the window is
 * then widened to 1280 px and axe runs again. Checks are soft and labelled with the language and width,
 * so one run reports every problem of a state rather than the first.
 *
 * The matrix, kept affordable on two cores:
 * - `js`: every state in ja, en and Easy Japanese at 320 px, and in ja at 1280 px too;
 * - `nojs`: every state in Japanese at 320 px (the server renders the same markup in every language,
 *   and what differs without scripts differs the same way in each).
 * FULL_MATRIX=1 runs every language at both widths, with and without JavaScript (e.g. before a release).
 */
const FULL_MATRIX = Boolean(process.env.FULL_MATRIX);

/** TEST_LANGUAGES=ja limits the crawl to those languages (playwright.config.ts checks the list). */
const CRAWL_LANGUAGES = languagesFrom(process.env.TEST_LANGUAGES);

function languagesFrom(list: string | undefined): readonly (typeof LANGUAGES)[number][] {
	if (!list) return LANGUAGES;
	const codes = list.split(',').map((code) => code.trim());
	return LANGUAGES.filter((language) => codes.includes(language.code));
}

// Four axe runs on a long page (the accessibility statement's checklist, the registration form) take
// several seconds each on two busy cores; the default 45 s is tight for that.
test.describe.configure({ timeout: 180_000 });

const NARROW = { width: 320, height: 256 };
const WIDE = { width: 1280, height: 800 };

/** Opens a route state in a language: cookie, optional sign-in, navigation, then the state's setup. */
async function openState(page: Page, state: RouteState, lang: LanguageCode, baseURL: string) {
	await useLanguage(page.context(), lang, baseURL);
	if (state.signedInAs) await signIn(page, state.signedInAs);
	const response = await page.goto(state.path);
	expect(response, `no response for ${state.path}`).not.toBeNull();
	expect(response!.status(), `HTTP status of ${state.path}`).toBe(state.status ?? 200);
	await waitForHydration(page);
	if (state.setup) await state.setup(page);
}

/** The checks that do not depend on the width. */
async function expectPageBasics(page: Page, state: RouteState, language: (typeof LANGUAGES)[number]) {
	const at = ` [${language.code}]`;
	await expect.soft(page.locator('html'), '<html lang>' + at).toHaveAttribute('lang', language.htmlLang);
	await expect.soft(page.locator('h1'), 'exactly one h1' + at).toHaveCount(1);
	await expect.soft(page.locator('h1').first(), 'the h1 has text' + at).not.toBeEmpty();

	const title = await page.title();
	expect.soft(title.trim(), 'a non-empty <title>' + at).not.toBe('');
	expect.soft(title, '<title> follows "Page | Site"' + at).toMatch(/^\S.* \| \S.*$/);
	expect.soft(title, '<title> shows no raw furigana markup' + at).not.toMatch(/[{}]|\|[^ ]/);
	// People's names stay as they are in every language (a proxy's title says whom they act for).
	const withoutNames = (state.titleNames ?? []).reduce((text, name) => text.split(name).join(''), title);
	if (language.code === 'en') expect.soft(withoutNames, 'an English <title> has no Japanese in it' + at).not.toMatch(JAPANESE);
	else expect.soft(title, 'a Japanese <title> is in Japanese' + at).toMatch(JAPANESE);

	if (state.hasErrors) {
		expect.soft(title, 'a page with form errors says so in its <title>' + at).toMatch(new RegExp(`^${escape(language.errorTitlePrefix)}`));
		await expect.soft(page.locator('#error-summary'), 'the error summary has focus' + at).toBeFocused();
	}
}

for (const state of ROUTE_STATES) {
	const tag = state.jsOnly ? ['@js-only'] : [];
	test(state.name, { tag }, async ({ page, baseURL }, testInfo) => {
		const js = testInfo.project.use.javaScriptEnabled !== false;
		// Without JavaScript: the first language (Japanese unless CRAWL_LANGUAGES says otherwise).
		const languages = js || FULL_MATRIX ? CRAWL_LANGUAGES : CRAWL_LANGUAGES.slice(0, 1);
		for (const language of languages) {
			await test.step(`[${language.code}]`, async () => {
				const label = (width: number) => `${state.name} [${language.code}] ${width}px`;
				await page.setViewportSize(NARROW);
				await openState(page, state, language.code, baseURL!);
				await expectPageBasics(page, state, language);

				const scrollWidth = await page.locator('html').evaluate((html) => html.scrollWidth);
				expect.soft(scrollWidth, `no horizontal scrolling at 320 × 256 (WCAG 1.4.10) [${language.code}]`).toBeLessThanOrEqual(NARROW.width);
				await expectNoAxeViolations(page, { label: label(NARROW.width), soft: true });

				if (js && (language === CRAWL_LANGUAGES[0] || FULL_MATRIX)) {
					await page.setViewportSize(WIDE);
					await expectNoAxeViolations(page, { label: label(WIDE.width), soft: true });
				}
			});
		}
	});
}

/**
 * SvelteKit's route announcer reads the title after each navigation, so two pages with one title
 * sound the same. Each language is checked on its own; states of one page share their title.
 * The server renders the same <title> with or without scripts, so this runs with JavaScript only,
 * and reads the title from the server's HTML where a page can be opened by its address alone.
 */
test.describe('titles', () => {
	const statePerPage = new Map<string, RouteState>();
	for (const state of ROUTE_STATES) {
		const known = statePerPage.get(pageOf(state));
		if (!known || (known.setup && !state.setup)) statePerPage.set(pageOf(state), state);
	}

	for (const language of CRAWL_LANGUAGES) {
		test(`every page has its own <title> [${language.code}]`, { tag: '@js-only' }, async ({ page, baseURL }) => {
			const seen = new Map<string, string>();
			const duplicates: string[] = [];
			for (const [pageName, state] of statePerPage) {
				await page.context().clearCookies();
				const title = state.setup ? await titleAfterSetup(page, state, language.code, baseURL!) : await titleOf(page, state, language.code, baseURL!);
				const other = seen.get(title);
				if (other) duplicates.push(`"${title}" on ${other} and ${pageName}`);
				seen.set(title, pageName);
			}
			expect(duplicates, `titles used by more than one page:\n${duplicates.join('\n')}`).toEqual([]);
		});
	}
});

async function titleAfterSetup(page: Page, state: RouteState, lang: LanguageCode, baseURL: string): Promise<string> {
	await openState(page, state, lang, baseURL);
	return page.title();
}

/** The <title> the server sends for the state's address, with the language and session cookies. */
async function titleOf(page: Page, state: RouteState, lang: LanguageCode, baseURL: string): Promise<string> {
	await useLanguage(page.context(), lang, baseURL);
	if (state.signedInAs) await signIn(page, state.signedInAs);
	const response = await page.context().request.get(state.path, { maxRedirects: 0 });
	expect(response.status(), `HTTP status of ${state.path}`).toBe(state.status ?? 200);
	const title = /<title>([^<]*)<\/title>/.exec(await response.text())?.[1];
	expect(title, `a <title> on ${state.path}`).toBeTruthy();
	return decodeEntities(title!);
}

function decodeEntities(text: string): string {
	return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
