/**
 * What a proxy may do for a patron (DOMAIN §1, §6; issue 4). Shared by the server (grants, guards) and
 * the pages (checkbox lists, the acting-for hub), so it holds no server code.
 */
export const PROXY_SCOPES = [
	'reservations',
	'view_loans_reservations',
	'reading_services',
	'home_delivery',
	'accommodation',
	'receive_notices'
] as const;
export type ProxyScope = (typeof PROXY_SCOPES)[number];

export function isProxyScope(value: unknown): value is ProxyScope {
	return typeof value === 'string' && (PROXY_SCOPES as readonly string[]).includes(value);
}

/**
 * Scopes that include others. Placing, cancelling and changing reservations is impossible without
 * seeing them, so `reservations` includes `view_loans_reservations`; the invite form says so.
 */
export const SCOPE_INCLUDES: Readonly<Partial<Record<ProxyScope, readonly ProxyScope[]>>> = {
	reservations: ['view_loans_reservations']
};

/** Whether a grant with these scopes allows what `needed` names. */
export function scopeAllows(granted: readonly ProxyScope[], needed: ProxyScope): boolean {
	return granted.some((scope) => scope === needed || (SCOPE_INCLUDES[scope] ?? []).includes(needed));
}

/** The scopes in the canonical order, without repeats: how grants store and pages show them. */
export function sortScopes(scopes: readonly ProxyScope[]): ProxyScope[] {
	return PROXY_SCOPES.filter((scope) => scopes.includes(scope));
}

/**
 * Where a proxy goes to use each scope, for the acting-for hub. Notices have no page: they are sent.
 */
export const SCOPE_PAGES: Readonly<Partial<Record<ProxyScope, readonly { href: string; key: string }[]>>> = {
	reservations: [
		{ href: '/account/reservations', key: 'proxies:hub.links.reservations' },
		{ href: '/search', key: 'proxies:hub.links.search' }
	],
	view_loans_reservations: [{ href: '/account/reservations', key: 'proxies:hub.links.reservations' }],
	reading_services: [{ href: '/reading-services', key: 'proxies:hub.links.readingServices' }],
	accommodation: [{ href: '/accommodation', key: 'proxies:hub.links.accommodation' }],
	home_delivery: [{ href: '/home-delivery', key: 'delivery:links.account' }]
};
