import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe';
import { waitForHydration } from '../support/hydration';
import { expectFocusNotOnBody, tabTo } from '../support/keyboard';
import { LANGUAGES, useLanguage, type LanguageCode } from '../support/languages';
import { actFor, message, PEOPLE, signedInPage } from '../support/proxies';
import { signIn } from '../support/session';
import { startVirtualScreenReader } from '../support/virtual-screen-reader';
import { HARU_LIBRARY, NOBORU, REFERENCE, post, sendRequest, spotlightId, typedDay } from '../support/home-delivery';

/**
 * Home delivery (DOMAIN §5; issue 5, second half): the patron's request with the keyboard alone and what
 * a screen reader hears at the confirmation (every language with JavaScript, Japanese without), the
 * staff worklist's steps (English), and bad input (Easy Japanese). The
 * accessibility crawl checks every page state in every language (tests/support/routes.ts); axe runs here
 * on the states only these tests reach.
 *
 * With JavaScript 中村 登 asks for himself; without it 佐藤 美咲 asks for 佐藤 ハル as her proxy. The two
 * projects run side by side and never meet; the tests of one project run one after another.
 */
test.describe.configure({ mode: 'default', timeout: 240_000 });

const isJs = () => test.info().project.use.javaScriptEnabled !== false;
const h1 = (page: Page) => page.locator('#main h1');
const m = (lang: LanguageCode, key: string, values: Record<string, string | number> = {}) => message(lang, `delivery:${key}`, values);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function axe(page: Page, label: string) {
	await page.waitForLoadState('load');
	await expectNoAxeViolations(page, { label });
}

/** Tab to a control and press a key on it. */
async function press(page: Page, selector: string, key: 'Enter' | ' ', max = 80) {
	await tabTo(page, page.locator(selector).first(), { max });
	await page.keyboard.press(key);
}

/** The person who asks, signed in afresh in `lang` (a proxy's session changes whom it acts for). */
async function asker(browser: Browser, baseURL: string, lang: LanguageCode): Promise<{ page: Page; name: string; library: string }> {
	if (!isJs()) {
		const page = await signedInPage(browser, baseURL, 'misaki', lang, false);
		await actFor(page, PEOPLE.haru.name);
		return { page, name: PEOPLE.misaki.name, library: HARU_LIBRARY };
	}
	const context = await browser.newContext({ baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'block' });
	await useLanguage(context, lang, baseURL);
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.locator('#cardNumber').fill(NOBORU.cardNumber);
	await page.locator('#password').fill(NOBORU.password);
	await Promise.all([page.waitForURL((url) => url.pathname !== '/sign-in'), page.locator('#main form button[type="submit"]').click()]);
	return { page, name: NOBORU.name, library: NOBORU.library };
}

for (const { code: lang } of LANGUAGES) {
	test(`[${lang}] ask for delivery with the keyboard alone: titles found in the form, how and when, check, send; a screen reader hears the reference number; cancel before dispatch`, async ({ browser, baseURL }) => {
		const js = isJs();
		const { page } = await asker(browser, baseURL!, lang);
		try {
			// From the list to the first page.
			await page.goto('/home-delivery');
			await waitForHydration(page);
			await press(page, '#main a[href="/home-delivery/new"]', 'Enter');
			await expect(page).toHaveURL(/\/home-delivery\/new$/);
			if (js) await expectFocusNotOnBody(page, 'opening the first page');

			// Search the catalogue inside the form: Enter in the search box searches, and the results take focus.
			await tabTo(page, page.locator('#q'), { max: 60 });
			await page.keyboard.type('銀河鉄道');
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/home-delivery\/new\?q=/);
			await expect(page.locator('#results')).toBeFocused();
			await expect(page.locator('#results')).toHaveText(new RegExp(escape(m(lang, 'new.items.search.results_other', { count: 'X' })).replace('X', '\\d+')));
			await axe(page, 'items, search results');

			// 中村 登 (type (1) too) chooses the DAISY and braille editions; ハル (type (2) only) is offered print only.
			const wanted = js ? [spotlightId('銀河鉄道の夜', 'audio_daisy'), spotlightId('銀河鉄道の夜', 'braille')] : [spotlightId('銀河鉄道の夜', 'print')];
			for (const id of wanted) {
				await tabTo(page, page.locator(`input[name="items"][value="${id}"]`), { max: 20 });
				await page.keyboard.press(' ');
			}
			await press(page, '#main form button[value="continue"]', 'Enter', 20);

			// How and when: only the methods that can carry these titles; the address comes from the account.
			await expect(page).toHaveURL(/\/new\/details$/);
			await expect(h1(page)).toHaveText(m(lang, 'new.details.title'));
			if (js) await expectFocusNotOnBody(page, 'opening the details page');
			await expect(page.locator('input[name="method"][value="post_braille"]')).toHaveCount(0);
			await expect(page.locator('input[name="method"][value="post_recorded"]')).toHaveCount(js ? 1 : 0);
			await expect(page.locator('#deliveryAddress')).toHaveValue(/練馬区/);
			await press(page, '#method', ' ');
			await tabTo(page, page.locator('#preferredOn'), { max: 20 });
			await page.keyboard.type(typedDay(7));
			await press(page, '#timeOfDay', ' ', 20);
			await press(page, '#returnMethod', ' ', 20);
			await press(page, '#main form button[type="submit"]', 'Enter', 20);

			// Check your answers.
			await expect(page).toHaveURL(/\/new\/check$/);
			await expect(h1(page)).toHaveText(m(lang, 'new.check.title'));
			await expect(page.locator('#answers [data-answer="items"] li')).toHaveCount(wanted.length);
			await expect(page.locator('#answers [data-answer="returnMethod"]')).toHaveText(m(lang, 'returnMethods.post.label'));
			await axe(page, 'check your answers');

			// Send, with a virtual screen reader listening.
			const send = page.locator('#main form[action="?/send"] button');
			await tabTo(page, send, { max: 80 });
			let sr = await startVirtualScreenReader(page);
			await sr.clearSpokenPhraseLog();
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/new\/sent$/);
			await expect(h1(page)).toBeFocused();
			const heading = new RegExp(`^heading, ${escape(m(lang, 'new.sent.title'))}, level 1$`, 'm');
			if (js) {
				// Client-side navigation: the heading takes focus and the reader says it unprompted.
				await expect.poll(async () => (await sr.spokenPhraseLog()).join('\n'), { message: 'the confirmation is spoken' }).toMatch(heading);
			} else {
				// A new page: the reader starts again and reads from the top, as a real one does after a load.
				sr = await startVirtualScreenReader(page);
				await sr.readUntil(heading, 150);
			}
			await sr.readUntil(REFERENCE, 10);
			expect((await sr.spokenPhraseLog()).join('\n')).toMatch(new RegExp(`${escape(m(lang, 'new.sent.referenceLabel'))}[\\s\\S]*HD-\\d{4}-\\d{6}`));
			await sr.stop();
			const reference = REFERENCE.exec(await page.locator('#reference').innerText())![0];

			// The request: its status in words, where it is now, who asked.
			await press(page, `#main a[href^="/home-delivery/"]:not([href="/home-delivery"])`, 'Enter', 20);
			await expect(page).toHaveURL(/\/home-delivery\/\d+$/);
			await expect(h1(page)).toHaveText(m(lang, 'request.title', { reference }));
			await expect(page.locator('#request-status')).toHaveText(m(lang, 'statuses.requested'));
			await expect(page.locator('#timeline [aria-current="step"]')).toContainText(m(lang, 'statuses.requested'));
			await axe(page, 'request, requested');

			// Cancel before dispatch: a page that asks first, then the list says it is done.
			await press(page, '#main a[href$="/cancel"]', 'Enter', 40);
			await expect(page).toHaveURL(/\/cancel$/);
			await expect(h1(page)).toHaveText(m(lang, 'cancel.question', { reference }));
			await press(page, '#main form button[type="submit"]', 'Enter', 40);
			await expect(page).toHaveURL(/\/home-delivery\?done=cancelled$/);
			await expect(page.locator('#notification-banner-title')).toBeFocused();
			await expect(page.locator('#past-requests li', { hasText: reference })).toContainText(m(lang, 'statuses.cancelled'));
		} finally {
			await page.context().close();
		}
	});
}

test('[en] staff worklist: accept, pack, dispatch (a posted parcel needs its tracking number), delivered, returned; each step recorded', async ({ browser, baseURL }) => {
	const lang = 'en';
	const { page, name, library } = await asker(browser, baseURL!, lang);
	const staff = await browser.newPage({ baseURL, javaScriptEnabled: isJs() });
	try {
		const details: [string, string][] = [
			['method', 'post'], ['deliveryPostalCode', '179-0072'], ['deliveryAddress', '東京都練馬区光が丘四丁目1番5号'],
			['preferredOn', typedDay(5)], ['alternativeOn', typedDay(6)], ['timeOfDay', 'afternoon'], ['returnMethod', 'counter']
		];
		const { id, reference } = await sendRequest(page, [spotlightId('Pride and Prejudice', 'print')], details);

		await useLanguage(staff.context(), lang, baseURL!);
		await signIn(staff, 'librarian');
		await staff.goto(`/staff/home-delivery?library=${library}`);
		const card = staff.locator('#toAccept-list li', { hasText: reference });
		await expect(card).toBeVisible();
		await axe(staff, 'staff worklist');
		await card.locator('a').click();
		await expect(staff).toHaveURL(new RegExp(`/staff/home-delivery/${id}$`));

		const step = async (action: string, done: string) => {
			await staff.locator(`#main form[action="?/${action}"] button`).click();
			await expect(staff).toHaveURL(new RegExp(`/staff/home-delivery/${id}\\?done=${action}$`));
			await expect(staff.locator('#notification-banner-title')).toHaveText(m(lang, `staff.steps.${action}.done`, { reference }));
			await expect(staff.locator('#notification-banner-title')).toBeFocused();
			await expect(staff.locator('#request-status')).toHaveText(m(lang, `statuses.${done}`));
		};
		await step('accept', 'accepted');
		await step('pack', 'accepted');

		// Posted without a tracking number: refused, the summary takes focus and links to the field.
		await staff.locator('#main form[action="?/dispatch"] button').click();
		const summary = staff.locator('#error-summary');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveText(m(lang, 'staff.errors.trackingNumber.empty'));
		await axe(staff, 'staff request, tracking number missing');
		await staff.locator('#trackingNumber').fill('1234-5678-9012');
		await step('dispatch', 'dispatched');
		await step('deliver', 'delivered');
		await step('return', 'returned');
		await expect(staff.locator('#main .next-step')).toContainText(m(lang, 'staff.detail.noStep'));

		// The patron sees every step, with who took it.
		await page.goto(`/home-delivery/${id}`);
		await expect(page.locator('#request-status')).toHaveText(m(lang, 'statuses.returned'));
		const history = page.locator('#history li');
		await expect(history).toHaveCount(6);
		await expect(history.nth(0)).toContainText(m(lang, 'request.history.requested', { who: isJs() ? m(lang, 'request.history.you') : name }));
		await expect(history.nth(3)).toContainText(m(lang, 'request.history.dispatchedTracking', { tracking: '1234-5678-9012', who: PEOPLE.librarian.name }));
		await expect(history.nth(5)).toContainText(m(lang, 'request.history.returned', { who: PEOPLE.librarian.name }));
	} finally {
		await staff.context().close();
		await page.context().close();
	}
});

test('[easy] bad input: nothing chosen, a forged title, a day that has passed, an address that is not one, a method not offered; nothing typed is lost; no type (2), no request', async ({ browser, baseURL }) => {
	const lang = 'easy';
	const { page } = await asker(browser, baseURL!, lang);
	const summary = page.locator('#error-summary');
	const errorTitle = new RegExp(`^${escape(LANGUAGES.find((l) => l.code === lang)!.errorTitlePrefix)}`);
	try {
		// Nothing chosen.
		await page.goto('/home-delivery/new');
		await waitForHydration(page);
		for (const box of await page.locator('input[name="items"]:checked').all()) await box.uncheck();
		await page.locator('#main form button[value="continue"]').click();
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveText(m(lang, 'new.items.errors.empty'));
		expect(await page.title()).toMatch(errorTitle);

		// A title id that no page offered (a tampered form).
		await page.evaluate(() => {
			document.querySelector('#main form')!.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'items', value: '999999999' }));
		});
		await page.locator('#main form button[value="continue"]').click();
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveText(m(lang, 'new.items.errors.unknown'));

		// A real title, then the details: a day that has passed, an address that is not one, a method not offered.
		await post(page, '/home-delivery/new', [['items', String(spotlightId('武蔵野の雑木林', 'print'))], ['intent', 'continue']]);
		await page.goto('/home-delivery/new/details');
		await waitForHydration(page);
		await page.locator('#preferredOn').fill('2020/01/01');
		await page.locator('#deliveryAddress').fill('練馬区のどこか');
		await page.locator('#timeOfDay').check();
		await page.evaluate(() => {
			document.querySelector('#main form')!.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'method', value: 'drone' }));
		});
		await page.locator('#main form button[type="submit"]').last().click();
		await expect(summary).toBeFocused();
		const links = summary.getByRole('link');
		await expect(links.nth(0)).toHaveText(message(lang, 'reading:errors.forged'));
		await expect(links.nth(1)).toHaveText(message(lang, 'reading:apply.address.errors.address.notAnAddress'));
		await expect(links.nth(2)).toHaveText(new RegExp(`^${escape(m(lang, 'new.details.errors.preferredOn.past', { earliest: 'X' })).replace('X', '.+')}$`));
		await expect(page.locator('#preferredOn')).toHaveValue('2020/01/01');
		await expect(page.locator('#deliveryAddress')).toHaveValue('練馬区のどこか');
		await expect(page.locator('#timeOfDay')).toBeChecked();
		await axe(page, 'details, bad input');

		// Collection at the door with delivery by post contradicts itself: asked about, both answers kept.
		await page.locator('input[name="method"][value="post"]').check();
		await page.locator('#preferredOn').fill(typedDay(7));
		await page.locator('#deliveryAddress').fill('東京都練馬区光が丘四丁目1番5号');
		await page.locator('input[name="returnMethod"][value="collection"]').check();
		await page.locator('#main form button[type="submit"]').last().click();
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveText(m(lang, 'new.details.errors.returnMethod.collectionNeedsVisit'));
		await expect(page.locator('input[name="method"][value="post"]')).toBeChecked();
		await expect(page.locator('input[name="returnMethod"][value="collection"]')).toBeChecked();
	} finally {
		await page.context().close();
	}

	// Someone without a type (2) registration cannot ask: the list explains why and links to it.
	const other = await signedInPage(browser, baseURL!, 'ken', lang, isJs());
	try {
		await other.goto('/home-delivery/new');
		await expect(other).toHaveURL(/\/home-delivery$/);
		await expect(other.locator('#not-eligible')).toHaveText(m(lang, 'list.notEligible'));
		await expect(other.locator('#main a[href="/home-delivery/new"]')).toHaveCount(0);
	} finally {
		await other.context().close();
	}
});
