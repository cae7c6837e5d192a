import type { Kysely } from 'kysely';
import { openConnection, targetFromEnv, type Connection } from './connection';
import { migrateToLatest } from './migrate';
import type { Database } from './schema';

export type { Database } from './schema';
export type DB = Kysely<Database>;

let current: Connection | null = null;
let opening: Promise<Connection> | null = null;

/** Opens the database named by the environment once per process and migrates it. */
export async function startDatabase(): Promise<Connection> {
	opening ??= (async () => {
		const connection = await openConnection(targetFromEnv());
		await migrateToLatest(connection.db);
		current = connection;
		return connection;
	})();
	return opening;
}

/** The process's database; startDatabase() must have run (the server's init hook does). */
export function db(): DB {
	if (!current) throw new Error('Database not started: call startDatabase() first');
	return current.db;
}

/** Whether the process runs on the embedded database (one connection, one process) or a PostgreSQL server. */
export function databaseKind(): 'pglite' | 'postgres' {
	if (!current) throw new Error('Database not started: call startDatabase() first');
	return current.target.kind;
}

/** Lets tests and the CLI use a connection they opened themselves. */
export function useConnection(connection: Connection): void {
	current = connection;
	opening = Promise.resolve(connection);
}

export async function stopDatabase(): Promise<void> {
	await current?.close();
	current = null;
	opening = null;
}
