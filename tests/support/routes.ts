import { expect, test, type Page } from '@playwright/test';
import type { Role } from './session';
import { COFFEE_AND_LIBRARY, generatedWaitingTitle, PRIDE_AND_PREJUDICE } from './demo-items';
import { alreadyReserved, cancelIfReserved, ensureReserved, holdCard, reserveForm } from './reservations';
import { openCheckAnswers, openRegistrationAsStaff } from './reading-services';
import { chooseNothing, detailsWithBadInput, openCancel, openCheck, openDeliveredRequest, openDetails, openRequestAsStaff } from './home-delivery';
import { actFor, DEMO_NAMES, PEOPLE, stopActing } from './proxies';
import {
	checkPageState,
	declineWithoutGrounds,
	followReplyEmpty,
	followState,
	openHandledRequest,
	openMyFirstRequest,
	openMyErasedRequest,
	openOverdueAsDivision,
	placeAreaWithoutChoice,
	replyWithoutEmail,
	sentState,
	transferWithoutChoice
} from './accommodation';

/** A title the crawl's patron never reserves: its item page always has the form. */
const NEVER_RESERVED = generatedWaitingTitle(30);
/** Titles reserved in two tabs, one per project (with JavaScript, without): they run at the same time. */
const RESERVED_IN_TWO_TABS = [generatedWaitingTitle(31), generatedWaitingTitle(32)];

/**
 * One row per state of a page that a person can meet: empty, invalid, failed, saved, signed in…
 * The accessibility crawl (tests/a11y/axe-crawl.spec.ts) runs every row in every language, at 320 px
 * and 1280 px, with JavaScript on and off. When a feature adds a page or a state, add a row here.
 */
export interface RouteState {
	/** Unique, short, says which state: "sign-in (invalid)". Used in test titles. */
	name: string;
	/** Where the state starts. */
	path: string;
	/** Sign in (through the real form, cached per worker) before opening `path`. */
	signedInAs?: Role;
	/**
	 * Brings the page into the state after `path` has loaded (e.g. submit the form empty), and waits
	 * until the state is on screen. Use only language-neutral selectors: rows run in every language.
	 */
	setup?: (page: Page) => Promise<void>;
	/** HTTP status of the response for `path`; 200 unless said otherwise. */
	status?: number;
	/**
	 * The state shows form errors: the error summary must have focus and the `<title>` must start with
	 * the error prefix ("エラー:" / "Error:"), GOV.UK pattern.
	 */
	hasErrors?: boolean;
	/**
	 * Which page this is, for the "every page has a unique title" check; defaults to the path without
	 * its query. States of one page (empty, invalid) share a title; different pages must not.
	 */
	page?: string;
	/** Only meaningful with JavaScript on (e.g. a dialog opened by a script). */
	jsOnly?: boolean;
	/**
	 * People's names the `<title>` may carry whatever the language (a proxy's pages say "acting for
	 * 佐藤 一郎"): the check that an English title has no Japanese in it leaves them out.
	 */
	titleNames?: readonly string[];
}

export const ROUTE_STATES: RouteState[] = [
	{ name: 'home', path: '/' },

	{ name: 'sign-in (empty)', path: '/sign-in' },
	{ name: 'sign-in (invalid: submitted empty)', path: '/sign-in', setup: submitAndExpectErrors, hasErrors: true },
	{ name: 'sign-in (wrong password)', path: '/sign-in', setup: signInWithWrongPassword, hasErrors: true },

	{ name: 'preferences (default)', path: '/preferences' },
	{ name: 'preferences (saved: 150%, dark, furigana on)', path: '/preferences', setup: savePreferences },

	{ name: 'help', path: '/help' },
	{ name: 'accessibility statement', path: '/accessibility' },
	{ name: 'privacy', path: '/privacy' },

	{ name: 'register (empty)', path: '/register' },
	{ name: 'register (invalid: submitted empty)', path: '/register', setup: submitAndExpectErrors, hasErrors: true },

	{ name: 'account (patron)', path: '/account', signedInAs: 'patron' },

	// Reservations. The patron keeps holds on two titles that no journey test cancels; another patron
	// never reserves anything, for the empty list (tests/e2e/reservations.spec.ts uses other titles).
	{ name: 'item: reserve form (patron)', path: NEVER_RESERVED.path, signedInAs: 'patron', titleNames: [NEVER_RESERVED.title] },
	{ name: 'item: already reserved (patron)', path: PRIDE_AND_PREJUDICE.path, signedInAs: 'patron', setup: openReservedItem },
	{ name: 'item: reserve (refused: already reserved in another tab)', path: '/account/reservations', signedInAs: 'patron', setup: reserveInTwoTabs, hasErrors: true, titleNames: RESERVED_IN_TWO_TABS.map((item) => item.title) },
	{ name: 'my reservations (empty)', path: '/account/reservations', signedInAs: 'patronWithProxy' },
	{ name: 'my reservations (with holds)', path: '/account/reservations', signedInAs: 'patron', setup: openReservationsWithHolds },
	{ name: 'my reservations (confirmation)', path: '/account/reservations', signedInAs: 'patron', setup: openConfirmation },
	{ name: 'cancel reservation (confirmation)', path: '/account/reservations', signedInAs: 'patron', setup: openCancelPage, page: '/account/reservations/[id]/cancel' },
	{ name: 'change pickup', path: '/account/reservations', signedInAs: 'patron', setup: openPickupPage, page: '/account/reservations/[id]/pickup' },
	{ name: 'pause reservation (invalid: date in the past)', path: '/account/reservations', signedInAs: 'patron', setup: pauseInThePast, hasErrors: true, page: '/account/reservations/[id]/suspend' },

	{ name: 'staff home (librarian)', path: '/staff', signedInAs: 'librarian' },
	{ name: 'staff check-in (empty)', path: '/staff/check-in', signedInAs: 'librarian' },
	{ name: 'staff check-in (invalid: submitted empty)', path: '/staff/check-in', signedInAs: 'librarian', setup: submitAndExpectErrors, hasErrors: true },
	{ name: 'staff check-in (unknown copy number)', path: '/staff/check-in', signedInAs: 'librarian', setup: checkInUnknownCopy, hasErrors: true },
	// Outcomes are rendered from the URL the check-in redirects to, so these states change no data.
	{ name: 'staff check-in (done: send to another library)', path: '/staff/check-in?copy=1&outcome=transit&hold=1&to=hikarigaoka', signedInAs: 'librarian' },
	{ name: 'staff check-in (done: reshelve)', path: '/staff/check-in?copy=1&outcome=shelf', signedInAs: 'librarian' },
	{ name: 'staff check-in (done: send back to its own library)', path: '/staff/check-in?copy=1&outcome=home&to=oizumi', signedInAs: 'librarian' },
	{ name: 'staff hold shelf (own library)', path: '/staff/hold-shelf', signedInAs: 'librarian' },
	{ name: 'staff hold shelf (other location, done: lent)', path: '/staff/hold-shelf?location=shakujii-koen-station&collected=1', signedInAs: 'librarian' },
	{ name: 'staff group registration (empty)', path: '/staff/groups/new', signedInAs: 'librarian' },
	{ name: 'staff group registration (invalid: submitted empty)', path: '/staff/groups/new', signedInAs: 'librarian', setup: submitAndExpectErrors, hasErrors: true },
	{ name: 'staff group registration (done: password shown once)', path: '/staff/groups/new', signedInAs: 'librarian', setup: registerGroup, page: '/staff/groups/created' },

	// Reading services. 佐藤 一郎 is registered (demo data) and never sends an application in any test, so
	// these states run in parallel safely: they only read, or save the same draft answers. The journeys
	// and the states that need a sent application (confirmation, errors, messages) are axe-checked in
	// tests/e2e/reading-services.spec.ts, in every language, with other patrons.
	{ name: 'reading services: status (registered)', path: '/reading-services', signedInAs: 'patronWithProxy' },
	{ name: 'reading services: before you start', path: '/reading-services/apply', signedInAs: 'patronWithProxy' },
	{ name: 'reading services: first question', path: '/reading-services/apply/types', signedInAs: 'patronWithProxy' },
	{ name: 'reading services: first question (invalid: sent empty)', path: '/reading-services/apply/types', signedInAs: 'patronWithProxy', setup: untickAndSubmit, hasErrors: true },
	{ name: 'reading services: check your answers', path: '/reading-services', signedInAs: 'patronWithProxy', setup: openCheckAnswers, page: '/reading-services/apply/check' },
	{ name: 'staff reading services (queue)', path: '/staff/reading-services', signedInAs: 'librarian' },
	{ name: 'staff reading services (a registration)', path: '/staff/reading-services', signedInAs: 'librarian', setup: openRegistrationAsStaff, page: '/staff/reading-services/[id]' },

	// Home delivery (issue 5, second half). 佐藤 一郎 fills in his draft here but never sends it (his demo draft
	// remembers a sent request, for the confirmation), so these rows run in parallel safely; the journeys use
	// other patrons (tests/support/home-delivery.ts) and axe-check the states only they reach.
	{ name: 'home delivery: list (registered)', path: '/home-delivery', signedInAs: 'patronWithProxy' },
	{ name: 'home delivery: list (not registered)', path: '/home-delivery', signedInAs: 'patron' },
	{ name: 'home delivery: items (search results)', path: '/home-delivery/new?q=%E9%8A%80%E6%B2%B3%E9%89%84%E9%81%93', signedInAs: 'patronWithProxy' },
	{ name: 'home delivery: items (invalid: none chosen)', path: '/home-delivery/new', signedInAs: 'patronWithProxy', setup: chooseNothing, hasErrors: true },
	{ name: 'home delivery: how and when', path: '/home-delivery', signedInAs: 'patronWithProxy', setup: openDetails, page: '/home-delivery/new/details' },
	{ name: 'home delivery: how and when (invalid: day passed, not an address)', path: '/home-delivery', signedInAs: 'patronWithProxy', setup: detailsWithBadInput, hasErrors: true, page: '/home-delivery/new/details' },
	{ name: 'home delivery: check your answers', path: '/home-delivery', signedInAs: 'patronWithProxy', setup: openCheck, page: '/home-delivery/new/check' },
	{ name: 'home delivery: sent (reference number)', path: '/home-delivery/new/sent', signedInAs: 'patronWithProxy' },
	{ name: 'home delivery: a request (delivered, its steps)', path: '/home-delivery', signedInAs: 'patronWithProxy', setup: openDeliveredRequest, page: '/home-delivery/[id]' },
	{ name: 'home delivery: cancel (confirmation)', path: '/home-delivery', signedInAs: 'patronWithProxy', setup: openCancel, page: '/home-delivery/[id]/cancel' },
	{ name: 'staff home delivery (worklist)', path: '/staff/home-delivery?library=hikarigaoka', signedInAs: 'librarian' },
	{ name: 'staff home delivery (a request)', path: '/staff/home-delivery?library=hikarigaoka', signedInAs: 'librarian', setup: openRequestAsStaff, page: '/staff/home-delivery/[id]' },

	// Proxies (issue 4). 佐藤 美咲 ('proxy') acts for 佐藤 一郎 (every scope) and 佐藤 ハル (reservations,
	// delivery, notices). Every 'proxy' row starts on /proxy (200 in any state: the cached session may be
	// acting for someone after another row) and its setup puts the session in the state the row is about.
	{ name: 'proxies: choose your proxies (patron)', path: '/account/proxies', signedInAs: 'patronWithProxy', titleNames: DEMO_NAMES },
	{ name: 'proxies: a proxy and its log (patron)', path: '/account/proxies', signedInAs: 'patronWithProxy', setup: openMisakiAsPatron, page: '/account/proxies/[id]', titleNames: DEMO_NAMES },
	{ name: 'proxies: invite (empty)', path: '/account/proxies/invite', signedInAs: 'patronWithProxy' },
	{ name: 'proxies: invite (invalid: sent empty)', path: '/account/proxies/invite', signedInAs: 'patronWithProxy', setup: submitAndExpectErrors, hasErrors: true },
	{ name: 'proxies: invite (done: code shown once)', path: '/account/proxies/invite', signedInAs: 'patronWithProxy', setup: inviteByCodeState, page: '/account/proxies/invite/done' },
	{ name: 'proxies: act for someone (not acting)', path: '/proxy', signedInAs: 'proxy', setup: asSelf('/proxy'), titleNames: DEMO_NAMES },
	{ name: 'proxies: act for someone (done: switched)', path: '/proxy', signedInAs: 'proxy', setup: switchTo(PEOPLE.ichiro.name), titleNames: DEMO_NAMES },
	{ name: 'proxies: my account (acting for)', path: '/proxy', signedInAs: 'proxy', setup: switchTo(PEOPLE.ichiro.name, '/account'), page: '/account', titleNames: DEMO_NAMES },
	{ name: 'proxies: reservations (acting for)', path: '/proxy', signedInAs: 'proxy', setup: switchTo(PEOPLE.ichiro.name, '/account/reservations'), page: '/account/reservations', titleNames: DEMO_NAMES },
	{ name: 'proxies: outside the grant (403, acting for)', path: '/proxy', signedInAs: 'proxy', setup: switchTo(PEOPLE.haru.name, '/reading-services'), page: '/reading-services (403)', titleNames: DEMO_NAMES },
	{ name: 'proxies: back to oneself (done)', path: '/proxy', signedInAs: 'proxy', setup: switchBack, titleNames: DEMO_NAMES },
	{ name: 'proxies: enter a code (empty)', path: '/proxy', signedInAs: 'proxy', setup: asSelf('/proxy/accept'), page: '/proxy/accept' },
	{ name: 'proxies: enter a code (invalid: wrong code)', path: '/proxy', signedInAs: 'proxy', setup: wrongCode, page: '/proxy/accept', hasErrors: true },
	{ name: 'proxies: a grant, as the proxy', path: '/proxy', signedInAs: 'proxy', setup: openGrantAsProxy, page: '/proxy/grants/[id]', titleNames: DEMO_NAMES },
	{ name: 'staff proxies: look up (empty)', path: '/staff/proxies', signedInAs: 'librarian' },
	{ name: 'staff proxies: look up (invalid: sent empty)', path: '/staff/proxies', signedInAs: 'librarian', setup: submitAndExpectErrors, hasErrors: true },
	{ name: 'staff proxies: a patron’s proxies and logs', path: '/staff/proxies', signedInAs: 'librarian', setup: lookUpIchiro, page: '/staff/proxies/patrons/[id]', titleNames: DEMO_NAMES },
	{ name: 'staff proxies: record at the counter (empty)', path: '/staff/proxies/new', signedInAs: 'librarian' },
	{ name: 'staff proxies: record at the counter (invalid: sent empty)', path: '/staff/proxies/new', signedInAs: 'librarian', setup: submitAndExpectErrors, hasErrors: true },

	// Reasonable accommodation (issue 6). Requests made here go to Minami-Tanaka Library's desk, which no test
	// reads; the staff states read demo requests (練馬 花子's at Nerima Library, the overdue one at
	// Hikarigaoka) and change nothing. Journeys, and the pages met on the way, are in tests/e2e/accommodation.spec.ts.
	{ name: 'accommodation: start', path: '/accommodation' },
	{ name: 'accommodation: who (invalid: sent empty)', path: '/accommodation/new/who', setup: submitAndExpectErrors, hasErrors: true },
	{ name: 'accommodation: area (invalid: sent empty)', path: '/accommodation', setup: placeAreaWithoutChoice, hasErrors: true, page: '/accommodation/new/place (area)' },
	{ name: 'accommodation: reply (invalid: email missing)', path: '/accommodation', setup: replyWithoutEmail, hasErrors: true, page: '/accommodation/new/reply' },
	{ name: 'accommodation: check your answers', path: '/accommodation', setup: checkPageState, page: '/accommodation/new/check' },
	{ name: 'accommodation: sent (reference and private link)', path: '/accommodation', setup: sentState, page: '/accommodation/new/sent' },
	{ name: 'accommodation: follow by private link', path: '/accommodation', setup: followState, page: '/accommodation/follow/[token]' },
	{ name: 'accommodation: follow (invalid: message empty)', path: '/accommodation', setup: followReplyEmpty, hasErrors: true, page: '/accommodation/follow/[token]' },
	{ name: 'accommodation: my requests (patron)', path: '/accommodation/requests', signedInAs: 'patron' },
	{ name: 'accommodation: my request with messages (patron)', path: '/accommodation/requests', signedInAs: 'patron', setup: openMyFirstRequest, page: '/accommodation/requests/[reference]' },
	{ name: 'accommodation: my request, details erased after the retention period (patron)', path: '/accommodation/requests', signedInAs: 'patron', setup: openMyErasedRequest, page: '/accommodation/requests/[reference]' },
	{ name: 'staff accommodation: queue (librarian)', path: '/staff/accommodation', signedInAs: 'librarian' },
	{ name: 'staff accommodation: queue with an overdue request (division)', path: '/staff/accommodation?desk=library-hikarigaoka', signedInAs: 'deskOfficer' },
	{ name: 'staff accommodation: a request (handling desk)', path: '/staff/accommodation', signedInAs: 'librarian', setup: openHandledRequest, page: '/staff/accommodation/[reference]' },
	{ name: 'staff accommodation: a request (division, no personal details)', path: '/staff/accommodation', signedInAs: 'deskOfficer', setup: openOverdueAsDivision, page: '/staff/accommodation/[reference]' },
	{ name: 'staff accommodation: transfer (invalid: sent empty)', path: '/staff/accommodation', signedInAs: 'librarian', setup: transferWithoutChoice, hasErrors: true, page: '/staff/accommodation/[reference]/transfer' },
	{ name: 'staff accommodation: outcome (invalid: declined without grounds)', path: '/staff/accommodation', signedInAs: 'librarian', setup: declineWithoutGrounds, hasErrors: true, page: '/staff/accommodation/[reference]/outcome' },
	{ name: 'staff accommodation: past cases (searched)', path: '/staff/accommodation/cases?q=%E6%8B%A1%E5%A4%A7', signedInAs: 'librarian' },
	{ name: 'staff accommodation: monthly statistics', path: '/staff/accommodation/statistics', signedInAs: 'deskOfficer' },
	{ name: 'staff accommodation: responsible managers (admin)', path: '/staff/accommodation/managers', signedInAs: 'admin' },
	{ name: 'staff accommodation: responsible managers (invalid: sent empty)', path: '/staff/accommodation/managers', signedInAs: 'admin', setup: submitAndExpectErrors, hasErrors: true },

	{ name: 'not found (404)', path: '/this-page-does-not-exist', status: 404 }
];

/** The 'proxy' session acting for itself, then on `path`. */
function asSelf(path: string) {
	return async (page: Page) => {
		await stopActing(page);
		await page.goto(path);
	};
}

/** Switches the 'proxy' session to act for `name` (the confirmation shows), then opens `then` if given. */
function switchTo(name: string, then?: string) {
	return async (page: Page) => {
		await stopActing(page);
		await actFor(page, name);
		await expect(page.locator('#notification-banner')).toBeVisible();
		if (then) await page.goto(then);
	};
}

/** Acts for 一郎, then takes the one step back: the confirmation on the proxy page. */
async function switchBack(page: Page): Promise<void> {
	await switchTo(PEOPLE.ichiro.name)(page);
	await stopActing(page);
	await expect(page.locator('#notification-banner')).toBeVisible();
}

async function wrongCode(page: Page): Promise<void> {
	await asSelf('/proxy/accept')(page);
	await page.locator('#code').fill('0000-0000-0000');
	await submitAndExpectErrors(page);
}

async function openGrantAsProxy(page: Page): Promise<void> {
	await asSelf('/proxy')(page);
	await page.locator('#people > li', { hasText: PEOPLE.ichiro.name }).locator('a[href^="/proxy/grants/"]').click();
	await expect(page).toHaveURL(/\/proxy\/grants\/\d+$/);
}

async function openMisakiAsPatron(page: Page): Promise<void> {
	await page.locator('#main a[href^="/account/proxies/"]', { hasText: PEOPLE.misaki.name }).first().click();
	await expect(page).toHaveURL(/\/account\/proxies\/\d+$/);
}

/** A one-time code for notices only (each run leaves one open invitation; nobody accepts it). */
async function inviteByCodeState(page: Page): Promise<void> {
	await page.locator('input[name="method"][value="code"]').check();
	await page.locator('input[name="scopes"][value="receive_notices"]').check();
	await mainSubmitButton(page).click();
	await expect(page).toHaveURL(/\/account\/proxies\/invite\/done$/);
}

async function lookUpIchiro(page: Page): Promise<void> {
	await page.locator('#cardNumber').fill(PEOPLE.ichiro.cardNumber);
	await mainSubmitButton(page).click();
	await expect(page).toHaveURL(/\/staff\/proxies\/patrons\/\d+$/);
}

/** The page identity used for the unique-title check. */
export function pageOf(state: RouteState): string {
	return state.page ?? new URL(state.path, 'http://x').pathname;
}

/** The submit button of the page's own form (not the sign-out button in the navigation). */
export function mainSubmitButton(page: Page) {
	return page.locator('#main form button[type="submit"]').last();
}

/** Submits the page's form as it is and waits for the error summary. */
export async function submitAndExpectErrors(page: Page): Promise<void> {
	await mainSubmitButton(page).click();
	await expect(page.locator('#error-summary')).toBeVisible();
}

/**
 * Unticks every box of the page's form, then submits it and waits for the error summary: the state is
 * the same whatever another test running at the same time saved in this patron's draft.
 */
export async function untickAndSubmit(page: Page): Promise<void> {
	const ticked = page.locator('#main form input[type="checkbox"]:checked');
	while ((await ticked.count()) > 0) await ticked.first().uncheck();
	await submitAndExpectErrors(page);
}

/**
 * A well-formed user number with a wrong password. Failed sign-ins are counted per typed number
 * (3 in a row slow the next try down), so each call uses a number of its own: the crawl runs this
 * state a dozen times in parallel. Unknown and known numbers give the same answer, by design.
 */
export async function signInWithWrongPassword(page: Page): Promise<void> {
	await page.locator('#cardNumber').fill(uniqueCardNumber());
	await page.locator('#password').fill('not-the-password');
	await submitAndExpectErrors(page);
}

export function uniqueCardNumber(): string {
	return `8${String(Date.now() % 1e6).padStart(6, '0')}${String(Math.floor(Math.random() * 1e3)).padStart(3, '0')}`;
}

/** Chooses 150 %, dark and furigana on, saves, and waits until the page shows them. */
export async function savePreferences(page: Page): Promise<void> {
	await page.locator('input[name="textSize"][value="150"]').check();
	await page.locator('input[name="theme"][value="dark"]').check();
	await page.locator('input[name="furigana"][value="on"]').check();
	await mainSubmitButton(page).click();
	await expect(page).toHaveURL(/\/preferences\?saved=1$/);
	await expect(page.locator('html')).toHaveAttribute('data-text-size', '150');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
}

/** The item page of a title the patron has reserved: the reservation, and no form. */
export async function openReservedItem(page: Page): Promise<void> {
	await ensureReserved(page, PRIDE_AND_PREJUDICE);
	await page.goto(PRIDE_AND_PREJUDICE.path);
	await expect(alreadyReserved(page)).toBeVisible();
}

/**
 * The reserve form sent from one tab after the title was reserved in another: refused with 409, the
 * choice kept. Each project has a title of its own (they run at the same time with the same patron),
 * reserved afresh in each language of the state.
 */
export async function reserveInTwoTabs(page: Page): Promise<void> {
	const item = RESERVED_IN_TWO_TABS[test.info().project.use.javaScriptEnabled === false ? 1 : 0];
	await cancelIfReserved(page, item);
	await page.goto(item.path);
	const other = await page.context().newPage();
	await ensureReserved(other, item);
	await other.close();
	await reserveForm(page).locator('button[type="submit"]').click();
	await expect(page.locator('#error-summary')).toBeVisible();
}

/** My reservations confirming a change (the URL an action page redirects to; nothing is changed here). */
export async function openConfirmation(page: Page): Promise<void> {
	await openReservationsWithHolds(page);
	const holdId = await holdCard(page, COFFEE_AND_LIBRARY).getAttribute('data-hold-id');
	await page.goto(`/account/reservations?done=pickup&hold=${holdId}`);
	await expect(page.locator('#notification-banner')).toBeVisible();
}

/** My reservations with a hold that has a copy (in transit or ready) and one waiting in the queue. */
export async function openReservationsWithHolds(page: Page): Promise<void> {
	await ensureReserved(page, PRIDE_AND_PREJUDICE);
	await ensureReserved(page, COFFEE_AND_LIBRARY);
	await page.goto('/account/reservations');
	await expect(holdCard(page, COFFEE_AND_LIBRARY)).toBeVisible();
}

/** The confirmation page of cancelling a reservation (not confirmed: the hold stays). */
export async function openCancelPage(page: Page): Promise<void> {
	await openReservationsWithHolds(page);
	await holdCard(page, PRIDE_AND_PREJUDICE).locator('a[href$="/cancel"]').click();
	await expect(page).toHaveURL(/\/cancel$/);
	await expect(page.locator('#main form button[type="submit"]')).toBeVisible();
}

/** The change-pickup page of a waiting reservation. */
export async function openPickupPage(page: Page): Promise<void> {
	await openReservationsWithHolds(page);
	await holdCard(page, COFFEE_AND_LIBRARY).locator('a[href$="/pickup"]').click();
	await expect(page).toHaveURL(/\/pickup$/);
	await expect(page.locator('input[name="pickup"]:checked')).toHaveCount(1);
}

/** The pause page of a waiting reservation, sent with a restart date in the past (the choice kept). */
export async function pauseInThePast(page: Page): Promise<void> {
	await openReservationsWithHolds(page);
	await holdCard(page, COFFEE_AND_LIBRARY).locator('a[href$="/suspend"]').click();
	await expect(page).toHaveURL(/\/suspend$/);
	await page.locator('#until').fill('2020/01/01');
	await page.locator('form[action="?/suspend"] button[type="submit"]').click();
	await expect(page.locator('#error-summary')).toBeVisible();
	await expect(page.locator('#until')).toHaveValue('2020/01/01');
}

/** Types a copy number that no copy has and waits for the error summary. */
export async function checkInUnknownCopy(page: Page): Promise<void> {
	await page.locator('#copyId').fill('999999999');
	await submitAndExpectErrors(page);
}

/** Registers a group (form 3) and waits for the confirmation with the initial password. */
export async function registerGroup(page: Page): Promise<void> {
	await page.locator('#name').fill('アクセシビリティ確認用 保育園');
	await page.locator('#nameKana').fill('あくせしびりてぃかくにんよう ほいくえん');
	await page.locator('input[name="groupType"][value="nursery"]').check();
	await page.locator('#postalCode').fill('176-0012');
	await page.locator('#address').fill('東京都練馬区豊玉北六丁目8番1号');
	await page.locator('#phone').fill('03-3993-1111');
	await page.locator('#representative').fill('練馬 太郎');
	await page.locator('#contactPerson').fill('豊玉 次郎');
	await page.locator('#members').fill('30');
	await page.locator('#purpose').fill('読み聞かせに使う絵本を借りるため');
	await page.locator('input[name="homeLibraryId"][value="nerima"]').check();
	await mainSubmitButton(page).click();
	await expect(page).toHaveURL(/\/staff\/groups\/created\?id=\d+$/);
	await expect(page.locator('#notification-banner-title')).toBeFocused();
}
