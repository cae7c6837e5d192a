import { expect, test, type Page } from '@playwright/test';
import { tabTo } from '../support/keyboard';
import { useLanguage } from '../support/languages';
import { startVirtualScreenReader } from '../support/virtual-screen-reader';

/**
 * Choosing a language and display settings with the keyboard alone, and what the browser then
 * applies: <html lang> (WCAG 3.1.1, also after client-side navigation), text size, motion
 * (2.3.3, and the OS setting), focus visible in Windows High Contrast / forced colours (2.4.7).
 */

const isJs = () => test.info().project.use.javaScriptEnabled !== false;

/** Each language link is named in its own language and marked with that language (Digital Agency pattern). */
const LANGUAGE_LINKS = [
	{ name: '日本語', lang: 'ja', code: 'ja' },
	{ name: 'English', lang: 'en', code: 'en' },
	{ name: 'やさしい にほんご', lang: 'ja', code: 'easy' }
] as const;

async function expectLanguageLinks(page: Page, current: (typeof LANGUAGE_LINKS)[number]['code']) {
	for (const link of LANGUAGE_LINKS) {
		const locator = page.getByRole('link', { name: link.name, exact: true });
		await expect(locator, `the "${link.name}" link`).toHaveAttribute('lang', link.lang);
		await expect(locator).toHaveAttribute('href', new RegExp(`^/language/${link.code}\\?return=`));
		if (link.code === current) await expect(locator, 'the current language is marked').toHaveAttribute('aria-current', /.+/);
		else await expect(locator).not.toHaveAttribute('aria-current', /.+/);
	}
}

test('switching language with the keyboard changes <html lang>, also after client-side navigation', async ({ page }) => {
	test.slow(); // eight page loads and some sixty key presses
	const html = page.locator('html');
	await page.goto('/help');
	await expect(html).toHaveAttribute('lang', 'ja');
	await expectLanguageLinks(page, 'ja');

	// To English, from the page the person was on.
	await tabTo(page, page.getByRole('link', { name: 'English', exact: true }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/help$/);
	await expect(html).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
	await expectLanguageLinks(page, 'en');

	// A client-side navigation (with JavaScript) keeps the language right.
	await tabTo(page, page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Display settings' }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/preferences$/);
	await expect(page.locator('h1')).toHaveText('Display settings');
	await expect(html).toHaveAttribute('lang', 'en');

	// To Easy Japanese, which is Japanese to the browser and to screen readers. (With JavaScript focus
	// is now on the h1, so go back up to the header; without, the page was reloaded and focus is at the top.)
	await tabTo(page, page.getByRole('link', { name: 'やさしい にほんご', exact: true }), { backwards: 'auto' });
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/preferences$/);
	await expect(html).toHaveAttribute('lang', 'ja');
	await expectLanguageLinks(page, 'easy');

	// Back to the home page by client-side navigation, then back to Japanese.
	const easyMenu = page.getByRole('navigation', { name: 'メニュー', exact: true });
	await tabTo(page, easyMenu.getByRole('link', { name: 'はじめの ページ' }), { backwards: 'auto' });
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/$/);
	await expect(html).toHaveAttribute('lang', 'ja');
	await tabTo(page, page.getByRole('link', { name: 'English', exact: true }), { backwards: 'auto' });
	await page.keyboard.press('Enter');
	await expect(html).toHaveAttribute('lang', 'en');
	await tabTo(page, page.getByRole('link', { name: '日本語', exact: true }), { backwards: 'auto' });
	await page.keyboard.press('Enter');
	await expect(html).toHaveAttribute('lang', 'ja');
	await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toBeVisible();
});

const SAVED = '表示の設定を保存しました。';

test('display settings can be changed with the keyboard alone, are announced, and survive a reload', async ({ page }) => {
	const html = page.locator('html');
	await page.goto('/preferences');
	await expect(html).toHaveAttribute('data-text-size', '100');
	await expect(page.getByText(SAVED)).toHaveCount(0);
	const sr = isJs() ? await startVirtualScreenReader(page) : null;

	// Into the text-size group: Tab lands on the checked radio, arrows choose.
	await tabTo(page, page.locator('input[name="textSize"][value="100"]'));
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	const large = page.locator('input[name="textSize"][value="150"]');
	await expect(large).toBeFocused();
	await expect(large).toBeChecked();

	// On through the other groups to the save button.
	const save = page.locator('#main form button[type="submit"]');
	await tabTo(page, save);
	await expect(save).toHaveText('保存する');
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL(/\/preferences\?saved=1$/);
	await expect(html).toHaveAttribute('data-text-size', '150');

	// The outcome must reach a screen reader without the person hunting for it (WCAG 4.1.3): either a
	// status region that was already in the page says it, or focus moves to it (GOV.UK notification
	// banner, which the portal uses after a redirect: the heading has autofocus / is focused on mount).
	const inStatus = page.getByRole('status').filter({ hasText: SAVED });
	const focused = page.locator(':focus').filter({ hasText: SAVED });
	await expect(inStatus.or(focused), 'the saved message is in a status region or has focus').toHaveCount(1);
	if (sr) {
		await expect
			.poll(async () => (await sr.spokenPhraseLog()).filter((phrase) => phrase.includes(SAVED)), {
				message: 'the screen reader says the settings were saved'
			})
			.not.toEqual([]);
	}

	await page.reload();
	await expect(html).toHaveAttribute('data-text-size', '150');
	await expect(page.locator('input[name="textSize"][value="150"]')).toBeChecked();
	// The other settings were left as they were.
	await expect(html).toHaveAttribute('data-theme', 'default');
	await expect(html).toHaveAttribute('data-motion', 'standard');
});

/** Pages where something could move: a plain page, a form with errors, a saved banner. */
async function expectNoAnimations(page: Page) {
	for (const path of ['/', '/sign-in', '/preferences?saved=1']) {
		await page.goto(path);
		if (path === '/sign-in') {
			await page.locator('#main form button[type="submit"]').press('Enter');
			await expect(page.locator('#error-summary')).toBeVisible();
		}
		const running = () =>
			page.evaluate(() =>
				document.getAnimations().map((a) => {
					const target = (a.effect as KeyframeEffect | null)?.target;
					const name = 'animationName' in a ? (a as CSSAnimation).animationName : 'transitionProperty' in a ? (a as CSSTransition).transitionProperty : a.id;
					return `${a.constructor.name} ${name} on ${target?.tagName.toLowerCase() ?? '?'}${target?.id ? `#${target.id}` : ''}${target?.className ? `.${String(target.className).split(' ')[0]}` : ''}`;
				})
			);
		expect(await running(), `animations on ${path} after load`).toEqual([]);
		// Focus changes are where transitions usually hide.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		expect(await running(), `animations on ${path} while moving focus`).toEqual([]);
	}
}

test.describe('reduced motion', () => {
	test('the operating-system setting (prefers-reduced-motion) stops every animation', async ({ page }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await expectNoAnimations(page);
	});

	test('the portal\'s own motion setting stops every animation', async ({ page, context, baseURL }) => {
		await page.emulateMedia({ reducedMotion: 'no-preference' });
		await context.addCookies([{ name: 'display', value: '100.default.reduce.off', url: baseURL! }]);
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduce');
		await expectNoAnimations(page);
	});
});

test('in forced-colours mode every focused control shows an outline', async ({ page }) => {
	await page.emulateMedia({ forcedColors: 'active' });
	await page.goto('/sign-in');
	// Box-shadow focus rings vanish in forced colours; only outline (or border) survives.
	const targets = [
		{ what: 'the skip link', locator: page.getByRole('link', { name: '本文へ移動' }) },
		{ what: 'a header link', locator: page.getByRole('link', { name: 'English', exact: true }) },
		{ what: 'a navigation link', locator: page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }) },
		{ what: 'a text field', locator: page.locator('#cardNumber') },
		{ what: 'a button', locator: page.locator('#main form button[type="submit"]') },
		{ what: 'a footer link', locator: page.locator('footer').getByRole('link').first() }
	];
	for (const { what, locator } of targets) {
		await tabTo(page, locator, { max: 60 });
		const outline = await locator.evaluate((el) => {
			const style = getComputedStyle(el);
			return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
		});
		expect(outline.style, `${what}: outline-style when focused in forced colours`).not.toBe('none');
		expect(outline.width, `${what}: outline-width when focused in forced colours`).toBeGreaterThan(0);
	}
});

/** Chromium's own accessibility tree (what a screen reader gets): name and description by role. */
async function chromiumNames(page: Page, role: string): Promise<{ name: string; description: string }[]> {
	const cdp = await page.context().newCDPSession(page);
	try {
		const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string }; ignored: boolean }[] };
		return nodes
			.filter((node) => !node.ignored && node.role?.value === role)
			.map((node) => ({ name: node.name?.value ?? '', description: node.description?.value ?? '' }));
	} finally {
		await cdp.detach();
	}
}

test('with furigana on, labels, hints, legends, buttons and menu links show readings that are seen, not heard', async ({ page, baseURL }) => {
	await useLanguage(page.context(), 'easy', baseURL!);
	await page.goto('/preferences');
	await page.locator('input[name="furigana"][value="on"]').check();
	await page.locator('#main form button[type="submit"]').click();
	await expect(page).toHaveURL(/\/preferences\?saved=1$/);

	await page.goto('/sign-in');
	// The label and the hint of the card number show 番号 with its reading …
	const label = page.locator('label[for="cardNumber"]');
	await expect(label.locator('ruby')).toContainText('番号');
	await expect(label.locator('rt')).toHaveText('ばんごう');
	await expect(page.locator('#cardNumber-hint ruby').first()).toBeVisible();
	await expect(page.locator('.site-nav a[href="/preferences"] rt').first()).toHaveText('み');
	// … and the browser gives a screen reader each word once, whole: no reading, and no space inside a word
	// (a <ruby> as a flex item of a link or button would be split off by one: 見 え 方).
	const textboxes = await chromiumNames(page, 'textbox');
	expect(textboxes).toContainEqual({ name: 'カードの 番号 かならず 書く', description: '図書館カードの うらに ある 10桁の 番号' });
	const links = (await chromiumNames(page, 'link')).map((link) => link.name);
	expect(links).toContain('見え方を かえる');
	expect(links).toContain('相談・問い合わせ');
	// Read from the top to the box: no word is followed by its reading anywhere on the way.
	const sr = await startVirtualScreenReader(page);
	await sr.readUntil(/textbox, カードの\s*番号/, 250);
	const heard = (await sr.spokenPhraseLog()).join('\n');
	expect(heard).toMatch(/図書館/);
	expect(heard).not.toMatch(/番号\s*ばんごう|図書館\s*としょかん/);
	await sr.stop();

	// A legend and a button too: the display settings' own choices, and 保存.
	await page.goto('/preferences');
	await expect(page.locator('fieldset legend ruby').first()).toBeVisible();
	const save = page.locator('#main form button[type="submit"]');
	await expect(save.locator('rt')).toHaveText('ほぞん');
	expect((await chromiumNames(page, 'button')).map((button) => button.name)).toContain('保存する');
});
