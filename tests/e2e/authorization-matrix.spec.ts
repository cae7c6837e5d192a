import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { PEOPLE, type Person } from '../support/proxies';

/**
 * The authorization matrix (issue 4): for every route and every form action, and every kind of visitor,
 * what the server answers — asserted over HTTP against the built server, as a browser would ask.
 *
 * - The rows are checked against the file system: a page, endpoint or form action without a row fails
 *   the first test, and so does a row for something that no longer exists. Add the row with the route.
 * - Visitors: signed out; 佐藤 一郎 himself; another patron (練馬 花子); proxies of 一郎: 佐藤 美咲 (every
 *   scope), 山田 健 (accommodation and notices only), 鈴木 由美 (grant revoked), 高橋 誠 (grant expired);
 *   and a librarian, a consultation-desk officer and an administrator. The two proxies in force act for
 *   一郎 on every request (re-established before each); the revoked and expired ones cannot, so they meet
 *   each page as themselves and must never see 一郎's data.
 * - Form actions are posted empty: allowed visitors then get the form's own answer (400, 404, a redirect),
 *   never 401/403, a sign-in redirect or a 5xx; refused visitors get 403 or the sign-in redirect and
 *   nothing is done. Ids in paths are real where the page can show something, else ids nobody has (999999).
 *
 * Request-level only (no page script runs), so it runs in the `js` project alone.
 */

type Visitor = 'anonymous' | 'patron' | 'otherPatron' | 'proxyInScope' | 'proxyOutOfScope' | 'revokedProxy' | 'expiredProxy' | 'librarian' | 'deskOfficer' | 'admin';
const VISITORS: Visitor[] = ['anonymous', 'patron', 'otherPatron', 'proxyInScope', 'proxyOutOfScope', 'revokedProxy', 'expiredProxy', 'librarian', 'deskOfficer', 'admin'];
const PERSON: Record<Exclude<Visitor, 'anonymous'>, Person> = {
	patron: 'ichiro',
	otherPatron: 'hanako',
	proxyInScope: 'misaki',
	proxyOutOfScope: 'ken',
	revokedProxy: 'yumi',
	expiredProxy: 'makoto',
	librarian: 'librarian',
	deskOfficer: 'deskOfficer',
	admin: 'admin'
};
const ACTING: Visitor[] = ['proxyInScope', 'proxyOutOfScope'];
const PATRONS: Visitor[] = ['patron', 'otherPatron', 'proxyInScope', 'proxyOutOfScope', 'revokedProxy', 'expiredProxy'];
const STAFF: Visitor[] = ['librarian', 'deskOfficer', 'admin'];

/**
 * What a visitor must get.
 * - `ok`: 200. `own`: 200, and nothing of 一郎's (his name, his card number). `for`: 200, on 一郎's account,
 *   with the acting-for landmark. `pass`: the guard let them through (not 401/403, no sign-in or "grant ended"
 *   redirect, no 5xx): the page's own answer may be a redirect or 404. `notfound`: 404.
 * - `deny`: 403. `signin`: 303 to /sign-in. `unauthorized`: 401 (an endpoint answering script, not a page, to
 *   someone not signed in). `redirect:<path>`: 303 there.
 * - `skip:<why>`: not requested for this visitor (e.g. it would end the session the other rows use).
 */
type Outcome = 'ok' | 'own' | 'for' | 'pass' | 'notfound' | 'deny' | 'signin' | 'unauthorized' | `redirect:${string}` | `skip:${string}`;
type Expectations = Record<Visitor, Outcome>;

interface Row {
	/** The route id (folder under src/routes), plus `?/action` for a form action. */
	route: string;
	/** What is requested: a GET of the page, or an empty POST of the action. */
	path: string | (() => string);
	method: 'GET' | 'POST';
	expect: Expectations;
}

// ----- expectation presets, by guard ---------------------------------------------------------------

const everyone = (outcome: Outcome): Expectations => Object.fromEntries(VISITORS.map((v) => [v, outcome])) as Expectations;

/** `requireScope(scope)`: the patron, or a proxy in force whose grant includes it. 健 has only these two. */
const KEN_SCOPES = ['accommodation', 'receive_notices'];
function scoped(scope: string, allowed: Outcome = 'ok'): Expectations {
	const ownOr = (outcome: Outcome) => (allowed === 'ok' ? outcome : allowed);
	return {
		anonymous: 'signin',
		patron: allowed,
		otherPatron: ownOr('own'),
		proxyInScope: ownOr('for'),
		proxyOutOfScope: KEN_SCOPES.includes(scope) ? ownOr('for') : 'deny',
		revokedProxy: ownOr('own'),
		expiredProxy: ownOr('own'),
		librarian: 'deny',
		deskOfficer: 'deny',
		admin: 'deny'
	};
}

/** `requireSelf`: the patron acting for themselves; no proxy, whatever their scopes. */
function selfOnly(allowed: Outcome = 'ok', others: Outcome = allowed === 'ok' ? 'own' : allowed): Expectations {
	return { anonymous: 'signin', patron: allowed, otherPatron: others, proxyInScope: 'deny', proxyOutOfScope: 'deny', revokedProxy: others, expiredProxy: others, librarian: 'deny', deskOfficer: 'deny', admin: 'deny' };
}

/** The proxy pages: about the signed-in patron (the actor), whoever they act for. */
function asProxy(allowed: Outcome = 'ok'): Expectations {
	return { ...everyone(allowed), anonymous: 'signin', librarian: 'deny', deskOfficer: 'deny', admin: 'deny' };
}

/** `requireStaff(roles)`: administrators may do everything staff may. */
function staff(roles: Visitor[], allowed: Outcome = 'ok'): Expectations {
	const result = { ...everyone('deny'), anonymous: 'signin' as Outcome };
	for (const role of [...roles, 'admin' as Visitor]) result[role] = allowed;
	return result;
}

/** Anyone, signed in or not; patrons and their proxies through `requireScope('accommodation')` (健 has it). */
const openToAll = (outcome: Outcome = 'pass') => everyone(outcome);

/** Signed-in visitors are sent on (sign-in, registration pages). */
function signedOutOnly(path: string): Expectations {
	const result = everyone(`redirect:${path}` as Outcome);
	result.anonymous = 'ok';
	return result;
}

const get = (route: string, path: Row['path'], expect: Expectations): Row => ({ route, path, method: 'GET', expect });
const post = (route: string, action: string, path: Row['path'], expect: Expectations): Row => ({ route: `${route}?/${action}`, path, method: 'POST', expect });

/** Actions that would change what other tests rely on when they succeed: checked for the refused only. */
function refusedOnly(expectations: Expectations, allowedVisitors: Visitor[], why: string): Expectations {
	const result = { ...expectations };
	for (const v of allowedVisitors) result[v] = `skip:${why}` as Outcome;
	return result;
}

const ids = { ichiro: 0, misakiGrant: 0 };
const NONE = '999999';

const ROWS: Row[] = [
	// Public pages.
	get('/', '/', everyone('ok')),
	get('/search', '/search?q=%E6%9C%AC', everyone('ok')),
	get('/items/[id]', '/items/1', everyone('ok')),
	post('/items/[id]', 'reserve', '/items/1?/reserve', { ...scoped('reservations', 'pass'), anonymous: 'signin', librarian: 'deny', deskOfficer: 'deny', admin: 'deny' }),
	get('/help', '/help', everyone('ok')),
	get('/accessibility', '/accessibility', everyone('ok')),
	get('/privacy', '/privacy', everyone('ok')),
	get('/language/[locale]', '/language/ja?return=/', everyone('redirect:/')),
	get('/preferences', '/preferences', everyone('ok')),
	post('/preferences', 'default', '/preferences', everyone('pass')),

	// Signing in and out, registering.
	get('/sign-in', '/sign-in', signedOutOnly('/account')),
	post('/sign-in', 'default', '/sign-in', everyone('pass')),
	get('/sign-out', '/sign-out', everyone('redirect:/')),
	post('/sign-out', 'default', '/sign-out', { ...everyone('skip:ends the session the other rows use; see sign-in tests'), anonymous: 'redirect:/?signedOut=1' }),
	get('/register', '/register', signedOutOnly('/account')),
	post('/register', 'default', '/register', everyone('pass')),
	get('/register/done', '/register/done', everyone('redirect:/register')),

	// The timeout warning's endpoints (JSON for the page's script): anyone signed in, about their own session.
	// Asking says "signed out" (200) to a visitor without a session; extending answers them 401.
	get('/session/status', '/session/status', everyone('ok')),
	{ route: '/session/extend', path: '/session/extend', method: 'POST', expect: { ...everyone('ok'), anonymous: 'unauthorized' } },

	// The patron's account: the patron, and proxies in scope.
	get('/account', '/account', scoped('view_loans_reservations')),
	get('/account/reservations', '/account/reservations', scoped('view_loans_reservations')),
	get('/account/reservations/[id]/cancel', `/account/reservations/${NONE}/cancel`, scoped('reservations', 'notfound')),
	post('/account/reservations/[id]/cancel', 'default', `/account/reservations/${NONE}/cancel`, scoped('reservations', 'pass')),
	get('/account/reservations/[id]/pickup', `/account/reservations/${NONE}/pickup`, scoped('reservations', 'notfound')),
	post('/account/reservations/[id]/pickup', 'default', `/account/reservations/${NONE}/pickup`, scoped('reservations', 'pass')),
	get('/account/reservations/[id]/suspend', `/account/reservations/${NONE}/suspend`, scoped('reservations', 'notfound')),
	post('/account/reservations/[id]/suspend', 'suspend', `/account/reservations/${NONE}/suspend?/suspend`, scoped('reservations', 'pass')),
	post('/account/reservations/[id]/suspend', 'resume', `/account/reservations/${NONE}/suspend?/resume`, scoped('reservations', 'pass')),

	// Choosing one's own proxies: the patron only.
	get('/account/proxies', '/account/proxies', selfOnly()),
	get('/account/proxies/[id]', () => `/account/proxies/${ids.misakiGrant}`, selfOnly('ok', 'notfound')),
	post('/account/proxies/[id]', 'scopes', `/account/proxies/${NONE}?/scopes`, selfOnly('pass')),
	post('/account/proxies/[id]', 'end', `/account/proxies/${NONE}?/end`, selfOnly('pass')),
	get('/account/proxies/invite', '/account/proxies/invite', selfOnly('ok', 'ok')),
	post('/account/proxies/invite', 'default', '/account/proxies/invite', selfOnly('pass')),
	get('/account/proxies/invite/done', '/account/proxies/invite/done', selfOnly('redirect:/account/proxies')),

	// Acting for someone: about the signed-in patron.
	get('/proxy', '/proxy', asProxy()),
	post('/proxy', 'actFor', '/proxy?/actFor', asProxy('pass')),
	post('/proxy', 'stop', '/proxy?/stop', asProxy('redirect:/proxy?done=stopped')),
	post('/proxy', 'accept', '/proxy?/accept', asProxy('pass')),
	post('/proxy', 'decline', '/proxy?/decline', asProxy('pass')),
	get('/proxy/accept', '/proxy/accept', asProxy()),
	post('/proxy/accept', 'default', '/proxy/accept', asProxy('pass')),
	get('/proxy/grants/[id]', () => `/proxy/grants/${ids.misakiGrant}`, { ...asProxy('notfound'), proxyInScope: 'ok' }),
	post('/proxy/grants/[id]', 'withdraw', `/proxy/grants/${NONE}?/withdraw`, asProxy('pass')),

	// Reading services (special-care data): the patron, and proxies with `reading_services`.
	get('/reading-services', '/reading-services', scoped('reading_services')),
	post('/reading-services', 'reply', '/reading-services?/reply', scoped('reading_services', 'pass')),
	get('/reading-services/apply', '/reading-services/apply', scoped('reading_services', 'pass')),
	post('/reading-services/apply', 'discard', '/reading-services/apply?/discard', refusedOnly(scoped('reading_services', 'pass'), ['patron', 'proxyInScope'], "deletes 一郎's draft, which the a11y crawl uses")),
	get('/reading-services/apply/[step]', '/reading-services/apply/types', scoped('reading_services', 'pass')),
	post('/reading-services/apply/[step]', 'default', '/reading-services/apply/types', refusedOnly(scoped('reading_services', 'pass'), ['patron', 'proxyInScope'], "an empty answer would reset 一郎's draft")),
	get('/reading-services/apply/check', '/reading-services/apply/check', scoped('reading_services', 'pass')),
	post('/reading-services/apply/check', 'send', '/reading-services/apply/check?/send', refusedOnly(scoped('reading_services', 'pass'), ['patron', 'proxyInScope'], "would send 一郎's draft (no test may)")),
	post('/reading-services/apply/check', 'remove', '/reading-services/apply/check?/remove', refusedOnly(scoped('reading_services', 'pass'), ['patron', 'proxyInScope'], "changes 一郎's draft")),
	get('/reading-services/apply/sent', '/reading-services/apply/sent', scoped('reading_services', 'pass')),
	get('/reading-services/withdraw/[id]', `/reading-services/withdraw/${NONE}`, scoped('reading_services', 'notfound')),
	post('/reading-services/withdraw/[id]', 'default', `/reading-services/withdraw/${NONE}`, scoped('reading_services', 'pass')),

	// Home delivery: the patron, and proxies with `home_delivery`; asking needs a type (2) registration (一郎 has
	// one; the others are sent to the list, which explains). Empty posts are refused by the forms and save nothing.
	get('/home-delivery', '/home-delivery', scoped('home_delivery')),
	get('/home-delivery/new', '/home-delivery/new', scoped('home_delivery', 'pass')),
	post('/home-delivery/new', 'default', '/home-delivery/new', scoped('home_delivery', 'pass')),
	get('/home-delivery/new/details', '/home-delivery/new/details', scoped('home_delivery', 'pass')),
	post('/home-delivery/new/details', 'default', '/home-delivery/new/details', scoped('home_delivery', 'pass')),
	get('/home-delivery/new/check', '/home-delivery/new/check', scoped('home_delivery', 'pass')),
	post('/home-delivery/new/check', 'send', '/home-delivery/new/check?/send', refusedOnly(scoped('home_delivery', 'pass'), ['patron', 'proxyInScope'], "would send 一郎's draft (no test may)")),
	get('/home-delivery/new/sent', '/home-delivery/new/sent', scoped('home_delivery', 'pass')),
	get('/home-delivery/[id]', `/home-delivery/${NONE}`, scoped('home_delivery', 'notfound')),
	get('/home-delivery/[id]/cancel', `/home-delivery/${NONE}/cancel`, scoped('home_delivery', 'notfound')),
	post('/home-delivery/[id]/cancel', 'default', `/home-delivery/${NONE}/cancel`, scoped('home_delivery', 'pass')),

	// Reasonable accommodation: anyone may ask (signed out too); a proxy needs `accommodation` (健 has it).
	get('/accommodation', '/accommodation', openToAll('ok')),
	post('/accommodation', 'discard', '/accommodation?/discard', openToAll()),
	get('/accommodation/new', '/accommodation/new', openToAll()),
	get('/accommodation/new/[step]', '/accommodation/new/who', openToAll()),
	post('/accommodation/new/[step]', 'default', '/accommodation/new/who', openToAll()),
	get('/accommodation/new/check', '/accommodation/new/check', openToAll()),
	post('/accommodation/new/check', 'send', '/accommodation/new/check?/send', openToAll()),
	get('/accommodation/new/sent', '/accommodation/new/sent', openToAll()),
	get('/accommodation/follow/[token]', '/accommodation/follow/not-a-real-token', everyone('notfound')),
	post('/accommodation/follow/[token]', 'reply', '/accommodation/follow/not-a-real-token?/reply', everyone('pass')),
	get('/accommodation/requests', '/accommodation/requests', scoped('accommodation')),
	get('/accommodation/requests/[reference]', '/accommodation/requests/AC-2000-000001', scoped('accommodation', 'notfound')),
	post('/accommodation/requests/[reference]', 'reply', '/accommodation/requests/AC-2000-000001?/reply', scoped('accommodation', 'pass')),

	// Staff pages.
	get('/staff', '/staff', staff(['librarian', 'deskOfficer'])),
	get('/staff/registrations', '/staff/registrations', staff(['librarian'])),
	post('/staff/registrations', 'confirm', '/staff/registrations?/confirm', staff(['librarian'], 'pass')),
	get('/staff/check-in', '/staff/check-in', staff(['librarian'])),
	post('/staff/check-in', 'default', '/staff/check-in', staff(['librarian'], 'pass')),
	get('/staff/hold-shelf', '/staff/hold-shelf', staff(['librarian'])),
	post('/staff/hold-shelf', 'receive', '/staff/hold-shelf?/receive', staff(['librarian'], 'pass')),
	post('/staff/hold-shelf', 'collect', '/staff/hold-shelf?/collect', staff(['librarian'], 'pass')),
	get('/staff/groups/new', '/staff/groups/new', staff(['librarian'])),
	post('/staff/groups/new', 'default', '/staff/groups/new', staff(['librarian'], 'pass')),
	get('/staff/groups/created', `/staff/groups/created?id=${NONE}`, staff(['librarian'], 'notfound')),
	// Special-care data: reading-services librarians only, not administrators (they run the system, not the service).
	get('/staff/reading-services', '/staff/reading-services', { ...staff(['librarian']), admin: 'deny' }),
	get('/staff/reading-services/[id]', `/staff/reading-services/${NONE}`, { ...staff(['librarian'], 'notfound'), admin: 'deny' }),
	...['approve', 'ask', 'decline', 'end'].map((action) =>
		post('/staff/reading-services/[id]', action, `/staff/reading-services/${NONE}?/${action}`, { ...staff(['librarian'], 'pass'), admin: 'deny' })
	),
	// Home delivery requests say who holds a type (2) registration: reading-services librarians only.
	get('/staff/home-delivery', '/staff/home-delivery', { ...staff(['librarian']), admin: 'deny' }),
	get('/staff/home-delivery/[id]', `/staff/home-delivery/${NONE}`, { ...staff(['librarian'], 'notfound'), admin: 'deny' }),
	...['accept', 'pack', 'dispatch', 'deliver', 'return'].map((action) =>
		post('/staff/home-delivery/[id]', action, `/staff/home-delivery/${NONE}?/${action}`, { ...staff(['librarian'], 'pass'), admin: 'deny' })
	),
	get('/staff/accommodation', '/staff/accommodation', staff(['librarian', 'deskOfficer'], 'pass')),
	get('/staff/accommodation/cases', '/staff/accommodation/cases', staff(['librarian', 'deskOfficer'], 'pass')),
	get('/staff/accommodation/statistics', '/staff/accommodation/statistics', { ...staff(['deskOfficer'], 'pass'), librarian: 'deny' }),
	get('/staff/accommodation/statistics/csv', '/staff/accommodation/statistics/csv?month=2000-01', { ...staff(['deskOfficer'], 'pass'), librarian: 'deny' }),
	get('/staff/accommodation/[reference]', '/staff/accommodation/AC-2000-000001', staff(['librarian', 'deskOfficer'], 'notfound')),
	...['acknowledge', 'message'].map((action) =>
		post('/staff/accommodation/[reference]', action, `/staff/accommodation/AC-2000-000001?/${action}`, staff(['librarian', 'deskOfficer'], 'pass'))
	),
	get('/staff/accommodation/[reference]/outcome', '/staff/accommodation/AC-2000-000001/outcome', staff(['librarian', 'deskOfficer'], 'notfound')),
	post('/staff/accommodation/[reference]/outcome', 'default', '/staff/accommodation/AC-2000-000001/outcome', staff(['librarian', 'deskOfficer'], 'pass')),
	// Who holds the responsible-manager post at each desk: administrators keep the list.
	get('/staff/accommodation/managers', '/staff/accommodation/managers', staff([])),
	post('/staff/accommodation/managers', 'add', '/staff/accommodation/managers?/add', staff([], 'pass')),
	post('/staff/accommodation/managers', 'end', '/staff/accommodation/managers?/end', staff([], 'pass')),
	get('/staff/accommodation/[reference]/transfer', '/staff/accommodation/AC-2000-000001/transfer', staff(['librarian', 'deskOfficer'], 'notfound')),
	post('/staff/accommodation/[reference]/transfer', 'default', '/staff/accommodation/AC-2000-000001/transfer', staff(['librarian', 'deskOfficer'], 'pass')),
	// Proxies at the counter: librarians and desk officers look; librarians record and end.
	get('/staff/proxies', '/staff/proxies', staff(['librarian', 'deskOfficer'])),
	post('/staff/proxies', 'find', '/staff/proxies?/find', staff(['librarian', 'deskOfficer'], 'pass')),
	get('/staff/proxies/new', '/staff/proxies/new', staff(['librarian'])),
	post('/staff/proxies/new', 'default', '/staff/proxies/new', staff(['librarian'], 'pass')),
	get('/staff/proxies/patrons/[id]', () => `/staff/proxies/patrons/${ids.ichiro}`, staff(['librarian', 'deskOfficer'])),
	post('/staff/proxies/patrons/[id]', 'end', () => `/staff/proxies/patrons/${ids.ichiro}?/end`, staff(['librarian'], 'pass'))
];

// ----- the routes and actions that exist ------------------------------------------------------------

const ROUTES_DIR = new URL('../../src/routes/', import.meta.url).pathname;

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

/** The action names of a `+page.server.ts`: the keys of `export const actions = { … }`. */
function actionsOf(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const rest = source.slice(start);
	const inline = /^export const actions[^=]*=\s*\{([^}\n]*)\};/.exec(rest);
	if (inline) return inline[1].split(',').map((s) => s.trim().split(/[:\s(]/)[0]).filter(Boolean);
	const body = rest.slice(0, rest.search(/\n\};/));
	return [...body.matchAll(/^\t(\w+)\s*[:,(]/gm)].map((m) => m[1]);
}

/** Every page, endpoint and form action under src/routes, as route ids like the rows use. */
function existingRoutes(): string[] {
	const found = new Set<string>();
	for (const file of walk(ROUTES_DIR)) {
		const name = file.split(sep).pop()!;
		if (!/^\+(page\.svelte|page\.server\.ts|page\.ts|server\.ts)$/.test(name)) continue;
		const dir = relative(ROUTES_DIR, file.slice(0, -name.length - 1)).split(sep).join('/');
		const route = `/${dir}`.replace(/\/$/, '') || '/';
		found.add(route);
		if (name === '+page.server.ts') for (const action of actionsOf(readFileSync(file, 'utf8'))) found.add(`${route}?/${action}`);
	}
	return [...found].sort();
}

test('the authorization matrix has a row for every page, endpoint and form action, and none for what is gone', { tag: '@js-only' }, () => {
	const routes = existingRoutes();
	const rows = [...new Set(ROWS.map((row) => row.route))].sort();
	expect(routes.filter((r) => !rows.includes(r)), 'routes without a row in the authorization matrix: add one').toEqual([]);
	expect(rows.filter((r) => !routes.includes(r)), 'rows for routes that no longer exist').toEqual([]);
});

test.describe('authorization matrix', { tag: '@js-only' }, () => {
	test.describe.configure({ mode: 'serial' });

	const sessions = new Map<Visitor, APIRequestContext>();

	test.beforeAll(async ({ playwright, baseURL }) => {
		test.setTimeout(180_000);
		const newContext = () =>
			// `accept: text/html` as a browser's form post sends it: with */* SvelteKit answers as to `use:enhance` (JSON, 200).
			playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL!, accept: 'text/html', 'accept-language': 'ja' }, maxRedirects: 0 });
		for (const visitor of VISITORS) {
			const context = await newContext();
			if (visitor !== 'anonymous') {
				const person = PEOPLE[PERSON[visitor]];
				const response = await send(context, 'POST', '/sign-in', { cardNumber: person.cardNumber, password: person.password! });
				expect(response.status(), `signing in as ${visitor}`).toBe(303);
			}
			sessions.set(visitor, context);
		}
		// 一郎's account id, found the way staff find it; 美咲's grant, from 一郎's own list.
		const find = await send(sessions.get('librarian')!, 'POST', '/staff/proxies?/find', { cardNumber: PEOPLE.ichiro.cardNumber });
		ids.ichiro = Number(/\/staff\/proxies\/patrons\/(\d+)$/.exec(find.headers()['location'] ?? '')?.[1]);
		expect(ids.ichiro, '一郎 found').toBeGreaterThan(0);
		const list = await (await send(sessions.get('patron')!, 'GET', '/account/proxies')).text();
		ids.misakiGrant = Number(new RegExp(`href="/account/proxies/(\\d+)"[^>]*>${PEOPLE.misaki.name}`).exec(list)?.[1]);
		expect(ids.misakiGrant, "美咲's grant found").toBeGreaterThan(0);
	});

	test.afterAll(async () => {
		for (const context of sessions.values()) await context.dispose();
	});

	/** Proxies in force act for 一郎 before each request (a row may have sent them back to themselves). */
	async function prepare(visitor: Visitor) {
		if (!ACTING.includes(visitor)) return;
		const response = await send(sessions.get(visitor)!, 'POST', '/proxy?/actFor', { patronId: String(ids.ichiro) });
		expect(response.headers()['location'], `${visitor} acts for 一郎`).toBe('/proxy?done=acting');
	}

	test('revoked and expired proxies cannot act for 一郎, and an unknown id is refused alike', async () => {
		for (const visitor of ['revokedProxy', 'expiredProxy', 'otherPatron'] as Visitor[]) {
			const response = await send(sessions.get(visitor)!, 'POST', '/proxy?/actFor', { patronId: String(ids.ichiro) });
			expect(response.status(), `${visitor} acting for 一郎`).toBe(400);
			expect(await response.text()).toContain('この方の代理で操作する権限はありません');
		}
		const unknown = await send(sessions.get('proxyInScope')!, 'POST', '/proxy?/actFor', { patronId: NONE });
		expect(unknown.status()).toBe(400);
	});

	for (const row of ROWS) {
		test(`${row.method} ${row.route}`, async () => {
			const problems: string[] = [];
			for (const visitor of VISITORS) {
				const outcome = row.expect[visitor];
				if (outcome.startsWith('skip:')) continue;
				await prepare(visitor);
				const path = typeof row.path === 'function' ? row.path() : row.path;
				const context = sessions.get(visitor)!;
				const response = await send(context, row.method, path);
				const problem = await check(response, outcome);
				if (problem) problems.push(`${visitor}: expected ${outcome}, ${problem}`);
			}
			expect(problems, `${row.method} ${typeof row.path === 'function' ? row.path() : row.path}`).toEqual([]);
		});
	}
});

const ACTING_FOR_ICHIRO = `${PEOPLE.ichiro.name}さんの代理で操作しています`;

/**
 * A request, tried again once if the connection was reset: Node closes an idle keep-alive connection
 * after five seconds, and a request sent on it at that moment fails without reaching the app.
 */
async function send(context: APIRequestContext, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<APIResponse> {
	const once = () => (method === 'GET' ? context.get(path) : context.post(path, { form: form ?? {} }));
	try {
		return await once();
	} catch (error) {
		if (!String(error).includes('ECONNRESET')) throw error;
		return once();
	}
}

/** Null when the response is what `outcome` says; otherwise what was wrong. */
async function check(response: APIResponse, outcome: Outcome): Promise<string | null> {
	const status = response.status();
	const location = response.headers()['location'] ?? '';
	const got = `got ${status}${location ? ` → ${location}` : ''}`;
	if (status >= 500) return `${got} (a server error)`;
	const toSignIn = status === 303 && location.startsWith('/sign-in');
	const ended = status === 303 && location.startsWith('/proxy?done=ended');
	switch (outcome) {
		case 'signin':
			return toSignIn ? null : got;
		case 'deny':
			return status === 403 ? null : got;
		case 'unauthorized':
			return status === 401 ? null : got;
		case 'notfound':
			return status === 404 ? null : got;
		case 'pass':
			return status === 401 || status === 403 || toSignIn || ended ? got : null;
		case 'ok':
		case 'own':
		case 'for': {
			if (status !== 200) return got;
			const body = await response.text();
			const actingForIchiro = body.includes(ACTING_FOR_ICHIRO);
			if (outcome === 'for' && !actingForIchiro) return 'got 200 without the acting-for landmark';
			if (outcome === 'own' && (actingForIchiro || body.includes(PEOPLE.ichiro.name) || body.includes(PEOPLE.ichiro.cardNumber))) return "got 200 showing 一郎's data";
			return null;
		}
		default: {
			const target = outcome.slice('redirect:'.length);
			return status === 303 && location === target ? null : got;
		}
	}
}
