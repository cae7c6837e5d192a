import { sql, type Kysely } from 'kysely';

/**
 * Home delivery (N disability services rules art. 2(2); M 3-(1)-③; DOMAIN §5; issue 5, second half).
 *
 * - `home_delivery_requests`: one row per request, handled by one library (`library_id`). What travels
 *   (method, address, preferred days) is plain: staff need it to pack and post, and it is the account's own
 *   kind of data. The request says that its patron holds a type (2) reading-services registration, so the
 *   staff pages are for reading-services librarians only. `tracking_number` is required once a postal
 *   request has left; `return_due_on` once it has been delivered.
 * - `home_delivery_items`: the titles asked for, in the patron's order; `hold_id` when chosen from one of
 *   the patron's reservations (dispatch then lends that reservation's copy).
 * - `home_delivery_events`: every step with who (null: the scheduled job) and when: the timeline.
 * - `home_delivery_drafts`: a request being filled in, one per patron; sending empties it and records the
 *   new request's id, for the confirmation page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create sequence home_delivery_reference_seq start 1`.execute(db);

	await db.schema
		.createTable('home_delivery_requests')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('patron_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('requested_by', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('library_id', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('requested','accepted','dispatched','delivered','return_due','returned','cancelled')`)
		)
		.addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('post_braille','post_recorded','post','visit')`))
		.addColumn('postal_code', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('preferred_on', 'date', (c) => c.notNull())
		.addColumn('alternative_on', 'date')
		.addColumn('time_of_day', 'text', (c) => c.notNull().check(sql`time_of_day in ('morning','afternoon','any')`))
		.addColumn('return_method', 'text', (c) => c.notNull().check(sql`return_method in ('post','collection','counter')`))
		.addColumn('tracking_number', 'text')
		.addColumn('return_due_on', 'date')
		.addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('accepted_at', 'timestamptz')
		.addColumn('packed_at', 'timestamptz')
		.addColumn('dispatched_at', 'timestamptz')
		.addColumn('delivered_at', 'timestamptz')
		.addColumn('returned_at', 'timestamptz')
		.addColumn('cancelled_at', 'timestamptz')
		// The rules of the worklist, kept by the database too: a posted parcel has a tracking number, items
		// out on loan have a return day, and collection at the door needs a visit.
		.addCheckConstraint(
			'home_delivery_tracked',
			sql`method = 'visit' or status not in ('dispatched','delivered','return_due','returned') or tracking_number is not null`
		)
		.addCheckConstraint('home_delivery_due', sql`status not in ('delivered','return_due') or return_due_on is not null`)
		.addCheckConstraint('home_delivery_collection', sql`return_method <> 'collection' or method = 'visit'`)
		.execute();
	await sql`create index home_delivery_worklist on home_delivery_requests (library_id, status, preferred_on)`.execute(db);
	await sql`create index home_delivery_patron on home_delivery_requests (patron_id, requested_at)`.execute(db);

	await db.schema
		.createTable('home_delivery_items')
		.addColumn('request_id', 'integer', (c) => c.notNull().references('home_delivery_requests.id'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('record_id', 'integer', (c) => c.notNull().references('catalogue_records.id'))
		.addColumn('hold_id', 'integer', (c) => c.references('holds.id'))
		.addPrimaryKeyConstraint('home_delivery_items_pk', ['request_id', 'position'])
		.addUniqueConstraint('home_delivery_items_once', ['request_id', 'record_id'])
		.execute();

	await db.schema
		.createTable('home_delivery_events')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('request_id', 'integer', (c) => c.notNull().references('home_delivery_requests.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
		.addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('requested','accepted','packed','dispatched','delivered','return_due','returned','cancelled')`)
		)
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema.createIndex('home_delivery_events_request').on('home_delivery_events').columns(['request_id', 'id']).execute();

	await db.schema
		.createTable('home_delivery_drafts')
		.addColumn('patron_id', 'integer', (c) => c.primaryKey().references('accounts.id'))
		.addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_by', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('request_id', 'integer', (c) => c.references('home_delivery_requests.id'))
		.execute();
}
