import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { generatedWaitingTitle } from '../support/demo-items';
import { acceptCode, actFor, actingForRegion, inviteByCode, message, PEOPLE, signedInPage, stopActing } from '../support/proxies';

/**
 * The proxy rules end to end, against the built server: a grant ended elsewhere counts at once, a form
 * left open for someone else is refused, and bad input (inviting yourself, unknown cards, used codes,
 * unknown scopes, forged ids) gets a clear message and never a 5xx. Japanese; the messages of every
 * language are checked by the i18n tests and the journeys.
 *
 * The grantor is 練馬 花子 with JavaScript and 山田 健 without (the two projects run side by side and must
 * not end each other's grants); the proxy is 鈴木 由美, who stays a revoked proxy of 一郎 throughout. The
 * tests of this file run one after another for the same reason.
 */

test.describe.configure({ mode: 'serial' });

const isJs = () => test.info().project.use.javaScriptEnabled !== false;
const grantorOf = (): 'hanako' | 'ken' => (isJs() ? 'hanako' : 'ken');
const ja = (key: string, values: Record<string, string | number> = {}) => message('ja', key, values);

/** Posts a form the way a browser would (same origin), with the page's cookies. */
function post(page: Page, baseURL: string, path: string, form: Record<string, string | string[]>) {
	const body = new URLSearchParams();
	for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
	return page.request.post(path, {
		// `accept: text/html` as a browser sends it: otherwise SvelteKit answers as to `use:enhance` (JSON, 200).
		headers: { origin: baseURL, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		data: body.toString(),
		maxRedirects: 0
	});
}

test('a grant the patron ends counts on the proxy’s very next page, which says why', async ({ browser, baseURL }) => {
	test.slow();
	const js = isJs();
	const grantor = PEOPLE[grantorOf()];
	const patron = await signedInPage(browser, baseURL!, grantorOf(), 'ja', js);
	const code = await inviteByCode(patron, ['view_loans_reservations']);
	const proxy = await signedInPage(browser, baseURL!, 'yumi', 'ja', js);
	await acceptCode(proxy, code);
	await actFor(proxy, grantor.name);
	await proxy.goto('/account');
	await expect(actingForRegion(proxy, 'ja', grantor.name)).toBeVisible();

	// The patron ends it (their grant to 由美 in force is listed first).
	await patron.goto('/account/proxies');
	await patron.locator('#main a', { hasText: PEOPLE.yumi.name }).first().click();
	await patron.getByRole('button', { name: ja('proxies:detail.end', { who: ja('proxies:mine.person', { name: PEOPLE.yumi.name }) }) }).click();
	await expect(patron).toHaveURL(/\/account\/proxies\?done=revoked$/);

	// 由美's next page of 花子's: back to herself, told why, and the landmark is gone.
	const response = await proxy.goto('/account');
	expect(response!.status()).toBe(200);
	await expect(proxy).toHaveURL(/\/proxy\?done=ended$/);
	await expect(proxy.getByRole('heading', { name: ja('proxies:hub.done.ended') })).toBeFocused();
	await expect(actingForRegion(proxy, 'ja', grantor.name)).toHaveCount(0);

	// The patron sees it in the log of what 由美 did.
	await patron.goto('/account/proxies');
	await patron.locator('#main a', { hasText: PEOPLE.yumi.name }).first().click();
	await expect(patron.locator('.proxy-log')).toContainText(ja('proxies:log.actions.proxies_act_for'));
	await expect(patron.locator('.proxy-log')).toContainText(ja('proxies:log.actions.proxies_returned_to_self'));
	await patron.context().close();
	await proxy.context().close();
});

test('a form opened while acting for someone is refused after switching back in another tab', async ({ browser, baseURL }) => {
	test.slow();
	const js = isJs();
	const item = generatedWaitingTitle(41);
	const patron = await signedInPage(browser, baseURL!, grantorOf(), 'ja', js);
	const code = await inviteByCode(patron, ['reservations']);
	await patron.context().close();
	const tabA = await signedInPage(browser, baseURL!, 'yumi', 'ja', js);
	await acceptCode(tabA, code);
	await actFor(tabA, PEOPLE[grantorOf()].name);
	await tabA.goto(item.path);
	const reserve = tabA.locator('#reserve-form');
	await expect(reserve).toBeVisible();
	await expect(reserve.locator('input[name="__subject"]')).toHaveCount(1);

	// Tab B, same browser: back to herself.
	const tabB = await tabA.context().newPage();
	await tabB.goto('/proxy');
	await stopActing(tabB);

	// Tab A still shows the patron's reserve form: sending it must not reserve for 由美.
	if ((await reserve.locator('input[name="pickup"]:checked').count()) === 0) await reserve.locator('input[name="pickup"]').first().check();
	await reserve.locator('button[type="submit"]').click();
	await expect(tabA.getByText(ja('proxies:errors.subjectChanged'))).toBeVisible();
	await tabA.goto('/account/reservations');
	await expect(tabA.locator(`#active-holds a[href="${item.path}"]`)).toHaveCount(0);
	await tabA.context().close();
});

test('bad input gets a clear message and never a 5xx', async ({ browser, baseURL }) => {
	test.slow();
	const js = isJs();
	const me = PEOPLE[grantorOf()];
	const patron = await signedInPage(browser, baseURL!, grantorOf(), 'ja', js);

	// Inviting yourself.
	await patron.goto('/account/proxies/invite');
	await patron.locator('input[name="method"][value="card"]').check();
	await patron.locator('#cardNumber').fill(me.cardNumber);
	await patron.locator('input[name="scopes"][value="receive_notices"]').check();
	await patron.locator('#main form button[type="submit"]').click();
	await expect(patron.locator('#error-summary')).toContainText(ja('proxies:errors.inviteSelf'));
	await expect(patron.locator('#cardNumber')).toHaveValue(me.cardNumber);

	// A scope that does not exist (a forged form): refused with its own message.
	const forged = await post(patron, baseURL!, '/account/proxies/invite', { method: 'code', cardNumber: '', scopes: ['reservations', 'delete_everything'] });
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain(ja('proxies:errors.scopesUnknown'));

	// An unknown card and a known one get the same answer: only the number typed is shown back.
	// (美咲 is invited by nobody else in the tests, so her name could only come from this invitation.)
	const cards = [js ? '1999999991' : '1999999992', PEOPLE.misaki.cardNumber];
	const answers: string[] = [];
	for (const card of cards) {
		await patron.goto('/account/proxies/invite');
		await patron.locator('input[name="method"][value="card"]').check();
		await patron.locator('#cardNumber').fill(card);
		await patron.locator('input[name="scopes"][value="receive_notices"]').check();
		await patron.locator('#main form button[type="submit"]').click();
		await expect(patron).toHaveURL(/\/account\/proxies\/invite\/done$/);
		answers.push((await patron.locator('#main').innerText()).replace(card, '<card>').replace(/\d{4}年\d{1,2}月\d{1,2}日\(.\)/, '<date>'));
	}
	expect(answers[0]).toBe(answers[1]);
	// Their names never appear on the patron's side before acceptance.
	await patron.goto('/account/proxies');
	await expect(patron.locator('#main')).not.toContainText(PEOPLE.misaki.name);
	// Clean up: cancel both, so this test can run again in the same database.
	for (const card of cards) {
		await patron.goto('/account/proxies');
		await patron.locator('#main a', { hasText: card }).first().click();
		await patron.locator('form[action="?/end"] button').click();
		await expect(patron).toHaveURL(/\/account\/proxies\?done=cancelled$/);
	}

	// A code used twice: the same person is told it is done; someone else that it was used.
	const code = await inviteByCode(patron, ['receive_notices']);
	const first = await signedInPage(browser, baseURL!, 'yumi', 'ja', js);
	await acceptCode(first, code);
	await first.goto('/proxy/accept');
	await first.locator('#code').fill(code);
	await first.locator('#main form button[type="submit"]').click();
	await expect(first.locator('#error-summary')).toContainText(ja('proxies:errors.alreadyAccepted'));
	const second = await signedInPage(browser, baseURL!, 'makoto', 'ja', js);
	await second.goto('/proxy/accept');
	await second.locator('#code').fill(code);
	await second.locator('#main form button[type="submit"]').click();
	await expect(second.locator('#error-summary')).toContainText(ja('proxies:errors.codeUsed'));
	await expect(second.locator('#code')).toHaveValue(code);

	// Forged ids in forms and URLs: "not allowed" or "not found", never another person's data or a 5xx.
	const ichiroId = await accountIdOf(browser, baseURL!, PEOPLE.ichiro.cardNumber);
	const actForIchiro = await post(first, baseURL!, '/proxy?/actFor', { patronId: String(ichiroId) });
	expect(actForIchiro.status(), 'a revoked proxy cannot act for 一郎').toBe(400);
	expect(await actForIchiro.text()).toContain(ja('proxies:errors.notAllowed'));
	for (const patronId of ['0', '-1', 'abc', '99999999999', '1 OR 1=1']) {
		const response = await post(first, baseURL!, '/proxy?/actFor', { patronId });
		expect(response.status(), `actFor ${patronId}`).toBe(400);
	}
	for (const path of ['/account/proxies/999999', '/account/proxies/abc', '/proxy/grants/999999', '/proxy/grants/-1']) {
		expect((await first.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
	}
	const endOthers = await post(first, baseURL!, '/account/proxies/1?/end', {});
	expect([403, 404], 'ending a grant that is not hers').toContain(endOthers.status());
	const accept = await post(first, baseURL!, '/proxy?/accept', { grantId: '1' });
	expect(accept.status()).toBe(400);
	expect(await accept.text()).toContain(ja('proxies:errors.invitationNotFound'));

	for (const page of [patron, first, second]) await page.context().close();
});

/** An account id, looked up the way staff do it (the proxy pages never show ids of people you do not act for). */
async function accountIdOf(browser: import('@playwright/test').Browser, baseURL: string, cardNumber: string): Promise<number> {
	const staff = await signedInPage(browser, baseURL, 'librarian', 'ja', true);
	await staff.goto('/staff/proxies');
	await staff.locator('#cardNumber').fill(cardNumber);
	await staff.locator('#main form button[type="submit"]').click();
	await expect(staff).toHaveURL(/\/staff\/proxies\/patrons\/\d+$/);
	const id = Number(new URL(staff.url()).pathname.split('/').pop());
	await staff.context().close();
	return id;
}

export type { APIRequestContext };
