import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** The demo accounts that SEED_DEMO loads into an empty database (src/lib/server/demo/demo-accounts.ts). */
export const ACCOUNTS = {
	patron: { cardNumber: '1000000001', password: 'hanako-demo-2026' },
	patronWithProxy: { cardNumber: '1000000002', password: 'ichiro-demo-2026' },
	proxy: { cardNumber: '1000000003', password: 'misaki-demo-2026' },
	librarian: { cardNumber: '9000000001', password: 'librarian-demo-2026' },
	deskOfficer: { cardNumber: '9000000002', password: 'desk-demo-2026' },
	admin: { cardNumber: '9000000003', password: 'admin-demo-2026' }
} as const;

export type Role = keyof typeof ACCOUNTS;

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

// One sign-in per role per worker process: a module is loaded once per worker. Signing in costs a
// password hash on a two-core machine, so doing it for every test would slow the crawl down a lot.
const cache = new Map<Role, Promise<StorageState>>();

/**
 * Signs in through the real sign-in form, in a context of its own, and returns the cookies.
 * `fresh: true` skips the cache: use it for any test that signs out (sign-out ends the session on
 * the server, which would break every later test sharing the cached cookie).
 */
export function storageStateFor(browser: Browser, baseURL: string, role: Role, { fresh = false } = {}): Promise<StorageState> {
	if (!fresh && cache.has(role)) return cache.get(role)!;
	const state = signInThroughForm(browser, baseURL, role);
	if (!fresh) {
		cache.set(role, state);
		state.catch(() => cache.delete(role));
	}
	return state;
}

/** Adds a signed-in session for `role` to the page's context (keeps its other cookies, e.g. `lang`). */
export async function signIn(page: Page, role: Role, options: { fresh?: boolean } = {}): Promise<void> {
	const context = page.context();
	const browser = context.browser();
	if (!browser) throw new Error('signIn needs a page from a browser launched by Playwright');
	const baseURL = baseUrlOf(page);
	const state = await storageStateFor(browser, baseURL, role, options);
	await context.addCookies(state.cookies.filter((c) => c.name !== 'lang' && c.name !== 'display'));
}

async function signInThroughForm(browser: Browser, baseURL: string, role: Role): Promise<StorageState> {
	const { cardNumber, password } = ACCOUNTS[role];
	const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
	try {
		const page = await context.newPage();
		await page.goto('/sign-in');
		await page.locator('#cardNumber').fill(cardNumber);
		await page.locator('#password').fill(password);
		await Promise.all([
			page.waitForURL((url) => url.pathname !== '/sign-in', { timeout: 20_000 }),
			page.locator('main form button[type="submit"]').click()
		]);
		const state = await context.storageState();
		expect(state.cookies.length, `signing in as ${role} (${cardNumber}) set no session cookie`).toBeGreaterThan(0);
		return state;
	} finally {
		await context.close();
	}
}

function baseUrlOf(page: Page): string {
	const configured = test.info().project.use.baseURL;
	if (configured) return configured;
	return new URL(page.url()).origin;
}
