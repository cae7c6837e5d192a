import { expect, test, type Page } from '@playwright/test';
import { describeFocus, expectFocusNotOnBody, tabTo } from '../support/keyboard';
import { ACCOUNTS } from '../support/session';

/**
 * Signing in with the keyboard alone (page.keyboard only: no clicks, no fill), as a keyboard or
 * switch user does, with JavaScript on and off. WCAG 2.1.1, 2.4.1, 2.4.3, 3.3.1, 3.3.7, 3.3.8.
 * Japanese, the default language.
 */

const isJs = () => test.info().project.use.javaScriptEnabled !== false;

// The patron of the journey. Wrong passwords are counted per card (3 in a row slow the next try
// down); this file makes at most one wrong try per project, and the success clears the count.
const { cardNumber, password } = ACCOUNTS.patron;

test('a keyboard user signs in after a wrong password, from the top of the page', async ({ page }) => {
	test.slow(); // two sign-ins (password hashing) and every step checked
	const js = isJs();
	/** With JavaScript on, SvelteKit can drop focus on <body>; the portal must prevent it at every step. */
	const checkFocus = async (step: string) => {
		if (js) await expectFocusNotOnBody(page, step);
	};

	await page.goto('/sign-in');

	// The skip link is the first Tab stop, and Enter takes the person into <main>.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: '本文へ移動' }), `first Tab stop is ${await describeFocus(page)}`).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('#main')).toBeFocused();
	await checkFocus('the skip link');

	// From the start of <main>, the user number is the first field.
	const presses = await tabTo(page, page.locator('#cardNumber'), { max: 5 });
	expect(presses, 'Tab presses from <main> to the user number field').toBe(1);
	await page.keyboard.type(cardNumber);
	await page.keyboard.press('Tab');
	await expect(page.locator('#password')).toBeFocused();
	await page.keyboard.type('not-my-password');
	await page.keyboard.press('Enter');

	// Failure: the error summary has focus (GOV.UK pattern; `autofocus` without JavaScript).
	const summary = page.locator('#error-summary');
	await expect(summary).toBeFocused();
	await checkFocus('the failed sign-in');
	await expect(summary.getByRole('heading', { name: '入力内容を確認してください' })).toBeVisible();
	await expect(page).toHaveTitle(/^エラー:/);
	// WCAG 3.3.7: the user number survives the failed submit. (The password is never sent back by the
	// server; with JavaScript the browser keeps what was typed, so the person selects it to retype.)
	await expect(page.locator('#cardNumber')).toHaveValue(cardNumber);

	// The error message is a link that takes focus to the field it is about.
	await page.keyboard.press('Tab');
	const errorLink = summary.getByRole('link', { name: '利用者番号またはパスワードが正しくありません' });
	await expect(errorLink).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('#cardNumber')).toBeFocused();
	await checkFocus('the error link');
	await expect(page.locator('#cardNumber')).toHaveAttribute('aria-invalid', 'true');

	// Success.
	await page.keyboard.press('Tab');
	await expect(page.locator('#password')).toBeFocused();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(password);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/account$/);

	if (js) {
		// After client-side navigation SvelteKit leaves focus on <body>; the portal moves it to the h1.
		await expect(page.locator('#main h1')).toBeFocused();
		await checkFocus('the successful sign-in');
	} else {
		// A full page load: focus starts at the top, so the next Tab is the skip link again.
		await expectFocusAtTop(page);
	}
});

test('the show-password toggle works with the keyboard', { tag: '@js-only' }, async ({ page }) => {
	await page.goto('/sign-in');
	await tabTo(page, page.locator('#password'));
	await page.keyboard.type('Secret-42');

	const toggle = page.getByRole('button', { name: 'パスワードを表示' });
	await page.keyboard.press('Tab');
	await expect(toggle).toBeFocused();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(page.locator('#password')).toHaveAttribute('type', 'password');

	await page.keyboard.press('Space');
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('#password')).toHaveAttribute('type', 'text');
	await expect(page.locator('#password')).toHaveValue('Secret-42');
	await expect(toggle, 'focus stays on the toggle').toBeFocused();

	await page.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(page.locator('#password')).toHaveAttribute('type', 'password');
	await expect(page.locator('#password')).toHaveValue('Secret-42');
});

test('without JavaScript there is no dead show-password button', { tag: '@nojs-only' }, async ({ page }) => {
	await page.goto('/sign-in');
	await expect(page.locator('#main form button[type="button"]')).toHaveCount(0);
});

test('password managers can fill the form (WCAG 3.3.8)', async ({ page }) => {
	await page.goto('/sign-in');
	await expect(page.locator('#cardNumber')).toHaveAttribute('autocomplete', 'username');
	await expect(page.locator('#password')).toHaveAttribute('autocomplete', 'current-password');
	await expect(page.locator('#password')).toHaveAttribute('type', 'password');
	// No CAPTCHA or other cognitive test on the page.
	await expect(page.locator('iframe, [class*="captcha" i], [id*="captcha" i]')).toHaveCount(0);
});

test('pasting into the password field works (WCAG 3.3.8)', async ({ page, context, baseURL }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
	await page.goto('/sign-in');
	await tabTo(page, page.locator('#password'));
	// Playwright's evaluation runs even with the page's JavaScript off; the clipboard is the browser's.
	await page.evaluate(() => navigator.clipboard.writeText('pasted-Secret-7'));
	await page.keyboard.press('ControlOrMeta+V');
	await expect(page.locator('#password')).toHaveValue('pasted-Secret-7');
});

/** Focus is at the start of a freshly loaded document: nothing focused, not scrolled, next Tab is the skip link. */
async function expectFocusAtTop(page: Page) {
	const state = await page.evaluate(() => ({ onBody: document.activeElement === document.body, scrollY: window.scrollY }));
	expect(state, 'a new page starts with focus at the top').toEqual({ onBody: true, scrollY: 0 });
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: '本文へ移動' })).toBeFocused();
}
