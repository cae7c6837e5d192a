/**
 * The search page over HTTP (issue 3): the built server (`node build`) on PostgreSQL with N generated records,
 * 50 connections with autocannon, first `/search` over the rotating query mix of tests/bench/search-mix.ts,
 * then a static file of the same server, in the same run. Target: search p95 ≤ 100 ms.
 *
 *   npm run build && npm run bench:http                    # 2,000,000 records
 *   BENCH_RECORDS=50000 npm run bench:http
 *
 * The database is `bench_search_<N>` as `bench:search` left it; when there is none, it is loaded here the
 * same way. The build is copied to bench-results/http-build first, so a rebuild by someone else during the
 * run cannot swap the server's chunks underneath it. Results: a markdown table and bench-results/http.json.
 *
 * BENCH_HTTP_SECONDS (default 20) per phase, BENCH_HTTP_CONNECTIONS (default 50), BENCH_HTTP_PORT (4390),
 * BENCH_HTTP_WORKERS (default 1: one `node build`; more: that many processes on one port, node:cluster).
 * A last short phase (BENCH_HTTP_SINGLE_SECONDS, default 5) sends the search mix over one connection, for the
 * time of one request without queueing: with 50 connections kept busy, latency is 50 ÷ throughput.
 * Each phase also reports the CPU time a request cost the server, PostgreSQL and autocannon (from /proc),
 * which is what bounds throughput on a machine that runs all three.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, getPriority, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { catalogueFiles, earlierLoad, loadPostgres, queryOnce, RESULTS_DIR } from './catalogue-load';
import { searchMix } from './search-mix';
import { percentiles } from './support';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 2_000_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_HTTP_WARMUP_SECONDS ?? 5);
const SINGLE_SECONDS = Number(process.env.BENCH_HTTP_SINGLE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_HTTP_PORT ?? 4390);
const BUILD = process.env.BENCH_BUILD ?? 'build';
const STATIC_PATH = '/favicon.svg';
const TARGET_P95 = 100;
const BASE = `http://127.0.0.1:${PORT}`;

// autocannon ships no types; the part used here.
interface AutocannonResult {
	duration: number;
	requests: { total: number; average: number };
	latency: { p50: number; p90: number; p97_5: number; p99: number; max: number };
	non2xx: number;
	errors: number;
	timeouts: number;
}
interface AutocannonInstance {
	on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
	on(event: 'done', listener: (result: AutocannonResult) => void): void;
}
type Autocannon = ((options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance) & {
	track?: unknown;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const say = (line: string) => console.log(line);
const round1 = (n: number) => Math.round(n * 10) / 10;

async function database(): Promise<string> {
	const earlier = await earlierLoad('postgres', RECORDS);
	if (earlier) {
		say(`using ${earlier.url} (loaded ${earlier.loadedAt} by bench:search)`);
		return earlier.url!;
	}
	say(`no loaded bench_search_${RECORDS} database: loading one`);
	const files = await catalogueFiles(RECORDS);
	return (await loadPostgres(files, RECORDS, say)).url;
}

async function waitForServer(server: ChildProcess): Promise<void> {
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
		try {
			const response = await fetch(`${BASE}/`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('the server did not answer within 180 s');
}

interface Phase {
	name: string;
	connections: number;
	seconds: number;
	requests: number;
	requestsPerSecond: number;
	statuses: Record<string, number>;
	errors: number;
	timeouts: number;
	latency: { p50: number; p95: number; p99: number; max: number };
	/** autocannon's own histogram, for comparison (it has no p95). */
	autocannon: { p50: number; p97_5: number; p99: number; max: number };
	/** CPU time a request (ms, user + system, from /proc): the portal's processes, PostgreSQL's, this load generator's. */
	cpuPerRequest: { server: number; postgres: number; loadGenerator: number };
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** Every process's command name, parent and CPU time so far (ms), from /proc. */
function processCpu(): { pid: number; ppid: number; command: string; ms: number }[] {
	const rows = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // ended meanwhile
		}
		const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		rows.push({ pid: Number(entry), ppid: Number(fields[1]), command, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND });
	}
	return rows;
}

/** Per-process CPU time (ms) so far: the server (with its cluster workers), PostgreSQL's processes, this one. */
interface CpuSample {
	server: Map<number, number>;
	postgres: Map<number, number>;
	loadGenerator: number;
}

function cpuNow(serverPid: number): CpuSample {
	const all = processCpu();
	const byPid = (rows: typeof all) => new Map(rows.map((p) => [p.pid, p.ms]));
	const own = process.cpuUsage();
	return {
		server: byPid(all.filter((p) => p.pid === serverPid || p.ppid === serverPid)),
		postgres: byPid(all.filter((p) => p.command === 'postgres')),
		loadGenerator: (own.user + own.system) / 1000
	};
}

/** CPU ms spent between two samples: by processes alive at the end (a backend that exited meanwhile is not counted). */
function cpuSpent(before: CpuSample, after: CpuSample): { server: number; postgres: number; loadGenerator: number } {
	const spent = (b: Map<number, number>, a: Map<number, number>) => [...a].reduce((n, [pid, ms]) => n + ms - (b.get(pid) ?? 0), 0);
	return { server: spent(before.server, after.server), postgres: spent(before.postgres, after.postgres), loadGenerator: after.loadGenerator - before.loadGenerator };
}

/** One autocannon run; `paths` are requested in rotation across all connections. */
function cannon(name: string, paths: string[], seconds: number, connections = CONNECTIONS): Promise<Phase> {
	let next = 0;
	const times: number[] = [];
	const statuses: Record<string, number> = {};
	const cpuBefore = cpuNow(server.pid!);
	return new Promise((resolvePhase, reject) => {
		const instance = autocannon(
			{
				url: BASE,
				connections,
				duration: seconds,
				timeout: 30,
				headers: { 'accept-language': 'ja' },
				requests: [
					{
						method: 'GET',
						path: paths[0],
						setupRequest: (request: { path: string }) => ({ ...request, path: paths[next++ % paths.length] })
					}
				]
			},
			(error, result) => {
				if (error) return reject(error);
				const p = percentiles(times);
				const cpu = cpuSpent(cpuBefore, cpuNow(server.pid!));
				const perRequest = (key: keyof typeof cpu) => Math.round((cpu[key] / times.length) * 100) / 100;
				resolvePhase({
					name,
					connections,
					seconds: result.duration,
					requests: times.length,
					requestsPerSecond: round1(times.length / result.duration),
					statuses,
					errors: result.errors,
					timeouts: result.timeouts,
					latency: { p50: round1(p.p50), p95: round1(p.p95), p99: round1(p.p99), max: round1(p.max) },
					autocannon: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
					cpuPerRequest: { server: perRequest('server'), postgres: perRequest('postgres'), loadGenerator: perRequest('loadGenerator') }
				});
			}
		);
		instance.on('response', (_client, statusCode, _bytes, responseTime) => {
			times.push(responseTime);
			statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
		});
	});
}

const url = await database();
const [{ records }] = await queryOnce<{ records: string }>(url, 'select count(*) as records from catalogue_records');

if (!existsSync(join(BUILD, 'index.js'))) throw new Error(`${BUILD}/index.js is missing: run npm run build first`);
const snapshot = join(RESULTS_DIR, 'http-build');
rmSync(snapshot, { recursive: true, force: true });
cpSync(BUILD, snapshot, { recursive: true });

// BENCH_HTTP_WORKERS > 1: that many server processes on one port (node:cluster), each with its own pool.
const WORKERS = Number(process.env.BENCH_HTTP_WORKERS ?? 1);
const server = spawn(process.execPath, WORKERS > 1 ? [resolve('tests/bench/cluster-server.mjs'), resolve(snapshot), String(WORKERS)] : [resolve(snapshot)], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: BASE,
		DATABASE_URL: url,
		// The database holds the generated catalogue already; demo accounts are not needed for /search.
		SEED_DEMO: 'false',
		LOG_LEVEL: 'silent',
		// No scheduled jobs during the measurement.
		JOB_INTERVAL_SECONDS: '0',
		// A throw-away key, so the server writes no key file (nothing is sealed in this database).
		SENSITIVE_DATA_KEY: randomBytes(32).toString('base64'),
		DATA_DIR: join(RESULTS_DIR, 'http-data')
	}
});
const stop = () => {
	if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', stop);

try {
	await waitForServer(server);
	const mix = searchMix();
	const paths = mix.map((q) => `/search?${q.search}`);
	// Every page of the mix answers 200 with the result count in its status region.
	for (const path of paths) {
		const response = await fetch(`${BASE}${path}`);
		const html = await response.text();
		if (response.status !== 200 || !/role="status"[^>]*>[^<]+</.test(html)) throw new Error(`${path}: status ${response.status} or no result count`);
	}
	const staticResponse = await fetch(`${BASE}${STATIC_PATH}`);
	if (!staticResponse.ok) throw new Error(`${STATIC_PATH}: ${staticResponse.status}`);
	const staticBytes = (await staticResponse.arrayBuffer()).byteLength;

	say(`\nHTTP bench: ${Number(records).toLocaleString('en')} records on PostgreSQL, ${WORKERS} server process${WORKERS > 1 ? 'es' : ''}, ${CONNECTIONS} connections, ${SECONDS} s a phase after ${WARMUP_SECONDS} s of warm-up; ${cpus().length} cores, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
	await cannon('warm-up', paths, WARMUP_SECONDS);
	const loadBefore = loadavg()[0];
	const search = await cannon(`/search, ${mix.length} queries in rotation`, paths, SECONDS);
	const file = await cannon(`static ${STATIC_PATH} (${staticBytes} bytes)`, [STATIC_PATH], SECONDS);
	const loadAfter = loadavg()[0];
	const single = SINGLE_SECONDS > 0 ? await cannon(`/search over 1 connection (no queueing)`, paths, SINGLE_SECONDS, 1) : null;
	const share = search.requestsPerSecond / file.requestsPerSecond;
	const met = search.latency.p95 <= TARGET_P95;

	say('\n| phase | connections | requests | req/s | p50 | p95 | p99 | max | statuses | errors | CPU a request: server / PostgreSQL / autocannon |');
	say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const phase of [search, file, ...(single ? [single] : [])]) {
		const { p50, p95, p99, max } = phase.latency;
		const cpu = phase.cpuPerRequest;
		say(`| ${phase.name} | ${phase.connections} | ${phase.requests.toLocaleString('en')} | ${phase.requestsPerSecond} | ${p50} ms | ${p95} ms | ${p99} ms | ${max} ms | ${Object.entries(phase.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')} | ${phase.errors + phase.timeouts} | ${cpu.server} / ${cpu.postgres} / ${cpu.loadGenerator} ms |`);
	}
	say(`\nsearch throughput is ${(share * 100).toFixed(1)} % of the static file's; search p95 ${search.latency.p95} ms: target ≤ ${TARGET_P95} ms ${met ? 'met' : 'MISSED'}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);

	const out = join(RESULTS_DIR, 'http.json');
	writeFileSync(
		out,
		JSON.stringify(
			{
				records: Number(records),
				database: url,
				machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, nice: getPriority() },
				settings: { workers: WORKERS, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, singleConnectionSeconds: SINGLE_SECONDS, mix: paths },
				search,
				static: file,
				singleConnection: single,
				searchShareOfStatic: Math.round(share * 1000) / 1000,
				target: { p95: TARGET_P95, met },
				loadAverage: { before: round1(loadBefore), after: round1(loadAfter) },
				finishedAt: new Date().toISOString()
			},
			null,
			'\t'
		)
	);
	say(`wrote ${out}`);
	const failures = [search, file, ...(single ? [single] : [])].reduce((n, p) => n + p.errors + p.timeouts + Object.entries(p.statuses).filter(([s]) => s !== '200').reduce((m, [, c]) => m + c, 0), 0);
	if (!met || failures > 0) process.exitCode = 1;
} finally {
	stop();
}
