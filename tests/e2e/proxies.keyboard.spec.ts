import { expect, test, type Page } from '@playwright/test';
import { expectFocusNotOnBody, tabTo } from '../support/keyboard';
import { LANGUAGES } from '../support/languages';
import { actingForRegion, message, PEOPLE, signedInPage } from '../support/proxies';

/**
 * The proxy journey with the keyboard alone (page.keyboard: Tab, arrows, Space, Enter), in Japanese,
 * English and Easy Japanese, with JavaScript on and off (WCAG 2.1.1, 2.4.3, 4.1.3):
 * 練馬 花子 invites by a one-time code → 山田 健 accepts it → acts for her → every page says so, in a
 * landmark and in the <title> → one step back to himself.
 *
 * Signing in is set up with the form filled directly (its own keyboard journey is sign-in.keyboard.spec.ts).
 * Every run makes a new grant from 花子 to 健, which replaces the previous one: the runs may go in parallel.
 */

const isJs = () => test.info().project.use.javaScriptEnabled !== false;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Presses Enter on the focused control and waits for the URL the form or link leads to. */
async function enterAndWait(page: Page, url: RegExp) {
	await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

for (const { code: lang } of LANGUAGES) {
	test(`[${lang}] invite by code, accept, act for, see it on every page, go back — keyboard only`, async ({ browser, baseURL }) => {
		test.slow();
		const js = isJs();
		const m = (key: string, values: Record<string, string | number> = {}) => message(lang, key, values);

		// ----- 花子 invites -----------------------------------------------------------------------
		const page = await signedInPage(browser, baseURL!, 'hanako', lang, js);
		const focusOk = async (step: string) => {
			if (js) await expectFocusNotOnBody(page, step);
		};
		await page.goto('/account/proxies');
		await tabTo(page, page.getByRole('link', { name: m('proxies:mine.inviteLink') }));
		await enterAndWait(page, /\/account\/proxies\/invite$/);
		await focusOk('opening the invite form');

		// The method: Tab reaches the first radio button; the arrow key moves to and chooses "by code".
		await tabTo(page, page.locator('#method'));
		await page.keyboard.press('ArrowDown');
		await expect(page.locator('#method-2')).toBeFocused();
		await expect(page.locator('#method-2')).toBeChecked();
		// What the proxy may do: reservations (which includes seeing them).
		await tabTo(page, page.locator('input[name="scopes"][value="reservations"]'));
		await page.keyboard.press('Space');
		await expect(page.locator('input[name="scopes"][value="reservations"]')).toBeChecked();
		await tabTo(page, page.getByRole('button', { name: m('proxies:invite.submit') }));
		await enterAndWait(page, /\/account\/proxies\/invite\/done$/);

		// The outcome takes focus, with or without JavaScript, and the code is on the page once.
		const codeHeading = page.getByRole('heading', { name: m('proxies:inviteDone.codeTitle') });
		await expect(codeHeading).toBeFocused();
		const code = (await page.locator('#invite-code [aria-hidden="true"]').innerText()).trim();
		expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
		await page.context().close();

		// ----- 健 accepts and acts for her ------------------------------------------------------------
		const proxy = await signedInPage(browser, baseURL!, 'ken', lang, js);
		await proxy.goto('/proxy/accept');
		await tabTo(proxy, proxy.locator('#code'));
		await proxy.keyboard.type(code);
		await enterAndWait(proxy, /\/proxy\?done=accepted$/);
		await expect(proxy.getByRole('heading', { name: m('proxies:hub.done.accepted') })).toBeFocused();

		const actFor = proxy.getByRole('button', { name: m('proxies:hub.actFor', { name: PEOPLE.hanako.name }) });
		await tabTo(proxy, actFor);
		await enterAndWait(proxy, /\/proxy\?done=acting$/);

		// Switching is announced: the confirmation has focus; the landmark and the title say whose account it is.
		await expect(proxy.getByRole('heading', { name: m('proxies:hub.done.acting', { name: PEOPLE.hanako.name }) })).toBeFocused();
		if (js) await expectFocusNotOnBody(proxy, 'switching');
		await expect(actingForRegion(proxy, lang, PEOPLE.hanako.name)).toBeVisible();
		const hubTitle = m('proxies:title.actingFor', { page: m('proxies:hub.title'), name: PEOPLE.hanako.name });
		await expect(proxy).toHaveTitle(new RegExp(`^${escape(hubTitle)} \\| `));

		// Another page: the landmark and the title follow.
		await tabTo(proxy, proxy.getByRole('link', { name: m('proxies:hub.links.reservations') }));
		await enterAndWait(proxy, /\/account\/reservations$/);
		await expect(actingForRegion(proxy, lang, PEOPLE.hanako.name)).toBeVisible();
		await expect(proxy).toHaveTitle(new RegExp(`^${escape(m('proxies:title.actingFor', { page: m('holds:list.title'), name: PEOPLE.hanako.name }))} \\| `));
		if (js) await expectFocusNotOnBody(proxy, 'opening the reservations');

		// One step back: the button in the landmark, reached with Shift+Tab from the page (or Tab from the top).
		const stop = proxy.getByRole('button', { name: m('proxies:banner.stop', { name: PEOPLE.hanako.name }) });
		await tabTo(proxy, stop, { backwards: 'auto' });
		await enterAndWait(proxy, /\/proxy\?done=stopped$/);
		await expect(proxy.getByRole('heading', { name: m('proxies:hub.done.stopped') })).toBeFocused();
		await expect(proxy.getByRole('region', { name: m('proxies:banner.actingFor', { name: PEOPLE.hanako.name }) })).toHaveCount(0);
		await expect(proxy).toHaveTitle(new RegExp(`^${escape(m('proxies:hub.title'))} \\| `));
		await proxy.context().close();
	});
}
