import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe';
import { waitForHydration } from '../support/hydration';
import { expectFocusNotOnBody } from '../support/keyboard';
import { LANGUAGES, useLanguage } from '../support/languages';
import { message } from '../support/proxies';
import { GINGA_PRINT, NOT_LENDABLE } from '../support/demo-items';
import { DEMO_SPOTLIGHT_RECORDS } from '../../src/lib/server/catalogue/generate-records';

/**
 * Catalogue search and item pages, as a keyboard and screen-reader user meets them, JavaScript on and off:
 * the count is in a status region that exists before it changes (4.1.3) and focus lands on the results
 * heading after each search; each result link says title, author, format and availability; paging is links
 * in a labelled nav with aria-current; a too-long query keeps the words and shows the error summary.
 */

const isJs = () => test.info().project.use.javaScriptEnabled !== false;

/** A GINGA_PRINT-like id for any spotlight record (the seed gives them ids 1..n in order). */
const spotlightPath = (title: string, format: string) =>
	`/items/${DEMO_SPOTLIGHT_RECORDS.findIndex((r) => r.title === title && r.format === format) + 1}`;

async function search(page: Page, q: string) {
	const box = page.locator('#q');
	await box.fill(q);
	await box.press('Enter');
	await expect(page).toHaveURL(/\/search\?/);
	await expect(page.locator('#results-heading, #error-summary').first()).toBeVisible();
}

for (const { code: lang } of LANGUAGES) {
	test.describe(`[${lang}]`, () => {
		test.beforeEach(async ({ page, baseURL }) => {
			await useLanguage(page.context(), lang, baseURL!);
		});

		test('a search lands on the results heading and fills the status region that was already there', async ({ page }) => {
			test.slow(); // axe on a two-core machine
			await page.goto('/search');
			// Before hydration the form is submitted by the browser (a new page, a new region): this test is
			// about the client-side navigation, so it waits for it.
			await waitForHydration(page);
			const status = page.locator('#search-status');
			await expect(status).toHaveAttribute('role', 'status');
			await expect(status).toHaveText('');
			if (isJs()) await status.evaluate((el) => el.setAttribute('data-before-search', ''));

			await search(page, '銀河鉄道の夜');
			await expect(page.locator('#results-heading')).toBeFocused();
			// And in view, at 320 px too, where the form fills the first screens (WCAG 2.4.11).
			await expect(page.locator('#results-heading')).toBeInViewport();
			await expect(page.locator('#results-heading')).toContainText('3');
			await expect(status).toContainText('3');
			// With JavaScript the search is a client-side navigation: the same live region, only its text changed.
			if (isJs()) await expect(status).toHaveAttribute('data-before-search', '');

			// The print edition's link carries title, author, format and availability in one name.
			const link = page.locator(`#main a[href="${GINGA_PRINT.path}"]`);
			await expect(link).toHaveAccessibleName(/銀河鉄道の夜.*宮沢 賢治.*\d/);
			// axe needs the page's JavaScript; the markup is the same server rendering either way.
			if (isJs()) await expectNoAxeViolations(page, { label: `search results [${lang}]` });
		});

		test('with "on the shelf at" chosen, each result says how many copies are on the shelf at that library', async ({ page }) => {
			await page.goto('/search?q=%E3%81%AE&at=nerima');
			const library = (await page.locator('#at option:checked').innerText()).trim();
			expect(library).not.toBe('');
			const links = page.locator('.search-result__title a');
			await expect(links.first()).toBeVisible();
			for (const link of await links.all()) await expect(link).toHaveAccessibleName(new RegExp(library));
		});

		test('nothing found only because of the filters: the status says so, and removing them comes first', async ({ page }) => {
			await page.goto('/search?q=%E9%8A%80%E6%B2%B3%E9%89%84%E9%81%93%E3%81%AE%E5%A4%9C&format=cloth_picture_book');
			await expect(page.locator('#search-status')).toHaveText(message(lang, 'catalogue:search.status.noneWithFilters', { q: '銀河鉄道の夜' }));
			const first = page.locator('#main ul li').filter({ has: page.locator('a') }).first();
			await expect(first).toHaveText(message(lang, 'catalogue:search.noResults.clearFilters'));
			await first.locator('a').click();
			await expect(page.locator('#results-heading')).toContainText('3');
		});

		test('an accessible format says who may borrow it and links to the registration', async ({ page }) => {
			await page.goto('/search');
			await search(page, '銀河鉄道の夜');
			const daisy = page.locator('.search-result', { has: page.locator(`a[href="${spotlightPath('銀河鉄道の夜', 'audio_daisy')}"]`) });
			await expect(daisy.locator('a[href="/reading-services"]')).toHaveCount(1);
			const print = page.locator('.search-result', { has: page.locator(`a[href="${GINGA_PRINT.path}"]`) });
			await expect(print.locator('a[href="/reading-services"]')).toHaveCount(0);
		});

		test('a query over 200 characters is refused with the words kept', async ({ page }) => {
			await page.goto('/search');
			const long = 'ね'.repeat(201);
			await search(page, long);
			await expect(page.locator('#error-summary')).toBeFocused();
			await expect(page.locator('#q')).toHaveValue(long);
			await expect(page.locator('#q')).toHaveAttribute('aria-invalid', 'true');
			await expect(page.locator('#q-error')).toBeVisible();
			const prefix = LANGUAGES.find((l) => l.code === lang)!.errorTitlePrefix;
			expect(await page.title()).toMatch(new RegExp(`^${prefix}`));
			await expect(page.locator('#results-heading')).toHaveCount(0);
		});
	});
}

test.describe('search', () => {
	test('pages are links in a labelled nav, the current one marked, and focus follows', async ({ page }) => {
		await page.goto('/search?q=%E3%81%AE');
		const nav = page.locator('nav.pagination');
		await expect(nav).toHaveAttribute('aria-label', /.+/);
		await expect(nav.locator('a[aria-current="page"]')).toHaveText('1');
		await nav.locator('a[rel="next"]').click();
		await expect(page).toHaveURL(/page=2/);
		await expect(nav.locator('a[aria-current="page"]')).toHaveText('2');
		await expect(page.locator('.search-results__list')).toHaveAttribute('start', '21');
		await expect(page.locator('#results-heading')).toBeFocused();
		await expectFocusNotOnBody(page, 'the next page');
	});

	test('filters narrow the result and stay chosen', async ({ page }) => {
		await page.goto('/search');
		await page.locator('input[name="format"][value="braille"]').check();
		await search(page, '銀河鉄道の夜');
		await expect(page.locator('.search-result')).toHaveCount(1);
		await expect(page.locator('input[name="format"][value="braille"]')).toBeChecked();
		await expect(page).toHaveURL(/format=braille/);
	});

	test('nothing found: says so and suggests what to try, including dropping the filters', async ({ page }) => {
		await page.goto('/search?q=zqxjzqxj&audience=children');
		await expect(page.locator('#search-status')).toContainText('zqxjzqxj');
		await expect(page.locator('.search-result')).toHaveCount(0);
		await expect(page.locator('#main a[href="?q=zqxjzqxj"]')).toBeVisible();
	});

	test('a Japanese title on the English page carries lang="ja"', async ({ page, baseURL }) => {
		await useLanguage(page.context(), 'en', baseURL!);
		await page.goto('/search?q=%E9%8A%80%E6%B2%B3%E9%89%84%E9%81%93');
		await expect(page.locator(`a[href="${GINGA_PRINT.path}"] span[lang="ja"]`).first()).toHaveText('銀河鉄道の夜');
	});

	test('the empty form has no results section and no status text', async ({ page }) => {
		await page.goto('/search');
		await expect(page.locator('form[role="search"]')).toHaveAttribute('method', /get/i);
		await expect(page.locator('#results-heading')).toHaveCount(0);
		await expect(page.locator('#search-status')).toHaveText('');
	});
});

test.describe('item page', () => {
	test('details, copies per library in a captioned table, the queue and the reserve section', async ({ page }) => {
		test.slow(); // axe on a two-core machine
		await page.goto(GINGA_PRINT.path);
		await expect(page.locator('h1')).toHaveText('銀河鉄道の夜');
		await expect(page.locator('dl.summary-list')).toContainText('ぎんがてつどうのよる');
		const table = page.locator('table.copies');
		await expect(table.locator('caption')).toBeVisible();
		await expect(table.locator('thead th[scope="col"]')).toHaveCount(3);
		await expect(table.locator('tbody tr')).toHaveCount(4);
		await expect(table.locator('tbody th[scope="row"]').first()).toBeVisible();
		await expect(page.locator('#queue-length')).toBeVisible();
		await expect(page.locator('section[aria-labelledby="reserve-heading"] #reserve-heading')).toBeVisible();
		await page.setViewportSize({ width: 320, height: 640 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
		if (isJs()) await expectNoAxeViolations(page, { label: 'item page 320px' });
	});

	test('a non-lendable item says it can be read in the library only', async ({ page }) => {
		await page.goto(NOT_LENDABLE.path);
		await expect(page.locator('#not-lendable')).toBeVisible();
		await expect(page.locator('table.copies tbody tr')).toHaveCount(2);
	});

	for (const path of ['/items/abc', '/items/0', '/items/999999999', '/items/12345678901234567890']) {
		test(`${path} is a translated 404`, async ({ page }) => {
			const response = await page.goto(path);
			expect(response?.status()).toBe(404);
			await expect(page.locator('h1')).toBeVisible();
		});
	}
});
