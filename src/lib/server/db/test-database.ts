import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openConnection, type Connection } from './connection';
import { migrateToLatest } from './migrate';
import { useConnection } from './index';

/**
 * Where vitest's global setup (`test-database.setup.ts`) left the migrated template: a PGlite data
 * directory dumped to a file, or the name of a template database on the PostgreSQL server.
 */
export const TEMPLATE_ENV = 'PORTAL_TEST_TEMPLATE';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or, when DATABASE_URL
 * is set, a new database on that PostgreSQL server (dropped on close).
 *
 * Each copy starts from the template the global setup migrated once, so a test file pays neither
 * PGlite's initdb nor the migrations (about 2 s of a 2-core machine per file). `{ migrated: false }`
 * gives an empty database instead, for the test of the migrations themselves; so does a run without
 * the global setup (a single file run by hand), which then migrates here.
 */
export async function openTestDatabase({ migrated = true } = {}): Promise<Connection> {
	const template = migrated ? process.env[TEMPLATE_ENV] : undefined;
	const url = process.env.DATABASE_URL;
	if (!url) {
		const loadDataDir = template ? new Blob([await readFile(template)]) : undefined;
		const connection = await openConnection({ kind: 'pglite', dataDir: 'memory://' }, { loadDataDir });
		if (migrated && !template) await migrateToLatest(connection.db);
		useConnection(connection);
		return connection;
	}
	const name = `portal_test_${randomBytes(6).toString('hex')}`;
	await onServer(url, `create database ${name}${template ? ` template ${template}` : ''}`);
	const testUrl = new URL(url);
	testUrl.pathname = `/${name}`;
	const connection = await openConnection({ kind: 'postgres', url: testUrl.toString() });
	if (migrated && !template) await migrateToLatest(connection.db);
	useConnection(connection);
	return {
		...connection,
		async close() {
			await connection.close();
			await onServer(url, `drop database if exists ${name} with (force)`);
		}
	};
}

/** Runs one statement (create or drop a database) over its own connection to the server of `url`. */
export async function onServer(url: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
