import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe';
import { waitForHydration } from '../support/hydration';
import { signIn } from '../support/session';
import { startVirtualScreenReader } from '../support/virtual-screen-reader';

/**
 * The warning before a signed-in session times out (src/lib/layout/SessionTimeout.svelte; WCAG 2.2.1).
 * The session lasts two hours without activity; Playwright's clock moves the page's time on instead of
 * waiting. The server's time is not faked: the page asks it how long is left only when its own clock says
 * the time is up, so the second test really ends the session on the server before that moment.
 *
 * The warning needs JavaScript; without it there is none (the accessibility statement says so).
 */

const WARNING = {
	heading: 'まもなくログインが終わります',
	body: '安全のため、あと2分でログインを終了します。',
	stay: 'ログインを続ける'
};
const ENDED = {
	heading: 'ログインが終わりました',
	typed: 'このページに入力した内容は画面に残っていますが、送信はされていません。',
	signIn: 'もう一度ログインする',
	close: '閉じる'
};
/** A page with a form, where a patron might be typing when the time runs out. */
const FORM_PAGE = '/account/proxies/invite';
const TYPED = '1000000099';

/** Signs in afresh (these tests extend and end their own session), fakes the clock, opens the form and types. */
async function openFormAndType(page: Page) {
	await signIn(page, 'patron', { fresh: true });
	await page.clock.install();
	await page.goto(FORM_PAGE);
	await waitForHydration(page);
	const field = page.locator('#cardNumber');
	await field.fill(TYPED);
	await expect(field).toBeFocused();
	return field;
}

async function sessionCookieExpiry(page: Page): Promise<number> {
	const cookie = (await page.context().cookies()).find((c) => c.name === 'session');
	expect(cookie, 'the session cookie').toBeDefined();
	return cookie!.expires;
}

test.describe('session timeout warning', { tag: '@js-only' }, () => {
	test('two minutes before the end, a dialog takes focus and is read out; "Stay signed in" extends the session and returns focus', async ({ page }) => {
		const field = await openFormAndType(page);
		const sr = await startVirtualScreenReader(page);
		const cookieBefore = await sessionCookieExpiry(page);

		// 1 h 58 min 30 s without activity: inside the last two minutes.
		await page.clock.fastForward('01:58:30');
		const dialog = page.getByRole('alertdialog', { name: WARNING.heading });
		await expect(dialog).toBeVisible();
		await expect(dialog).toHaveAccessibleDescription(new RegExp(`^${WARNING.body}`));
		await expect(dialog.getByRole('heading', { level: 2, name: WARNING.heading })).toBeFocused();

		// The reader follows focus into the dialog: it names the dialog by its heading and reads its text
		// (aria-describedby), then the focused heading. Reading on gives the time left again, on its own.
		await expect
			.poll(() => sr.spokenPhraseLog(), { message: 'entering the dialog announces its name and its whole text' })
			.toContainEqual(expect.stringMatching(new RegExp(`^alertdialog, ${WARNING.heading}, ${WARNING.body} `)));
		expect(await sr.spokenPhraseLog()).toContain(`heading, ${WARNING.heading}, level 2`);
		await sr.readUntil(new RegExp(`^${WARNING.body}$`), 5);

		await expectNoAxeViolations(page, { label: 'session timeout warning open' });

		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/session/extend') && r.request().method() === 'POST'),
			dialog.getByRole('button', { name: WARNING.stay }).click()
		]);
		expect(response.status()).toBe(200);
		expect(response.headers()['cache-control'], 'the answer is about one person: never stored').toBe('private, no-store');
		expect((await response.json()).remainingMs).toBeGreaterThan(2 * 60 * 60_000 - 60_000);

		await expect(dialog).toBeHidden();
		await expect(field, 'focus goes back to where it was').toBeFocused();
		await expect(field).toHaveValue(TYPED);
		expect(await sessionCookieExpiry(page), 'the cookie lasts as long as the extended session').toBeGreaterThan(cookieBefore);

		// The server kept the session: a later page is still the signed-in patron's.
		await page.goto('/account');
		await expect(page).toHaveURL(/\/account$/);
		await expect(page.getByText('練馬 花子さんがログイン中')).toBeVisible();
	});

	test('when the time runs out, the dialog says the person was signed out and what they typed is still there', async ({ page, baseURL }) => {
		const field = await openFormAndType(page);

		await page.clock.fastForward('01:58:30');
		await expect(page.getByRole('alertdialog', { name: WARNING.heading })).toBeVisible();

		// Two hours have passed: the server ends the session. Its clock is not faked, so end it as it would
		// (the same request as the sign-out form, with this page's cookie; `accept` as a browser's form post).
		const ended = await page.request.post('/sign-out', { form: {}, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
		expect(ended.status()).toBe(303);
		await page.clock.fastForward('02:00');

		const dialog = page.getByRole('alertdialog', { name: ENDED.heading });
		await expect(dialog).toBeVisible();
		await expect(dialog.getByRole('heading', { level: 2, name: ENDED.heading })).toBeFocused();
		await expect(dialog).toContainText(ENDED.typed);
		await expect(dialog.getByRole('link', { name: ENDED.signIn })).toHaveAttribute('href', `/sign-in?return=${encodeURIComponent(FORM_PAGE)}`);
		await expectNoAxeViolations(page, { label: 'session timeout ended' });

		// Closing the message goes back to the page as it was: the field, with what was typed.
		await dialog.getByRole('button', { name: ENDED.close }).click();
		await expect(dialog).toBeHidden();
		await expect(field).toBeFocused();
		await expect(field).toHaveValue(TYPED);

		// The next post goes to the sign-in page, which brings the person back here afterwards.
		await page.getByRole('button', { name: '招待する' }).click();
		await expect(page).toHaveURL(/\/sign-in\?return=/);
	});
});
