import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations';

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		// Forward-only: a migration missing from the code but present in the database is an error.
		allowUnorderedMigrations: false
	});
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		const name = failed?.migrationName ?? 'unknown';
		throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
	}
	return (results ?? []).map((r) => r.migrationName);
}
