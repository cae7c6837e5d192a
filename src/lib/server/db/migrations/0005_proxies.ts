import { sql, type Kysely } from 'kysely';

/**
 * Proxies (代理人): family members, supporters, caregivers and legal representatives who act for a
 * patron (N 対応要領 annex 4(3); lending rules form 1). One row per grant of authority, whoever set it up:
 *
 * - `origin = 'patron'`: the patron invited someone, by card number (`invited_card_number`, kept as typed
 *   so the patron's list never reveals whether that card exists) or by a one-time code (only its SHA-256
 *   is stored, in `invite_code_hash`); the grant is `invited` until the invitee accepts.
 * - `origin = 'staff'`: a librarian recorded it at the counter after seeing the evidence (委任状, the
 *   proxy's ID…); it is `active` at once and the represented patron needs no login.
 *
 * A grant is in force while `status = 'active'` and `ends_on` (inclusive) has not passed; either side, or
 * staff, can end it (`ended_at`, `ended_by`, `end_reason`). Ended rows are kept: they explain the log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('proxy_grants')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('patron_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('proxy_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('patron','staff')`))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('invited','active','ended')`))
		.addColumn('scopes', sql`text[]`, (c) =>
			c
				.notNull()
				.check(
					sql`cardinality(scopes) > 0 and scopes <@ array['reservations','reading_services','home_delivery','accommodation','view_loans_reservations','receive_notices']::text[]`
				)
		)
		.addColumn('invited_card_number', 'text')
		.addColumn('invite_code_hash', 'text', (c) => c.unique())
		.addColumn('invite_expires_at', 'timestamptz')
		.addColumn('relationship', 'text', (c) =>
			c.check(sql`relationship in ('family','supporter','caregiver','legal_representative','other')`)
		)
		.addColumn('evidence', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.addColumn('evidence_note', 'text')
		.addColumn('evidence_seen_on', 'date')
		.addColumn('ends_on', 'date')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('accepted_at', 'timestamptz')
		.addColumn('ended_at', 'timestamptz')
		.addColumn('ended_by', 'integer', (c) => c.references('accounts.id'))
		.addColumn('end_reason', 'text', (c) =>
			c.check(sql`end_reason in ('revoked','withdrawn','declined','cancelled','ended_by_staff','replaced')`)
		)
		.addCheckConstraint('proxy_grants_not_self', sql`proxy_id is null or proxy_id <> patron_id`)
		.addCheckConstraint('proxy_grants_active_has_proxy', sql`status <> 'active' or proxy_id is not null`)
		.addCheckConstraint(
			'proxy_grants_ended_has_reason',
			sql`(status = 'ended') = (ended_at is not null and end_reason is not null)`
		)
		.execute();

	// The last line of defence: one grant in force per patron and proxy (a new one replaces the old).
	await sql`create unique index proxy_grants_one_active on proxy_grants (patron_id, proxy_id) where status = 'active'`.execute(db);
	await sql`create index proxy_grants_patron on proxy_grants (patron_id, status)`.execute(db);
	await sql`create index proxy_grants_proxy on proxy_grants (proxy_id, status)`.execute(db);
	await sql`create index proxy_grants_invited_card on proxy_grants (invited_card_number) where status = 'invited'`.execute(db);
	// The proxy log reads a patron's audit entries by actor.
	await sql`create index audit_log_subject_actor on audit_log (subject_id, actor_id, at)`.execute(db);
}
