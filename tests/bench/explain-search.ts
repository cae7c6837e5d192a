/**
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL a search of the mix runs, on a loaded benchmark database.
 *
 *   npx tsx tests/bench/explain-search.ts 'q=猫&at=nerima'            # PostgreSQL bench_search_2000000
 *   BENCH_RECORDS=50000 npx tsx tests/bench/explain-search.ts 'q=の'
 *   BENCH_ENGINE=pglite npx tsx tests/bench/explain-search.ts 'q=歴史'  # the PGlite directory of bench:search
 *   BENCH_URL=postgres://… npx tsx tests/bench/explain-search.ts 'q=の'  # another database
 *
 * The search runs once through `catalogue.search` with every statement recorded, then each recorded
 * statement is explained with its parameters. BENCH_EXPLAIN=plain gives EXPLAIN without ANALYZE, =summary
 * without ANALYZE but with the planning time.
 */
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Connection } from '$lib/server/db/connection';
import { useConnection } from '$lib/server/db';
import type { Database } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { catalogue } from '$lib/server/catalogue/catalogue.service';
import { parseSearchParams } from '$lib/server/catalogue/search-form';
import { benchDatabaseUrl, RESULTS_DIR } from './catalogue-load';

process.env.LOG_LEVEL = 'silent';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 2_000_000);
const engine = process.env.BENCH_ENGINE ?? 'postgres';
const search = process.argv[2];
if (!search) throw new Error('usage: explain-search.ts QUERY_STRING');

const recorded: CompiledQuery[] = [];
let pool: pg.Pool;
let closePglite = async () => {};
if (engine === 'pglite') {
	// As src/lib/server/db/connection.ts opens it.
	const { PGlite } = await import('@electric-sql/pglite');
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
	const pglite = await PGlite.create(`${RESULTS_DIR}/pglite-${RECORDS}`, { extensions: { pg_trgm } });
	pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
	closePglite = () => pglite.close();
} else {
	pool = new pg.Pool({ connectionString: process.env.BENCH_URL ?? benchDatabaseUrl(RECORDS).url, max: 1 });
}
const db = new Kysely<Database>({
	dialect: new PostgresDialect({ pool }),
	log: (event) => {
		if (event.level === 'query') recorded.push(event.query);
	}
});
const connection: Connection = {
	db,
	target: { kind: 'postgres', url: '' },
	close: async () => {
		await db.destroy();
		await closePglite();
	}
};
useConnection(connection);
const form = parseSearchParams(new URLSearchParams(search), cityConfig());
if (form.state !== 'search') throw new Error(`not a search: ${search}`);
const started = performance.now();
const found = await catalogue.search(form.query);
console.log(`${search}: ${found.total}${found.capped ? '+' : ''} hits, ${found.hits.length} on the page, ${(performance.now() - started).toFixed(1)} ms\n`);
const analyze = process.env.BENCH_EXPLAIN === 'plain' ? '' : process.env.BENCH_EXPLAIN === 'summary' ? 'summary, ' : 'analyze, buffers, ';
// A copy: the EXPLAINs below are recorded too.
for (const query of [...recorded]) {
	const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>({
		...query,
		sql: `explain (${analyze}costs off) ${query.sql}`
	} as CompiledQuery<{ 'QUERY PLAN': string }>);
	console.log(query.sql.replace(/\s+/g, ' ').slice(0, 400), '\n', JSON.stringify(query.parameters));
	console.log(rows.map((r) => r['QUERY PLAN']).join('\n'), '\n');
}
await connection.close();
