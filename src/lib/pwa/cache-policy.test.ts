import { describe, expect, it } from 'vitest';
import { isCacheablePageUrl, isStorableResponse } from './cache-policy.js';

const page = (path: string) => isCacheablePageUrl(new URL(path, 'https://library.example'));

describe('isCacheablePageUrl', () => {
	it.each([
		'/',
		'/search',
		'/search/',
		'/items/12345',
		'/items/12345/',
		'/help',
		'/help/holds',
		'/help/holds/pickup',
		'/accessibility',
		'/about'
	])('stores the public page %s', (path) => {
		expect(page(path)).toBe(true);
	});

	it.each([
		'/account',
		'/account/loans',
		'/staff',
		'/staff/desk',
		'/proxy',
		'/proxy/123',
		'/reading-services',
		'/delivery',
		'/accommodation',
		'/sign-in',
		'/sign-out',
		'/items/12345/hold',
		'/search/__data.json',
		'/help/__data.json',
		'/_app/immutable/entry/start.js',
		'/searches',
		'/aboutus',
		'/items',
		'/offline.html'
	])('never stores %s', (path) => {
		expect(page(path)).toBe(false);
	});

	it.each([
		'/?token=abc',
		// What someone searched for is reading-privacy data: never stored.
		'/search?q=%E5%9B%B3%E6%9B%B8%E9%A4%A8',
		'/search?isbn=9784101010014',
		'/search?q=a&access_token=abc',
		'/search?reset-code=123456',
		'/search?code=xyz&state=abc',
		'/help?sessionId=1',
		'/about?api_key=1',
		'/search?q=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIzNDU2'
	])('never stores a public page whose query carries a secret: %s', (path) => {
		expect(page(path)).toBe(false);
	});
});

describe('isStorableResponse', () => {
	const withCacheControl = (value: string | null) =>
		isStorableResponse(new Response('', value === null ? {} : { headers: { 'Cache-Control': value } }));

	it('stores responses without Cache-Control or with shared caching allowed', () => {
		expect(withCacheControl(null)).toBe(true);
		expect(withCacheControl('no-cache')).toBe(true);
		expect(withCacheControl('public, max-age=0')).toBe(true);
	});

	it('refuses private and no-store in any spelling', () => {
		expect(withCacheControl('private, no-store')).toBe(false);
		expect(withCacheControl('no-store')).toBe(false);
		expect(withCacheControl('Private')).toBe(false);
		expect(withCacheControl('max-age=0,private')).toBe(false);
		expect(withCacheControl('private="Set-Cookie"')).toBe(false);
		expect(withCacheControl('no-cache, NO-STORE')).toBe(false);
	});
});

describe('the policy functions are self-contained', () => {
	// generate-sw.js pastes their source into the service worker, where nothing else exists.
	const rebuilt = <T>(fn: T): T => new Function(`return (${String(fn)});`)();

	it('work when rebuilt from their source alone', () => {
		expect(rebuilt(isCacheablePageUrl)(new URL('https://l.example/search'))).toBe(true);
		expect(rebuilt(isCacheablePageUrl)(new URL('https://l.example/search?q=a'))).toBe(false);
		expect(rebuilt(isCacheablePageUrl)(new URL('https://l.example/account'))).toBe(false);
		expect(rebuilt(isStorableResponse)(new Response(''))).toBe(true);
		expect(
			rebuilt(isStorableResponse)(new Response('', { headers: { 'Cache-Control': 'private' } }))
		).toBe(false);
	});
});
