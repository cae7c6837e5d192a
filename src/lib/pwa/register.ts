// Registers the Workbox service worker that src/cli/generate-sw.js writes to build/client/sw.js,
// tells the page when a new version is waiting, and keeps the offline page cache honest.
// Browser only: every export does nothing on the server. UpdateNotice.svelte is the usual caller.

import { browser, dev } from '$app/environment';
import { PAGES_CACHE, isCacheablePageUrl } from './cache-policy.js';

type UpdateListener = () => void;

/** Browsers check for a new sw.js on navigations; client-side routing makes few of those. */
const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

let registration: Promise<ServiceWorkerRegistration | undefined> | undefined;
let waitingWorker: ServiceWorker | null = null;
let updateAvailable = false;
let reloading = false;
const listeners = new Set<UpdateListener>();

function supported(): boolean {
	return browser && 'serviceWorker' in navigator;
}

/** Registers /sw.js once (later calls share the first); resolves undefined where unsupported. */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
	if (!supported()) return Promise.resolve(undefined);
	registration ??= dev ? unregisterInDev() : register();
	return registration;
}

async function register(): Promise<ServiceWorkerRegistration | undefined> {
	try {
		// updateViaCache 'none': the HTTP cache must never hide a new sw.js or Workbox runtime.
		const reg = await navigator.serviceWorker.register('/sw.js', {
			scope: '/',
			updateViaCache: 'none'
		});
		watchForUpdates(reg);
		// A page the worker already controlled went through its page cache on the way in.
		// Otherwise (the very first visit) ask the worker to fetch and store it now.
		if (!navigator.serviceWorker.controller) warmPageCache();
		return reg;
	} catch (error) {
		// The portal works fully online without a worker; only offline reading is lost.
		console.warn('Service worker registration failed:', error);
		return undefined;
	}
}

// `vite dev` has no sw.js, and a worker left by an earlier production run on the same port
// would go on answering navigations with its own cached pages and precached files.
async function unregisterInDev(): Promise<undefined> {
	try {
		const registrations = await navigator.serviceWorker.getRegistrations();
		await Promise.all(registrations.map((reg) => reg.unregister()));
	} catch {
		// Not a secure context, or storage blocked: there is no worker to remove either.
	}
	return undefined;
}

function watchForUpdates(reg: ServiceWorkerRegistration): void {
	// With no controller this is a first install (or a hard reload): nothing to update from.
	if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
	reg.addEventListener('updatefound', () => {
		const installing = reg.installing;
		if (!installing) return;
		installing.addEventListener('statechange', () => {
			if (installing.state === 'installed' && navigator.serviceWorker.controller) {
				announce(installing);
			}
		});
	});

	let lastCheck = Date.now();
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState !== 'visible') return;
		if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
		lastCheck = Date.now();
		reg.update().catch(() => {
			// Offline or server down: the next check will try again.
		});
	});
}

function announce(worker: ServiceWorker): void {
	waitingWorker = worker;
	updateAvailable = true;
	for (const listener of listeners) listener();
}

/**
 * Calls `listener` when a new version is installed and waiting (at once if one already is).
 * Returns a function that stops listening.
 */
export function onUpdateAvailable(listener: UpdateListener): () => void {
	listeners.add(listener);
	if (updateAvailable) listener();
	return () => listeners.delete(listener);
}

/**
 * Activates the waiting version and reloads the page once it has taken over.
 * Only ever on the user's request: a reload throws away whatever they were typing.
 */
export function applyUpdate(): void {
	if (!supported() || reloading) return;
	const worker = waitingWorker;
	if (!worker || worker.state !== 'installed') {
		// Already activated, by another tab for instance: a reload is all that is left.
		reloading = true;
		location.reload();
		return;
	}
	// Listen only now: clientsClaim also fires controllerchange on a first install, and that
	// must not reload the page under the user.
	navigator.serviceWorker.addEventListener('controllerchange', () => {
		if (reloading) return;
		reloading = true;
		location.reload();
	});
	// Workbox's generated worker calls skipWaiting() on this message.
	worker.postMessage({ type: 'SKIP_WAITING' });
}

/**
 * Asks the service worker to fetch and store a public page (default: the current one) so it
 * can be read offline. Call after a client-side navigation or an enhanced form post, which
 * never pass through the worker as page loads. Personal pages are ignored.
 */
export function warmPageCache(href: string = location.href): void {
	if (!supported() || dev) return;
	const url = new URL(href, location.href);
	url.hash = '';
	if (url.origin !== location.origin || !isCacheablePageUrl(url)) return;
	void navigator.serviceWorker.ready.then((reg) => {
		// Workbox's router answers CACHE_URLS by running each URL through its routes, so the
		// page gets the same allow-list and Cache-Control checks as a real navigation. The
		// Accept header is what lets the page route match a request that is not a navigation.
		reg.active?.postMessage({
			type: 'CACHE_URLS',
			payload: { urlsToCache: [[url.href, { headers: { Accept: 'text/html' } }]] }
		});
	});
}

/**
 * Deletes every stored page from this device. Call at sign-out, before the next person can
 * use the browser: pages are cached only when the server allowed it, but search terms are in
 * their URLs. Never throws.
 */
export async function clearPersonalCaches(): Promise<void> {
	if (!browser) return;
	try {
		if ('caches' in window) await caches.delete(PAGES_CACHE);
		await forgetExpirationRecords(PAGES_CACHE);
	} catch (error) {
		console.warn('Could not clear the page cache:', error);
	}
}

// Workbox's ExpirationPlugin keeps each cached URL and its time in IndexedDB
// ('workbox-expiration', store 'cache-entries', index 'cacheName'); deleting the cache alone
// would leave that list of URLs, search terms included, behind.
function forgetExpirationRecords(cacheName: string): Promise<void> {
	return new Promise((resolve) => {
		if (!('indexedDB' in window)) return resolve();
		const request = indexedDB.open('workbox-expiration');
		// No database yet: abort, so that we do not create an empty one that Workbox, expecting
		// to build it itself, could then not upgrade.
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = () => resolve();
		request.onblocked = () => resolve();
		request.onsuccess = () => {
			const db = request.result;
			if (!db.objectStoreNames.contains('cache-entries')) {
				db.close();
				return resolve();
			}
			const transaction = db.transaction('cache-entries', 'readwrite');
			const store = transaction.objectStore('cache-entries');
			const cursorRequest = store.index('cacheName').openKeyCursor(IDBKeyRange.only(cacheName));
			cursorRequest.onsuccess = () => {
				const cursor = cursorRequest.result;
				if (!cursor) return;
				store.delete(cursor.primaryKey);
				cursor.continue();
			};
			const done = () => {
				db.close();
				resolve();
			};
			transaction.oncomplete = done;
			transaction.onabort = done;
		};
	});
}
