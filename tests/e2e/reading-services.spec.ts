import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectJourneyStateAccessible } from '../support/axe';
import { expectFocusNotOnBody, tabTo } from '../support/keyboard';
import { LANGUAGES, useLanguage, type LanguageCode } from '../support/languages';
import { signIn, type Role } from '../support/session';
import { startVirtualScreenReader } from '../support/virtual-screen-reader';
import {
	escape,
	fillInApplication,
	openApplicationAsStaff,
	readingMessage,
	readingPattern,
	REFERENCE,
	resetReadingServices
} from '../support/reading-services';

/**
 * Applying for disability reading services (DOMAIN §4; issue 5), as a keyboard user and as a
 * screen-reader user, in every language, with JavaScript on and off; the librarian's review and what the
 * patron sees of it; who may open what. axe runs on every state met on the way: each question, the check
 * page, a contradiction, errors, the confirmation, the "already sent" message, the staff pages.
 *
 * A patron has at most one application being decided, so the tests of one project run one after another
 * for one patron and withdraw what they sent. The two projects use different patrons (練馬 花子 with
 * JavaScript, 佐藤 美咲 without) and never meet. Neither is registered at the end of a test: approving
 * is tested with service (2) only, then withdrawn, so reservation tests never see an unexpected grant.
 */
// Long journeys of many page loads, each state checked with axe: generous limits for a busy two-core machine.
test.describe.configure({ mode: 'default', timeout: 180_000 });

const isJs = () => test.info().project.use.javaScriptEnabled !== false;
const patron = (): Role => (isJs() ? 'patron' : 'proxy');
const patronName = () => (isJs() ? '練馬 花子' : '佐藤 美咲');
/**
 * Tests beyond the main journey run in every language with JavaScript, and in Japanese without it (the
 * server renders the same markup in each language; what differs without scripts differs the same way),
 * as the accessibility crawl does. The journey and the screen-reader test run everywhere.
 */
const secondary = (lang: LanguageCode) => (lang === 'ja' ? [] : ['@js-only']);

async function start(page: Page, lang: LanguageCode, baseURL: string) {
	await useLanguage(page.context(), lang, baseURL);
	await signIn(page, patron());
	await resetReadingServices(page);
}

const h1 = (page: Page) => page.locator('#main h1');
const axe = expectJourneyStateAccessible;

/** Tab to a control and press a key on it. */
async function press(page: Page, selector: string, key: 'Enter' | ' ', max = 80) {
	await tabTo(page, page.locator(selector), { max });
	await page.keyboard.press(key);
}

for (const { code: lang } of LANGUAGES) {
	test.describe(`[${lang}]`, () => {
		test('apply with the keyboard alone: each question, check the answers, send; the confirmation takes focus', async ({ page, baseURL }) => {
			test.setTimeout(360_000);
			const js = isJs();
			await start(page, lang, baseURL!);

			// From the status page to the start page, and in.
			await page.goto('/reading-services');
			await press(page, '#main a[href="/reading-services/apply"]', 'Enter');
			await expect(page).toHaveURL(/\/reading-services\/apply$/);
			if (js) await expectFocusNotOnBody(page, 'opening the start page');
			await axe(page, `start`, lang);
			await press(page, '#main a[href="/reading-services/apply/types"]', 'Enter');

			// (1) Services: tick (1) and (2) with Space; the question is the page's h1.
			await expect(page).toHaveURL(/\/apply\/types$/);
			await expect(h1(page)).toHaveText(readingPattern(lang, 'apply.types.title'));
			if (js) await expectFocusNotOnBody(page, 'opening the first question');
			await axe(page, `types`, lang);
			await press(page, '#serviceTypes', ' ');
			await page.keyboard.press('Tab');
			await expect(page.locator('#serviceTypes-2')).toBeFocused();
			await page.keyboard.press(' ');
			await press(page, '#main form button[type="submit"]', 'Enter');

			// (2) Formats: only those the city lends are offered (Nerima lends no tactile picture books).
			await expect(page).toHaveURL(/\/apply\/formats$/);
			await expect(page.locator('input[name="formats"][value="tactile_picture_book"]')).toHaveCount(0);
			await press(page, '#formats', ' ');
			await press(page, '#main form button[type="submit"]', 'Enter');

			// (3) Basis, (4) the certificate, (5) how it is shown: radios, chosen with Space.
			for (const [path, id] of [['basis', '#basis'], ['certificate', '#certificateKind'], ['shown-by', '#shownBy']]) {
				await expect(page).toHaveURL(new RegExp(`/apply/${path}$`));
				await press(page, id, ' ');
				await expect(page.locator(id)).toBeChecked();
				await press(page, '#main form button[type="submit"]', 'Enter');
			}

			// (6) Contact: by phone (the account's number is shown), and a note.
			await expect(page).toHaveURL(/\/apply\/contact$/);
			await axe(page, `contact`, lang);
			await press(page, '#contactMethod', ' ');
			await page.keyboard.press('Tab');
			await expect(page.locator('#notes')).toBeFocused();
			await page.keyboard.type('午前中に電話してください。');
			await press(page, '#main form button[type="submit"]', 'Enter');

			// (7) Delivery address for service (2): prefilled from the account (WCAG 3.3.7).
			await expect(page).toHaveURL(/\/apply\/address$/);
			await expect(page.locator('#deliveryPostalCode')).toHaveValue(/^\d{3}-\d{4}$/);
			await expect(page.locator('#deliveryAddress')).toHaveValue(/練馬区/);
			await axe(page, `address`, lang);
			await press(page, '#main form button[type="submit"]', 'Enter');

			// Check your answers.
			await expect(page).toHaveURL(/\/apply\/check$/);
			await expect(h1(page)).toHaveText(readingPattern(lang, 'check.title'));
			const answers = page.locator('#answers');
			await expect(answers.locator('[data-answer="serviceTypes"] li')).toHaveCount(2);
			await expect(answers.locator('[data-answer="notes"]')).toHaveText('午前中に電話してください。');
			await axe(page, `check`, lang);

			// Send: the button is the last control of the page.
			await press(page, '#main form[action="?/send"] button', 'Enter');

			// The confirmation: its heading has focus, and the reference number follows it.
			await expect(page).toHaveURL(/\/apply\/sent$/);
			await expect(h1(page)).toHaveText(readingPattern(lang, 'sent.title'));
			await expect(h1(page)).toBeFocused();
			await expect(page.locator('#reference')).toContainText(REFERENCE);
			const reference = REFERENCE.exec((await page.locator('#reference').innerText()))![0];
			await axe(page, `sent`, lang);

			// A second application while this one is decided: a clear message naming the first.
			await page.goto('/reading-services/apply/types');
			await expect(page).toHaveURL(/\/reading-services\?pending=1$/);
			const banner = page.locator('#notification-banner-title');
			await expect(banner).toHaveText(readingPattern(lang, 'status.pendingTitle', { reference }));
			await expect(banner).toBeFocused();
			await axe(page, `status, already sent`, lang);

			await resetReadingServices(page);
		});

		test('change an answer from the check page; a contradiction is asked about, and sending waits for it', { tag: secondary(lang) }, async ({ page, baseURL }) => {
			await start(page, lang, baseURL!);
			await fillInApplication(page);
			await page.goto('/reading-services/apply/check');

			// Change the services from the check page: untick (2), save, and come straight back.
			const changeTypes = page.locator('#answers a[href="/reading-services/apply/types?change=1"]').first();
			await expect(changeTypes).toHaveAccessibleName(new RegExp(escape(readingMessage(lang, 'answers.serviceTypes'))));
			await tabTo(page, changeTypes, { max: 80 });
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/apply\/types\?change=1$/);
			await expect(page.locator('#serviceTypes')).toBeChecked();
			await expect(page.locator('#serviceTypes-2')).toBeChecked();
			await press(page, '#serviceTypes-2', ' ');
			await expect(page.locator('#main form button[type="submit"]')).toHaveText(readingPattern(lang, 'apply.saveAndReturn'));
			await press(page, '#main form button[type="submit"]', 'Enter');

			// The delivery address no longer applies: the page asks which was meant.
			await expect(page).toHaveURL(/\/apply\/check$/);
			const contradiction = page.locator('#contradiction-address');
			await expect(contradiction).toBeVisible();
			await expect(page.locator('#contradictions-title')).toHaveText(readingPattern(lang, 'check.contradictions.title'));
			await axe(page, `check with a contradiction`, lang);

			// Sending now is refused: the error summary takes focus and links to the question.
			await press(page, '#main form[action="?/send"] button', 'Enter');
			const summary = page.locator('#error-summary');
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(readingPattern(lang, 'check.contradictions.addressWithoutType2'));
			expect(await page.title()).toMatch(new RegExp(`^${escape(LANGUAGES.find((l) => l.code === lang)!.errorTitlePrefix)}`));
			await axe(page, `check, sending refused`, lang);

			// Remove the address (the other way out), then send.
			await press(page, '#main form[action="?/remove"] button', 'Enter');
			await expect(page.locator('#contradiction-address')).toHaveCount(0);
			await expect(page.locator('#answers [data-answer="deliveryAddress"]')).toHaveCount(0);
			await press(page, '#main form[action="?/send"] button', 'Enter');
			await expect(page).toHaveURL(/\/apply\/sent$/);
			await expect(h1(page)).toBeFocused();

			await resetReadingServices(page);
		});

		test('errors: the summary takes focus, links to the question, and nothing typed is lost; forged choices are refused', { tag: secondary(lang) }, async ({ page, baseURL }) => {
			await start(page, lang, baseURL!);
			await page.goto('/reading-services/apply/types');

			// Nothing chosen.
			await page.locator('#main form button[type="submit"]').click();
			const summary = page.locator('#error-summary');
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(readingPattern(lang, 'apply.types.errors.empty'));
			await expect(page.locator('#serviceTypes-error')).toContainText(readingPattern(lang, 'apply.types.errors.empty'));
			await axe(page, `types, nothing chosen`, lang);

			// A description of another need without choosing (3): asked about, and both answers kept.
			await page.locator('#serviceTypes').check();
			await page.locator('#otherNeed').fill('対面朗読を月に2回');
			await page.locator('#main form button[type="submit"]').click();
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(readingPattern(lang, 'apply.types.errors.otherNeed.withoutType3'));
			await expect(page.locator('#serviceTypes')).toBeChecked();
			await expect(page.locator('#otherNeed')).toHaveValue('対面朗読を月に2回');
			await axe(page, `types, contradiction`, lang);

			// A tampered form: a service type no page offers.
			await page.locator('#otherNeed').fill('');
			await page.evaluate(() => {
				const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'serviceTypes', value: '4' });
				document.querySelector('#main form')!.append(input);
			});
			await page.locator('#main form button[type="submit"]').click();
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(readingPattern(lang, 'errors.forged'));

			// A format the city does not lend, slipped into the formats page.
			await page.goto('/reading-services/apply/types');
			await page.locator('#serviceTypes').check();
			await page.locator('#main form button[type="submit"]').click();
			await expect(page).toHaveURL(/\/apply\/formats$/);
			await page.locator('#formats').check();
			await page.evaluate(() => {
				const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'formats', value: 'tactile_picture_book' });
				document.querySelector('#main form')!.append(input);
			});
			await page.locator('#main form button[type="submit"]').click();
			await expect(summary).toBeFocused();
			await expect(page.locator('#formats-error')).toContainText(readingPattern(lang, 'errors.forged'));
			await expect(page.locator('#formats')).toBeChecked();
			await axe(page, `formats, forged`, lang);

			// An address that is not one: the error says so, and the text stays as typed.
			await resetReadingServices(page);
			await fillInApplication(page);
			await page.goto('/reading-services/apply/address');
			await page.locator('#deliveryAddress').fill('練馬区のどこか');
			await page.locator('#main form button[type="submit"]').click();
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(readingPattern(lang, 'apply.address.errors.address.notAnAddress'));
			await expect(page.locator('#deliveryAddress')).toHaveValue('練馬区のどこか');
			await axe(page, `address, not an address`, lang);

			await resetReadingServices(page);
		});

		test('a screen reader hears the confirmation and the reference number', async ({ page, baseURL }) => {
			const js = isJs();
			await start(page, lang, baseURL!);
			await fillInApplication(page);
			await page.goto('/reading-services/apply/check');
			const send = page.locator('#main form[action="?/send"] button');
			await expect(send).toHaveText(readingPattern(lang, 'check.send'));
			await send.focus();
			let sr = await startVirtualScreenReader(page);
			await sr.clearSpokenPhraseLog();
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/apply\/sent$/);

			const heading = new RegExp(`^heading, ${escape(readingMessage(lang, 'sent.title'))}, level 1$`, 'm');
			if (js) {
				// Client-side navigation: the heading takes focus and the reader says it unprompted.
				await expect.poll(async () => (await sr.spokenPhraseLog()).join('\n'), { message: 'the confirmation is spoken' }).toMatch(heading);
			} else {
				// A new page: the reader starts again and reads from the top, as a real one does after a load.
				sr = await startVirtualScreenReader(page);
				await sr.readUntil(heading, 120);
			}
			// Reading on: the label, then the number itself.
			await sr.readUntil(REFERENCE, 10);
			const log = (await sr.spokenPhraseLog()).join('\n');
			expect(log).toMatch(new RegExp(`${escape(readingMessage(lang, 'sent.referenceLabel'))}[\\s\\S]*RS-\\d{4}-\\d{6}`));

			await resetReadingServices(page);
		});
	});
}

/** A librarian in a browser context of their own, in Japanese, with the project's JavaScript setting. */
async function librarianPage(browser: Browser, baseURL: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: isJs(), serviceWorkers: 'block', locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
	await useLanguage(context, 'ja', baseURL);
	const page = await context.newPage();
	await signIn(page, 'librarian');
	return page;
}

test('staff review: the view is logged and shown to the patron; a question is answered; approval grants, withdrawal takes it away', async ({ page, browser, baseURL }) => {
	test.setTimeout(360_000);
	await start(page, 'ja', baseURL!);
	await fillInApplication(page);
	await page.goto('/reading-services/apply/check');
	await page.locator('#main form[action="?/send"] button').click();
	await expect(page).toHaveURL(/\/apply\/sent$/);

	const staff = await librarianPage(browser, baseURL!);
	try {
		// The queue shows names and dates only; the application's page shows the answers and says it was logged.
		await staff.goto('/staff/reading-services');
		await axe(staff, 'staff queue');
		await openApplicationAsStaff(staff, patronName());
		await expect(staff.locator('#answers [data-answer="certificateKind"]')).toHaveText(readingPattern('ja', 'certificateKinds.physical'));
		await expect(staff.locator('.logged-notice')).toHaveText(readingPattern('ja', 'staff.detail.logged'));
		await axe(staff, 'staff application');

		// Ask for more information.
		await staff.locator('#main form[action="?/ask"] button').click();
		await expect(staff.locator('#error-summary')).toBeFocused();
		await axe(staff, 'staff application, question empty');
		await staff.locator('#question').fill('手帳の等級を教えてください。');
		await staff.locator('#main form[action="?/ask"] button').click();
		await expect(staff).toHaveURL(/\/staff\/reading-services\?done=asked$/);
		await expect(staff.locator('#notification-banner-title')).toBeFocused();

		// The patron sees the question, and who looked at the record, and answers.
		await page.goto('/reading-services');
		await expect(page.locator('#open .tag')).toHaveText(readingPattern('ja', 'statuses.info_requested'));
		await expect(page.locator('#open-history blockquote')).toHaveText('手帳の等級を教えてください。');
		await expect(page.locator('#access li').first()).toContainText(readingPattern('ja', 'access.purposes.review'));
		await expect(page.locator('#access li').first()).toContainText('図書館 司書');
		await page.locator('#main form[action="?/reply"] button').click();
		await expect(page.locator('#error-summary')).toBeFocused();
		await axe(page, 'status, answer empty');
		await page.locator('#reply').fill('1級です。');
		await page.locator('#main form[action="?/reply"] button').click();
		await expect(page).toHaveURL(/\/reading-services\?done=replied$/);
		await expect(page.locator('#notification-banner-title')).toBeFocused();
		await axe(page, 'status, with messages');

		// Approve service (2) only; a date in the past is refused first, the choice kept.
		await openApplicationAsStaff(staff, patronName());
		await expect(staff.locator('#grantTypes')).toBeChecked();
		await staff.locator('#grantTypes').uncheck();
		await staff.locator('#expiresOn').fill('2020/01/01');
		await staff.locator('#main form[action="?/approve"] button').click();
		await expect(staff.locator('#error-summary')).toBeFocused();
		await expect(staff.locator('#grantTypes')).not.toBeChecked();
		await expect(staff.locator('#grantTypes-2')).toBeChecked();
		await axe(staff, 'staff application, approval refused');
		await staff.locator('#expiresOn').fill(`${new Date().getFullYear() + 2}/12/31`);
		await staff.locator('#main form[action="?/approve"] button').click();
		await expect(staff).toHaveURL(/\/staff\/reading-services\?done=approved$/);

		// The patron is registered for (2) only, then withdraws: the registration ends.
		await page.goto('/reading-services');
		await expect(page.locator('#current')).toContainText(readingPattern('ja', 'serviceTypes.2.label'));
		await expect(page.locator('#current')).not.toContainText(readingPattern('ja', 'serviceTypes.1.label'));
		await axe(page, 'status, registered');
		await page.locator('#current a[href^="/reading-services/withdraw/"]').click();
		await expect(h1(page)).toHaveText(readingPattern('ja', 'withdraw.registration.question'));
		await axe(page, 'withdraw registration');
		await page.locator('#main form button[type="submit"]').click();
		await expect(page).toHaveURL(/\/reading-services\?done=withdrawn$/);
		await expect(page.locator('#current')).toHaveCount(0);
		await expect(page.locator('#past')).toContainText(readingPattern('ja', 'statuses.withdrawn'));
	} finally {
		await staff.context().close();
	}
});

test('who may open what: staff pages for reading-services librarians only; another patron\'s application is not found', { tag: '@js-only' }, async ({ page, browser, baseURL }) => {
	// Server behaviour, the same with or without JavaScript: run once.
	await start(page, 'en', baseURL!);
	await fillInApplication(page);
	await page.goto('/reading-services/apply/check');
	await page.locator('#main form[action="?/send"] button').click();
	await expect(page).toHaveURL(/\/apply\/sent$/);
	await page.goto('/reading-services');
	const withdrawPath = (await page.locator('#open a[href^="/reading-services/withdraw/"]').getAttribute('href'))!;
	const id = withdrawPath.split('/').pop();

	for (const role of ['deskOfficer', 'admin', 'patronWithProxy'] as Role[]) {
		const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
		const other = await context.newPage();
		await signIn(other, role);
		expect((await other.goto('/staff/reading-services'))!.status(), `${role} on the staff queue`).toBe(403);
		expect((await other.goto(`/staff/reading-services/${id}`))!.status(), `${role} on the staff review page`).toBe(403);
		if (role === 'patronWithProxy') {
			expect((await other.goto(withdrawPath))!.status(), 'another patron on the withdraw page').toBe(404);
			expect((await other.goto('/reading-services/withdraw/abc'))!.status(), 'a malformed id').toBe(404);
		}
		await context.close();
	}
	// Signed out: sent to sign in, and back here afterwards.
	const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
	const anonymous = await context.newPage();
	await anonymous.goto('/reading-services');
	await expect(anonymous).toHaveURL(/\/sign-in\?return=%2Freading-services$/);
	await context.close();

	// Nothing sensitive in the cache: personal pages are never stored.
	const response = await page.goto('/reading-services');
	expect(response!.headers()['cache-control']).toBe('private, no-store');

	await resetReadingServices(page);
});

test('a proxy in scope sees the patron\'s reading services, and the patron sees that they looked', { tag: '@js-only' }, async ({ page, browser, baseURL }) => {
	// 佐藤 美咲 may do everything for 佐藤 一郎 (demo data), who is registered. A session of her own
	// (fresh: acting for someone changes the session, which other tests share per worker).
	await useLanguage(page.context(), 'ja', baseURL!);
	await signIn(page, 'proxy', { fresh: true });
	await page.goto('/proxy');
	await page.locator('#people li', { hasText: '佐藤 一郎' }).locator('form[action="?/actFor"] button').click();
	await expect(page).toHaveURL(/\/proxy\?done=acting$/);

	await page.goto('/reading-services');
	await expect(page.locator('#current')).toContainText(REFERENCE);
	await expect(page.locator('#your-answers [data-answer="certificateKind"]')).toHaveText(readingPattern('ja', 'certificateKinds.physical'));
	// The title says whose account this is; it never carries the answers.
	expect(await page.title()).toContain('佐藤 一郎');
	await axe(page, 'status, acting for');

	const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
	try {
		const ichiro = await context.newPage();
		await useLanguage(context, 'ja', baseURL!);
		await signIn(ichiro, 'patronWithProxy');
		await ichiro.goto('/reading-services');
		const entry = ichiro.locator('#access li', { hasText: '佐藤 美咲' }).first();
		await expect(entry).toContainText(readingPattern('ja', 'access.roles.patron'));
		await expect(entry).toContainText(readingPattern('ja', 'access.purposes.proxy'));
	} finally {
		await context.close();
	}
});
