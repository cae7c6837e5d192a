/**
 * vitest's global setup: migrates one template database before any test file runs, so that each file's
 * `openTestDatabase()` copies it instead of running PGlite's initdb and every migration again.
 * - Embedded: an in-memory PGlite, migrated, dumped to a file under the system's temporary directory.
 * - DATABASE_URL: a database on that server, migrated, then used as `create database … template …`.
 * The teardown removes it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConnection } from './connection';
import { migrateToLatest } from './migrate';
import { onServer, TEMPLATE_ENV } from './test-database';

export default async function setup(): Promise<() => Promise<void>> {
	const url = process.env.DATABASE_URL;
	if (!url) {
		const connection = await openConnection({ kind: 'pglite', dataDir: 'memory://' });
		await migrateToLatest(connection.db);
		const dump = await connection.dumpDataDir!();
		await connection.close();
		const dir = await mkdtemp(join(tmpdir(), 'portal-test-template-'));
		const file = join(dir, 'pglite.tar');
		await writeFile(file, Buffer.from(await dump.arrayBuffer()));
		process.env[TEMPLATE_ENV] = file;
		return () => rm(dir, { recursive: true, force: true });
	}
	const name = `portal_test_template_${randomBytes(6).toString('hex')}`;
	await onServer(url, `create database ${name}`);
	const templateUrl = new URL(url);
	templateUrl.pathname = `/${name}`;
	const connection = await openConnection({ kind: 'postgres', url: templateUrl.toString() });
	try {
		await migrateToLatest(connection.db);
	} finally {
		await connection.close();
	}
	process.env[TEMPLATE_ENV] = name;
	return () => onServer(url, `drop database if exists ${name} with (force)`);
}
