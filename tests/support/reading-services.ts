import { expect, test, type Page } from '@playwright/test';
import type { LanguageCode } from './languages';
import { escape, message, messagePattern } from './messages';

/**
 * Helpers for the reading-services tests and route states. Selectors are language-neutral (ids, names,
 * hrefs), so the same steps run in every language; messages are read from the portal's own locale files.
 */

/** The portal's own message in the `reading` namespace, furigana markup removed. */
export function readingMessage(lang: LanguageCode, key: string): string {
	return message(lang, `reading:${key}`);
}

/** A pattern for a reading message as shown: given values literally, other interpolations as some text. */
export function readingPattern(lang: LanguageCode, key: string, values: Record<string, string> = {}): RegExp {
	return messagePattern(lang, `reading:${key}`, values);
}

export { escape };

/** RS-2026-000123 */
export const REFERENCE = /RS-\d{4}-\d{6}/;

/** The answers of a complete application for services (1) and (2), as the pages post them. */
export const COMPLETE_ANSWERS: [step: string, fields: [string, string][]][] = [
	['types', [['serviceTypes', '1'], ['serviceTypes', '2']]],
	['formats', [['formats', 'audio_daisy'], ['formats', 'braille']]],
	['basis', [['basis', 'certificate']]],
	['certificate', [['certificateKind', 'physical']]],
	['shown-by', [['shownBy', 'counter']]],
	['contact', [['contactMethod', 'phone'], ['notes', '午前中に電話してください。']]],
	['address', [['deliveryPostalCode', '179-0072'], ['deliveryAddress', '東京都練馬区光が丘四丁目1番5号']]]
];

/**
 * Fills in every question through the pages' own form actions (not the browser), for states and tests
 * that start on the check page. Works with JavaScript off too: these are plain HTTP posts with the
 * context's session cookie and the Origin header a browser would send.
 */
export async function fillInApplication(page: Page, answers = COMPLETE_ANSWERS): Promise<void> {
	const origin = test.info().project.use.baseURL!;
	for (const [step, fields] of answers) {
		const body = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
		const response = await page.request.post(`/reading-services/apply/${step}`, {
			data: body,
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-sveltekit-action': 'true' },
			maxRedirects: 0
		});
		expect(response.status(), `saving the "${step}" answers`).toBeLessThan(400);
		const result = await response.json();
		expect(result.type, `saving the "${step}" answers: ${JSON.stringify(result)}`).toBe('redirect');
	}
}

/** Opens the check-your-answers page with a complete draft. */
export async function openCheckAnswers(page: Page): Promise<void> {
	await fillInApplication(page);
	await page.goto('/reading-services/apply/check');
	await expect(page.locator('#answers')).toBeVisible();
}

/**
 * Leaves the signed-in patron with no application being decided, no registration and no draft, whatever
 * an earlier (perhaps failed) run left behind: withdraws through the pages, then deletes the draft.
 */
export async function resetReadingServices(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		await page.goto('/reading-services');
		const withdraw = page.locator('#main a[href^="/reading-services/withdraw/"]').first();
		if ((await withdraw.count()) === 0) break;
		await page.goto((await withdraw.getAttribute('href'))!);
		await page.locator('#main form button[type="submit"]').click();
		await expect(page).toHaveURL(/\/reading-services\?done=withdrawn$/);
	}
	await page.goto('/reading-services/apply');
	const discard = page.locator('#main form[action="?/discard"] button');
	if ((await discard.count()) > 0) {
		await discard.click();
		await expect(page).toHaveURL(/done=discarded/);
	}
}

/** The staff review page of the newest application in the queue that belongs to `name`. */
export async function openApplicationAsStaff(page: Page, name: string): Promise<void> {
	await page.goto('/staff/reading-services');
	const link = page.locator('#queue-waiting a, #queue-asked a', { hasText: name }).last();
	await link.click();
	await expect(page).toHaveURL(/\/staff\/reading-services\/\d+$/);
}

/** The staff review page of the first registration in force (demo data: 佐藤 一郎's). */
export async function openRegistrationAsStaff(page: Page): Promise<void> {
	await page.locator('#in-force a').first().click();
	await expect(page).toHaveURL(/\/staff\/reading-services\/\d+$/);
	await expect(page.locator('#answers')).toBeVisible();
}
