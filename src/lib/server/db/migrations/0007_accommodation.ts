import { sql, type Kysely } from 'kysely';

/**
 * Reasonable-accommodation requests routed to consultation desks (N 対応要領 art. 3, 4, 6 and annex; DOMAIN §6).
 *
 * - `accommodation_requests`: one row per request. Plain: what routing, the queue and the statistics need
 *   (reference, status, kind of service, place, desks, dates, outcome and its factors). Sealed by the
 *   application (`$lib/server/crypto/sensitive`): who asked and how to reach them (`identity_sealed`), the
 *   case in the person's words and the accommodations asked for (`case_sealed`), and the explanation the
 *   person reads (`explanation_sealed`). The private follow link's token is stored only as its SHA-256.
 * - `accommodation_events`: every step with who and when (submitted, acknowledged, messages, transfers,
 *   the outcome); message bodies and transfer reasons are sealed.
 * - `accommodation_drafts`: a request being filled in, keyed by the SHA-256 of a cookie token (anyone may
 *   ask, signed in or not); after sending, it keeps the sealed follow token for the confirmation page only.
 * - `accommodation_access_log`: each time staff or a proxy opened a request's sealed data.
 * - `accommodation_managers`: the responsible managers (障害者サポート推進責任者, art. 4) of each desk, who
 *   acknowledge requests.
 * - `accommodation_cases`: anonymised closed cases for reuse (art. 6-3): no reference, no link to the
 *   request or the person; the summary is written by staff for this purpose.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create sequence accommodation_reference_seq start 1`.execute(db);

	const kinds = sql`('library','event','website','welfare','health','other')`;
	const outcomes = sql`('provided','alternative_agreed','declined')`;

	await db.schema
		.createTable('accommodation_requests')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('follow_token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received','acknowledged','closed')`))
		.addColumn('service_kind', 'text', (c) => c.notNull().check(sql`service_kind in ${kinds}`))
		.addColumn('location_id', 'text')
		.addColumn('area_id', 'text')
		.addColumn('routing_rule', 'text', (c) => c.notNull())
		.addColumn('routed_desk_id', 'text', (c) => c.notNull())
		.addColumn('current_desk_id', 'text', (c) => c.notNull())
		// A signed-in patron (or their proxy): the request shows on their account. Null for anyone else.
		.addColumn('patron_id', 'integer', (c) => c.references('accounts.id'))
		.addColumn('submitted_by', 'integer', (c) => c.references('accounts.id'))
		.addColumn('identity_sealed', 'text')
		.addColumn('case_sealed', 'text')
		.addColumn('answer_by', 'date')
		.addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// The current desk's responsible manager checks by then (art. 4); a transfer starts it again.
		.addColumn('ack_due_at', 'timestamptz', (c) => c.notNull())
		// The first deadline, for the statistics (time to acknowledgement, late acknowledgements).
		.addColumn('first_ack_due_at', 'timestamptz', (c) => c.notNull())
		.addColumn('acknowledged_at', 'timestamptz')
		.addColumn('acknowledged_by', 'integer', (c) => c.references('accounts.id'))
		.addColumn('first_acknowledged_at', 'timestamptz')
		// The person wrote last and the desk has not answered yet.
		.addColumn('needs_reply', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('outcome', 'text', (c) => c.check(sql`outcome in ${outcomes}`))
		.addColumn('outcome_factors', sql`text[]`, (c) =>
			c.notNull().defaultTo(sql`'{}'::text[]`).check(sql`outcome_factors <@ array['service_impact','feasibility','cost']::text[]`)
		)
		.addColumn('differential_treatment', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('justified_reasons', sql`text[]`, (c) =>
			c
				.notNull()
				.defaultTo(sql`'{}'::text[]`)
				.check(sql`justified_reasons <@ array['safety','property','preventing_harm','service_function']::text[]`)
		)
		.addColumn('explanation_sealed', 'text')
		.addColumn('closed_at', 'timestamptz')
		.addColumn('closed_by', 'integer', (c) => c.references('accounts.id'))
		.addCheckConstraint('accommodation_closed', sql`(status = 'closed') = (closed_at is not null and outcome is not null)`)
		.addCheckConstraint('accommodation_acknowledged', sql`(status = 'received') = (acknowledged_at is null)`)
		// Annex 5 and annex 2: a refusal, or a different treatment with a justified reason, is explained to the
		// person and names the grounds. The service refuses first with a message; this is the last line.
		.addCheckConstraint(
			'accommodation_decline_explained',
			sql`outcome is distinct from 'declined' or (cardinality(outcome_factors) > 0 and explanation_sealed is not null)`
		)
		.addCheckConstraint(
			'accommodation_differential_explained',
			sql`not differential_treatment or (cardinality(justified_reasons) > 0 and explanation_sealed is not null)`
		)
		.execute();
	await sql`create index accommodation_requests_queue on accommodation_requests (current_desk_id, status, submitted_at)`.execute(db);
	await sql`create index accommodation_requests_open on accommodation_requests (status, ack_due_at) where status <> 'closed'`.execute(db);
	await sql`create index accommodation_requests_patron on accommodation_requests (patron_id, submitted_at) where patron_id is not null`.execute(db);
	await sql`create index accommodation_requests_submitted on accommodation_requests (submitted_at)`.execute(db);

	await db.schema
		.createTable('accommodation_events')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('request_id', 'integer', (c) => c.notNull().references('accommodation_requests.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
		.addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
		// The desk that acted (staff) or that the request was at (the person's messages).
		.addColumn('desk_id', 'text')
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('submitted','acknowledged','requester_message','desk_message','transferred','outcome')`)
		)
		.addColumn('body_sealed', 'text')
		// Not sensitive: desks of a transfer, the outcome and its factors.
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema.createIndex('accommodation_events_request').on('accommodation_events').columns(['request_id', 'id']).execute();

	await db.schema
		.createTable('accommodation_drafts')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('answers_sealed', 'text')
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('request_id', 'integer', (c) => c.references('accommodation_requests.id'))
		.addColumn('follow_sealed', 'text')
		.execute();
	await db.schema.createIndex('accommodation_drafts_updated').on('accommodation_drafts').column('updated_at').execute();

	await db.schema
		.createTable('accommodation_access_log')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
		.addColumn('viewer_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('request_id', 'integer', (c) => c.notNull().references('accommodation_requests.id'))
		.addColumn('desk_id', 'text')
		.addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('handling','oversight','proxy')`))
		.execute();
	await db.schema.createIndex('accommodation_access_request').on('accommodation_access_log').columns(['request_id', 'at']).execute();

	await db.schema
		.createTable('accommodation_managers')
		.addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
		.addColumn('desk_id', 'text', (c) => c.notNull())
		.addColumn('designated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('designated_by', 'integer', (c) => c.references('accounts.id'))
		.addPrimaryKeyConstraint('accommodation_managers_pk', ['account_id', 'desk_id'])
		.execute();

	await db.schema
		.createTable('accommodation_cases')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('closed_on', 'date', (c) => c.notNull())
		.addColumn('desk_id', 'text', (c) => c.notNull())
		.addColumn('service_kind', 'text', (c) => c.notNull().check(sql`service_kind in ${kinds}`))
		.addColumn('accommodations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ${outcomes}`))
		.addColumn('outcome_factors', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.addColumn('differential_treatment', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('justified_reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.addColumn('summary', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('accommodation_cases_closed').on('accommodation_cases').column('closed_on').execute();
}
