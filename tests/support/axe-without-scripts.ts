import type { Page } from '@playwright/test';
import { expectNoAxeViolations, type AxeContext } from './axe';

/**
 * axe for pages opened with JavaScript off (the `nojs` project). In Debian's Chromium 156 a page whose
 * scripts are disabled never runs timers, animation frames or MessageChannel callbacks, not even for code
 * Playwright evaluates, so `axe.run` (which waits on them) never returns: the run hangs until the test
 * times out. Seen on these machines on 2026-11-22 for every page, this portal's or not.
 *
 * Here the page as rendered without scripts (its serialised DOM, `<noscript>` content included) is served
 * at the same URL to a page of its own with scripts on, with every script removed so nothing hydrates, and
 * axe runs there: the markup, styles, viewport, language and theme are the ones the person without
 * JavaScript gets. With scripts on it is simply `expectNoAxeViolations`.
 */
export async function expectNoAxeViolationsAnyScripting(page: Page, context: AxeContext = {}): Promise<void> {
	const scriptsRun = await page.evaluate(() => {
		const probe = document.createElement('div');
		probe.innerHTML = '<noscript><span></span></noscript>';
		return probe.querySelector('noscript span') === null;
	});
	if (scriptsRun) return expectNoAxeViolations(page, context);

	const url = page.url();
	const html = withoutScripts(await page.content());
	const browser = page.context().browser();
	if (!browser) throw new Error('expectNoAxeViolationsAnyScripting needs a page from a browser launched by Playwright');
	const copy = await browser.newContext({ viewport: page.viewportSize(), serviceWorkers: 'block', javaScriptEnabled: true });
	try {
		const clone = await copy.newPage();
		await clone.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
		await clone.goto(url);
		await expectNoAxeViolations(clone, { ...context, label: `${context.label ?? url} (rendered without JavaScript)` });
	} finally {
		await copy.close();
	}
}

/** The document without its scripts; `<noscript>` content (already parsed as elements) kept as such. */
function withoutScripts(html: string): string {
	return html
		.replace(/<script\b[\s\S]*?<\/script>/gi, '')
		.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/gi, '')
		.replace(/<noscript\b([^>]*)>/gi, '<div data-noscript$1>')
		.replace(/<\/noscript>/gi, '</div>');
}
