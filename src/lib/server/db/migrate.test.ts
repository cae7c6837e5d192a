import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase } from './test-database';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations';
import type { Connection } from './connection';

describe('migrations', () => {
	let connection: Connection;
	beforeAll(async () => {
		// An empty database, not the migrated template the other test files start from.
		connection = await openTestDatabase({ migrated: false });
		await migrateToLatest(connection.db);
	});
	afterAll(() => connection.close());

	it('creates the tables and records each migration once', async () => {
		const tables = await sql<{ table_name: string }>`
			select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(connection.db);
		const names = tables.rows.map((r) => r.table_name);
		expect(names).toEqual(expect.arrayContaining(['accounts', 'sessions', 'audit_log', 'catalogue_records', 'copies']));
		const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(connection.db);
		expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
		expect(Object.keys(migrations)).toEqual([...Object.keys(migrations)].sort());
	});

	it('is a no-op when run again', async () => {
		expect(await migrateToLatest(connection.db)).toEqual([]);
	});
});
