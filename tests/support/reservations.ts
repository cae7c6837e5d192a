import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { LanguageCode } from './languages';
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
 * reserves it, and accepts "already reserved" as well. Leaves the browser on the page the form led to.
 */
export async function ensureReserved(page: Page, item: DemoItem): Promise<void> {
	await page.goto(item.path);
	const form = reserveForm(page);
	await expect(form, `the reserve form on ${item.path}`).toBeVisible();
	if ((await form.locator('input[name="pickup"]:checked').count()) === 0) await form.locator('input[name="pickup"]').first().check();
	await form.locator('button[type="submit"]').click();
	await expect(page.locator('#notification-banner, #error-summary').first()).toBeVisible();
}

/** Cancels the patron's active reservation of `item`, if there is one (clean-up before and after a journey). */
export async function cancelIfReserved(page: Page, item: DemoItem): Promise<void> {
	await page.goto('/account/reservations');
	const card = holdCard(page, item);
	if ((await card.count()) === 0) return;
	await card.locator('a[href$="/cancel"]').click();
	await expect(page).toHaveURL(/\/account\/reservations\/\d+\/cancel$/);
	await page.locator('#main form button[type="submit"]').click();
	await expect(page).toHaveURL(/\/account\/reservations\?done=cancelled$/);
}

type Messages = Record<string, unknown>;
const files = new Map<LanguageCode, Messages>();

/** The portal's own message for `key` in the holds namespace, furigana markup removed. */
export function holdsMessage(lang: LanguageCode, key: string): string {
	if (!files.has(lang)) {
		files.set(lang, JSON.parse(readFileSync(new URL(`../../src/lib/i18n/locales/${lang}/holds.json`, import.meta.url), 'utf8')));
	}
	let value: unknown = files.get(lang);
	for (const part of key.split('.')) value = (value as Messages | undefined)?.[part];
	if (typeof value !== 'string') throw new Error(`No holds message "${key}" in ${lang}`);
	return value.replace(/\{([^|{}]+)\|[^{}]+\}/g, '$1');
}

/**
 * A pattern for a holds message as shown on the page: given values are matched literally, numbers
 * as digits, any other interpolation as some text.
 */
export function holdsPattern(lang: LanguageCode, key: string, values: Record<string, string | RegExp> = {}): RegExp {
	const text = holdsMessage(lang, key);
	const parts = text.split(/(\{\{\w+\}\})/);
	const source = parts
		.map((part) => {
			const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
			if (!name) return escape(part);
			const value = values[name];
			if (value instanceof RegExp) return `(?:${value.source})`;
			if (typeof value === 'string') return escape(value);
			return name === 'position' || name === 'count' || name === 'limit' ? '\\d+' : '.+?';
		})
		.join('');
	return new RegExp(source);
}

export function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
