import pg from 'pg';
import { randomBytes } from 'node:crypto';

/** Percentiles of a list of milliseconds. */
export function percentiles(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
	return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

/** A fresh database on the PostgreSQL server in BENCH_DATABASE_URL (default: the local one), dropped by `drop()`. */
export async function freshPostgresDatabase(prefix: string) {
	const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `${prefix}_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: base });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(base);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const c = new pg.Client({ connectionString: base });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		}
	};
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
