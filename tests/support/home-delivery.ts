import { expect, test, type Page } from '@playwright/test';
import { DEMO_SPOTLIGHT_RECORDS } from '../../src/lib/server/catalogue/generate-records';
import { waitForHydration } from './hydration';

/**
 * Helpers for the home delivery tests and route states (DOMAIN §5). Selectors are language-neutral (ids,
 * names, values, hrefs), so the same steps run in every language.
 *
 * Who asks, so that nobody meets anyone else's draft (one per patron):
 * - the accessibility crawl: 佐藤 一郎 ('patronWithProxy'); it fills in his draft but never sends it, and
 *   his demo draft remembers a sent request, so the confirmation page can be shown without sending;
 * - tests/e2e/home-delivery.spec.ts with JavaScript: 中村 登 (1000000008) for himself; without it:
 *   佐藤 美咲 acting for 佐藤 ハル (her proxy, demo data). Both are registered for service (2).
 */

/** The demo patron registered for (1) and (2) whom only the home delivery journey tests use. */
export const NOBORU = { cardNumber: '1000000008', password: 'noboru-demo-2026', name: '中村 登', library: 'nerima' } as const;
/** 佐藤 ハル's requests are handled at her usual library. */
export const HARU_LIBRARY = 'hikarigaoka';

/** HD-2026-000123 */
export const REFERENCE = /HD-\d{4}-\d{6}/;

/** The id of a spotlight record of the demo catalogue (the seed loads them first: record n has id n + 1). */
export function spotlightId(title: string, format: string): number {
	const index = DEMO_SPOTLIGHT_RECORDS.findIndex((r) => r.title === title && r.format === format);
	if (index < 0) throw new Error(`No demo spotlight record 「${title}」 (${format})`);
	return index + 1;
}

/** A day `days` from today in Tokyo, typed as people type it (2026/5/1). */
export function typedDay(days: number): string {
	const date = new Date(Date.now() + days * 86_400_000);
	const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date).split('-');
	return `${y}/${Number(m)}/${Number(d)}`;
}

/** The details page's answers as a complete, valid form (a visit a week ahead, collected at the door). */
export const VISIT_DETAILS = (): [string, string][] => [
	['method', 'visit'],
	['deliveryPostalCode', '179-0072'],
	['deliveryAddress', '東京都練馬区光が丘四丁目1番5号'],
	['preferredOn', typedDay(7)],
	['alternativeOn', ''],
	['timeOfDay', 'morning'],
	['returnMethod', 'collection']
];

/**
 * Posts a page's form as the browser would (the context's session cookie and Origin header), answered as to
 * `use:enhance`, so it works with JavaScript off too. Expects the redirect a saved answer gives.
 */
export async function post(page: Page, path: string, fields: [string, string][]): Promise<string> {
	const origin = test.info().project.use.baseURL!;
	const response = await page.request.post(path, {
		data: fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	expect(response.status(), `posting ${path}`).toBeLessThan(400);
	const result = await response.json();
	expect(result.type, `posting ${path}: ${JSON.stringify(result)}`).toBe('redirect');
	return result.location as string;
}

/** Fills in both pages of a request for the signed-in patron (or the patron a proxy acts for). */
export async function fillInRequest(page: Page, recordIds: number[], details: [string, string][] = VISIT_DETAILS()): Promise<void> {
	await post(page, '/home-delivery/new', [...recordIds.map((id): [string, string] => ['items', String(id)]), ['intent', 'continue']]);
	await post(page, '/home-delivery/new/details', details);
}

/** Fills in and sends a request; returns its id and reference number. */
export async function sendRequest(page: Page, recordIds: number[], details?: [string, string][]): Promise<{ id: number; reference: string }> {
	await fillInRequest(page, recordIds, details);
	await page.goto('/home-delivery/new/check');
	await waitForHydration(page);
	await page.locator('#main form[action="?/send"] button').click();
	await expect(page).toHaveURL(/\/home-delivery\/new\/sent$/);
	const reference = REFERENCE.exec(await page.locator('#reference').innerText())![0];
	const href = (await page.locator('#main a[href^="/home-delivery/"]').first().getAttribute('href'))!;
	return { id: Number(href.split('/').pop()), reference };
}

// ----- route states of the accessibility crawl (佐藤 一郎) ------------------------------------------

/** A print title no demo request holds: 一郎 may put it in his draft any number of times. */
const CRAWL_ITEM = spotlightId('Pride and Prejudice', 'print');

/** The items page sent with nothing ticked: the error summary. */
export async function chooseNothing(page: Page): Promise<void> {
	await waitForHydration(page);
	for (const box of await page.locator('input[name="items"]:checked').all()) await box.uncheck();
	await page.locator('#main form button[value="continue"]').click();
	await expect(page.locator('#error-summary')).toBeVisible();
}

/** The details page, with a title in the draft. */
export async function openDetails(page: Page): Promise<void> {
	await post(page, '/home-delivery/new', [['items', String(CRAWL_ITEM)], ['intent', 'continue']]);
	await page.goto('/home-delivery/new/details');
	await expect(page.locator('#preferredOn')).toBeVisible();
	await waitForHydration(page);
}

/** The details page sent with a day that has passed and an address that is not one: the values stay. */
export async function detailsWithBadInput(page: Page): Promise<void> {
	await openDetails(page);
	await page.locator('#preferredOn').fill('2020/01/01');
	await page.locator('#deliveryAddress').fill('練馬区のどこか');
	await page.locator('#main form button[type="submit"]').last().click();
	await expect(page.locator('#error-summary')).toBeVisible();
	await expect(page.locator('#deliveryAddress')).toHaveValue('練馬区のどこか');
}

/** Check your answers, with a complete draft. */
export async function openCheck(page: Page): Promise<void> {
	await fillInRequest(page, [CRAWL_ITEM]);
	await page.goto('/home-delivery/new/check');
	await expect(page.locator('#answers')).toBeVisible();
}

/** 一郎's request with the most steps (demo data: delivered by free post for recorded materials). */
export async function openDeliveredRequest(page: Page): Promise<void> {
	await page.locator('#open-requests li[data-status="delivered"] a').first().click();
	await expect(page).toHaveURL(/\/home-delivery\/\d+$/);
}

/** The cancel page of one of 一郎's requests that has not left the library (demo data: accepted), not confirmed. */
export async function openCancel(page: Page): Promise<void> {
	await page.locator('#open-requests li[data-status="accepted"] a').first().click();
	await expect(page).toHaveURL(/\/home-delivery\/\d+$/);
	await page.locator('#main a[href$="/cancel"]').click();
	await expect(page).toHaveURL(/\/cancel$/);
	await expect(page.locator('#main form button[type="submit"]')).toBeVisible();
}

/** A staff page of a request at Hikarigaoka: 一郎's delivered one (next step: the return), changing nothing. */
export async function openRequestAsStaff(page: Page): Promise<void> {
	await page.locator('#out-list a').first().click();
	await expect(page).toHaveURL(/\/staff\/home-delivery\/\d+$/);
}
