// Which pages the service worker may keep on the device.
//
// One source of truth for two places: the browser (register.ts warms the cache only for these
// pages) and the service worker, whose source src/cli/generate-sw.js builds from these functions'
// text (`fn.toString()`). So every function here must be self-contained: no imports, and no
// reference to anything outside its own body, not even to each other. cache-policy.test.ts
// checks this by rebuilding each function from its source alone.
//
// Plain JavaScript with JSDoc types because generate-sw.js runs in Node 20, which cannot import
// TypeScript.

/** Name of the runtime cache holding public pages; deleted at sign-out. */
export const PAGES_CACHE = 'pages';

/** The page served when a navigation fails and nothing is cached (precached). */
export const OFFLINE_PAGE = '/offline.html';

/**
 * Whether a same-origin URL is a public page that may be cached for offline reading.
 * An allow-list on purpose: a page added later stays uncached until someone decides otherwise.
 * @param {URL} url
 * @returns {boolean}
 */
export function isCacheablePageUrl(url) {
	const path = url.pathname;
	// SvelteKit's own files and client-side navigation data are never pages.
	if (path.startsWith('/_app/') || path.endsWith('/__data.json')) return false;
	// `/`, `/search`, `/items/<id>`, `/help` and its sub-pages, `/accessibility`, `/privacy`, `/about`.
	// Anything under an item page (such as a hold form) is left out: it acts for a patron.
	const publicPage = /^\/(?:search|items\/[^/]+|help(?:\/[^/]+)*|accessibility|privacy|about)?\/?$/;
	if (!publicPage.test(path)) return false;
	// What someone searched for is reading-privacy data: on a shared library terminal the next
	// person must not find it offline, so search results are never stored (the empty form is).
	if (path.replace(/\/$/, '') === '/search' && url.search !== '') return false;

	// A URL that carries a secret (a one-time link, a reset code) must never be stored, even on
	// a public page.
	const secretName =
		/token|secret|passw|passcode|otp|nonce|session|ticket|signature|(?:^|[_-])(?:code|key|sig|sid|auth|state)(?:$|[_-])/i;
	for (const [name, value] of url.searchParams) {
		if (secretName.test(name)) return false;
		// An opaque value of 32+ URL-safe characters mixing letters and digits looks like a token
		// whatever its name; no real catalogue query looks like that.
		if (
			value.length >= 32 &&
			/^[A-Za-z0-9._~+/=-]+$/.test(value) &&
			/[0-9]/.test(value) &&
			/[A-Za-z]/.test(value)
		) {
			return false;
		}
	}
	return true;
}

/**
 * Whether a response may be stored: refuses any whose `Cache-Control` says `private` or
 * `no-store`. The server marks every personal page so; this is the second line of defence
 * behind the URL allow-list.
 * @param {Response} response
 * @returns {boolean}
 */
export function isStorableResponse(response) {
	const cacheControl = (response.headers.get('Cache-Control') || '').toLowerCase();
	// Directive names, not substrings: `private="set-cookie"` counts, a made-up `x-privateish` does not.
	return !/(?:^|[\s,])(?:private|no-store)(?:$|[\s,=])/.test(cacheControl);
}
