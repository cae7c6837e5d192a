import type { Page } from '@playwright/test';
import { scriptingEnabled } from './scripting';

/**
 * Waits until SvelteKit has hydrated the page (the root layout marks <body data-hydrated>), so a choice
 * or text entered next is not reset by hydration. Without JavaScript there is nothing to wait for.
 */
export async function waitForHydration(page: Page): Promise<void> {
	if (await scriptingEnabled(page)) await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}
