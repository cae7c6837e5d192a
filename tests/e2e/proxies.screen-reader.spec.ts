import { expect, test, type Locator, type Page } from '@playwright/test';
import { LANGUAGES } from '../support/languages';
import { acceptCode, inviteByCode, message, PEOPLE, signedInPage } from '../support/proxies';
import { startVirtualScreenReader, type VirtualScreenReader } from '../support/virtual-screen-reader';

/**
 * What a screen-reader user hears when acting for someone, through @guidepup/virtual-screen-reader in the
 * page, in Japanese, English and Easy Japanese, with JavaScript on and off: the switch is announced (the
 * focused confirmation and the new <title>), the acting-for landmark is the first landmark after the
 * header and carries the one-step way back, and going back is confirmed too.
 *
 * Set-up (not under test here): 練馬 花子 invites by code and 高橋 誠 accepts. Each run makes a new grant
 * from 花子 to 誠, replacing the last, so the runs may go in parallel; 誠 stays an expired proxy of 一郎.
 */

const isJs = () => test.info().project.use.javaScriptEnabled !== false;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Activates the button the reader is on. With JavaScript the reader's own `act()` presses it (without
 * waiting for its promise: a press that loads a new page never settles it). Without JavaScript the
 * reader's synthetic press does not submit a form, so the button it reached is clicked as a real
 * reader's Enter would.
 */
async function activate(page: Page, button: Locator) {
	if (isJs()) {
		await page.evaluate(() => {
			void window.__vsr!.act();
		});
	} else {
		await button.click();
	}
}

/** The landmarks from the top of the page, in order, as the reader announces them. */
async function landmarks(sr: VirtualScreenReader, page: Page): Promise<string[]> {
	await sr.clearSpokenPhraseLog();
	const count = await page.locator('header, nav, main, footer, section[aria-labelledby], aside, [role="region"]').count();
	for (let i = 0; i < count + 2; i++) await sr.perform('moveToNextLandmark');
	return sr.spokenPhraseLog();
}

for (const { code: lang } of LANGUAGES) {
	test(`[${lang}] acting for someone is announced, shown as a landmark, and undone in one step`, async ({ browser, baseURL }) => {
		test.slow();
		const js = isJs();
		const m = (key: string, values: Record<string, string | number> = {}) => message(lang, key, values);
		const name = PEOPLE.hanako.name;

		const grantor = await signedInPage(browser, baseURL!, 'hanako', lang, js);
		const code = await inviteByCode(grantor, ['view_loans_reservations', 'receive_notices']);
		await grantor.context().close();
		const page = await signedInPage(browser, baseURL!, 'makoto', lang, js);
		await acceptCode(page, code);

		// The proxy page: the reader finds the button by its full name and presses it.
		await page.goto('/proxy');
		let sr = await startVirtualScreenReader(page);
		await sr.readUntil(new RegExp(`^button, ${escape(m('proxies:hub.actFor', { name }))}$`), 300);
		await sr.clearSpokenPhraseLog();
		await activate(page, page.getByRole('button', { name: m('proxies:hub.actFor', { name }) }));
		await expect(page).toHaveURL(/\/proxy\?done=acting$/);

		const titled = m('proxies:title.actingFor', { page: m('proxies:hub.title'), name });
		if (js) {
			// Without a key press: focus moves to the confirmation, and SvelteKit announces the new title.
			await expect
				.poll(() => sr.spokenPhraseLog(), { message: 'the focused confirmation is read after switching' })
				.toContain(`heading, ${m('proxies:hub.done.acting', { name })}, level 2`);
			await expect.poll(async () => (await sr.spokenPhraseLog()).some((p) => /^(assertive|polite): /.test(p) && p.includes(titled))).toBe(true);
		} else {
			// A new page: the browser focused the confirmation (autofocus); the reader starts again.
			await expect(page.getByRole('heading', { name: m('proxies:hub.done.acting', { name }) })).toBeFocused();
			sr = await startVirtualScreenReader(page);
		}
		expect(await page.title()).toContain(titled);

		// Landmark by landmark from the top: the header, then whose account this is, before the menu and main.
		const acting = `region, ${m('proxies:banner.actingFor', { name })}`;
		const heard = await landmarks(sr, page);
		const at = heard.indexOf(acting);
		expect(at, `the acting-for landmark is announced; the reader said:\n${heard.join('\n')}`).toBeGreaterThan(-1);
		expect(heard.slice(0, at).some((p) => p.startsWith('banner')), 'it comes right after the header').toBe(true);
		expect(heard.findIndex((p) => p === `navigation, ${m('nav.label')}`), 'and before the main menu').toBeGreaterThan(at);

		// Inside it, the way back is one button, named for the person.
		await sr.stop();
		sr = await startVirtualScreenReader(page);
		await sr.perform('moveToNextLandmark');
		await sr.perform('moveToNextLandmark');
		const stop = `button, ${m('proxies:banner.stop', { name })}`;
		await sr.readUntil(new RegExp(`^${escape(stop)}$`), 60);
		await activate(page, page.getByRole('button', { name: m('proxies:banner.stop', { name }) }));
		await expect(page).toHaveURL(/\/proxy\?done=stopped$/);

		// A new page (the way back is a plain form): the confirmation has focus and is the first thing after the h1.
		await expect(page.getByRole('heading', { name: m('proxies:hub.done.stopped') })).toBeFocused();
		sr = await startVirtualScreenReader(page);
		await sr.perform('moveToNextMain');
		await sr.readUntil(new RegExp(`^heading, ${escape(m('proxies:hub.title'))}, level 1$`), 5);
		await sr.readUntil(new RegExp(`^heading, ${escape(m('proxies:hub.done.stopped'))}, level 2$`), 5);
		await sr.stop();
		sr = await startVirtualScreenReader(page);
		expect(await landmarks(sr, page), 'no acting-for landmark once back').not.toContain(acting);
		expect(await page.title()).not.toContain(titled);
		await page.context().close();
	});
}
