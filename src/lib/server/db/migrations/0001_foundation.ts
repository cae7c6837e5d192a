import { sql, type Kysely } from 'kysely';

/** Accounts, sessions, sign-in throttling, the audit log and form idempotency keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
	// Card numbers issued online; demo and migrated cards use lower numbers.
	await sql`create sequence card_number_seq start 1100000001 maxvalue 1999999999`.execute(db);
	await db.schema
		.createTable('accounts')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('card_number', 'text', (c) => c.notNull().unique())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('patron','librarian','desk_officer','admin')`)
		)
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('provisional','active','deregistered')`)
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_kana', 'text', (c) => c.notNull())
		.addColumn('birth_year', 'integer')
		.addColumn('phone', 'text')
		.addColumn('phone_kind', 'text')
		.addColumn('email', 'text')
		.addColumn('postal_code', 'text')
		.addColumn('address', 'text')
		.addColumn('category', 'text', (c) => c.check(sql`category in ('0','1','2')`))
		.addColumn('previous_card_number', 'text')
		.addColumn('id_document', 'text')
		.addColumn('workplace_id', 'text')
		.addColumn('preferred_pickup_id', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('confirmed_at', 'timestamptz')
		.addColumn('confirmed_by', 'integer', (c) => c.references('accounts.id'))
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id_hash', 'text', (c) => c.primaryKey())
		.addColumn('actor_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
		.addColumn('subject_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_actor_idx').on('sessions').column('actor_id').execute();

	await db.schema
		.createTable('sign_in_throttle')
		.addColumn('card_number', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
		.addColumn('locked_until', 'timestamptz')
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('subject_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text')
		.addColumn('target_id', 'text')
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema.createIndex('audit_log_subject_idx').on('audit_log').columns(['subject_id', 'at']).execute();

	await db.schema
		.createTable('form_submissions')
		.addColumn('token', 'text', (c) => c.primaryKey())
		.addColumn('account_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('result', 'jsonb', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
}
