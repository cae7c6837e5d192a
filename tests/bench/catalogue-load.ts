/**
 * Loading a generated catalogue of N records for the search and HTTP benchmarks (issue 3), into PostgreSQL
 * and into a PGlite data directory, through COPY and with the migrations' own tables, constraints and indexes.
 *
 * 1. `catalogueFiles(n)`: the COPY text files for the hand-written spotlight records followed by records
 *    0..n-1 of generator seed 1 (as the demo seed orders them), kept under bench-results/catalogue/ and
 *    reused while the generator's sources are unchanged (a hash of them is stored beside the files).
 * 2. `loadPostgres` / `loadPglite`: run the real migrations on an empty database, drop the secondary indexes
 *    of both tables and the foreign keys that point at `catalogue_records`, switch off the availability
 *    triggers on `copies` (the records file carries the keys they would write), COPY both files in, then recreate
 *    exactly the definitions read back from the catalogue (`pg_indexes.indexdef`, `pg_get_constraintdef`) and
 *    VACUUM ANALYZE, as a bulk load would be done. Recreating what the migrations made, rather than writing the
 *    DDL here again, keeps the indexes the migrations' own.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { DEMO_SPOTLIGHT_RECORDS, generateRecords, type GeneratedRecord } from '$lib/server/catalogue/generate-records';
import { CATALOGUE_COPY_COLUMNS, catalogueCopyLine, copyTextValue } from '$lib/server/catalogue/copy-format';
import { availabilityKeys } from '$lib/server/catalogue/short-grams';

export const RESULTS_DIR = 'bench-results';
const SEED = 1;
/** Columns of the copies file: the record id is the record's line number (ids of a fresh table start at 1). */
const COPIES_COLUMNS = ['record_id', 'location_id', 'shelf_mark', 'status'] as const;
/** The session's memory for index builds on PostgreSQL (the server's default is 64 MB). */
export const PG_MAINTENANCE_WORK_MEM = '512MB';

const seconds = (from: number) => (performance.now() - from) / 1000;

/** Sources whose change changes the generated files (with the library list and `FILE_FORMAT`). */
const GENERATOR_SOURCES = [
	'src/lib/server/catalogue/generate-records.ts',
	'src/lib/server/catalogue/word-lists.ts',
	'src/lib/server/catalogue/normalise.ts',
	'src/lib/server/catalogue/short-grams.ts',
	'src/lib/server/catalogue/copy-format.ts'
];
/** Raise when the files written here change shape. */
const FILE_FORMAT = 2;

export interface CatalogueFiles {
	records: string;
	copies: string;
	/** Records in the file (spotlight records included). */
	recordCount: number;
	copyCount: number;
	/** Seconds spent generating now; 0 when the files were reused. */
	generateSeconds: number;
	reused: boolean;
}

class ChunkedWriter {
	private buffer = '';
	constructor(private readonly stream: WriteStream) {}
	async add(text: string): Promise<void> {
		this.buffer += text;
		if (this.buffer.length < 1 << 16) return;
		const ok = this.stream.write(this.buffer);
		this.buffer = '';
		if (!ok) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
	}
	async close(): Promise<void> {
		if (this.buffer) this.stream.write(this.buffer);
		this.buffer = '';
		await new Promise<void>((resolve, reject) => {
			this.stream.once('error', reject);
			this.stream.end(resolve);
		});
	}
}

/** Collection-holding libraries in configuration order: a copy's `locationIndex` points into this list. */
function libraries(): string[] {
	return cityConfig()
		.locations.filter((l) => l.kind === 'library' && l.holdsCollection)
		.map((l) => l.id);
}

/** The COPY files for `count` generated records (plus the spotlight records), generated or reused. */
export async function catalogueFiles(count: number): Promise<CatalogueFiles> {
	const dir = join(RESULTS_DIR, 'catalogue');
	mkdirSync(dir, { recursive: true });
	const hash = createHash('sha256');
	for (const file of GENERATOR_SOURCES) hash.update(readFileSync(file));
	hash.update(JSON.stringify({ FILE_FORMAT, libraries: libraries() }));
	const fingerprint = hash.digest('hex').slice(0, 16);
	const base = join(dir, `seed${SEED}-${count}`);
	const files = { records: `${base}.records.tsv`, copies: `${base}.copies.tsv` };
	const metaFile = `${base}.json`;
	if (existsSync(metaFile) && existsSync(files.records) && existsSync(files.copies)) {
		const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
		if (meta.fingerprint === fingerprint) return { ...files, recordCount: meta.recordCount, copyCount: meta.copyCount, generateSeconds: 0, reused: true };
	}
	// Stale files of other sizes or generator versions are left alone; only this size is rewritten.
	const started = performance.now();
	const locations = libraries();
	const records = new ChunkedWriter(createWriteStream(files.records));
	const copies = new ChunkedWriter(createWriteStream(files.copies));
	let recordCount = 0;
	let copyCount = 0;
	const emit = async (record: GeneratedRecord) => {
		const id = ++recordCount;
		// The "on the shelf at" keys the copies triggers would add (0009_search_availability); they are off for COPY.
		const at = availabilityKeys(record.copies.map((c) => ({ locationId: locations[c.locationIndex % locations.length], status: c.status })));
		await records.add(catalogueCopyLine({ ...record, short_grams: [...(record.short_grams ?? []), ...at] }));
		let lines = '';
		for (const c of record.copies) {
			lines += `${id}\t${locations[c.locationIndex % locations.length]}\t${copyTextValue(c.shelfMark)}\t${c.status}\n`;
			copyCount++;
		}
		await copies.add(lines);
	};
	for (const record of DEMO_SPOTLIGHT_RECORDS) await emit(record);
	for (const record of generateRecords({ count, seed: SEED })) await emit(record);
	await Promise.all([records.close(), copies.close()]);
	writeFileSync(metaFile, JSON.stringify({ fingerprint, seed: SEED, count, recordCount, copyCount }, null, '\t'));
	return { ...files, recordCount, copyCount, generateSeconds: seconds(started), reused: false };
}

/** What a load took and left. */
export interface LoadReport {
	recordCount: number;
	copyCount: number;
	/** COPY of both files (the foreign keys' re-validation is counted with the indexes). */
	loadSeconds: number;
	/** Recreating the migrations' secondary indexes and the foreign keys. */
	indexSeconds: number;
	analyzeSeconds: number;
	/** Bytes on disk: pg_database_size on PostgreSQL, the data directory on PGlite. */
	diskBytes: number;
	databaseBytes: number;
	/** Each catalogue/copies relation (tables with TOAST, indexes) and its size in bytes. */
	relations: { name: string; bytes: number }[];
	indexes: string[];
}

interface Runner {
	query<T = Record<string, unknown>>(text: string): Promise<T[]>;
}

interface Dropped {
	indexes: { name: string; definition: string }[];
	constraints: { table: string; name: string; definition: string }[];
}

/** Drops the secondary indexes of both tables and the foreign keys into `catalogue_records`, returning their definitions. */
async function dropForLoad(run: Runner): Promise<Dropped> {
	const indexes = await run.query<{ name: string; definition: string }>(`
		select i.indexname as name, i.indexdef as definition from pg_indexes i
		where i.schemaname = 'public' and i.tablename in ('catalogue_records', 'copies')
			and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
		order by i.indexname`);
	const constraints = await run.query<{ table: string; name: string; definition: string }>(`
		select conrelid::regclass::text as "table", conname as name, pg_get_constraintdef(oid) as definition
		from pg_constraint where contype = 'f' and confrelid = 'catalogue_records'::regclass order by conname`);
	for (const c of constraints) await run.query(`alter table ${c.table} drop constraint ${c.name}`);
	for (const i of indexes) await run.query(`drop index ${i.name}`);
	// The availability triggers (0009_search_availability) would update a record per COPY batch of copies; the
	// records file already carries the keys they would write (`availabilityKeys`).
	await run.query('alter table copies disable trigger user');
	return { indexes, constraints };
}

async function restoreAfterLoad(run: Runner, dropped: Dropped): Promise<void> {
	for (const i of dropped.indexes) await run.query(i.definition);
	for (const c of dropped.constraints) await run.query(`alter table ${c.table} add constraint ${c.name} ${c.definition}`);
	await run.query('alter table copies enable trigger user');
}

/** Ids must be exactly 1..n in file order, or the copies file would point at the wrong records. */
async function checkIds(run: Runner, expected: number): Promise<void> {
	const [row] = await run.query<{ n: string; lo: number; hi: number }>('select count(*) as n, min(id) as lo, max(id) as hi from catalogue_records');
	if (Number(row.n) !== expected || row.lo !== 1 || row.hi !== expected) {
		throw new Error(`catalogue_records ids are ${row.lo}..${row.hi} for ${row.n} rows; expected 1..${expected} (the database was not fresh)`);
	}
}

async function relationSizes(run: Runner): Promise<{ name: string; bytes: number }[]> {
	const rows = await run.query<{ name: string; bytes: string }>(`
		select c.relname as name, case when c.relkind = 'r' then pg_table_size(c.oid) else pg_relation_size(c.oid) end as bytes
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = 'public' and c.relkind in ('r', 'i')
			and (c.relname in ('catalogue_records', 'copies') or c.oid in (select indexrelid from pg_index where indrelid in ('catalogue_records'::regclass, 'copies'::regclass)))
		order by 2 desc`);
	return rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
}

// ----- PostgreSQL --------------------------------------------------------------------------------

const ADMIN_URL = () => process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of the benchmark's database for `count` records on the server of BENCH_DATABASE_URL. */
export function benchDatabaseUrl(count: number): { name: string; url: string } {
	const name = `bench_search_${count}`;
	const url = new URL(ADMIN_URL());
	url.pathname = `/${name}`;
	return { name, url: url.toString() };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: ADMIN_URL() });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

export async function dropBenchDatabase(count: number): Promise<void> {
	const { name } = benchDatabaseUrl(count);
	await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/**
 * The record count of a complete earlier load of `count` records (it writes a marker table last), or null
 * when there is no such database.
 */
export async function existingBenchDatabase(count: number): Promise<number | null> {
	const { name, url } = benchDatabaseUrl(count);
	const exists = await admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount);
	if (!exists) return null;
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query(`select to_regclass('bench_loaded') is not null as done`);
		if (!rows[0].done) return null;
		return Number((await client.query('select records from bench_loaded')).rows[0].records);
	} finally {
		await client.end();
	}
}

/** A fresh `bench_search_<count>` database (dropped first if it exists), migrated and loaded. */
export async function loadPostgres(files: CatalogueFiles, count: number, say: (line: string) => void): Promise<LoadReport & { url: string }> {
	const { name, url } = benchDatabaseUrl(count);
	await admin(async (c) => {
		await c.query(`drop database if exists ${name} with (force)`);
		await c.query(`create database ${name}`);
	});
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
	await migrateToLatest(db);
	await db.destroy();

	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const run: Runner = { query: async (text) => (await client.query(text)).rows };
	try {
		const dropped = await dropForLoad(run);
		let started = performance.now();
		// psql's \copy streams the file from this machine (COPY FROM a path would need the server to read it).
		const psql = (command: string) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { stdio: 'inherit' });
		psql(`\\copy catalogue_records (${CATALOGUE_COPY_COLUMNS.join(', ')}) from '${files.records}'`);
		psql(`\\copy copies (${COPIES_COLUMNS.join(', ')}) from '${files.copies}'`);
		const loadSeconds = seconds(started);
		await checkIds(run, files.recordCount);
		say(`postgres: COPY ${files.recordCount.toLocaleString()} records, ${files.copyCount.toLocaleString()} copies in ${loadSeconds.toFixed(1)} s`);

		started = performance.now();
		await client.query(`set maintenance_work_mem = '${PG_MAINTENANCE_WORK_MEM}'`);
		await restoreAfterLoad(run, dropped);
		const indexSeconds = seconds(started);
		say(`postgres: ${dropped.indexes.length} indexes and ${dropped.constraints.length} foreign keys rebuilt in ${indexSeconds.toFixed(1)} s`);
		started = performance.now();
		await client.query('vacuum analyze catalogue_records');
		await client.query('vacuum analyze copies');
		const analyzeSeconds = seconds(started);
		await client.query(`create table bench_loaded as select ${files.recordCount}::integer as records, now() as loaded_at`);
		const [size] = await run.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes');
		return saveReport('postgres', count, {
			url,
			recordCount: files.recordCount,
			copyCount: files.copyCount,
			loadSeconds,
			indexSeconds,
			analyzeSeconds,
			diskBytes: Number(size.bytes),
			databaseBytes: Number(size.bytes),
			relations: await relationSizes(run),
			indexes: dropped.indexes.map((i) => i.definition)
		});
	} finally {
		await client.end();
	}
}

// ----- PGlite ------------------------------------------------------------------------------------

/** Bytes of COPY text handed to PGlite at a time (as a Blob read through its /dev/blob device). */
const PGLITE_CHUNK = 32 << 20;

function directoryBytes(dir: string): number {
	let total = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) total += directoryBytes(path);
		else if (entry.isFile()) total += statSync(path).size;
	}
	return total;
}

/** COPYs a text file into PGlite in chunks cut at line ends: `COPY … FROM '/dev/blob'` with the `blob` option. */
async function copyFileIntoPglite(pglite: import('@electric-sql/pglite').PGlite, table: string, columns: readonly string[], file: string) {
	const statement = `copy ${table} (${columns.join(', ')}) from '/dev/blob'`;
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	const flush = async (upTo: number) => {
		const whole = Buffer.concat(pending, pendingBytes);
		const chunk = whole.subarray(0, upTo);
		const rest = whole.subarray(upTo);
		pending = rest.length ? [Buffer.from(rest)] : [];
		pendingBytes = rest.length;
		await pglite.query(statement, [], { blob: new Blob([chunk]) });
	};
	for await (const data of createReadStream(file, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
		pending.push(data);
		pendingBytes += data.length;
		if (pendingBytes >= PGLITE_CHUNK) {
			const last = data.lastIndexOf(10);
			if (last >= 0) await flush(pendingBytes - data.length + last + 1);
		}
	}
	if (pendingBytes > 0) await flush(pendingBytes);
}

/** A fresh PGlite data directory `bench-results/pglite-<count>` (removed first), migrated and loaded. */
export async function loadPglite(files: CatalogueFiles, count: number, say: (line: string) => void): Promise<LoadReport & { dataDir: string }> {
	const dataDir = join(RESULTS_DIR, `pglite-${count}`);
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	// The same PGlite set-up as src/lib/server/db/connection.ts; opened here directly for its COPY blob option.
	const { PGlite } = await import('@electric-sql/pglite');
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
	const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
	try {
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig) }) });
		await migrateToLatest(db);
		await db.destroy();
		const run: Runner = { query: async (text) => (await pglite.query(text)).rows as never[] };

		const dropped = await dropForLoad(run);
		let started = performance.now();
		await copyFileIntoPglite(pglite, 'catalogue_records', CATALOGUE_COPY_COLUMNS, files.records);
		await copyFileIntoPglite(pglite, 'copies', COPIES_COLUMNS, files.copies);
		const loadSeconds = seconds(started);
		await checkIds(run, files.recordCount);
		say(`pglite: COPY ${files.recordCount.toLocaleString()} records, ${files.copyCount.toLocaleString()} copies in ${loadSeconds.toFixed(1)} s`);

		started = performance.now();
		await restoreAfterLoad(run, dropped);
		const indexSeconds = seconds(started);
		say(`pglite: ${dropped.indexes.length} indexes and ${dropped.constraints.length} foreign keys rebuilt in ${indexSeconds.toFixed(1)} s`);
		started = performance.now();
		await pglite.query('vacuum analyze catalogue_records');
		await pglite.query('vacuum analyze copies');
		const analyzeSeconds = seconds(started);
		await pglite.query('checkpoint');
		const [size] = await run.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes');
		const relations = await relationSizes(run);
		await pglite.close();
		return saveReport('pglite', count, {
			dataDir,
			recordCount: files.recordCount,
			copyCount: files.copyCount,
			loadSeconds,
			indexSeconds,
			analyzeSeconds,
			diskBytes: directoryBytes(dataDir),
			databaseBytes: Number(size.bytes),
			relations,
			indexes: dropped.indexes.map((i) => i.definition)
		});
	} finally {
		if (!pglite.closed) await pglite.close();
	}
}

/** Where a load's report is kept, so BENCH_REUSE=1 can time queries again without loading again. */
const reportFile = (engine: 'postgres' | 'pglite', count: number) => join(RESULTS_DIR, `load-${engine}-${count}.json`);

function saveReport<T extends LoadReport>(engine: 'postgres' | 'pglite', count: number, report: T): T {
	writeFileSync(reportFile(engine, count), JSON.stringify({ ...report, loadedAt: new Date().toISOString() }, null, '\t'));
	return report;
}

/**
 * The report of an earlier complete load of `count` records into `engine` that is still there (the
 * PostgreSQL database with its marker table, the PGlite directory), or null.
 */
export async function earlierLoad(engine: 'postgres' | 'pglite', count: number): Promise<(LoadReport & { url?: string; dataDir?: string; loadedAt: string }) | null> {
	const file = reportFile(engine, count);
	if (!existsSync(file)) return null;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	if (engine === 'postgres') return (await existingBenchDatabase(count)) === report.recordCount ? report : null;
	return existsSync(join(report.dataDir, 'PG_VERSION')) ? report : null;
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Runs a SQL statement on the benchmark database `url` (for the HTTP bench's checks). */
export async function queryOnce<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<T>(text)).rows;
	} finally {
		await client.end();
	}
}

