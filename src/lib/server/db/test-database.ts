import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openConnection, type Connection } from './connection';
import { migrateToLatest } from './migrate';
import { useConnection } from './index';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or,
 * when DATABASE_URL is set, a new database on that PostgreSQL server (dropped on close).
 */
export async function openTestDatabase(): Promise<Connection> {
	const url = process.env.DATABASE_URL;
	if (!url) {
		const connection = await openConnection({ kind: 'pglite', dataDir: 'memory://' });
		await migrateToLatest(connection.db);
		useConnection(connection);
		return connection;
	}
	const name = `portal_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const testUrl = new URL(url);
	testUrl.pathname = `/${name}`;
	const connection = await openConnection({ kind: 'postgres', url: testUrl.toString() });
	await migrateToLatest(connection.db);
	useConnection(connection);
	return {
		...connection,
		async close() {
			await connection.close();
			const cleanup = new pg.Client({ connectionString: url });
			await cleanup.connect();
			await cleanup.query(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}
