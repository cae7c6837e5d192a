/**
 * Catalogue search at scale (DOMAIN.md §9: 2 million items): query times through the service, for the
 * query shapes that matter: 1- and 2-character Japanese (short_grams GIN), 3+ characters (trigram GIN),
 * common words that hit the 1,000-result cap, words that find nothing, ISBNs, and filters.
 *
 *   npx tsx tests/bench/search.bench.ts                         # PostgreSQL, 2,000,000 generated records
 *   BENCH_RECORDS=200000 npx tsx tests/bench/search.bench.ts    # fewer
 *   BENCH_ENGINE=pglite BENCH_RECORDS=3000 npx tsx tests/bench/search.bench.ts   # the embedded demo database
 *
 * PostgreSQL: a fresh database (BENCH_DATABASE_URL's server), records written as COPY text and loaded with
 * `psql \copy` with the search indexes dropped and rebuilt afterwards (as a bulk load would). PGlite: an
 * in-memory database filled by the demo seed itself, so its time is the seed's time.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { openConnection, type Connection } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrate';
import { useConnection } from '$lib/server/db';
import { cityConfig } from '$lib/server/config/load-city-config';
import { builtInCatalogue } from '$lib/server/catalogue/catalogue.service';
import { DEMO_SPOTLIGHT_RECORDS, generateRecords, type GeneratedRecord } from '$lib/server/catalogue/generate-records';
import { CATALOGUE_COPY_COLUMNS, catalogueCopyLine, copiesCopyLines } from '$lib/server/catalogue/copy-format';
import { seedDemoCatalogue } from '$lib/server/demo/demo-catalogue';
import type { SearchQuery } from '$lib/server/catalogue/catalogue.port';
import { freshPostgresDatabase, ms, percentiles } from './support';

const ENGINE = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const RECORDS = Number(process.env.BENCH_RECORDS ?? (ENGINE === 'pglite' ? 3000 : 2_000_000));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
process.env.LOG_LEVEL = 'silent';

const isbn = DEMO_SPOTLIGHT_RECORDS[0].isbn!;
const QUERIES: [label: string, query: Partial<SearchQuery> & { q: string }][] = [
	['1 char, common: の', { q: 'の' }],
	['1 char: 猫', { q: '猫' }],
	['1 char, rare: 鰻', { q: '鰻' }],
	['2 chars: ねこ', { q: 'ねこ' }],
	['2 chars: 鉄道', { q: '鉄道' }],
	['2 chars, no hit: ゑゑ', { q: 'ゑゑ' }],
	['3 chars, common: 図書館', { q: '図書館' }],
	['7 chars: ぎんがてつどう', { q: 'ぎんがてつどう' }],
	['4 chars, no hit: zqxj', { q: 'zqxj' }],
	['English word: the', { q: 'the' }],
	['two words: 宮沢 銀河', { q: '宮沢 銀河' }],
	['ISBN-13 with hyphens', { q: `${isbn.slice(0, 3)}-${isbn[3]}-${isbn.slice(4, 10)}-${isbn.slice(10, 12)}-${isbn[12]}` }],
	['の + braille', { q: 'の', formats: ['braille'] }],
	['猫 + on the shelf at 練馬', { q: '猫', availableAt: 'nerima' }],
	['の, page 50', { q: 'の', page: 50 }]
];

async function loadPostgres(connection: Connection, url: string) {
	const libraries = cityConfig()
		.locations.filter((l) => l.kind === 'library' && l.holdsCollection)
		.map((l) => l.id);
	const catalogueFile = `/tmp/bench-search-${process.pid}.tsv`;
	const copiesFile = `/tmp/bench-search-${process.pid}.copies.tsv`;
	let started = performance.now();
	const records = createWriteStream(catalogueFile);
	const copies = createWriteStream(copiesFile);
	let ordinal = 0;
	const write = async (stream: typeof records, text: string) => {
		if (!stream.write(text)) await once(stream, 'drain');
	};
	// One record at a time: 2 million records do not fit in memory at once.
	const emit = async (record: GeneratedRecord) => {
		ordinal++;
		await write(records, catalogueCopyLine(record));
		await write(copies, copiesCopyLines(ordinal, record.copies));
	};
	for (const record of DEMO_SPOTLIGHT_RECORDS) await emit(record);
	for (const record of generateRecords({ count: RECORDS, seed: 1 })) await emit(record);
	await Promise.all([new Promise((r) => records.end(r)), new Promise((r) => copies.end(r))]);
	console.log(`generated ${ordinal.toLocaleString()} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);

	started = performance.now();
	const db = connection.db;
	const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
		where tablename = 'catalogue_records' and indexname <> 'catalogue_records_pkey'`.execute(db);
	for (const index of indexes) await sql.raw(`drop index ${index.indexname}`).execute(db);
	const psql = (command: string) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { stdio: 'inherit' });
	psql(`\\copy catalogue_records (${CATALOGUE_COPY_COLUMNS.join(', ')}) from '${catalogueFile}'`);
	psql(`create table copies_load (record_ordinal integer, location_index integer, shelf_mark text, status text)`);
	psql(`\\copy copies_load from '${copiesFile}'`);
	// A fresh table numbers COPY rows 1..n in file order, so the ordinal is the record id.
	await sql`insert into copies (record_id, location_id, shelf_mark, status)
		select record_ordinal, (${libraries}::text[])[location_index % ${libraries.length} + 1], shelf_mark, status from copies_load`.execute(db);
	await sql`drop table copies_load`.execute(db);
	const loaded = performance.now();
	for (const index of indexes) await sql.raw(index.indexdef).execute(db);
	await sql`analyze`.execute(db);
	console.log(`loaded in ${((loaded - started) / 1000).toFixed(1)} s, indexes and analyze in ${((performance.now() - loaded) / 1000).toFixed(1)} s`);
	const { rows } = await sql<{ name: string; size: string }>`select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size
		from pg_class c where c.relname like 'catalogue_records%' order by pg_relation_size(c.oid) desc`.execute(db);
	console.log('sizes:', rows.map((r) => `${r.name} ${r.size}`).join(', '));
}

let connection: Connection;
let drop = async () => {};
if (ENGINE === 'postgres') {
	const database = await freshPostgresDatabase('bench_search');
	// BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE by hand (drop it afterwards).
	if (process.env.BENCH_KEEP) console.log(`keeping ${database.url}`);
	else drop = database.drop;
	connection = await openConnection({ kind: 'postgres', url: database.url });
	useConnection(connection);
	await migrateToLatest(connection.db);
	await loadPostgres(connection, database.url);
} else {
	connection = await openConnection({ kind: 'pglite', dataDir: 'memory://' });
	useConnection(connection);
	await migrateToLatest(connection.db);
	const started = performance.now();
	await connection.db.transaction().execute((trx) => seedDemoCatalogue(trx, RECORDS));
	console.log(`seeded ${RECORDS.toLocaleString()} + ${DEMO_SPOTLIGHT_RECORDS.length} records in ${((performance.now() - started) / 1000).toFixed(2)} s (PGlite)`);
	await sql`analyze`.execute(connection.db);
}

try {
	console.log(`\n${ENGINE}, ${RECORDS.toLocaleString()} generated records, ${RUNS} runs each (after one warm-up), load average ${loadavg()[0].toFixed(1)}`);
	console.log('| query | hits | p50 | p95 |');
	console.log('| --- | --- | --- | --- |');
	for (const [label, query] of QUERIES) {
		const full: SearchQuery = { page: 1, pageSize: 20, ...query };
		const first = await builtInCatalogue.search(full);
		const times: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const started = performance.now();
			await builtInCatalogue.search(full);
			times.push(performance.now() - started);
		}
		const p = percentiles(times);
		console.log(`| ${label} | ${first.capped ? `${first.total}+` : first.total} | ${ms(p.p50)} | ${ms(p.p95)} |`);
	}
} finally {
	await connection.close();
	await drop();
}
