import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { scriptingEnabled } from './scripting';

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
 */
export async function expectNoAxeViolations(page: Page, context: AxeContext = {}): Promise<void> {
	// Only violations are needed: skipping the details of passes and inapplicable rules saves time.
	let builder = new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] });
	for (const selector of [context.include ?? []].flat()) builder = builder.include(selector);
	for (const selector of [context.exclude ?? []].flat()) builder = builder.exclude(selector);

	if (!(await scriptingEnabled(page))) await letAxeRunWithoutScripting(page);
	const results = await builder.analyze();
	const violations = results.violations;
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

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

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
