import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		// PGlite starts in about a second per database; the suites share one process per file.
		testTimeout: 60_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
