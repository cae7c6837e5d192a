import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { scriptingEnabled } from './scripting';

/**
 * @guidepup/virtual-screen-reader inside the real page: it walks Chromium's DOM and ARIA the way a
 * screen reader's browse mode does and logs what it would say ("textbox, 利用者番号 必須, …, required").
 * Its role words are English whatever the page language; names, descriptions and live text are the
 * page's own. Follows focus changes and polite/assertive live regions while the page's JavaScript runs.
 *
 *   const sr = await startVirtualScreenReader(page);
 *   await sr.readUntil(/^textbox, 利用者番号/);
 *   expect(await sr.spokenPhraseLog()).toContain(…);
 *
 * A full page load (a form post without JavaScript, a language switch) replaces the document and
 * the reader with it: call startVirtualScreenReader again on the new page.
 */

const require = createRequire(import.meta.url);
/** The package's self-contained browser bundle (exports `./browser.js` → lib/esm/index.browser.js). */
export const VSR_BUNDLE_PATH = require.resolve('@guidepup/virtual-screen-reader/browser.js');

let bundleAsScript: string | undefined;

/**
 * With JavaScript off (the `nojs` project) Chromium refuses to load modules, so `import('/vsr.js')`
 * fails; Playwright's own evaluation still runs. There the bundle's final `export { … }` is turned
 * into a global and the source evaluated. The reader then works on demand (next, perform), but it
 * cannot follow focus or live regions: those need the page's event listeners, which do not fire.
 */
function bundleSourceAsScript(): string {
	if (bundleAsScript) return bundleAsScript;
	const source = readFileSync(VSR_BUNDLE_PATH, 'utf8');
	const exportStatement = /export\s*\{\s*([\w$]+) as Virtual\s*,\s*([\w$]+) as virtual\s*\}\s*;?/;
	if (!exportStatement.test(source)) throw new Error(`No "export { … as Virtual, … as virtual }" found in ${VSR_BUNDLE_PATH}: has the bundle changed?`);
	bundleAsScript = source.replace(exportStatement, 'globalThis.__vsrModule = { Virtual: $1, virtual: $2 };');
	return bundleAsScript;
}

export interface VirtualScreenReader {
	/** Moves to the next item, like the down arrow in browse mode. */
	next(): Promise<void>;
	/** Runs a reader command, e.g. 'moveToNextHeading', 'moveToNextMain', 'moveToNextLandmark'. */
	perform(command: string): Promise<void>;
	/** Presses Enter/activates the item under the reader cursor. */
	act(): Promise<void>;
	/** Moves on with next() until a phrase matches (at most `max` moves); returns that phrase. */
	readUntil(pattern: RegExp, max?: number): Promise<string>;
	spokenPhraseLog(): Promise<string[]>;
	clearSpokenPhraseLog(): Promise<void>;
	stop(): Promise<void>;
}

declare global {
	interface Window {
		__vsr?: {
			start(options: { container: Element }): Promise<void>;
			stop(): Promise<void>;
			next(): Promise<void>;
			act(): Promise<void>;
			perform(command: unknown): Promise<void>;
			commands: Record<string, unknown>;
			spokenPhraseLog(): Promise<string[]>;
			clearSpokenPhraseLog(): Promise<void>;
		};
		__vsrModule?: { virtual: NonNullable<Window['__vsr']> };
	}
}

/** Loads the reader into the current document and starts it on `document.body`. */
export async function startVirtualScreenReader(page: Page): Promise<VirtualScreenReader> {
	const jsEnabled = await scriptingEnabled(page);

	if (jsEnabled) {
		await page.route('**/vsr.js', (route) =>
			route.fulfill({ path: VSR_BUNDLE_PATH, contentType: 'text/javascript; charset=utf-8' })
		);
		await page.evaluate(async () => {
			// A string the bundler cannot see through: this import happens in the browser, not in Node.
			const url = '/vsr.js';
			const module = await import(/* @vite-ignore */ url);
			window.__vsr = module.virtual;
		});
	} else {
		await page.evaluate(bundleSourceAsScript());
		await page.evaluate(() => (window.__vsr = window.__vsrModule!.virtual));
	}
	await page.evaluate(() => window.__vsr!.start({ container: document.body }));

	return {
		next: () => page.evaluate(() => window.__vsr!.next()),
		act: () => page.evaluate(() => window.__vsr!.act()),
		perform: (command) => page.evaluate((name) => window.__vsr!.perform(window.__vsr!.commands[name] ?? name), command),
		readUntil: async (pattern, max = 200) => {
			const found = await page.evaluate(
				async ({ source, flags, max }) => {
					const re = new RegExp(source, flags);
					const vsr = window.__vsr!;
					for (let i = 0; i < max; i++) {
						await vsr.next();
						const log = await vsr.spokenPhraseLog();
						const last = log[log.length - 1] ?? '';
						if (re.test(last)) return last;
					}
					return null;
				},
				{ source: pattern.source, flags: pattern.flags, max }
			);
			if (found === null) {
				const log = await page.evaluate(() => window.__vsr!.spokenPhraseLog());
				throw new Error(`The screen reader did not reach ${pattern} in ${max} moves. It said:\n${log.slice(-60).join('\n')}`);
			}
			return found;
		},
		spokenPhraseLog: () => page.evaluate(() => window.__vsr!.spokenPhraseLog()),
		clearSpokenPhraseLog: () => page.evaluate(() => window.__vsr!.clearSpokenPhraseLog()),
		stop: () => page.evaluate(() => window.__vsr!.stop())
	};
}
