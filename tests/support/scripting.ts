import type { Page } from '@playwright/test';

/**
 * Whether the page's own scripts run (false in the `nojs` project). Playwright's evaluation still
 * works there, but timers and other callbacks from the page never fire, which tools running in the
 * page (axe, the virtual screen reader) have to work around.
 */
export function scriptingEnabled(page: Page): Promise<boolean> {
	return page.evaluate(() => {
		// <noscript> content is parsed as elements only when scripting is disabled.
		const probe = document.createElement('div');
		probe.innerHTML = '<noscript><span></span></noscript>';
		return probe.querySelector('noscript span') === null;
	});
}
