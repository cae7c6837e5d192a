import { expect, type Page } from '@playwright/test';
import type { LanguageCode } from './languages';
import { escape, message, messagePattern } from './messages';
import type { DemoItem } from './demo-items';

/**
 * Helpers for reservation (hold) tests and route states. Selectors are language-neutral (ids, hrefs,
 * data attributes), so the same steps run in every language.
 */

/** The reserve form on an item page. */
export function reserveForm(page: Page) {
	return page.locator('#reserve-form');
}

/** A hold in My reservations, found by the item it is for. */
export function holdCard(page: Page, item: DemoItem) {
	return page.locator('#active-holds > li', { has: page.locator(`h3 a[href="${item.path}"]`) });
}

/**
 * Makes sure the signed-in patron has an active reservation of `item`, whatever earlier tests did:
 * reserves it, unless the item page already shows the reservation (or the form is refused as "already
 * reserved", by a test in parallel). Leaves the browser on the item page or the page the form led to.
 */
export async function ensureReserved(page: Page, item: DemoItem): Promise<void> {
	await page.goto(item.path);
	const form = reserveForm(page);
	await expect(form.or(alreadyReserved(page)), `the reserve form on ${item.path}`).toBeVisible();
	if (await alreadyReserved(page).isVisible()) return;
	if ((await form.locator('input[name="pickup"]:checked').count()) === 0) await form.locator('input[name="pickup"]').first().check();
	await form.locator('button[type="submit"]').click();
	await expect(page.locator('#notification-banner, #error-summary').first()).toBeVisible();
}

/** What an item page shows in place of the form when the patron has reserved the title. */
export function alreadyReserved(page: Page) {
	return page.locator('#already-reserved');
}

/** Cancels the patron's active reservation of `item`, if there is one (clean-up before and after a journey). */
export async function cancelIfReserved(page: Page, item: DemoItem): Promise<void> {
	await page.goto('/account/reservations');
	const card = holdCard(page, item);
	if ((await card.count()) === 0) return;
	await card.locator('a[href$="/cancel"]').click();
	await expect(page).toHaveURL(/\/account\/reservations\/\d+\/cancel$/);
	await page.locator('#main form button[type="submit"]').click();
	await expect(page).toHaveURL(/\/account\/reservations\?done=cancelled&hold=\d+$/);
}

/** The portal's own message for `key` in the holds namespace (or `common:key` and the like), furigana markup removed. */
export function holdsMessage(lang: LanguageCode, key: string): string {
	return message(lang, key.includes(':') ? key : `holds:${key}`);
}

/** A pattern for a holds message (or `common:key` …) as shown: see `messagePattern`. */
export function holdsPattern(lang: LanguageCode, key: string, values: Record<string, string | RegExp> = {}): RegExp {
	return messagePattern(lang, key.includes(':') ? key : `holds:${key}`, values);
}

export { escape };
