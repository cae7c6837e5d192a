import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectJourneyStateAccessible } from '../support/axe';
import { waitForHydration } from '../support/hydration';
import { expectFocusNotOnBody, tabTo } from '../support/keyboard';
import { LANGUAGES, useLanguage, type LanguageCode } from '../support/languages';
import { signIn, type Role } from '../support/session';
import { startVirtualScreenReader } from '../support/virtual-screen-reader';
import {
	accommodationMessage as message,
	accommodationPattern as pattern,
	escape,
	fillInRequest,
	openCheckPage,
	openFromQueue,
	openMyErasedRequest,
	REFERENCE,
	requestAnswers,
	sendRequest
} from '../support/accommodation';

/**
 * Reasonable-accommodation requests (DOMAIN §6; issue 6): asking without an account, as a keyboard user and as
 * a screen-reader user, in every language, with JavaScript on and off; following the request by its private
 * link and writing to the desk; the desk console (acknowledgement by a responsible manager, messages, a
 * transfer, a refusal that must name its grounds and explain them); what the Disability Policy Division sees;
 * a double send; and what a guessed link or reference number opens (nothing). axe runs on every state met.
 *
 * Requests made without a particular desk in mind go to Minami-Tanaka Library, whose desk no test reads; the
 * desk journeys use Nerima Library (the demo librarian is its responsible manager) and the division.
 */

const isJs = () => test.info().project.use.javaScriptEnabled !== false;
const h1 = (page: Page) => page.locator('#main h1');
const axe = expectJourneyStateAccessible;
/** The submit button of the page's own form (named actions, "?/send", are other forms). */
const SUBMIT = '#main form:not([action^="?/"]) button[type="submit"]';

/** Tab to a control and press a key on it. */
async function press(page: Page, selector: string, key: 'Enter' | ' ', max = 80) {
	await tabTo(page, page.locator(selector).first(), { max });
	await page.keyboard.press(key);
}

/** A date a month from now, typed as people type it (2026/5/1). */
function inAMonth(): string {
	const date = new Date(Date.now() + 30 * 86_400_000);
	const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date).split('-');
	return `${y}/${Number(m)}/${Number(d)}`;
}

for (const { code: lang, errorTitlePrefix } of LANGUAGES) {
	test.describe(`[${lang}]`, () => {
		test('ask without an account with the keyboard alone; the confirmation takes focus; the private link shows the request and takes a message', async ({ page, baseURL }) => {
			// Ten pages, each tabbed through and axe-checked: minutes on a busy two-core machine.
			test.setTimeout(300_000);
			const js = isJs();
			await useLanguage(page.context(), lang, baseURL!);

			// The start page, and in.
			await page.goto('/accommodation');
			await expect(h1(page)).toHaveText(pattern(lang, 'start.title'));
			await axe(page, `start`, lang);
			await press(page, '#main a[href="/accommodation/new/who"]', 'Enter');

			// Who: sent empty first; the error summary takes focus and the title says so.
			await expect(page).toHaveURL(/\/accommodation\/new\/who$/);
			await expect(h1(page)).toHaveText(pattern(lang, 'new.who.title'));
			if (js) await expectFocusNotOnBody(page, 'opening the first question');
			await axe(page, `who`, lang);
			await press(page, SUBMIT, 'Enter');
			const summary = page.locator('#error-summary');
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(pattern(lang, 'new.who.errors.empty'));
			expect(await page.title()).toMatch(new RegExp(`^${escape(errorTitlePrefix)}`));
			await axe(page, `who, nothing chosen`, lang);
			await press(page, '#who', ' ');
			await expect(page.locator('#who')).toBeChecked();
			await press(page, SUBMIT, 'Enter');

			// The service: a library (the first choice).
			await expect(page).toHaveURL(/\/new\/service$/);
			await axe(page, `service`, lang);
			await press(page, '#serviceKind', ' ');
			await press(page, SUBMIT, 'Enter');

			// The library: the arrow keys move through the radios to Minami-Tanaka (the 13th library).
			await expect(page).toHaveURL(/\/new\/place$/);
			await expect(h1(page)).toHaveText(pattern(lang, 'new.place.libraryTitle'));
			await axe(page, `place`, lang);
			await tabTo(page, page.locator('#locationId'), { max: 80 });
			for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
			await expect(page.locator('input[name="locationId"][value="minami-tanaka"]')).toBeChecked();
			await press(page, SUBMIT, 'Enter');

			// When: a date and the occasion, typed.
			await expect(page).toHaveURL(/\/new\/when$/);
			await axe(page, `when`, lang);
			await tabTo(page, page.locator('#visitDate'), { max: 80 });
			await page.keyboard.type(inAMonth());
			await page.keyboard.press('Tab');
			await expect(page.locator('#occasion')).toBeFocused();
			await page.keyboard.type('おはなし会 午後2時から');
			await press(page, SUBMIT, 'Enter');

			// The barrier, in the person's words.
			await expect(page).toHaveURL(/\/new\/barrier$/);
			await axe(page, `barrier`, lang);
			await tabTo(page, page.locator('#barrier'), { max: 80 });
			await page.keyboard.type('耳が聞こえにくく、講師の話が聞き取れません。');
			await press(page, SUBMIT, 'Enter');

			// The accommodations: two of the annex's examples, ticked with Space.
			await expect(page).toHaveURL(/\/new\/accommodations$/);
			await axe(page, `accommodations`, lang);
			await press(page, '#accommodations', ' ');
			await press(page, 'input[name="accommodations"][value="seat_near_screen"]', ' ');
			await press(page, SUBMIT, 'Enter');

			// How to reply: the name, then email (two steps down the radios), then the address.
			await expect(page).toHaveURL(/\/new\/reply$/);
			await axe(page, `reply`, lang);
			await tabTo(page, page.locator('#name'), { max: 80 });
			await page.keyboard.type('試験 花子');
			await page.keyboard.press('Tab');
			await expect(page.locator('#replyMethod')).toBeFocused();
			await page.keyboard.press('ArrowDown');
			await page.keyboard.press('ArrowDown');
			await expect(page.locator('input[name="replyMethod"][value="email"]')).toBeChecked();
			await tabTo(page, page.locator('#email'), { max: 20 });
			await page.keyboard.type('shiken@example.jp');
			await press(page, SUBMIT, 'Enter');

			// No particular deadline.
			await expect(page).toHaveURL(/\/new\/deadline$/);
			await axe(page, `deadline`, lang);
			await press(page, SUBMIT, 'Enter');

			// Check your answers, and change the barrier from there.
			await expect(page).toHaveURL(/\/new\/check$/);
			await expect(h1(page)).toHaveText(pattern(lang, 'check.title'));
			await expect(page.locator('#answers [data-answer="accommodations"] li')).toHaveCount(2);
			await expect(page.locator('#route')).toContainText({ ja: '南田中図書館 窓口', en: 'Minami-Tanaka Library service desk', easy: 'みなみたなか としょかん' }[lang]);
			await axe(page, `check`, lang);
			const change = page.locator('#answers a[href="/accommodation/new/barrier?change=1"]');
			await expect(change).toHaveAccessibleName(new RegExp(escape(message(lang, 'answers.barrier'))));
			await tabTo(page, change, { max: 80 });
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/new\/barrier\?change=1$/);
			await expect(page.locator('#barrier')).toHaveValue('耳が聞こえにくく、講師の話が聞き取れません。');
			await tabTo(page, page.locator('#barrier'), { max: 80 });
			await page.keyboard.press('ControlOrMeta+A');
			await page.keyboard.type('耳が聞こえにくく、講演会で話が聞き取れません。');
			await expect(page.locator(SUBMIT)).toHaveText(pattern(lang, 'new.saveAndReturn'));
			await press(page, SUBMIT, 'Enter');
			await expect(page).toHaveURL(/\/new\/check$/);
			await expect(page.locator('#answers [data-answer="barrier"]')).toHaveText('耳が聞こえにくく、講演会で話が聞き取れません。');

			// Send: the confirmation's heading has focus, then the reference number.
			await press(page, '#main form[action="?/send"] button', 'Enter');
			await expect(page).toHaveURL(/\/new\/sent$/);
			await expect(page.locator('#confirmation')).toBeFocused();
			await expect(page.locator('#confirmation')).toHaveText(pattern(lang, 'sent.title'));
			const reference = REFERENCE.exec(await page.locator('#reference').innerText())![0];
			await axe(page, `sent`, lang);

			// The private link, followed with the keyboard.
			await press(page, '#follow-link', 'Enter');
			await expect(page).toHaveURL(/\/accommodation\/follow\/[A-Za-z0-9_-]{43}$/);
			const followPath = new URL(page.url()).pathname;
			await expect(page.locator('#request-reference')).toHaveText(reference);
			await expect(page.locator('#status')).toContainText(pattern(lang, 'statuses.received'));
			await expect(page.locator('#answers [data-answer="name"]')).toHaveText('試験 花子');
			await axe(page, `follow`, lang);

			// A message to the desk.
			await tabTo(page, page.locator('#message'), { max: 120 });
			await page.keyboard.type('当日は午後1時半に着きます。');
			await press(page, '#main form[action="?/reply"] button', 'Enter');
			await expect(page).toHaveURL(new RegExp(`${escape(followPath)}\\?sent=1$`));
			await expect(page.locator('#notification-banner-title')).toBeFocused();
			await expect(page.locator('#notification-banner-title')).toHaveText(pattern(lang, 'request.reply.sent'));
			await expect(page.locator('#history blockquote').last()).toHaveText('当日は午後1時半に着きます。');
			await axe(page, `follow, message sent`, lang);

			// Never stored by the browser or a proxy: the link is the key.
			const response = await page.request.get(followPath);
			expect(response.headers()['cache-control']).toBe('private, no-store');
		});

		test('errors: the summary takes focus and links to the field, nothing typed is lost, and choices not offered are refused', async ({ page, baseURL }) => {
			test.slow();
			await useLanguage(page.context(), lang, baseURL!);
			const summary = page.locator('#error-summary');

			// The reply page: email chosen without an address; the name and the choice stay.
			await fillInRequest(page, requestAnswers().slice(0, 6));
			await page.goto('/accommodation/new/reply');
			await waitForHydration(page);
			await page.locator('#name').fill('試験 花子');
			await page.locator('input[name="replyMethod"][value="email"]').check();
			await page.locator(SUBMIT).click();
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(pattern(lang, 'new.reply.errors.email.missing'));
			await expect(page.locator('#email-error')).toContainText(pattern(lang, 'new.reply.errors.email.missing'));
			await expect(page.locator('#email')).toHaveAttribute('aria-invalid', 'true');
			await expect(page.locator('#name')).toHaveValue('試験 花子');
			await expect(page.locator('input[name="replyMethod"][value="email"]')).toBeChecked();
			await axe(page, `reply, email missing`, lang);

			// Too long a description: said so, and the whole text kept to shorten.
			const long = 'あ'.repeat(2001);
			await page.goto('/accommodation/new/barrier');
			await waitForHydration(page);
			await page.locator('#barrier').fill(long);
			await page.locator(SUBMIT).click();
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(pattern(lang, 'new.barrier.errors.tooLong'));
			await expect(page.locator('#barrier')).toHaveValue(long);

			// A library that does not exist, slipped into the form.
			await page.goto('/accommodation/new/place');
			await waitForHydration(page);
			await page.evaluate(() => {
				// The library chosen earlier is checked; its value is changed to one no page offers.
				document.querySelector<HTMLInputElement>('input[name="locationId"]:checked')!.value = 'atlantis';
			});
			await page.locator(SUBMIT).click();
			await expect(summary).toBeFocused();
			await expect(summary.getByRole('link')).toHaveText(pattern(lang, 'errors.forged'));
			await axe(page, `place, forged`, lang);
		});

		test('a request erased after the retention period says what is kept and what was erased, also to a screen reader', async ({ page, baseURL }) => {
			await useLanguage(page.context(), lang, baseURL!);
			await signIn(page, 'patron');
			await page.goto('/accommodation/requests');
			await openMyErasedRequest(page);
			await expect(page.locator('#erased-note')).toHaveText(pattern(lang, 'request.erasedNote'));
			// Nothing the person wrote is shown: no answers, no explanation; the outcome and the history remain.
			await expect(page.locator('#answers')).toHaveCount(0);
			await expect(page.locator('#outcome')).toContainText(message(lang, 'outcomes.provided'));
			await expect(page.locator('#outcome blockquote')).toHaveCount(0);
			await expect(page.locator('#outcome-erased')).toHaveText(pattern(lang, 'request.outcomeErased'));
			// The messages are still listed, each saying that its text was erased.
			await expect(page.locator('#history li', { hasText: message(lang, 'history.bodyErased') })).toHaveCount(2);
			await axe(page, 'accommodation: a request whose details were erased', lang);

			const sr = await startVirtualScreenReader(page);
			await sr.readUntil(new RegExp(`^heading, ${escape(message(lang, 'request.answersHeading'))}, level 2$`, 'm'), 400);
			await sr.readUntil(new RegExp(`^${pattern(lang, 'request.erasedNote').source}$`, 'm'), 5);
		});

		test('a screen reader hears the confirmation and the reference number', async ({ page, baseURL }) => {
			const js = isJs();
			await useLanguage(page.context(), lang, baseURL!);
			await openCheckPage(page);
			const send = page.locator('#main form[action="?/send"] button');
			await expect(send).toHaveText(pattern(lang, 'check.send'));
			await send.focus();
			let sr = await startVirtualScreenReader(page);
			await sr.clearSpokenPhraseLog();
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/new\/sent$/);

			const heading = new RegExp(`^heading, ${escape(message(lang, 'sent.title'))}, level 1$`, 'm');
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
			expect(log).toMatch(new RegExp(`${escape(message(lang, 'sent.referenceLabel'))}[\\s\\S]*AC-\\d{4}-\\d{6}`));
			// And on to the private link, read as a link.
			await sr.readUntil(/^link, http/, 30);
		});
	});
}

/** Someone in a browser context of their own, in Japanese, with the project's JavaScript setting. */
async function personPage(browser: Browser, baseURL: string, role: Role): Promise<Page> {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: isJs(), serviceWorkers: 'block', locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
	await useLanguage(context, 'ja', baseURL);
	const page = await context.newPage();
	await signIn(page, role);
	return page;
}

/** A request at Nerima Library from 練馬 花子, signed in: it shows on her account. */
const AT_NERIMA = (barrier: string) =>
	requestAnswers({
		place: [['locationId', 'nerima']],
		barrier: [['barrier', barrier]],
		reply: [['name', '練馬 花子'], ['replyMethod', 'email'], ['email', 'hanako@example.jp']]
	});

test('the desk: a responsible manager acknowledges, the desk and the person write to each other, a refusal must name its grounds and explain them, the division sees it without personal details', async ({ page, browser, baseURL }) => {
	test.setTimeout(300_000);
	const tag = `${isJs() ? 'js' : 'nojs'}-${Date.now()}`;
	await useLanguage(page.context(), 'ja', baseURL!);
	await signIn(page, 'patron');
	const { reference } = await sendRequest(page, AT_NERIMA(`車椅子で書架の上段に届きません（${tag}）。`));

	const librarian = await personPage(browser, baseURL!, 'librarian');
	const officer = await personPage(browser, baseURL!, 'deskOfficer');
	try {
		// The queue: waiting to be checked, with its age; the page has who asked and how to reach them.
		await librarian.goto('/staff/accommodation');
		const card = librarian.locator(`#queue-open li[data-reference="${reference}"]`);
		await expect(card).toContainText(pattern('ja', 'staff.queue.awaitingAcknowledgement'));
		await expect(card).toContainText(pattern('ja', 'staff.queue.ageHours_other', { count: '0' }));
		await axe(librarian, 'staff queue');
		await openFromQueue(librarian, reference);
		await expect(librarian.locator('#identity [data-answer="name"]')).toHaveText('練馬 花子');
		await expect(librarian.locator('#case [data-answer="barrier"]')).toContainText(tag);
		await axe(librarian, 'staff request, waiting');

		// The responsible manager acknowledges; then a message to the person.
		await librarian.locator('#acknowledge').click();
		await expect(librarian).toHaveURL(/\?done=acknowledged$/);
		await expect(librarian.locator('#notification-banner-title')).toBeFocused();
		await librarian.locator('#message').fill('踏み台をご用意できます。職員がお取りすることもできます。');
		await librarian.locator('#main form[action="?/message"] button').click();
		await expect(librarian).toHaveURL(/\?done=messaged$/);

		// The person reads it on their account and answers.
		await page.goto(`/accommodation/requests/${reference}`);
		await expect(page.locator('#status')).toContainText(pattern('ja', 'statuses.acknowledged'));
		await expect(page.locator('#history blockquote').last()).toHaveText('踏み台をご用意できます。職員がお取りすることもできます。');
		await page.locator('#message').fill('職員の方に取っていただけると助かります。');
		await page.locator('#main form[action="?/reply"] button').click();
		await expect(page).toHaveURL(new RegExp(`/accommodation/requests/${reference}\\?sent=1$`));
		await expect(page.locator('#notification-banner-title')).toBeFocused();

		// Declining without grounds is refused, with both reasons, and the choice kept.
		await openFromQueue(librarian, reference);
		await expect(librarian.locator('#status')).toContainText(pattern('ja', 'staff.queue.needsReply'));
		await librarian.locator('#actions a[href$="/outcome"]').click();
		await librarian.locator('input[name="outcome"][value="declined"]').check();
		await librarian.locator('#summary').fill(`高い書架の資料の取得の申出（${tag}）。踏み台の設置は安全上難しく、職員対応を提案。`);
		await librarian.locator(SUBMIT).click();
		const summary = librarian.locator('#error-summary');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveText([
			pattern('ja', 'staff.outcome.errors.factors.empty'),
			pattern('ja', 'staff.outcome.errors.explanation.declined')
		]);
		await expect(librarian.locator('input[name="outcome"][value="declined"]')).toBeChecked();
		await expect(librarian.locator('#summary')).toHaveValue(new RegExp(tag));
		await axe(librarian, 'staff outcome, declined without grounds');

		// With the factors and the explanation it closes.
		await librarian.locator('input[name="factors"][value="feasibility"]').check();
		await librarian.locator('input[name="factors"][value="cost"]').check();
		await librarian.locator('#explanation').fill('上段の資料は職員がお取りします。踏み台の常設は通路が狭く安全を確保できないため、ご容赦ください。');
		await librarian.locator(SUBMIT).click();
		await expect(librarian).toHaveURL(new RegExp(`/staff/accommodation\\?done=closed&reference=${reference}$`));
		await expect(librarian.locator('#notification-banner-title')).toBeFocused();
		await expect(librarian.locator('#queue-closed')).toContainText(reference);

		// The person reads the outcome, the grounds in plain words, and the explanation; no more messages.
		await page.goto(`/accommodation/requests/${reference}`);
		const outcome = page.locator('#outcome');
		await expect(outcome).toContainText(pattern('ja', 'outcomes.declined'));
		await expect(outcome).toContainText('踏み台の常設は通路が狭く');
		await expect(page.locator('#outcome-factors li')).toHaveText([pattern('ja', 'factors.feasibility.plain'), pattern('ja', 'factors.cost.plain')]);
		await expect(page.locator('#closed-note')).toBeVisible();
		await expect(page.locator('#message')).toHaveCount(0);
		await axe(page, 'my request, declined');
		const forged = await page.request.post(`/accommodation/requests/${reference}?/reply`, {
			form: { message: 'まだ送れますか' },
			headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
		});
		expect(await forged.json()).toMatchObject({ type: 'failure', status: 409 });

		// The division: every request, without who asked or the messages; the explanation, to review it.
		await officer.goto(`/staff/accommodation/${reference}`);
		await expect(officer.locator('#oversight-notice')).toBeVisible();
		await expect(officer.locator('#identity')).toHaveCount(0);
		await expect(officer.locator('#main')).not.toContainText('練馬 花子');
		await expect(officer.locator('#main')).not.toContainText('職員の方に取っていただけると');
		await expect(officer.locator('#outcome')).toContainText('踏み台の常設は通路が狭く');
		await axe(officer, 'staff request, division view');

		// The anonymised case is found by its words; nothing in it leads back.
		await officer.goto(`/staff/accommodation/cases?q=${encodeURIComponent(tag)}`);
		await expect(officer.locator('#cases > li')).toHaveCount(1);
		await expect(officer.locator('#cases')).not.toContainText(reference);
		await axe(officer, 'staff cases, found');

		// The month's statistics count it, and the CSV carries no personal data.
		await officer.goto('/staff/accommodation/statistics');
		const nerimaRow = officer.locator('#by-desk tbody tr', { hasText: '練馬図書館 窓口' });
		await expect(nerimaRow.locator('td').first()).not.toHaveText('0');
		await axe(officer, 'staff statistics');
		const csv = await officer.request.get((await officer.locator('#csv-link').getAttribute('href'))!);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const body = await csv.text();
		expect(body.charCodeAt(0)).toBe(0xfeff);
		expect(body).toContain('"練馬図書館 窓口"');
		expect(body).not.toMatch(/練馬 花子|hanako@|AC-\d{4}|踏み台/);
	} finally {
		await librarian.context().close();
		await officer.context().close();
	}
});

test('the handling desk sees an erased request\'s outcome and history, and in words what was erased', async ({ page, browser, baseURL }) => {
	await useLanguage(page.context(), 'ja', baseURL!);
	await signIn(page, 'patron');
	await page.goto('/accommodation/requests');
	await openMyErasedRequest(page);
	const reference = (await page.locator('#request-reference').innerText()).trim();

	const desk = await personPage(browser, baseURL!, 'librarian');
	await desk.goto(`/staff/accommodation/${reference}`);
	await expect(desk.locator('#erased-note')).toHaveText(pattern('ja', 'staff.request.erasedNote'));
	await expect(desk.locator('#identity, #case')).toHaveCount(0);
	await expect(desk.locator('#history li', { hasText: message('ja', 'history.bodyErased') })).toHaveCount(2);
	await expect(desk.locator('#main')).toContainText(message('ja', 'outcomes.provided'));
	await axe(desk, 'staff accommodation: a request whose details were erased');
	await desk.context().close();
});

test('a transfer: the reason stays between desks, the old desk loses sight of it, the new desk acknowledges afresh; a desk that does not exist is refused', async ({ page, browser, baseURL }) => {
	test.slow();
	await useLanguage(page.context(), 'ja', baseURL!);
	await signIn(page, 'patron');
	const { reference } = await sendRequest(page, AT_NERIMA('区の説明会の資料を点字でほしいです。'));
	const librarian = await personPage(browser, baseURL!, 'librarian');
	const officer = await personPage(browser, baseURL!, 'deskOfficer');
	try {
		await openFromQueue(librarian, reference);
		await librarian.locator('#actions a[href$="/transfer"]').click();
		// A desk id that does not exist, slipped in: named as such, the reason kept.
		await librarian.locator('#reason').fill('区の説明会の資料は障害者施策推進課の所管のため');
		await librarian.evaluate(() => {
			const select = document.querySelector<HTMLSelectElement>('#toDeskId')!;
			select.append(Object.assign(document.createElement('option'), { value: 'atlantis', textContent: 'atlantis', selected: true }));
		});
		await librarian.locator(SUBMIT).click();
		await expect(librarian.locator('#error-summary')).toBeFocused();
		await expect(librarian.locator('#error-summary').getByRole('link')).toHaveText(pattern('ja', 'staff.transfer.errors.desk.unknown'));
		await expect(librarian.locator('#reason')).toHaveValue('区の説明会の資料は障害者施策推進課の所管のため');
		await axe(librarian, 'staff transfer, unknown desk');

		await librarian.locator('#toDeskId').selectOption('disability-policy');
		await librarian.locator(SUBMIT).click();
		await expect(librarian).toHaveURL(new RegExp(`/staff/accommodation\\?done=transferred&reference=${reference}$`));
		await expect(librarian.locator('#notification-banner-title')).toBeFocused();
		expect((await librarian.goto(`/staff/accommodation/${reference}`))!.status()).toBe(404);

		// The division's own queue; its responsible manager acknowledges.
		await openFromQueue(officer, reference);
		await expect(officer.locator('#history')).toContainText('区の説明会の資料は障害者施策推進課の所管のため');
		await officer.locator('#acknowledge').click();
		await expect(officer).toHaveURL(/\?done=acknowledged$/);

		// The person sees where it went, not why.
		await page.goto(`/accommodation/requests/${reference}`);
		await expect(page.locator('#history')).toContainText(pattern('ja', 'history.requester.transferred', { to: '福祉部障害者施策推進課' }));
		await expect(page.locator('#main')).not.toContainText('所管のため');
	} finally {
		await librarian.context().close();
		await officer.context().close();
	}
});

// Request-level (both sends are HTTP posts, as a double click without JavaScript makes them), so it runs in
// the `js` project alone: the same test in the other project, at the same moment, would add a request too.
test('a double send creates one request, and a guessed link or reference number opens nothing', { tag: '@js-only' }, async ({ page, baseURL }) => {
	test.slow();
	await useLanguage(page.context(), 'en', baseURL!);
	await signIn(page, 'patron');
	await page.goto('/accommodation/requests');
	const before = new Set(await page.locator('#requests > li a').allInnerTexts());

	// Two sends of the same page at once, as a double click without JavaScript makes them.
	await openCheckPage(page, requestAnswers());
	const submission = await page.locator('input[name="__submission"]').inputValue();
	const send = () =>
		// `accept: text/html` as a browser's form post sends it (with */* SvelteKit answers as to `use:enhance`).
		page.request.post('/accommodation/new/check?/send', { form: { __submission: submission }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	const [a, b] = await Promise.all([send(), send()]);
	expect([a.status(), b.status()]).toEqual([303, 303]);
	expect([a.headers()['location'], b.headers()['location']]).toEqual(['/accommodation/new/sent', '/accommodation/new/sent']);
	await page.goto('/accommodation/new/sent');
	const reference = REFERENCE.exec(await page.locator('#reference').innerText())![0];
	const followPath = new URL((await page.locator('#follow-link').getAttribute('href'))!).pathname;
	await page.goto('/accommodation/requests');
	const ours = page.locator('#requests > li', { hasText: reference });
	await expect(ours).toHaveCount(1);
	// New since the double send began, at the same desk: ours alone. (The desk journeys of this patron, which
	// may run at the same moment, write to Nerima Library's desk; these requests go to Minami-Tanaka's.)
	const desk = await ours.locator('.summary-list__row').nth(1).locator('dd').innerText();
	const newAtDesk = [];
	for (const item of await page.locator('#requests > li').all()) {
		const link = await item.locator('a').first().innerText();
		if (!before.has(link) && (await item.innerText()).includes(desk)) newAtDesk.push(link);
	}
	expect(newAtDesk, 'requests the double send made').toHaveLength(1);

	// Guesses: a made-up link, the reference number as a link, a link one character off; all the same 404.
	const token = followPath.split('/').pop()!;
	const other = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
	for (const path of [`/accommodation/follow/${reference}`, `/accommodation/follow/${other}`, '/accommodation/follow/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
		const response = await page.request.get(path);
		expect(response.status(), path).toBe(404);
		// The page says nothing of the request (the address typed is echoed only in the language links).
		expect(/<main[\s\S]*<\/main>/.exec(await response.text())![0]).not.toContain(reference);
	}
	// Another patron's reference on their own pages: the same 404.
	const context = await page.context().browser()!.newContext({ baseURL, serviceWorkers: 'block' });
	const ichiro = await context.newPage();
	await signIn(ichiro, 'patronWithProxy');
	expect((await ichiro.goto(`/accommodation/requests/${reference}`))!.status()).toBe(404);
	await context.close();
});
