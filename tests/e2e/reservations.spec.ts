import { expect, test, type Page } from '@playwright/test';
import { expectFocusNotOnBody, tabTo } from '../support/keyboard';
import { LANGUAGES, useLanguage, type LanguageCode } from '../support/languages';
import { ACCOUNTS, signIn, type Role } from '../support/session';
import { startVirtualScreenReader } from '../support/virtual-screen-reader';
import { COFFEE_AND_LIBRARY, GINGA_PRINT, generatedWaitingTitle, type DemoItem } from '../support/demo-items';
import { cancelIfReserved, ensureReserved, escape, holdCard, holdsPattern, reserveForm } from '../support/reservations';

/**
 * Reserving and cancelling, as a keyboard user and as a screen-reader user, in every language, with
 * JavaScript on and off. WCAG 2.1.1 (keyboard), 2.4.3 (focus order), 3.3.1 (errors), 4.1.3 (status):
 * after reserving and after cancelling, focus is on a confirmation that says what happened, including
 * the place in the queue.
 *
 * The tests of one project reserve and cancel the same titles for one patron, so they run one after
 * another. The two projects run at the same time with different patrons (the demo patron with JavaScript,
 * another demo patron without), so they never meet each other's holds.
 */
test.describe.configure({ mode: 'default' });

const isJs = () => test.info().project.use.javaScriptEnabled !== false;
const patron = (): Role => (isJs() ? 'patron' : 'proxy');

/** A title whose copies are all on loan: reserving it always waits in the queue, so the position is said. */
const WAITING_TITLE = generatedWaitingTitle(0);

async function start(page: Page, lang: LanguageCode, baseURL: string, item: DemoItem) {
	await useLanguage(page.context(), lang, baseURL);
	// A session of its own: the cached one of a demo proxy may have been switched to act for someone
	// else by another test in this worker (sessions keep whom they act for on the server).
	await signIn(page, patron(), { fresh: true });
	// A run that failed half-way may have left this patron's reservation behind.
	await cancelIfReserved(page, item);
}

/** The confirmation banner's heading: it says the outcome and takes focus. */
const bannerHeading = (page: Page) => page.locator('#notification-banner-title');

/** After reserving: the position, or that a free copy is on its way or ready, always with the title. */
function placedPattern(lang: LanguageCode, item: DemoItem, location: string): RegExp {
	const title = { title: item.title, location };
	const alternatives = [
		holdsPattern(lang, 'placed.waiting', title),
		holdsPattern(lang, 'placed.inTransit', title),
		holdsPattern(lang, 'placed.ready', title)
	];
	return new RegExp(`^(?:${alternatives.map((p) => p.source).join('|')})$`);
}

for (const { code: lang } of LANGUAGES) {
	test.describe(`[${lang}]`, () => {
		test('search → item → reserve → my reservations → cancel, with the keyboard alone', async ({ page, baseURL }) => {
			// A dozen page loads and a sign-in (a memory-hard hash): more than the default on two busy cores.
			test.slow();
			const js = isJs();
			await start(page, lang, baseURL!, GINGA_PRINT);

			// Search: from the top of the page to the search box, type, Enter.
			await page.goto('/search');
			const box = page.locator('#main input[name="q"]');
			await tabTo(page, box);
			await page.keyboard.type(GINGA_PRINT.title);
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/search\?/);

			// The print edition among the results (the same title also exists in DAISY and braille).
			const result = page.locator(`#main a[href="${GINGA_PRINT.path}"]`).first();
			await tabTo(page, result, { max: 80 });
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(new RegExp(`${escape(GINGA_PRINT.path)}$`));
			if (js) await expectFocusNotOnBody(page, 'opening the item');

			// Reserve: Tab enters the radio group on the patron's last choice (or the first place), the
			// next Tab reaches the button.
			const form = reserveForm(page);
			const radios = form.locator('input[name="pickup"]');
			const firstStop = (await form.locator('input[name="pickup"]:checked').count()) > 0 ? form.locator('input[name="pickup"]:checked') : radios.first();
			await tabTo(page, firstStop, { max: 80 });
			// Choose the next place with the arrow key, as a keyboard user changes a radio choice.
			await page.keyboard.press('ArrowDown');
			const chosen = form.locator('input[name="pickup"]:checked');
			await expect(chosen).toBeFocused();
			const location = (await chosen.locator('xpath=ancestor::label').innerText()).trim();
			await page.keyboard.press('Tab');
			await expect(form.locator('button[type="submit"]')).toBeFocused();
			await page.keyboard.press('Enter');

			// The confirmation, on My reservations: what was reserved, and the position or that it is coming.
			await expect(page).toHaveURL(/\/account\/reservations\?placed=\d+$/);
			await expect(bannerHeading(page)).toHaveText(placedPattern(lang, GINGA_PRINT, location));
			// On the English page the Japanese title keeps its own language inside the sentence (WCAG 3.1.2).
			if (lang === 'en') await expect(bannerHeading(page).locator('span[lang="ja"]')).toHaveText(GINGA_PRINT.title);
			// With JavaScript the banner focuses itself; without, the browser honours its autofocus.
			await expect(bannerHeading(page)).toBeFocused();
			if (js) await expectFocusNotOnBody(page, 'reserving');
			const card = holdCard(page, GINGA_PRINT);
			await expect(card).toHaveCount(1);
			await expect(card).toContainText(location);

			// Back on the item, the reservation is shown where the form was, with the way to change it.
			await tabTo(page, card.locator(`h3 a[href="${GINGA_PRINT.path}"]`), { max: 60 });
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(new RegExp(`${escape(GINGA_PRINT.path)}$`));
			const already = page.locator('#already-reserved');
			await expect(already.getByRole('heading', { level: 3 })).toHaveText(holdsPattern(lang, 'reserve.already.title'));
			await expect(already).toContainText(holdsPattern(lang, 'reserve.already.pickup', { location }));
			await expect(reserveForm(page)).toHaveCount(0);
			await tabTo(page, already.locator('a[href="/account/reservations"]'), { max: 80 });
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/account\/reservations$/);

			// Tab on to this reservation's cancel link.
			await tabTo(page, card.locator('a[href$="/cancel"]'), { max: 60 });
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/account\/reservations\/\d+\/cancel$/);
			await expect(page.locator('#main h1')).toHaveText(holdsPattern(lang, 'cancel.question', { title: GINGA_PRINT.title }));
			if (js) await expect(page.locator('#main h1')).toBeFocused();

			const confirm = page.locator('#main form button[type="submit"]');
			await expect(confirm).toHaveText(holdsPattern(lang, 'cancel.submit'));
			await tabTo(page, confirm, { backwards: false, max: 40 });
			await page.keyboard.press('Enter');

			await expect(page).toHaveURL(/\/account\/reservations\?done=cancelled&hold=\d+$/);
			await expect(bannerHeading(page)).toHaveText(holdsPattern(lang, 'done.cancelled', { title: GINGA_PRINT.title }));
			await expect(bannerHeading(page)).toBeFocused();
			if (js) await expectFocusNotOnBody(page, 'cancelling');
			await expect(holdCard(page, GINGA_PRINT)).toHaveCount(0);
			// It is listed under past reservations, as cancelled.
			const past = page.locator('#closed-holds > li', { has: page.locator(`h3 a[href="${GINGA_PRINT.path}"]`) }).first();
			await expect(past).toContainText(holdsPattern(lang, 'status.cancelled'));
		});

		test('a screen reader hears the confirmation: reserved, and the place in the queue; then cancelled', async ({ page, baseURL }) => {
			test.slow();
			const js = isJs();
			const item = WAITING_TITLE;
			await start(page, lang, baseURL!, item);
			await page.goto(item.path);

			const submit = reserveForm(page).locator('button[type="submit"]');
			await expect(submit).toHaveText(holdsPattern(lang, 'reserve.submit'));
			await submit.focus();
			let sr = await startVirtualScreenReader(page);
			await sr.clearSpokenPhraseLog();
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/account\/reservations\?placed=\d+$/);

			const placed = holdsPattern(lang, 'placed.waiting', { title: item.title });
			const spokenHeading = (pattern: RegExp) => new RegExp(`^heading, ${pattern.source}, level 2$`, 'm');
			if (js) {
				// Client-side navigation: the banner takes focus and the reader says it unprompted.
				await expect.poll(async () => (await sr.spokenPhraseLog()).join('\n'), { message: 'the reservation is confirmed aloud' }).toMatch(spokenHeading(placed));
			} else {
				// A new page: the reader starts again, as a real one does after a load, and reads on from the top.
				sr = await startVirtualScreenReader(page);
				await sr.readUntil(spokenHeading(placed), 120);
			}
			const log = (await sr.spokenPhraseLog()).join('\n');
			if (lang === 'ja') expect(log).toMatch(/予約しました。順番は\d+番目です。受け取り場所：/);
			if (lang === 'en') expect(log).toMatch(/You have reserved .+\. You are number \d+ in the queue\./);
			if (lang === 'easy') expect(log).toMatch(/よやく しました。あなたの 順番は \d+ばんめ です。/);

			// Cancelling is confirmed aloud too.
			await holdCard(page, item).locator('a[href$="/cancel"]').click();
			await expect(page).toHaveURL(/\/cancel$/);
			const confirm = page.locator('#main form button[type="submit"]');
			await confirm.focus();
			if (!js) sr = await startVirtualScreenReader(page);
			await sr.clearSpokenPhraseLog();
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\?done=cancelled&hold=\d+$/);
			const cancelled = holdsPattern(lang, 'done.cancelled', { title: item.title });
			if (js) {
				await expect.poll(async () => (await sr.spokenPhraseLog()).join('\n')).toMatch(spokenHeading(cancelled));
			} else {
				sr = await startVirtualScreenReader(page);
				await sr.readUntil(spokenHeading(cancelled), 120);
			}
		});

		test('change where to collect, pause and resume: each confirmation names the reservation and takes focus', async ({ page, baseURL }) => {
			test.slow();
			const item = WAITING_TITLE;
			await start(page, lang, baseURL!, item);
			await ensureReserved(page, item);
			await page.goto('/account/reservations');
			const named = (key: string, values: Record<string, string> = {}) => holdsPattern(lang, key, { title: item.title, ...values });

			// Change where to collect it: another place, confirmed with the title and the new place.
			await holdCard(page, item).locator('a[href$="/pickup"]').click();
			const other = page.locator('#main input[name="pickup"]:not(:checked)').first();
			const location = (await other.locator('xpath=ancestor::label').innerText()).trim();
			await other.check();
			await page.locator('#main form button[type="submit"]').click();
			await expect(page).toHaveURL(/\/account\/reservations\?done=pickup&hold=\d+$/);
			await expect(bannerHeading(page)).toHaveText(named('done.pickup', { location }));
			await expect(bannerHeading(page)).toBeFocused();
			await expect(holdCard(page, item)).toContainText(location);

			// A day that does not exist is refused as such, and kept as typed.
			await holdCard(page, item).locator('a[href$="/suspend"]').click();
			await page.locator('#until').fill('2027/2/30');
			await page.locator('form[action="?/suspend"] button[type="submit"]').click();
			await expect(page.locator('#error-summary')).toBeFocused();
			await expect(page.locator('#until-error')).toContainText(holdsPattern(lang, 'suspend.errors.notReal'));
			await expect(page.locator('#until')).toHaveValue('2027/2/30');

			// Pause it until the example date the page gives, then resume it. The hint ends with the
			// example, written as the box expects it.
			const example = (await page.locator('#until-hint').innerText()).match(/\d{4}\/\d{2}\/\d{2}/g)!.at(-1)!;
			await page.locator('#until').fill(example);
			await page.locator('form[action="?/suspend"] button[type="submit"]').click();
			await expect(page).toHaveURL(/\?done=suspended&hold=\d+$/);
			await expect(bannerHeading(page)).toHaveText(named('done.suspended'));
			await expect(bannerHeading(page)).toBeFocused();

			await holdCard(page, item).locator('a[href$="/suspend"]').click();
			await page.locator('form[action="?/resume"] button[type="submit"]').click();
			await expect(page).toHaveURL(/\?done=resumed&hold=\d+$/);
			await expect(bannerHeading(page)).toHaveText(named('done.resumed'));
			await expect(bannerHeading(page)).toBeFocused();

			await cancelIfReserved(page, item);
		});

		test('a refused reservation is explained, and the choice is kept', async ({ page, baseURL }) => {
			await start(page, lang, baseURL!, WAITING_TITLE);
			await page.goto(WAITING_TITLE.path);
			const form = reserveForm(page);
			// The item open in two tabs: reserve in the other, then here: "already reserved", 409, with a way
			// to My reservations.
			const other = await page.context().newPage();
			await ensureReserved(other, WAITING_TITLE);
			await expect(other).toHaveURL(/placed=\d+$/);
			await other.close();

			await form.locator('input[name="pickup"]').nth(3).check();
			const [response] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/reserve')),
				form.locator('button[type="submit"]').click()
			]);
			// Without JavaScript the page itself comes back as 409 Conflict (an enhanced post gets JSON).
			if (!isJs()) expect(response.status()).toBe(409);
			const summary = page.locator('#error-summary');
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(holdsPattern(lang, 'reserve.errors.duplicate'));
			await expect(page.locator('#pickup-error')).toContainText(holdsPattern(lang, 'reserve.errors.duplicate'));
			await expect(form.locator('input[name="pickup"]').nth(3)).toBeChecked();
			await expect(page.locator('#main a[href="/account/reservations"]').first()).toBeVisible();

			await cancelIfReserved(page, WAITING_TITLE);
		});
	});
}

test('another patron\'s reservation, and a malformed id, are simply not found', { tag: '@js-only' }, async ({ page, browser, baseURL }) => {
	// Server behaviour, the same with or without JavaScript: run once. The demo patron reserves; another
	// patron, in a browser of their own, tries to open and to cancel it.
	await start(page, 'en', baseURL!, WAITING_TITLE);
	await page.goto(WAITING_TITLE.path);
	await reserveForm(page).locator('button[type="submit"]').click();
	await expect(page).toHaveURL(/placed=\d+$/);
	const holdId = /placed=(\d+)/.exec(page.url())![1];

	const other = await browser.newContext({ baseURL: baseURL!, serviceWorkers: 'block' });
	try {
		const otherPage = await other.newPage();
		await useLanguage(other, 'en', baseURL!);
		await signIn(otherPage, 'proxy', { fresh: true });
		for (const path of [`/account/reservations/${holdId}/cancel`, `/account/reservations/${holdId}/pickup`, `/account/reservations/${holdId}/suspend`]) {
			expect((await otherPage.goto(path))?.status(), path).toBe(404);
		}
		const post = await otherPage.request.post(`/account/reservations/${holdId}/cancel`, { form: { __submission: '' }, headers: { origin: baseURL! } });
		expect(post.status(), 'cancelling another patron\'s reservation').toBe(404);
		// A confirmation naming someone else's hold confirms nothing (and shows no title).
		await otherPage.goto(`/account/reservations?done=cancelled&hold=${holdId}`);
		await expect(otherPage.locator('#notification-banner')).toHaveCount(0);
		for (const path of ['/account/reservations/abc/cancel', '/account/reservations/0/pickup', '/account/reservations/99999999999/suspend', '/account/reservations/999999/cancel']) {
			expect((await otherPage.goto(path))?.status(), path).toBe(404);
		}
	} finally {
		await other.close();
	}
	// Still there, and still the demo patron's to cancel.
	await cancelIfReserved(page, WAITING_TITLE);
	await expect(bannerHeading(page)).toHaveText(holdsPattern('en', 'done.cancelled', { title: WAITING_TITLE.title }));
});

test('signed out, the item page offers sign-in that comes back to the item', async ({ page, baseURL }) => {
	await useLanguage(page.context(), 'ja', baseURL!);
	await page.goto(GINGA_PRINT.path);
	const section = page.locator('section[aria-labelledby="reserve-heading"]');
	await expect(section.locator('a[href^="/sign-in?return="]')).toHaveAttribute('href', `/sign-in?return=${encodeURIComponent(GINGA_PRINT.path)}`);
	await expect(reserveForm(page)).toHaveCount(0);

	// Signing in there comes back to the item, now with the form.
	await section.locator('a[href^="/sign-in?return="]').click();
	await page.locator('#cardNumber').fill(ACCOUNTS[patron()].cardNumber);
	await page.locator('#password').fill(ACCOUNTS[patron()].password);
	await page.locator('#main form button[type="submit"]').click();
	await expect(page).toHaveURL(new RegExp(`${escape(GINGA_PRINT.path)}$`));
	await expect(reserveForm(page)).toBeVisible();
});

test('on the English pages a Japanese title keeps its own language, in the list and on the cancel page (WCAG 3.1.2)', { tag: '@js-only' }, async ({ page, baseURL }) => {
	await useLanguage(page.context(), 'en', baseURL!);
	await signIn(page, 'patron');
	await ensureReserved(page, COFFEE_AND_LIBRARY);
	await page.goto('/account/reservations');
	const card = holdCard(page, COFFEE_AND_LIBRARY);
	await expect(card.locator('h3 a')).toHaveAttribute('lang', 'ja');
	await card.locator('a[href$="/cancel"]').click();
	await expect(page.locator('#main h1 span[lang="ja"]')).toHaveText(COFFEE_AND_LIBRARY.title);
});
