import { expect, test, type Page } from '@playwright/test';
import { useLanguage } from '../support/languages';
import { ACCOUNTS } from '../support/session';
import { startVirtualScreenReader, type VirtualScreenReader } from '../support/virtual-screen-reader';
import { waitForHydration } from '../support/hydration';

/**
 * What a screen-reader user hears on the sign-in journey, through @guidepup/virtual-screen-reader
 * running in the page (tests/support/virtual-screen-reader.ts). Role words ("textbox", "required")
 * are the reader's English; everything else is the page's own text, asserted in Japanese and English.
 *
 * With JavaScript on, the reader follows focus and live regions by itself, which is how the error
 * summary and the new page's heading get heard. Without JavaScript every submit is a new page: the
 * reader is started again and reads on from the top, as a real one does after a page load.
 */

const isJs = () => test.info().project.use.javaScriptEnabled !== false;

const PHRASES = {
	ja: {
		cardLabel: '利用者番号',
		requiredBadge: '必須',
		cardHint: '図書館カードの裏にある10桁の番号',
		passwordLabel: 'パスワード',
		passwordHint: 'パスワードを忘れた場合は、図書館の窓口か電話でお問い合わせください。',
		submit: 'ログインする',
		errorSummary: '入力内容を確認してください',
		errorPrefix: 'エラー:',
		invalid: '利用者番号またはパスワードが正しくありません',
		accountHeading: 'マイページ'
	},
	en: {
		cardLabel: 'User number',
		requiredBadge: 'required',
		cardHint: 'The 10-digit number on the back of your library card',
		passwordLabel: 'Password',
		passwordHint: 'If you have forgotten your password, ask at a library counter or by phone.',
		submit: 'Sign in',
		errorSummary: 'There is a problem',
		errorPrefix: 'Error:',
		invalid: 'The user number or password is not correct',
		accountHeading: 'My account'
	}
} as const;

type Lang = keyof typeof PHRASES;

// Wrong passwords are counted per card (3 in a row slow the next try down). This file uses its
// own patron, at most one wrong try per language and project, each followed by a success.
const { cardNumber, password } = ACCOUNTS.patronWithProxy;

async function openSignIn(page: Page, lang: Lang, baseURL: string) {
	await useLanguage(page.context(), lang, baseURL);
	await page.goto('/sign-in');
	// Before hydration, Enter posts the form natively: a new page, and the reader started on the old one is gone.
	await waitForHydration(page);
}

function escape(text: string) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The phrase for a text field: "textbox, <label> <badge>[, <value>], <hint>[ <Error:> <message>][, invalid], required".
 * The name includes the visible requirement badge (it is inside the <label>); the description joins
 * the hint and the error message (aria-describedby), then come the states.
 *
 * For `<input type="password">` the reader says no role and no "required": ARIA in HTML gives
 * password inputs no role, so this reader leaves out the role and the aria-required state (NVDA and
 * VoiceOver do say "protected"/"secure" and "required"). The badge in the label still says
 * "required" there, and that is what is asserted for the password.
 */
function fieldPhrase(f: { role: 'textbox' | 'password'; label: string; badge: string; hint: string; errorPrefix?: string; error?: string }) {
	const name = `${escape(f.label)} ${escape(f.badge)}`;
	const description = `${escape(f.hint)}${f.error ? ` ?${escape(f.errorPrefix!)} ?${escape(f.error)}` : ''}`;
	if (f.role === 'password') return new RegExp(`^(?:(?:textbox|password), )?${name}, ${description}(?:, invalid)?(?:, required)?$`);
	return new RegExp(`^textbox, ${name}(?:, [^,]+)?, ${description}${f.error ? ', invalid' : ''}, required$`);
}

/** Reads on until the phrase of the field with this label is spoken, and returns it. */
async function readToField(sr: VirtualScreenReader, label: string) {
	return sr.readUntil(new RegExp(`^(?:(?:textbox|password), )?${escape(label)}[ ,]`), 80);
}

for (const lang of ['ja', 'en'] as const) {
	const p = PHRASES[lang];

	test.describe(`[${lang}]`, () => {
		test('moving through the form reads each label, hint and "required"', async ({ page, baseURL }) => {
			await openSignIn(page, lang, baseURL!);
			const sr = await startVirtualScreenReader(page);
			await sr.perform('moveToNextMain');

			const card = await readToField(sr, p.cardLabel);
			expect(card, 'the user number field: label, hint, required').toBe(
				`textbox, ${p.cardLabel} ${p.requiredBadge}, ${p.cardHint}, required`
			);
			const pass = await readToField(sr, p.passwordLabel);
			expect(pass, 'the password field: label with its "required" badge, hint').toMatch(
				fieldPhrase({ role: 'password', label: p.passwordLabel, badge: p.requiredBadge, hint: p.passwordHint })
			);
			await sr.readUntil(new RegExp(`^button, ${escape(p.submit)}$`), 10);
		});

		test('a failed sign-in is heard: the error summary, its message, and the error on the field', async ({ page, baseURL }) => {
			await openSignIn(page, lang, baseURL!);
			let sr = await startVirtualScreenReader(page);
			await page.locator('#cardNumber').fill(cardNumber);
			await page.locator('#password').fill('not-my-password');
			await sr.clearSpokenPhraseLog();
			await page.locator('#password').press('Enter');
			await expect(page.locator('#error-summary')).toBeVisible();

			if (isJs()) {
				// Focus moves to the summary, and the reader says so, with the error itself, without the person
				// doing anything (the list describes the region).
				await expect.poll(() => sr.spokenPhraseLog(), { message: 'the focused error summary is announced' }).toContain(
					`region, ${p.errorSummary}, ${p.invalid}`
				);
			} else {
				// A new page: start again and read from the top of <main>, as a reader does after a load.
				sr = await startVirtualScreenReader(page);
				await sr.perform('moveToNextMain');
			}
			// Reading on from the summary (or from the top of <main>) gives its heading, then the message.
			await sr.readUntil(new RegExp(`^heading, ${escape(p.errorSummary)}, level 2$`), 20);
			await sr.readUntil(new RegExp(`^link, ${escape(p.invalid)}$`), 10);

			// The field itself carries the error too (aria-describedby: hint, then "Error: …"), and its value.
			const invalidCard = fieldPhrase({ role: 'textbox', label: p.cardLabel, badge: p.requiredBadge, hint: p.cardHint, errorPrefix: p.errorPrefix, error: p.invalid });
			if (isJs()) {
				await page.locator('#error-summary').getByRole('link').focus();
				await sr.clearSpokenPhraseLog();
				await page.keyboard.press('Enter');
				await expect(page.locator('#cardNumber')).toBeFocused();
				await expect
					.poll(async () => (await sr.spokenPhraseLog()).filter((phrase) => phrase.startsWith('textbox')), {
						message: 'the field is read with its error when the error link moves focus to it'
					})
					.toEqual([expect.stringMatching(invalidCard)]);
			} else {
				expect(await readToField(sr, p.cardLabel)).toMatch(invalidCard);
			}

			const log = await sr.spokenPhraseLog();
			// What a real reader would say first is the page title, when SvelteKit announces one: it must be the error title.
			for (const announcement of log.filter((phrase) => /^(assertive|polite): .* \| /.test(phrase))) {
				expect(announcement, 'a title announced after the failed sign-in says there is an error').toContain(p.errorPrefix);
			}

			// Now sign in properly, so this patron's failure count goes back to zero.
			await page.locator('#password').fill(password);
			await page.locator('#password').press('Enter');
			await expect(page).toHaveURL(/\/account$/);
		});

		test('after signing in, the new page\'s heading is heard', async ({ page, baseURL }) => {
			await openSignIn(page, lang, baseURL!);
			let sr = await startVirtualScreenReader(page);
			await page.locator('#cardNumber').fill(cardNumber);
			await page.locator('#password').fill(password);
			await sr.clearSpokenPhraseLog();
			await page.locator('#password').press('Enter');
			await expect(page).toHaveURL(/\/account$/);

			if (isJs()) {
				// Client-side navigation: the portal moves focus to the h1, and the reader reads it.
				await expect.poll(() => sr.spokenPhraseLog(), { message: 'the new page\'s h1 is read after signing in' }).toContain(
					`heading, ${p.accountHeading}, level 1`
				);
			} else {
				// A new page: the first thing in <main> is its heading. (Not moveToNextHeadingLevel1: this
				// reader's version also stops on list items, which have "level 1" too.)
				sr = await startVirtualScreenReader(page);
				await sr.perform('moveToNextMain');
				await sr.next();
				expect(await sr.spokenPhraseLog()).toContain(`heading, ${p.accountHeading}, level 1`);
			}
		});
	});
}
