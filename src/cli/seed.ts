/**
 * `npm run seed`: loads the demo data into an empty database. `-- --force` loads it into a
 * database that already holds data (demo card numbers that exist are left as they are).
 */
import { startDatabase, stopDatabase } from '$lib/server/db';
import { seedDemoDataIfEmpty } from '$lib/server/demo/seed';

const force = process.argv.includes('--force');
await startDatabase();
try {
	const seeded = await seedDemoDataIfEmpty({ force });
	console.log(seeded ? 'Demo data loaded.' : 'The database already holds data; nothing loaded (use -- --force).');
} finally {
	await stopDatabase();
}
