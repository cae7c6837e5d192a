import { sql, type Kysely } from 'kysely';

/** Bibliographic records and their copies, with trigram search over normalised text. */
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create extension if not exists pg_trgm`.execute(db);
	await db.schema
		.createTable('catalogue_records')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_reading', 'text', (c) => c.notNull())
		.addColumn('author', 'text', (c) => c.notNull())
		.addColumn('author_reading', 'text', (c) => c.notNull())
		.addColumn('publisher', 'text', (c) => c.notNull())
		.addColumn('year', 'integer')
		.addColumn('isbn', 'text')
		.addColumn('subjects', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) =>
			c.notNull().check(sql`audience in ('adult','young_adult','children')`)
		)
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('lendable', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('search_text', 'text', (c) => c.notNull())
		.execute();
	await sql`create index catalogue_records_search_trgm on catalogue_records using gin (search_text gin_trgm_ops)`.execute(db);
	await db.schema.createIndex('catalogue_records_isbn_idx').on('catalogue_records').column('isbn').execute();

	await db.schema
		.createTable('copies')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('record_id', 'integer', (c) => c.notNull().references('catalogue_records.id').onDelete('cascade'))
		.addColumn('location_id', 'text', (c) => c.notNull())
		.addColumn('shelf_mark', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('on_shelf','on_loan','in_transit','on_hold_shelf','not_lendable')`)
		)
		.execute();
	await db.schema.createIndex('copies_record_idx').on('copies').column('record_id').execute();
}
