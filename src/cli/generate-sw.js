// Writes the service worker, build/client/sw.js, with Workbox. Runs after `vite build`
// (`npm run build`) and before the server starts: adapter-node scans build/client once at start-up.
//
//   node src/cli/generate-sw.js                      # writes build/client/sw.js
//   SW_BUILD_DIR=/tmp/x/client node src/cli/generate-sw.js
//
// What the worker does:
// - precaches the app shell: SvelteKit's hashed JS/CSS/assets, icons, the manifest, offline.html;
// - keeps public pages (search, item pages, home, help, accessibility, about) in the 'pages'
//   cache, network first, so a page already read can be read again offline;
// - never stores personal pages: they are outside the URL allow-list, and any response marked
//   `Cache-Control: private` or `no-store` is refused as well;
// - answers a failed navigation that has nothing cached with /offline.html;
// - waits for the page to post {type: 'SKIP_WAITING'} before taking over (src/lib/pwa/register.ts),
//   so nobody loses what they are typing to an update they did not ask for.
//
// No `navigateFallback`: pages are rendered on the server, so there is no app shell to fall back to.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSW } from 'workbox-build';
import {
	OFFLINE_PAGE,
	PAGES_CACHE,
	isCacheablePageUrl,
	isStorableResponse
} from '../lib/pwa/cache-policy.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const buildDir = process.env.SW_BUILD_DIR
	? path.resolve(process.env.SW_BUILD_DIR)
	: path.join(projectRoot, 'build', 'client');

/**
 * Makes a function from source text. Workbox copies route matchers and plugin callbacks into
 * sw.js with `Function.prototype.toString()`, so they cannot close over anything in this file;
 * building them from text lets the shared policy functions be pasted in whole.
 * @param {string} source
 * @returns {(...args: any[]) => any}
 */
function fromSource(source) {
	return new Function(`return (${source});`)();
}

/** Same-origin GET requests for public HTML pages: navigations, and the CACHE_URLS warm-up. */
const publicPageRequest = fromSource(`({ url, request, sameOrigin }) =>
	sameOrigin &&
	request.method === 'GET' &&
	(request.mode === 'navigate' || (request.headers.get('Accept') || '').includes('text/html')) &&
	(${isCacheablePageUrl.toString()})(url)`);

/** Every other same-origin navigation: fetched, never stored, offline page on failure. */
const otherNavigation = fromSource(`({ url, request, sameOrigin }) =>
	sameOrigin && request.mode === 'navigate' && !url.pathname.startsWith('/_app/')`);

/** Refuses responses the server marked private or no-store. */
const refusePrivateResponses = {
	cacheWillUpdate: fromSource(`async ({ response }) =>
		(${isStorableResponse.toString()})(response) ? response : null`)
};

/** @param {string} file */
function shown(file) {
	const relative = path.relative(process.cwd(), file);
	return relative.startsWith('..') ? file : relative;
}

/** @param {number} bytes */
function kib(bytes) {
	return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main() {
	if (!existsSync(path.join(buildDir, OFFLINE_PAGE.slice(1)))) {
		throw new Error(
			`${path.join(buildDir, OFFLINE_PAGE.slice(1))} not found: run \`vite build\` first ` +
				`(or set SW_BUILD_DIR to a SvelteKit client build directory).`
		);
	}
	const swDest = path.join(buildDir, 'sw.js');

	/** @type {string[]} */
	let precached = [];
	const { count, size, warnings, filePaths } = await generateSW({
		swDest,
		globDirectory: buildDir,
		globPatterns: [
			'_app/immutable/**/*',
			'icons/*.{png,svg}',
			'favicon.svg',
			'manifest.webmanifest',
			OFFLINE_PAGE.slice(1)
		],
		// adapter-node writes .gz and .br copies beside each file; the server picks one itself.
		globIgnores: ['**/*.gz', '**/*.br', '**/*.map'],
		// SvelteKit's immutable files carry a content hash in their names: no revision needed.
		dontCacheBustURLsMatching: /^_app\/immutable\//,
		// Only watches: the offline fallback is useless unless offline.html is precached.
		manifestTransforms: [
			async (entries) => {
				precached = entries.map((entry) => entry.url);
				return { manifest: entries, warnings: [] };
			}
		],
		cleanupOutdatedCaches: true,
		clientsClaim: true,
		// With skipWaiting false Workbox adds a listener for {type: 'SKIP_WAITING'} instead.
		skipWaiting: false,
		navigationPreload: true,
		inlineWorkboxRuntime: false,
		mode: 'production',
		sourcemap: false,
		runtimeCaching: [
			{
				urlPattern: publicPageRequest,
				handler: 'NetworkFirst',
				method: 'GET',
				options: {
					cacheName: PAGES_CACHE,
					// After this long a slow connection serves the cached copy instead.
					networkTimeoutSeconds: 10,
					expiration: { maxEntries: 50, maxAgeSeconds: 24 * 60 * 60, purgeOnQuotaError: true },
					cacheableResponse: { statuses: [200] },
					precacheFallback: { fallbackURL: OFFLINE_PAGE },
					plugins: [refusePrivateResponses]
				}
			},
			{
				urlPattern: otherNavigation,
				handler: 'NetworkOnly',
				method: 'GET',
				options: { precacheFallback: { fallbackURL: OFFLINE_PAGE } }
			}
			// POST is never routed: form submissions go straight to the network, untouched.
		]
	});

	if (!precached.includes(OFFLINE_PAGE.slice(1))) {
		throw new Error(`${OFFLINE_PAGE} is missing from the precache manifest.`);
	}

	for (const warning of warnings) console.warn(`generate-sw: warning: ${warning}`);
	console.log(`generate-sw: wrote ${filePaths.map(shown).join(', ')}`);
	console.log(`generate-sw: precaches ${count} files, ${kib(size)}`);
}

main().catch((error) => {
	console.error('generate-sw: failed:', error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
