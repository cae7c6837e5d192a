/** `npm run migrate`: applies pending migrations to the database named by DATABASE_URL or DATA_DIR. */
import { openConnection, targetFromEnv } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrate';

const target = targetFromEnv();
const connection = await openConnection(target);
try {
	const applied = await migrateToLatest(connection.db);
	console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
} finally {
	await connection.close();
}
