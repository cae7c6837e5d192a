import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_SPOTLIGHT_RECORDS } from '../../src/lib/server/catalogue/generate-records';
import { expectNoAxeViolations } from '../support/axe';
import { expectFocusNotOnBody, tabTo } from '../support/keyboard';
import { signIn } from '../support/session';

/**
 * The hold-shelf journey of a librarian (練馬図書館, 9000000001), as a blind librarian does it: with
 * JavaScript on, keyboard only (Tab and Enter, no clicks) through the counter steps, asserting after each
 * submit that focus is on the confirmation; without JavaScript the same journey with clicks, where the
 * confirmation takes focus through `autofocus`.
 *
 * 1. The librarian registers two groups (form 3); each confirmation shows a card number and, once, a password.
 * 2. Group 1 and then group 2 reserve the same title for pickup at 練馬図書館, through the item page.
 *    The title has a single copy, on the shelf at another library: group 1's hold is in transit at once,
 *    group 2 waits behind it.
 * 3. At the hold shelf the librarian receives group 1's copy (arriving → ready) and lends it.
 * 4. The copy comes back to 練馬図書館, where group 2 collects: check-in says to put it on the hold shelf
 *    (group 2's hold is ready at once), and focus is back in the copy-number box for the next scan, whose
 *    description is that outcome.
 * 5. Group 2's hold is lent. A second librarian's page, opened before that, tries to lend it again and is
 *    told it has already been lent (409, no 5xx).
 *
 * Each project uses a title of its own, a demo record with exactly one copy that no other test reserves,
 * so the two projects can run in parallel on one server. Fresh groups each run: no "already reserved".
 */

const TITLE_BY_PROJECT: Record<string, string> = { js: '武蔵野の雑木林', nojs: 'Con mèo nhỏ của tôi' };
const PICKUP = 'nerima';
const PICKUP_NAME = '練馬図書館';

const isJs = () => test.info().project.use.javaScriptEnabled !== false;

/** The demo records are loaded first into an empty database, in order, so a record's id is its position + 1. */
function itemIdOf(title: string): number {
	const index = DEMO_SPOTLIGHT_RECORDS.findIndex((record) => record.title === title);
	if (index < 0) throw new Error(`${title} is not a demo record`);
	return index + 1;
}

/** Presses a control the way the project's user does: Tab + Enter with JavaScript on, a click without. */
async function press(page: Page, target: ReturnType<Page['locator']>) {
	if (isJs()) {
		// Forwards: after a redirect focus is on the confirmation, above everything that comes next.
		await tabTo(page, target, { max: 80 });
		await page.keyboard.press('Enter');
	} else {
		await target.click();
	}
}

/**
 * axe on a state the crawl cannot reach (a hold shelf with holds on it, a refused click). With JavaScript
 * only: axe waits on timers, which never fire in a page whose scripts are disabled.
 */
async function expectAccessible(page: Page, label: string) {
	if (isJs()) await expectNoAxeViolations(page, { label });
}

/** The confirmation after a redirect: its heading has focus (NotificationBanner) and says `text`. */
async function expectConfirmation(page: Page, text: string | RegExp) {
	const heading = page.locator('#notification-banner-title');
	await expect(heading).toHaveText(text);
	await expect(heading).toBeFocused();
	if (isJs()) await expectFocusNotOnBody(page, 'the confirmation');
}

async function registerGroup(page: Page, name: string): Promise<{ cardNumber: string; password: string }> {
	await page.goto('/staff/groups/new');
	await page.locator('#name').fill(name);
	await page.locator('#nameKana').fill('てすとだんたい');
	await page.locator('input[name="groupType"][value="after_school_club"]').check();
	await page.locator('#postalCode').fill('176-0012');
	await page.locator('#address').fill('東京都練馬区豊玉北六丁目8番1号');
	await page.locator('#phone').fill('03-3993-1111');
	await page.locator('#representative').fill('練馬 太郎');
	await page.locator('#contactPerson').fill('豊玉 次郎');
	await page.locator('#members').fill('２０');
	await page.locator('#purpose').fill('学童クラブで読む本を借りるため');
	// The librarian's own library is chosen already.
	await expect(page.locator('input[name="homeLibraryId"][value="nerima"]')).toBeChecked();
	await page.locator('#main form button[type="submit"]').click();
	await expect(page).toHaveURL(/\/staff\/groups\/created\?id=\d+$/);
	await expectConfirmation(page, `「${name}」を団体として登録しました`);
	const cardNumber = (await page.locator('dt:text-is("カード番号") + dd').textContent())?.trim();
	const password = (await page.locator('.initial-password').textContent())?.trim();
	expect(cardNumber, 'card number on the confirmation').toMatch(/^\d{10}$/);
	await expect(page.locator('#notification-banner')).toContainText(`カード番号：${cardNumber}`);
	expect(password, 'initial password on the confirmation').toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
	return { cardNumber: cardNumber!, password: password! };
}

/** Signs a group in through the sign-in form in a browser context of its own and reserves `itemId`. */
async function reserveAsGroup(browser: Browser, baseURL: string, group: { cardNumber: string; password: string }, itemId: number): Promise<number> {
	const context = await browser.newContext({ baseURL, locale: 'ja-JP', serviceWorkers: 'block', javaScriptEnabled: isJs() });
	try {
		const page = await context.newPage();
		await page.goto('/sign-in');
		await page.locator('#cardNumber').fill(group.cardNumber);
		await page.locator('#password').fill(group.password);
		await page.locator('#main form button[type="submit"]').click();
		await expect(page).toHaveURL(/\/account$/);
		await page.goto(`/items/${itemId}`);
		await page.locator(`input[name="pickup"][value="${PICKUP}"]`).check();
		await page.locator('#reserve-form button[type="submit"]').click();
		await expect(page).toHaveURL(/\/account\/reservations\?placed=\d+/);
		return Number(new URL(page.url()).searchParams.get('placed'));
	} finally {
		await context.close();
	}
}

test('a librarian receives, lends and checks in reserved items, and is told when a hold was already lent', async ({ page, browser, baseURL }) => {
	// Two group registrations and two group sign-ins (a memory-hard password hash each) and some twenty
	// page loads: about half a minute on an idle two-core machine, much more while other suites run.
	test.setTimeout(240_000);
	const title = TITLE_BY_PROJECT[test.info().project.name] ?? TITLE_BY_PROJECT.js;
	const itemId = itemIdOf(title);
	await signIn(page, 'librarian');

	// 1–2. Two groups, registered by the librarian, reserve the title one after the other.
	const run = `${test.info().project.name}-${Date.now()}`;
	const first = await registerGroup(page, `E2E 学童クラブ ${run} A`);
	const second = await registerGroup(page, `E2E 学童クラブ ${run} B`);
	const firstHold = await reserveAsGroup(browser, baseURL!, first, itemId);
	const secondHold = await reserveAsGroup(browser, baseURL!, second, itemId);

	// 3. The hold shelf of the librarian's own library (練馬図書館) is the default.
	await page.goto('/staff/hold-shelf');
	await expect(page.locator('#location')).toHaveValue(PICKUP);
	const arriving = page.locator('section[aria-labelledby="arriving-heading"]');
	const firstCard = arriving.locator(`li.card:has(dt:text-is("予約番号") + dd:text-is("${firstHold}"))`);
	await expect(firstCard.getByRole('heading', { level: 3 })).toHaveText(title);
	// The patron is named, their card number masked to the last four digits, for eyes and for ears.
	await expect(firstCard).toContainText(`******${first.cardNumber.slice(-4)}`);
	await expect(firstCard).toContainText(`下4桁 ${first.cardNumber.slice(-4)}`);
	await expect(firstCard).not.toContainText(first.cardNumber);
	const copyId = (await firstCard.locator('dt:text-is("資料番号") + dd').textContent())!.trim();
	expect(copyId).toMatch(/^\d+$/);
	await expectAccessible(page, 'hold shelf with a hold arriving');

	// Buttons are told apart by their accessible names, which contain the visible label (WCAG 2.5.3).
	const receiveFirst = page.getByRole('button', { name: `${title} を受け取った（予約番号 ${firstHold}）`, exact: true });
	await expect(receiveFirst).toHaveText('受け取った');
	await press(page, receiveFirst);
	await expect(page).toHaveURL(new RegExp(`received=${firstHold}`));
	await expectConfirmation(page, `「${title}」を受け取りました。予約の受け取り棚に置いてください（予約番号 ${firstHold}）`);
	await expect(page.locator('#notification-banner')).toContainText('受け取り期限は');
	await expectAccessible(page, 'hold shelf with a hold ready');

	const collectFirst = page.getByRole('button', { name: `${title} を貸出にする（予約番号 ${firstHold}）`, exact: true });
	await expect(collectFirst).toHaveText('貸出にする');
	await press(page, collectFirst);
	await expect(page).toHaveURL(new RegExp(`collected=${firstHold}`));
	await expectConfirmation(page, `予約番号 ${firstHold} の資料を貸出にしました`);
	await expect(collectFirst).toHaveCount(0);

	// 4. Group 1 returns the copy at this library, where group 2 collects it: straight to the hold shelf.
	await page.goto('/staff');
	await press(page, page.getByRole('link', { name: '返却資料の処理' }));
	await expect(page).toHaveURL(/\/staff\/check-in$/);
	if (isJs()) {
		await tabTo(page, page.locator('#copyId'), { max: 20 });
		// Barcode scanners type full-width digits on some Japanese keyboard settings: accepted.
		await page.keyboard.type(copyId.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)));
		await page.keyboard.press('Enter');
	} else {
		await page.locator('#copyId').fill(copyId);
		await page.locator('#main form button[type="submit"]').click();
	}
	await expect(page).toHaveURL(/outcome=holdShelf/);
	const outcome = `予約の受け取り棚に置いてください（予約番号 ${secondHold}）`;
	await expect(page.locator('#notification-banner-title')).toHaveText(outcome);
	await expect(page.locator('#notification-banner')).toContainText(`資料番号 ${copyId} の返却を処理しました。`);
	// Focus is in the empty box for the next copy (a scanner just types), which is heard with the outcome.
	const box = page.locator('#copyId');
	await expect(box).toBeFocused();
	await expect(box).toHaveValue('');
	await expect(box).toHaveAccessibleDescription(new RegExp(`^${outcome.replace(/[()（）]/g, '.')}`));
	await expectAccessible(page, 'check-in with an outcome');

	// 5. A second librarian opens the hold shelf now; their page will be out of date in a moment.
	const colleague = await page.context().newPage();
	await colleague.goto('/staff/hold-shelf');
	const staleCollect = colleague.getByRole('button', { name: `${title} を貸出にする（予約番号 ${secondHold}）`, exact: true });
	await expect(staleCollect).toBeVisible();

	await page.goto('/staff/hold-shelf');
	const collectSecond = page.getByRole('button', { name: `${title} を貸出にする（予約番号 ${secondHold}）`, exact: true });
	await press(page, collectSecond);
	await expectConfirmation(page, `予約番号 ${secondHold} の資料を貸出にしました`);

	// The colleague presses the out-of-date button: a clear message in the focused error summary, no 5xx.
	const response = colleague.waitForResponse((r) => r.request().method() === 'POST');
	await staleCollect.click();
	const status = (await response).status();
	expect(status, 'a refused click is a client error, never a server error').toBeLessThan(500);
	if (!isJs()) expect(status).toBe(409);
	const summary = colleague.locator('#error-summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(`予約番号 ${secondHold} は、すでに貸出になっています`);
	await expect(colleague).toHaveTitle(/^エラー:/);
	await expectAccessible(colleague, 'hold shelf after a refused click');
	// With JavaScript the lists are refreshed at once: the stale button is gone.
	if (isJs()) await expect(staleCollect).toHaveCount(0);
	await colleague.close();
});

test('check-in refuses an unknown copy number, keeps what was typed and says why', async ({ page }) => {
	await signIn(page, 'librarian');
	await page.goto('/staff/check-in');
	await page.locator('#copyId').fill('９９９９９９９９９');
	const response = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.locator('#main form button[type="submit"]').click();
	// Without JavaScript the page itself answers 404; an enhanced submit gets the failure as data.
	if (!isJs()) expect((await response).status()).toBe(404);
	await expect(page.locator('#error-summary')).toBeFocused();
	await expect(page.locator('#error-summary')).toContainText('この資料番号の資料は見つかりませんでした');
	await expect(page.locator('#copyId')).toHaveValue('９９９９９９９９９');
	await expect(page.locator('#copyId')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#notification-banner')).toHaveCount(0);
});
