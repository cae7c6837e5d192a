import axe from 'axe-core';
import { expect, test, type Page } from '@playwright/test';
import { scriptingEnabled } from './scripting';
import type { LanguageCode } from './languages';

/** WCAG 2.2 AA (which covers JIS X 8341-3:2016 AA) plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeContext {
	/** Names the state in the failure message, e.g. "sign-in (invalid) [en] 320px". */
	label?: string;
	/** Only check inside these selectors (e.g. a dialog that has just opened). */
	include?: string | string[];
	/** Leave these out, e.g. a third-party widget that has its own tests. There is no rule switch on purpose. */
	exclude?: string | string[];
	/** Record the failure and let the test go on (expect.soft), e.g. to check the next width too. */
	soft?: boolean;
}

/**
 * Runs axe on the page as it is now and fails with a report a developer can act on: each violation's
 * id, impact and help, then every offending element's selector, HTML and axe's explanation.
 * Run it again after each state change (invalid form, success, dialog open).
 *
 * axe-core is injected into the document once and `axe.run` called directly. The portal has no
 * frames, and @axe-core/playwright's frame-by-frame protocol (which opens a blank page for every
 * run to merge the results) made each run three to five times slower.
 */
export async function expectNoAxeViolations(page: Page, context: AxeContext = {}): Promise<void> {
	if (!(await scriptingEnabled(page))) await letAxeRunWithoutScripting(page);
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
	const violations = await page.evaluate(
		({ tags, include, exclude }) => {
			const target = include.length > 0 ? { include, exclude } : { exclude };
			const options = { runOnly: { type: 'tag' as const, values: tags }, resultTypes: ['violations' as const] };
			return (window as unknown as { axe: typeof import('axe-core') }).axe.run(target, options).then((results) => results.violations);
		},
		{ tags: AXE_TAGS, include: [context.include ?? []].flat(), exclude: [context.exclude ?? []].flat() }
	);
	if (violations.length > 0) {
		await test.info().attach(`axe-violations${context.label ? `-${context.label}` : ''}.json`, {
			body: JSON.stringify(violations, null, 2),
			contentType: 'application/json'
		});
	}
	(context.soft ? expect.soft : expect)(violations.length, formatViolations(page.url(), violations, context.label)).toBe(0);
}

/**
 * With the page's JavaScript off (the `nojs` project) Chromium runs Playwright's evaluations but never
 * calls a page timer back, and axe waits on `setTimeout(…, 0)` between rules: it would hang. Zero-delay
 * timers become promise callbacks (which do run); longer ones are only axe's give-up timeouts (frames,
 * caches) and are dropped. The page's own scripts stay off: the markup checked is the no-script one.
 */
async function letAxeRunWithoutScripting(page: Page): Promise<void> {
	await page.evaluate(() => {
		const drop = () => ({ unref() {} });
		(window as any).setTimeout = (callback: unknown, delay?: number, ...args: unknown[]) => {
			if (typeof callback !== 'function' || (delay ?? 0) > 0) return drop();
			void Promise.resolve().then(() => callback(...args));
			return drop();
		};
		window.clearTimeout = () => {};
	});
}

type Violation = axe.Result;

function formatViolations(url: string, violations: Violation[], label?: string): string {
	if (violations.length === 0) return 'axe: no violations';
	const lines = [`axe found ${violations.length} violation(s) on ${url}${label ? ` (${label})` : ''}:`];
	for (const v of violations) {
		lines.push('', `● ${v.id} [${v.impact ?? 'n/a'}]: ${v.help}`, `  ${v.helpUrl}`);
		for (const node of v.nodes) {
			lines.push(`  - target: ${node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' , ')}`);
			lines.push(`    html:   ${truncate(node.html.replace(/\s+/g, ' '), 300)}`);
			if (node.failureSummary) {
				lines.push(...node.failureSummary.split('\n').map((l) => `    ${l.trim()}`).filter((l) => l.trim()));
			}
		}
	}
	return lines.join('\n');
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * axe on a state met on a journey, once it has loaded (a keyboard-driven navigation only waits for the
 * URL). Journeys run in every language, but axe runs in them for Japanese only: the crawl
 * (tests/a11y/axe-crawl.spec.ts) checks every page state in every language, so a journey adds the states
 * only it reaches, once, and the suite stays affordable on two cores.
 */
export async function expectJourneyStateAccessible(page: Page, label: string, lang: LanguageCode = 'ja'): Promise<void> {
	if (lang !== 'ja') return;
	await page.waitForLoadState('load');
	await expectNoAxeViolations(page, { label: `${label} [${lang}]` });
}
