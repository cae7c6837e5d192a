import { expect, type Locator, type Page } from '@playwright/test';

const BODY = '<body>';

/** A short description of the focused element, for failure messages ("<body>" when focus is lost). */
export function describeFocus(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return '<body>';
		const id = el.id ? `#${el.id}` : '';
		const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
		return `<${el.tagName.toLowerCase()}${id}> "${text}"`;
	});
}

/** Fails if focus has fallen back to `<body>` (SvelteKit does this after client-side navigation). */
export async function expectFocusNotOnBody(page: Page, step = ''): Promise<void> {
	const onBody = await page.evaluate(() => !document.activeElement || document.activeElement === document.body);
	expect(onBody, `focus is on <body>${step ? ` after ${step}` : ''}: keyboard and screen-reader users lose their place`).toBe(false);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking after every press that focus is
 * somewhere real. Returns the number of presses. Fails with the focus path if `max` presses are not enough.
 * `backwards: 'auto'` goes back with Shift+Tab when focus is already in <main> or the footer (e.g. on
 * the h1 after client-side navigation) and forwards from the top of a freshly loaded page.
 */
export async function tabTo(
	page: Page,
	target: Locator,
	{ max = 40, backwards = false }: { max?: number; backwards?: boolean | 'auto' } = {}
): Promise<number> {
	if (backwards === 'auto') {
		backwards = await page.evaluate(() => Boolean(document.activeElement?.closest('main, footer')));
	}
	const path: string[] = [];
	for (let presses = 1; presses <= max; presses++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		path.push(await describeFocus(page));
		expect(path.at(-1), `focus is on <body> after Tab number ${presses} (path: ${path.join(' → ')})`).not.toBe(BODY);
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return presses;
	}
	throw new Error(`Tab never reached ${target} in ${max} presses. Focus went: ${path.join(' → ')}`);
}
