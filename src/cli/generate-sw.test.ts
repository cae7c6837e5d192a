import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const script = path.join(projectRoot, 'src/cli/generate-sw.js');

// Workbox bundles and minifies the worker with Rollup, Babel and Terser: about 15 s on two cores.
const TIMEOUT = 120_000;

/** A client build directory shaped like adapter-node's, without running `vite build`. */
function fakeClientBuild(): string {
	const dir = path.join(mkdtempSync(path.join(tmpdir(), 'generate-sw-')), 'client');
	cpSync(path.join(projectRoot, 'static'), dir, { recursive: true });
	mkdirSync(path.join(dir, '_app/immutable/entry'), { recursive: true });
	mkdirSync(path.join(dir, '_app/immutable/assets'), { recursive: true });
	writeFileSync(path.join(dir, '_app/immutable/entry/start.AbC123.js'), 'export {};\n');
	writeFileSync(path.join(dir, '_app/immutable/entry/start.AbC123.js.br'), 'compressed');
	writeFileSync(path.join(dir, '_app/immutable/entry/start.AbC123.js.gz'), 'compressed');
	writeFileSync(path.join(dir, '_app/immutable/assets/0.Def456.css'), 'body{}\n');
	writeFileSync(path.join(dir, '_app/version.json'), '{"version":"1"}\n');
	return dir;
}

describe('generate-sw.js', () => {
	let dir: string;
	let stdout: string;
	let sw: string;

	beforeAll(async () => {
		dir = fakeClientBuild();
		({ stdout } = await run(process.execPath, [script], {
			env: { ...process.env, SW_BUILD_DIR: dir }
		}));
		sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
	}, TIMEOUT);

	afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

	it('writes sw.js and the Workbox runtime beside it, and says so', () => {
		const runtime = readdirSync(dir).find((file) => /^workbox-[0-9a-f]+\.js$/.test(file));
		expect(runtime).toBeDefined();
		expect(stdout).toContain('sw.js');
		expect(stdout).toContain(runtime);
		expect(sw).toContain(`./${runtime?.replace(/\.js$/, '')}`);
	});

	it('precaches the app shell and the offline page, but not compressed copies or version.json', () => {
		expect(sw).toContain('"_app/immutable/entry/start.AbC123.js"');
		expect(sw).toContain('"_app/immutable/assets/0.Def456.css"');
		expect(sw).toContain('"offline.html"');
		expect(sw).toContain('"manifest.webmanifest"');
		expect(sw).toContain('"icons/icon-512.png"');
		expect(sw).not.toMatch(/\.js\.(br|gz)"/);
		// SvelteKit polls version.json to notice a new deployment: it must come from the network.
		expect(sw).not.toContain('version.json');
		expect(sw).not.toContain('"robots.txt"');
	});

	it('keeps public pages network-first in "pages" and falls back to offline.html', () => {
		expect(sw).toMatch(/NetworkFirst\(\{cacheName:"pages"/);
		expect(sw).toContain('maxEntries:50');
		expect(sw).toContain('maxAgeSeconds:86400');
		expect(sw).toContain('statuses:[200]');
		expect(sw).toMatch(/private\|no-store/);
		expect(sw).toContain('fallbackURL:"/offline.html"');
		expect(sw).not.toContain('navigateFallback');
	});

	it('waits for SKIP_WAITING, claims clients and cleans up old precaches', () => {
		expect(sw).toContain('"SKIP_WAITING"');
		expect(sw).toContain('clientsClaim()');
		expect(sw).toContain('cleanupOutdatedCaches()');
		// skipWaiting() is called once, inside the message listener, never at install.
		expect(sw.split('self.skipWaiting()')).toHaveLength(2);
		expect(sw.indexOf('"SKIP_WAITING"')).toBeLessThan(sw.indexOf('self.skipWaiting()'));
	});

	it('fails with a non-zero exit code when there is no build', async () => {
		const missing = path.join(tmpdir(), 'generate-sw-missing', 'client');
		await expect(
			run(process.execPath, [script], { env: { ...process.env, SW_BUILD_DIR: missing } })
		).rejects.toMatchObject({ code: 1 });
	});
});
