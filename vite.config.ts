import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		// Every file that needs a database copies one migrated template (src/lib/server/db/test-database.ts).
		globalSetup: ['src/lib/server/db/test-database.setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Two files at a time: one per core. Each has its own database (an in-memory PGlite, or its own
		// database on the PostgreSQL server), so they cannot meet.
		maxWorkers: 2
	}
});
