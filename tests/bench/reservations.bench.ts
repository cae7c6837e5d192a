/**
 * 1,000 concurrent reservations of one title with 3 copies, on PostgreSQL (issue 3's benchmark).
 * Checks: 0 errors, positions exactly 1..1000, exactly 3 holds hold a copy (3 different copies);
 * reports latency percentiles per reservation. Run: `npm run bench:reservations`.
 */
import { performance } from 'node:perf_hooks';
import { openConnection } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrate';
import { useConnection, stopDatabase } from '$lib/server/db';
import * as holds from '$lib/server/holds/holds.service';
import { freshPostgresDatabase, ms, percentiles } from './support';

const N = Number(process.env.BENCH_RESERVATIONS ?? 1000);
process.env.DB_POOL_SIZE ??= '20';
process.env.LOG_LEVEL = 'silent';

const database = await freshPostgresDatabase('bench_holds');
const connection = await openConnection({ kind: 'postgres', url: database.url });
useConnection(connection);
try {
	await migrateToLatest(connection.db);
	const db = connection.db;
	const record = await db
		.insertInto('catalogue_records')
		.values({ title: '人気の本', title_reading: 'にんきのほん', author: '著者', author_reading: 'ちょしゃ', publisher: '出版社', year: 2026, isbn: null, subjects: '', language: 'ja', audience: 'adult', format: 'print', lendable: true, search_text: 'にんきのほん' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('copies').values(['nerima', 'hikarigaoka', 'oizumi'].map((location_id) => ({ record_id: record.id, location_id, shelf_mark: '913/ニ', status: 'on_shelf' as const }))).execute();
	const patrons = await db
		.insertInto('accounts')
		.values(Array.from({ length: N }, (_, i) => ({
			card_number: String(5000000000 + i), password_hash: 'x', role: 'patron' as const, status: 'active' as const, name: `利用者${i}`, name_kana: 'リヨウシャ',
			birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: '0' as const,
			previous_card_number: null, id_document: null, workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		})))
		.returning('id')
		.execute();

	const latencies: number[] = [];
	const started = performance.now();
	const results = await Promise.all(
		patrons.map(async ({ id }) => {
			const t0 = performance.now();
			try {
				return await holds.place({ actorId: id, patronId: id }, record.id, 'nerima');
			} catch (error) {
				return { ok: false as const, reason: String(error) };
			} finally {
				latencies.push(performance.now() - t0);
			}
		})
	);
	const wall = performance.now() - started;
	const errors = results.filter((r) => !r.ok);
	const positions = results.flatMap((r) => (r.ok ? [r.position] : [])).sort((a, b) => a - b);
	const exact = positions.length === N && positions.every((p, i) => p === i + 1);
	const withCopy = await db.selectFrom('holds').select('copy_id').where('record_id', '=', record.id).where('copy_id', 'is not', null).execute();
	const copiesOk = withCopy.length === 3 && new Set(withCopy.map((h) => h.copy_id)).size === 3;
	const p = percentiles(latencies);
	console.log(`| reservations | pool | errors | positions 1..${N} exact | copies to 3 holds | p50 | p95 | p99 | wall |`);
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	console.log(`| ${N} | ${process.env.DB_POOL_SIZE} | ${errors.length} | ${exact ? 'yes' : 'NO'} | ${copiesOk ? 'yes' : 'NO'} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(wall)} |`);
	if (errors.length || !exact || !copiesOk) process.exitCode = 1;
} finally {
	await stopDatabase();
	await database.drop();
}
