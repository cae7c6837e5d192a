import { sql, type Kysely } from 'kysely';

/**
 * Reservations (holds) and their history, and group registrations (N lending rules art. 3, 4, form 3).
 * The partial unique indexes are the last line of defence of the allocation rules: one active hold
 * per patron and title, and one copy never assigned to two live holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('accounts')
		.addColumn('kind', 'text', (c) => c.notNull().defaultTo('individual').check(sql`kind in ('individual','group')`))
		.execute();

	await db.schema
		.createTable('patron_groups')
		.addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
		.addColumn('group_type', 'text', (c) => c.notNull())
		.addColumn('representative', 'text', (c) => c.notNull())
		.addColumn('contact_person', 'text', (c) => c.notNull())
		.addColumn('members', 'integer', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('home_library_id', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('holds')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('record_id', 'integer', (c) => c.notNull().references('catalogue_records.id'))
		.addColumn('patron_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('placed_by', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('pickup_location_id', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('waiting','in_transit','ready','collected','lapsed','cancelled')`)
		)
		.addColumn('copy_id', 'integer', (c) => c.references('copies.id'))
		// clock_timestamp, not now(): the time of placement, not of the transaction's start.
		.addColumn('placed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
		.addColumn('suspended_until', 'date')
		.addColumn('ready_at', 'timestamptz')
		.addColumn('pickup_by', 'date')
		.addColumn('closed_at', 'timestamptz')
		.execute();
	await sql`create unique index holds_one_active_per_patron on holds (record_id, patron_id)
		where status in ('waiting','in_transit','ready')`.execute(db);
	await sql`create unique index holds_one_hold_per_copy on holds (copy_id)
		where status in ('in_transit','ready')`.execute(db);
	await sql`create index holds_queue on holds (record_id, id) where status in ('waiting','in_transit','ready')`.execute(db);
	await sql`create index holds_patron on holds (patron_id, status)`.execute(db);
	await sql`create index holds_shelf on holds (pickup_location_id, status, pickup_by)`.execute(db);

	// What a reading-services registration grants (N disability rules art. 2): type 1 unlocks
	// accessible-format loans (art. 4-2), type 2 home delivery. Written by staff review (issue 5).
	await db.schema
		.createTable('reading_service_grants')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('patron_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('service_type', 'integer', (c) => c.notNull().check(sql`service_type in (1, 2, 3)`))
		.addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('granted_by', 'integer', (c) => c.references('accounts.id'))
		.addColumn('expires_on', 'date', (c) => c.notNull())
		.addColumn('withdrawn_at', 'timestamptz')
		.execute();
	await db.schema.createIndex('reading_service_grants_patron').on('reading_service_grants').columns(['patron_id', 'service_type']).execute();

	// Every transition, with who, when and why. `notified_at` makes it an outbox for notifications.
	await db.schema
		.createTable('hold_events')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('hold_id', 'integer', (c) => c.notNull().references('holds.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('notified_at', 'timestamptz')
		.execute();
	await db.schema.createIndex('hold_events_hold_idx').on('hold_events').column('hold_id').execute();
	await sql`create index hold_events_outbox on hold_events (id) where notified_at is null`.execute(db);
}
