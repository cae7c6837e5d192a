import { sql, type Kysely } from 'kysely';
import { buildShortGrams } from '../../catalogue/short-grams';
import { memoisedNormaliser } from '../../catalogue/normalise';
import type { Format } from '../schema';

/** Rows per backfill batch: one round trip each, small enough for PGlite's memory. */
const BACKFILL_BATCH = 2_000;

/**
 * Catalogue search for short Japanese queries (STACK.md pitfall 7).
 *
 * - `short_grams text[]`: the distinct 1- and 2-character grams of each record's normalised title, author,
 *   readings and subjects, computed in TypeScript (`buildShortGrams`, the same normalisation as queries),
 *   with a GIN index, so `short_grams @> array['猫']` answers a 1–2 character query from the index instead
 *   of a sequential scan; plus format, audience and language keys, so filters use the same index.
 *   Existing rows are filled here in batches; new rows are written with their grams.
 * - A btree on the normalised title (the first segment of `search_text`), `text_pattern_ops` so it serves
 *   both `=` and `LIKE 'prefix%'`: exact and prefix title matches are fetched first, so a title such as
 *   「こころ」 is not lost behind the 1,000-hit cap of a common word.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table catalogue_records add column short_grams text[] not null default '{}'`.execute(db);

	const normalise = memoisedNormaliser();
	let lastId = 0;
	for (;;) {
		const { rows } = await sql<{
			id: number;
			title: string;
			title_reading: string;
			author: string;
			author_reading: string;
			subjects: string;
			format: Format;
			audience: 'adult' | 'young_adult' | 'children';
			language: string;
		}>`select id, title, title_reading, author, author_reading, subjects, format, audience, language from catalogue_records
			where id > ${lastId} order by id limit ${BACKFILL_BATCH}`.execute(db);
		if (rows.length === 0) break;
		const batch = rows.map((row) => ({ id: row.id, g: buildShortGrams(row, normalise) }));
		// One UPDATE per batch; arrays of unequal length travel as JSON (a text[][] must be rectangular).
		await sql`update catalogue_records c
			set short_grams = array(select jsonb_array_elements_text(b.g))
			from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as b(id integer, g jsonb)
			where c.id = b.id`.execute(db);
		lastId = rows[rows.length - 1].id;
	}

	await sql`create index catalogue_records_short_grams on catalogue_records using gin (short_grams)`.execute(db);
	await sql`create index catalogue_records_title_key
		on catalogue_records ((split_part(search_text, chr(1), 1)) text_pattern_ops)`.execute(db);
}
