import { sql, type Kysely } from 'kysely';

/**
 * Disability reading services (N disability services rules art. 2–4; DOMAIN §4, §7).
 *
 * - `reading_service_applications`: one row per application; once approved it is the registration.
 *   Everything the patron answered (service types asked for, formats, basis, certificate kind, contact
 *   needs, free text, delivery address) is one AES-256-GCM envelope in `answers_sealed`, sealed by the
 *   application (`$lib/server/crypto/sensitive`): the database never holds it in clear. Only dates,
 *   status and the reference number are plain. `answers_sealed` becomes null when the retention period
 *   after the end has passed (`erased_at`).
 * - `reading_service_events`: the history the patron and staff see; questions, answers and reasons are
 *   free text and sealed too (`body_sealed`, erased with the answers).
 * - `reading_service_drafts`: the answers of an application being filled in, per patron, sealed; never
 *   in the URL or a cookie.
 * - `sensitive_access_log`: every time someone other than the patron opened the sealed answers: who,
 *   when, why. Holds no sensitive data, so it outlives the erasure (the patron can still see who looked).
 * - `sensitive_data_key`: the fingerprint of the key the data is sealed with, so a server started with
 *   another key stops with a clear message instead of failing on each page.
 *
 * `reading_service_grants` (0003) gains the registration that granted each row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create sequence reading_service_reference_seq start 1`.execute(db);

	await db.schema
		.createTable('reading_service_applications')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('patron_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('submitted_by', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending','info_requested','approved','declined','withdrawn','ended','expired')`)
		)
		.addColumn('answers_sealed', 'text')
		.addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('decided_at', 'timestamptz')
		.addColumn('decided_by', 'integer', (c) => c.references('accounts.id'))
		// The day the registration lapses if it is not used; each use moves it on (Nerima: two years).
		.addColumn('expires_on', 'date')
		.addColumn('last_used_on', 'date')
		// When it stopped being open or in force: the retention period for the sealed data runs from here.
		.addColumn('ended_at', 'timestamptz')
		.addColumn('ended_by', 'integer', (c) => c.references('accounts.id'))
		.addColumn('erased_at', 'timestamptz')
		.addCheckConstraint('reading_applications_approved_has_expiry', sql`status <> 'approved' or expires_on is not null`)
		.addCheckConstraint(
			'reading_applications_ended',
			sql`(status in ('declined','withdrawn','ended','expired')) = (ended_at is not null)`
		)
		.addCheckConstraint('reading_applications_erased', sql`erased_at is null or (ended_at is not null and answers_sealed is null)`)
		.execute();
	// The last line of defence against a second application while one is being decided (two tabs, two
	// people), and against two registrations in force at once.
	await sql`create unique index reading_applications_one_open on reading_service_applications (patron_id)
		where status in ('pending','info_requested')`.execute(db);
	await sql`create unique index reading_applications_one_approved on reading_service_applications (patron_id)
		where status = 'approved'`.execute(db);
	await sql`create index reading_applications_queue on reading_service_applications (status, submitted_at)`.execute(db);
	await sql`create index reading_applications_patron on reading_service_applications (patron_id, submitted_at)`.execute(db);
	await sql`create index reading_applications_erasable on reading_service_applications (ended_at)
		where erased_at is null and ended_at is not null`.execute(db);

	await db.schema
		.createTable('reading_service_events')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('application_id', 'integer', (c) => c.notNull().references('reading_service_applications.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
		.addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(sql`kind in ('submitted','info_requested','answered','approved','declined','withdrawn','ended','expired','replaced','erased')`)
		)
		.addColumn('body_sealed', 'text')
		// Not sensitive: the granted types and dates, for the history.
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema.createIndex('reading_service_events_application').on('reading_service_events').columns(['application_id', 'id']).execute();

	await db.schema
		.createTable('reading_service_drafts')
		.addColumn('patron_id', 'integer', (c) => c.primaryKey().references('accounts.id'))
		.addColumn('answers_sealed', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_by', 'integer', (c) => c.notNull().references('accounts.id'))
		.execute();

	await db.schema
		.createTable('sensitive_access_log')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
		.addColumn('viewer_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('patron_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('application_id', 'integer', (c) => c.references('reading_service_applications.id'))
		.addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('review','service','proxy')`))
		.execute();
	await db.schema.createIndex('sensitive_access_log_patron').on('sensitive_access_log').columns(['patron_id', 'at']).execute();

	await db.schema
		.createTable('sensitive_data_key')
		.addColumn('singleton', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
		.addColumn('key_id', 'text', (c) => c.notNull())
		.addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.alterTable('reading_service_grants')
		.addColumn('application_id', 'integer', (c) => c.references('reading_service_applications.id'))
		.execute();
}
