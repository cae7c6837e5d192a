import { expect, type Browser, type Page } from '@playwright/test';
import { useLanguage, type LanguageCode } from './languages';
import { waitForHydration } from './hydration';
import { message } from './messages';

export { message };

/**
 * Demo people of the proxy feature (src/lib/server/demo/demo-proxies.ts) and helpers for its tests.
 * Tests that change whose account a session acts on sign in afresh (never the cached sessions of
 * tests/support/session.ts, which other tests share).
 */
export const PEOPLE = {
	hanako: { cardNumber: '1000000001', password: 'hanako-demo-2026', name: '練馬 花子' },
	ichiro: { cardNumber: '1000000002', password: 'ichiro-demo-2026', name: '佐藤 一郎' },
	/** 一郎's proxy for everything; also 佐藤 ハル's proxy, recorded at the counter. */
	misaki: { cardNumber: '1000000003', password: 'misaki-demo-2026', name: '佐藤 美咲' },
	/** 一郎's proxy for accommodation requests and notices only. */
	ken: { cardNumber: '1000000004', password: 'ken-demo-2026', name: '山田 健' },
	/** Was 一郎's proxy; 一郎 ended it. */
	yumi: { cardNumber: '1000000005', password: 'yumi-demo-2026', name: '鈴木 由美' },
	/** Was 一郎's proxy until yesterday (end date passed). */
	makoto: { cardNumber: '1000000006', password: 'makoto-demo-2026', name: '高橋 誠' },
	/** Never signs in; 美咲 acts for her. */
	haru: { cardNumber: '1000000007', password: null, name: '佐藤 ハル' },
	librarian: { cardNumber: '9000000001', password: 'librarian-demo-2026', name: '図書館 司書' },
	deskOfficer: { cardNumber: '9000000002', password: 'desk-demo-2026', name: '相談 窓口' },
	admin: { cardNumber: '9000000003', password: 'admin-demo-2026', name: '管理 者' }
} as const;

export type Person = keyof typeof PEOPLE;

/** Every demo person's name: titles may carry them in any language (acting for 佐藤 一郎). */
export const DEMO_NAMES = Object.values(PEOPLE).map((p) => p.name);

/**
 * A new browser context signed in as `who` through the sign-in form, in `lang`, with JavaScript as the
 * test's project has it. Returns its first page, left on wherever sign-in led.
 */
export async function signedInPage(browser: Browser, baseURL: string, who: Person, lang: LanguageCode = 'ja', javaScriptEnabled = true): Promise<Page> {
	const person = PEOPLE[who];
	if (!person.password) throw new Error(`${person.name} never signs in`);
	const context = await browser.newContext({ baseURL, javaScriptEnabled, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'block' });
	await useLanguage(context, lang, baseURL);
	const page = await context.newPage();
	await page.goto('/sign-in');
	await waitForHydration(page);
	await page.locator('#cardNumber').fill(person.cardNumber);
	await page.locator('#password').fill(person.password);
	await Promise.all([
		page.waitForURL((url) => url.pathname !== '/sign-in', { timeout: 20_000 }),
		page.locator('#main form button[type="submit"]').click()
	]);
	return page;
}

/** The acting-for landmark (a region named by its first sentence). */
export function actingForRegion(page: Page, lang: LanguageCode, name: string) {
	return page.getByRole('region', { name: message(lang, 'proxies:banner.actingFor', { name }) });
}

/** Starts acting for `name` from the proxy page (by the card with that name), whatever the session did before. */
export async function actFor(page: Page, name: string): Promise<void> {
	await page.goto('/proxy');
	const button = page.locator('#people > li', { hasText: name }).locator('form[action="?/actFor"] button');
	if ((await button.count()) > 0) {
		await button.click();
		await expect(page).toHaveURL(/\/proxy\?done=acting$/);
	}
}

/** Back to acting for oneself, with the button every page shows while acting for someone (if it is there). */
export async function stopActing(page: Page): Promise<void> {
	const stop = page.locator('form[action="/proxy?/stop"] button');
	if ((await stop.count()) === 0) return;
	await stop.click();
	await expect(page).toHaveURL(/\/proxy\?done=stopped$/);
}

/** Invites by a one-time code with the given scopes (checkbox values) and returns the code shown once. */
export async function inviteByCode(page: Page, scopes: string[]): Promise<string> {
	await page.goto('/account/proxies/invite');
	await waitForHydration(page);
	await page.locator('input[name="method"][value="code"]').check();
	for (const scope of scopes) await page.locator(`input[name="scopes"][value="${scope}"]`).check();
	await page.locator('#main form button[type="submit"]').click();
	await expect(page).toHaveURL(/\/account\/proxies\/invite\/done$/);
	return (await page.locator('#invite-code [aria-hidden="true"]').innerText()).trim();
}

/** Accepts an invitation code on the proxy's side. */
export async function acceptCode(page: Page, code: string): Promise<void> {
	await page.goto('/proxy/accept');
	await waitForHydration(page);
	await page.locator('#code').fill(code);
	await page.locator('#main form button[type="submit"]').click();
	await expect(page).toHaveURL(/\/proxy\?done=accepted$/);
}
