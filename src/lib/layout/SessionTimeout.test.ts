import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import SessionTimeout from './SessionTimeout.svelte';

// Outside a request there is no SvelteKit page: give the component (and `t`) the one it reads.
vi.mock('$app/state', () => ({
	page: { data: { locale: 'ja', preferences: { furigana: 'off' } }, url: new URL('http://localhost/account/proxies/invite') }
}));

// What the server sends: the dialog, closed. It only ever opens with JavaScript (tests/e2e/session-timeout.spec.ts
// drives it in a browser); without JavaScript nothing of it shows or is read out.
describe('SessionTimeout on the server', () => {
	const body = render(SessionTimeout, { props: { session: { remainingMs: 7_200_000 } } }).body.replace(/<!--[^]*?-->/g, '');
	const dialog = /<dialog[^>]*>/.exec(body)?.[0] ?? '';

	it('renders a closed modal dialog, so it is neither shown nor read until it opens', () => {
		expect(dialog).not.toBe('');
		expect(dialog).not.toMatch(/\sopen[\s=>]/);
	});

	it('is an alert dialog named by its heading and described by its text', () => {
		expect(body).toContain('まもなくログインが終わります');
		expect(dialog).toContain('role="alertdialog"');
		expect(dialog).toContain('aria-labelledby="session-timeout-heading"');
		expect(dialog).toContain('aria-describedby="session-timeout-text"');
		expect(body).toMatch(/<h2 id="session-timeout-heading" tabindex="-1"[^>]*>[^<]+<\/h2>/);
		expect(body).toMatch(/<div id="session-timeout-text"><p>[^<]+<\/p>/);
	});

	it('has an empty alert region for a failed extension, in place before anything is written into it', () => {
		expect(body).toMatch(/<div role="alert"><\/div>/);
	});

	it('offers "stay signed in" as a script button and signing out as the ordinary sign-out form', () => {
		expect(body).toMatch(/<button type="button"[^>]*><span>[^<]+<\/span><\/button>/);
		expect(body).toMatch(/<form method="POST" action="\/sign-out"[^>]*>\s*<button type="submit"/);
	});
});
