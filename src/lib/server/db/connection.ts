import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import type { Database } from './schema';

// A DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts and bigserial ids fit in a double for this portal's sizes; keep them as strings
// where Kysely types them so (count results are converted with Number() by the callers).

/** Where the data lives: a PostgreSQL server, or the embedded PGlite directory. */
export type DatabaseTarget =
	| { kind: 'postgres'; url: string }
	| { kind: 'pglite'; dataDir: string };

/** Reads DATABASE_URL, else DATA_DIR (default ./data), from the environment. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
	if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
	return { kind: 'pglite', dataDir: env.DATA_DIR || './data' };
}

export interface Connection {
	db: Kysely<Database>;
	target: DatabaseTarget;
	close(): Promise<void>;
	/** PGlite only: the whole data directory as a tarball (the tests' migrated template). */
	dumpDataDir?: () => Promise<Blob>;
}

export interface OpenOptions {
	/** PGlite only: start from this dumped data directory instead of an empty one (`dumpDataDir`). */
	loadDataDir?: Blob;
}

/**
 * Opens Kysely over node-postgres. For PGlite, node-postgres talks to the embedded
 * database through PGlite's own pg-compatible connection, so one data-access layer
 * (and one SQL dialect) serves both.
 */
export async function openConnection(target: DatabaseTarget, options: OpenOptions = {}): Promise<Connection> {
	let pool: pg.Pool;
	let closeExtra = async () => {};
	let dumpDataDir: Connection['dumpDataDir'];
	if (target.kind === 'postgres') {
		pool = new pg.Pool({ connectionString: target.url, max: Number(process.env.DB_POOL_SIZE ?? 10) });
		// An idle connection closed by the server (restart, failover) must not crash the process:
		// the pool drops it and opens a new one on the next query.
		pool.on('error', (error) => console.warn(JSON.stringify({ level: 'warn', message: 'idle database connection lost', code: (error as { code?: string }).code })));
	} else {
		const { PGlite } = await import('@electric-sql/pglite');
		const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
		const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
		const inMemory = target.dataDir.startsWith('memory://');
		if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
		const pglite = await PGlite.create(inMemory ? undefined : target.dataDir, {
			extensions: { pg_trgm },
			loadDataDir: options.loadDataDir
		});
		pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
		closeExtra = () => pglite.close();
		dumpDataDir = () => pglite.dumpDataDir('none');
	}
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return {
		db,
		target,
		async close() {
			await db.destroy();
			await closeExtra();
		},
		dumpDataDir
	};
}
