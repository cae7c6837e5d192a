/**
 * Catalogue search at scale (issue 3; DOMAIN.md §9: 2 million items), on PostgreSQL and on PGlite.
 *
 *   npm run bench:search                                   # 2,000,000 generated records, both engines
 *   BENCH_RECORDS=50000 npm run bench:search               # fewer
 *   BENCH_ENGINES=postgres npm run bench:search            # one engine (postgres, pglite)
 *   BENCH_REUSE=1 npm run bench:search                     # time the queries again on the databases
 *                                                          # an earlier run loaded (load figures from then)
 *
 * Loads the generated catalogue (tests/bench/catalogue-load.ts: COPY, the migrations' own indexes built after
 * the load) into a fresh PostgreSQL database `bench_search_<N>` (kept afterwards for `bench:http` and for
 * EXPLAIN ANALYZE by hand; BENCH_DROP=1 drops it) and a fresh PGlite directory bench-results/pglite-<N>.
 * Then runs the query mix of tests/bench/search-mix.ts through the search page's own path:
 * `parseSearchParams` (default page size) and `catalogue.search` (count up to the cap, one page of hits with
 * copy and hold counts). Warm-up rounds first, then BENCH_ROUNDS timed rounds in a seeded shuffled order.
 * Prints markdown tables and writes bench-results/search.json.
 *
 * Targets (issue 3): p95 ≤ 20 ms on PostgreSQL, ≤ 50 ms on PGlite, over the whole mix.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, getPriority, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openConnection, type Connection } from '$lib/server/db/connection';
import { useConnection, stopDatabase } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { cityConfig } from '$lib/server/config/load-city-config';
import { catalogue } from '$lib/server/catalogue/catalogue.service';
import { parseSearchParams } from '$lib/server/catalogue/search-form';
import { catalogueFiles, dropBenchDatabase, earlierLoad, loadPglite, loadPostgres, megabytes, RESULTS_DIR, PG_MAINTENANCE_WORK_MEM, type LoadReport } from './catalogue-load';
import { searchMix, shuffled, type MixQuery } from './search-mix';
import { ms, percentiles } from './support';

process.env.LOG_LEVEL = 'silent';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 2_000_000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()) as ('postgres' | 'pglite')[];
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 2);
const MIX = searchMix();
/** Timed rounds over the whole mix: at least 300 timed queries per engine. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? Math.max(8, Math.ceil(300 / MIX.length)));
const TARGET_P95 = { postgres: 20, pglite: 50 } as const;

const say = (line: string) => console.log(line);
const round1 = (n: number) => Math.round(n * 10) / 10;
const stats = (samples: number[]) => {
	const p = percentiles(samples);
	return { n: p.n, p50: round1(p.p50), p95: round1(p.p95), p99: round1(p.p99), max: round1(p.max) };
};

interface QueryResult {
	class: string;
	label: string;
	search: string;
	/** The count the page shows: "1,000+" when capped. */
	shown: string;
	total: number;
	capped: boolean;
	hitsOnPage: number;
	times: number[];
}

async function runMix(connection: Connection) {
	useConnection(connection);
	const config = cityConfig();
	const results = new Map<MixQuery, QueryResult>();
	const once = async (query: MixQuery) => {
		const form = parseSearchParams(new URLSearchParams(query.search), config);
		if (form.state !== 'search') throw new Error(`not a search: ${query.search}`);
		const started = performance.now();
		const found = await catalogue.search(form.query);
		const elapsed = performance.now() - started;
		return { found, elapsed };
	};
	for (let round = 0; round < WARMUP_ROUNDS; round++) for (const query of shuffled(MIX, 1000 + round)) await once(query);
	const loadBefore = loadavg()[0];
	const started = performance.now();
	for (let round = 0; round < ROUNDS; round++) {
		for (const query of shuffled(MIX, round + 1)) {
			const { found, elapsed } = await once(query);
			let entry = results.get(query);
			if (!entry) {
				entry = {
					class: query.class,
					label: query.label,
					search: query.search,
					shown: found.capped ? `${found.total.toLocaleString('en')}+` : found.total.toLocaleString('en'),
					total: found.total,
					capped: found.capped,
					hitsOnPage: found.hits.length,
					times: []
				};
				results.set(query, entry);
			}
			entry.times.push(elapsed);
		}
	}
	const wallSeconds = (performance.now() - started) / 1000;
	return { queries: MIX.map((q) => results.get(q)!), wallSeconds, loadBefore, loadAfter: loadavg()[0] };
}

function summarise(engine: 'postgres' | 'pglite', load: LoadReport & { reopenSeconds?: number; reusedFrom?: string }, run: Awaited<ReturnType<typeof runMix>>) {
	const all = run.queries.flatMap((q) => q.times);
	const classes = [...new Set(run.queries.map((q) => q.class))].map((cls) => ({
		class: cls,
		...stats(run.queries.filter((q) => q.class === cls).flatMap((q) => q.times))
	}));
	const overall = stats(all);
	return {
		engine,
		target: { p95: TARGET_P95[engine], met: overall.p95 <= TARGET_P95[engine] },
		overall,
		/** The mix without the "available at library X" queries, which check copies record by record (see README). */
		withoutAvailableAt: stats(run.queries.filter((q) => !new URLSearchParams(q.search).has('at')).flatMap((q) => q.times)),
		classes,
		queries: run.queries.map(({ times, ...q }) => ({ ...q, ...stats(times) })),
		timedWallSeconds: round1(run.wallSeconds),
		loadAverage: { before: round1(run.loadBefore), after: round1(run.loadAfter) },
		load: {
			...load,
			loadSeconds: round1(load.loadSeconds),
			indexSeconds: round1(load.indexSeconds),
			analyzeSeconds: round1(load.analyzeSeconds)
		}
	};
}

function print(summary: ReturnType<typeof summarise>) {
	const { load, overall } = summary;
	say(`\n### ${summary.engine}: ${load.recordCount.toLocaleString('en')} records, ${load.copyCount.toLocaleString('en')} copies`);
	say(`load (COPY) ${load.loadSeconds} s; indexes + foreign keys ${load.indexSeconds} s; vacuum analyze ${load.analyzeSeconds} s; on disk ${megabytes(load.diskBytes)} (database ${megabytes(load.databaseBytes)})${load.reopenSeconds !== undefined ? `; reopened in ${load.reopenSeconds} s` : ''}${load.reusedFrom ? ` (loaded by the run of ${load.reusedFrom})` : ''}`);
	say(`timed: ${overall.n} queries in ${summary.timedWallSeconds} s, load average ${summary.loadAverage.before} → ${summary.loadAverage.after}`);
	say(`overall p50 ${ms(overall.p50)}, p95 ${ms(overall.p95)}, p99 ${ms(overall.p99)}, max ${ms(overall.max)}: target p95 ≤ ${summary.target.p95} ms ${summary.target.met ? 'met' : 'MISSED'}\n`);
	say('| class | n | p50 | p95 | p99 | max |');
	say('| --- | --- | --- | --- | --- | --- |');
	for (const c of summary.classes) say(`| ${c.class} | ${c.n} | ${ms(c.p50)} | ${ms(c.p95)} | ${ms(c.p99)} | ${ms(c.max)} |`);
	say(`| **all** | ${overall.n} | ${ms(overall.p50)} | ${ms(overall.p95)} | ${ms(overall.p99)} | ${ms(overall.max)} |`);
	const w = summary.withoutAvailableAt;
	say(`| all but "available at" | ${w.n} | ${ms(w.p50)} | ${ms(w.p95)} | ${ms(w.p99)} | ${ms(w.max)} |\n`);
	say('| class | query | shown count | p50 | p95 | max |');
	say('| --- | --- | --- | --- | --- | --- |');
	for (const q of summary.queries) say(`| ${q.class} | ${q.label} | ${q.shown} | ${ms(q.p50)} | ${ms(q.p95)} | ${ms(q.max)} |`);
	say('\n| relation | size |');
	say('| --- | --- |');
	for (const r of load.relations) say(`| ${r.name} | ${megabytes(r.bytes)} |`);
}

mkdirSync(RESULTS_DIR, { recursive: true });
say(`search bench: ${RECORDS.toLocaleString('en')} generated records, engines ${ENGINES.join(', ')}, ${MIX.length} queries × ${ROUNDS} timed rounds after ${WARMUP_ROUNDS} warm-up rounds; ${cpus().length} cores, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
const files = await catalogueFiles(RECORDS);
say(files.reused ? `reusing ${files.records} (${files.recordCount.toLocaleString('en')} records)` : `generated ${files.recordCount.toLocaleString('en')} records, ${files.copyCount.toLocaleString('en')} copies in ${files.generateSeconds.toFixed(1)} s`);

const output: Record<string, unknown> = {
	records: files.recordCount,
	generatedRecords: RECORDS,
	copies: files.copyCount,
	generateSeconds: files.reused ? null : round1(files.generateSeconds),
	machine: {
		cores: cpus().length,
		cpu: cpus()[0]?.model,
		node: process.version,
		// Its package.json is not in the package's exports; read from the project's node_modules.
		pglite: (JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string }).version,
		// This process's nice value (the benchmarks are run under `nice -n 19` beside other work).
		nice: getPriority()
	},
	settings: { warmupRounds: WARMUP_ROUNDS, rounds: ROUNDS, mixSize: MIX.length, pgMaintenanceWorkMem: PG_MAINTENANCE_WORK_MEM },
	startedAt: new Date().toISOString(),
	engines: {} as Record<string, unknown>
};
const engines = output.engines as Record<string, ReturnType<typeof summarise> & { version?: string }>;

for (const engine of ENGINES) {
	let connection: Connection;
	let load: LoadReport & { reopenSeconds?: number; reusedFrom?: string };
	const earlier = process.env.BENCH_REUSE ? await earlierLoad(engine, RECORDS) : null;
	if (earlier) say(`${engine}: reusing the load of ${earlier.loadedAt} (${earlier.url ?? earlier.dataDir})`);
	if (engine === 'postgres' && earlier) {
		connection = await openConnection({ kind: 'postgres', url: earlier.url! });
		load = { ...earlier, reusedFrom: earlier.loadedAt };
	} else if (engine === 'pglite' && earlier) {
		const started = performance.now();
		connection = await openConnection({ kind: 'pglite', dataDir: earlier.dataDir! });
		load = { ...earlier, reusedFrom: earlier.loadedAt, reopenSeconds: round1((performance.now() - started) / 1000) };
	} else if (engine === 'postgres') {
		const loaded = await loadPostgres(files, RECORDS, say);
		connection = await openConnection({ kind: 'postgres', url: loaded.url });
		load = loaded;
	} else if (engine === 'pglite') {
		const loaded = await loadPglite(files, RECORDS, say);
		const started = performance.now();
		// Reopened the way the portal opens it (src/lib/server/db/connection.ts).
		connection = await openConnection({ kind: 'pglite', dataDir: loaded.dataDir });
		load = { ...loaded, reopenSeconds: round1((performance.now() - started) / 1000) };
	} else throw new Error(`unknown engine ${engine}`);
	try {
		// A database loaded by an earlier run gets the migrations written since (a fresh load has them all).
		if (earlier) {
			const applied = await migrateToLatest(connection.db);
			if (applied.length) say(`${engine}: applied ${applied.join(', ')} to the earlier load`);
		}
		const { rows } = await sql<{ version: string }>`select version()`.execute(connection.db);
		const run = await runMix(connection);
		const summary = summarise(engine, load, run);
		engines[engine] = { ...summary, version: rows[0].version };
		print(summary);
	} finally {
		await stopDatabase();
	}
	if (engine === 'postgres' && process.env.BENCH_DROP) await dropBenchDatabase(RECORDS);
	else if (engine === 'postgres') say(`\nkept the database ${(load as { url?: string }).url} for bench:http and EXPLAIN (BENCH_DROP=1 drops it)`);
}
output.finishedAt = new Date().toISOString();
const file = join(RESULTS_DIR, 'search.json');
writeFileSync(file, JSON.stringify(output, null, '\t'));
say(`\nwrote ${file}`);
const missed = Object.values(engines).filter((e) => !e.target.met);
if (missed.length) {
	say(`target missed: ${missed.map((e) => `${e.engine} p95 ${e.overall.p95} ms > ${e.target.p95} ms`).join('; ')}`);
	process.exitCode = 1;
}
