import type { Transaction } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { DEMO_SPOTLIGHT_RECORDS, generateRecords, type GeneratedRecord } from '$lib/server/catalogue/generate-records';
import { insertRecords, type RecordWithCopies } from '$lib/server/catalogue/catalogue.repository';

/** Records per multi-row INSERT: about 500 × 14 parameters stays far below PostgreSQL's 65,535. */
const BATCH = 500;

/**
 * Loads the demo catalogue inside the seeding transaction: the hand-written spotlight records (銀河鉄道の夜 in
 * print, DAISY and braille, a non-lendable local history…) first, so they get the lowest ids, then `count`
 * generated records of seed 1, each with its copies. A copy's `locationIndex` is its position among the
 * city's collection-holding libraries in configuration order (wrapping round for a city with fewer than 13).
 */
export async function seedDemoCatalogue(trx: Transaction<Database>, count: number): Promise<void> {
	const libraries = cityConfig()
		.locations.filter((location) => location.kind === 'library' && location.holdsCollection)
		.map((location) => location.id);
	if (libraries.length === 0) return;

	const toInsert = (record: GeneratedRecord): RecordWithCopies => ({
		record,
		copies: record.copies.map((copy) => ({
			locationId: libraries[copy.locationIndex % libraries.length],
			shelfMark: copy.shelfMark,
			status: copy.status
		}))
	});

	let batch: RecordWithCopies[] = DEMO_SPOTLIGHT_RECORDS.map(toInsert);
	for (const record of generateRecords({ count, seed: 1 })) {
		batch.push(toInsert(record));
		if (batch.length >= BATCH) {
			await insertRecords(trx, batch);
			batch = [];
		}
	}
	await insertRecords(trx, batch);
}
