import { expect, test, type Page } from '@playwright/test';
import type { LanguageCode } from './languages';
import { escape, message, messagePattern } from './messages';

/**
 * Helpers for the reasonable-accommodation tests and route states. Selectors are language-neutral (ids,
 * names, hrefs, data attributes), so the same steps run in every language; messages are read from the
 * portal's own locale files.
 */

/** The portal's own message in the `accommodation` namespace, furigana markup removed. */
export function accommodationMessage(lang: LanguageCode, key: string): string {
	return message(lang, `accommodation:${key}`);
}

/** A pattern for a message as shown: given values literally, other interpolations as some text. */
export function accommodationPattern(lang: LanguageCode, key: string, values: Record<string, string> = {}): RegExp {
	return messagePattern(lang, `accommodation:${key}`, values);
}

export { escape };

/** AC-2026-000123 */
export const REFERENCE = /AC-\d{4}-\d{6}/;

export type Answers = [step: string, fields: [string, string][]][];

/**
 * A complete request from someone without an account: a library service at Minami-Tanaka Library, whose
 * desk no test signs in to, so the requests the suites make do not crowd the queues other tests read.
 */
export function requestAnswers(overrides: Partial<Record<string, [string, string][]>> = {}): Answers {
	const answers: Answers = [
		['who', [['who', 'self']]],
		['service', [['serviceKind', 'library']]],
		['place', [['locationId', 'minami-tanaka']]],
		['when', [['visitDate', ''], ['occasion', '']]],
		['barrier', [['barrier', '弱視のため、館内の案内表示が読めません。']]],
		['accommodations', [['accommodations', 'large_print'], ['accommodations', 'guided_walking']]],
		['reply', [['name', '試験 花子'], ['replyMethod', 'email'], ['email', 'shiken@example.jp']]],
		['deadline', [['answerBy', '']]]
	];
	// An override of [] leaves the page out (a question that does not apply to the other answers).
	return answers.map(([step, fields]): Answers[number] => [step, overrides[step] ?? fields]).filter(([, fields]) => fields.length > 0);
}

/**
 * Answers every question through the pages' own form actions (not the browser), for states and tests that
 * start further on. Plain HTTP posts with the context's cookies (the draft cookie comes back and stays) and
 * the Origin header a browser would send; works with JavaScript off too.
 */
export async function fillInRequest(page: Page, answers: Answers = requestAnswers()): Promise<void> {
	const origin = test.info().project.use.baseURL!;
	for (const [step, fields] of answers) {
		const body = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
		const response = await page.request.post(`/accommodation/new/${step}`, {
			data: body,
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-sveltekit-action': 'true' },
			maxRedirects: 0
		});
		expect(response.status(), `saving the "${step}" answers`).toBeLessThan(400);
		const result = await response.json();
		expect(result.type, `saving the "${step}" answers: ${JSON.stringify(result)}`).toBe('redirect');
	}
}

/** Answers everything and opens the check page. */
export async function openCheckPage(page: Page, answers?: Answers): Promise<void> {
	await fillInRequest(page, answers);
	await page.goto('/accommodation/new/check');
	await expect(page.locator('#answers')).toBeVisible();
}

/** Answers everything, sends it from the check page, and returns the reference and the follow link's path. */
export async function sendRequest(page: Page, answers?: Answers): Promise<{ reference: string; followPath: string }> {
	await openCheckPage(page, answers);
	await page.locator('#main form[action="?/send"] button').click();
	await expect(page).toHaveURL(/\/accommodation\/new\/sent$/);
	const reference = REFERENCE.exec(await page.locator('#reference').innerText())![0];
	const href = (await page.locator('#follow-link').getAttribute('href'))!;
	return { reference, followPath: new URL(href).pathname };
}

/** Opens the desk's page of a request from the queue (`?desk=` for the division's views). */
export async function openFromQueue(page: Page, reference: string, desk = ''): Promise<void> {
	await page.goto(`/staff/accommodation${desk ? `?desk=${desk}` : ''}`);
	await page.locator(`#queue-open li[data-reference="${reference}"] a`).click();
	await expect(page).toHaveURL(new RegExp(`/staff/accommodation/${reference}(\\?.*)?$`));
}

// ----- route states for the accessibility crawl (tests/support/routes.ts) -----------------------------

/** Submits the page's own form as it is and waits for the error summary to take focus. */
async function submitForErrors(page: Page, form = '#main form:not([action^="?/"]) button[type="submit"]'): Promise<void> {
	await page.locator(form).last().click();
	await expect(page.locator('#error-summary')).toBeFocused();
}

/** The area question (a welfare office), sent without a choice. */
export async function placeAreaWithoutChoice(page: Page): Promise<void> {
	await fillInRequest(page, [['who', [['who', 'self']]], ['service', [['serviceKind', 'welfare']]]]);
	await page.goto('/accommodation/new/place');
	await expect(page.locator('input[name="areaId"]').first()).toBeVisible();
	await submitForErrors(page);
}

/** The reply question: email chosen, the address left out (the name is kept). */
export async function replyWithoutEmail(page: Page): Promise<void> {
	await fillInRequest(page, requestAnswers().slice(0, 6));
	await page.goto('/accommodation/new/reply');
	await page.locator('#name').fill('試験 花子');
	await page.locator('input[name="replyMethod"][value="email"]').check();
	await page.locator('#email').fill('');
	await submitForErrors(page);
	await expect(page.locator('#name')).toHaveValue('試験 花子');
}

/** The check-your-answers page of a complete request. */
export const checkPageState = (page: Page) => openCheckPage(page);

/** The confirmation with the reference number and the follow link. */
export async function sentState(page: Page): Promise<void> {
	await sendRequest(page);
	await expect(page.locator('#confirmation')).toBeFocused();
}

/** A request opened by its private link, as its sender meets it. */
export async function followState(page: Page): Promise<void> {
	const { followPath } = await sendRequest(page);
	await page.goto(followPath);
	await expect(page.locator('#request-reference')).toHaveText(REFERENCE);
}

/** The follow page with a message sent empty. */
export async function followReplyEmpty(page: Page): Promise<void> {
	await followState(page);
	await submitForErrors(page, '#main form[action="?/reply"] button');
}

/** The patron's first request (練馬 花子's demo request has messages both ways). */
export async function openMyFirstRequest(page: Page): Promise<void> {
	// The oldest acknowledged one: tests add newer requests to her account.
	await page.locator('#requests li[data-status="acknowledged"] a').last().click();
	await expect(page).toHaveURL(/\/accommodation\/requests\/AC-\d{4}-\d{6}$/);
	await expect(page.locator('#history')).toBeVisible();
}

/** 練馬 花子's demo request from four years ago, whose details were erased at the end of the retention period. */
export async function openMyErasedRequest(page: Page): Promise<void> {
	await page.locator('#requests li[data-status="closed"] a').last().click();
	await expect(page).toHaveURL(/\/accommodation\/requests\/AC-\d{4}-\d{6}$/);
	await expect(page.locator('#erased-note')).toBeVisible();
}

/** The librarian's page of 練馬 花子's demo request: an event at Nerima Library, acknowledged, with messages. */
export async function openHandledRequest(page: Page): Promise<void> {
	await page.goto('/staff/accommodation');
	await page.locator('#queue-open li[data-kind="event"][data-status="acknowledged"] a').first().click();
	await expect(page).toHaveURL(/\/staff\/accommodation\/AC-\d{4}-\d{6}$/);
	await expect(page.locator('#identity')).toBeVisible();
}

/** The division's view of another desk's overdue request (demo data: Hikarigaoka Library). */
export async function openOverdueAsDivision(page: Page): Promise<void> {
	await page.goto('/staff/accommodation?desk=library-hikarigaoka');
	await page.locator('#queue-open li.request--overdue a').first().click();
	await expect(page.locator('#oversight-notice')).toBeVisible();
}

/** Passing the demo request on, sent without a desk or a reason (nothing changes). */
export async function transferWithoutChoice(page: Page): Promise<void> {
	await openHandledRequest(page);
	await page.locator('#actions a[href$="/transfer"]').click();
	await expect(page.locator('#toDeskId')).toBeVisible();
	await submitForErrors(page);
}

/** Declining the demo request without the undue-burden factors or an explanation (refused; nothing changes). */
export async function declineWithoutGrounds(page: Page): Promise<void> {
	await openHandledRequest(page);
	await page.locator('#actions a[href$="/outcome"]').click();
	await page.locator('input[name="outcome"][value="declined"]').check();
	await submitForErrors(page);
}
