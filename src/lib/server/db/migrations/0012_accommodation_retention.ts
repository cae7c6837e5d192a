import { sql, type Kysely } from 'kysely';

/**
 * A retention period for closed reasonable-accommodation requests (DOMAIN §7: retention limits for portal
 * data). `accommodation.closedRequestRetentionMonths` after a request is closed, the scheduled clean-up
 * erases its sealed data: who asked and how to reach them, the case, the explanation and the bodies of its
 * messages and transfer reasons. What stays is what the statistics and the person's own list need: the
 * reference, the kind of service, the desks, the dates, the outcome and its grounds (factors, justified
 * reasons), and `erased_at`, which the pages show in words.
 *
 * The two checks that a refusal and a different treatment carry an explanation (annex 5, annex 2) now hold
 * until the explanation is erased with the rest; a request is erased only once it is closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table accommodation_requests add column erased_at timestamptz`.execute(db);
	await sql`alter table accommodation_requests
		drop constraint accommodation_decline_explained,
		drop constraint accommodation_differential_explained,
		add constraint accommodation_decline_explained check (
			outcome is distinct from 'declined' or (cardinality(outcome_factors) > 0 and (explanation_sealed is not null or erased_at is not null))),
		add constraint accommodation_differential_explained check (
			not differential_treatment or (cardinality(justified_reasons) > 0 and (explanation_sealed is not null or erased_at is not null))),
		add constraint accommodation_erased_closed check (erased_at is null or status = 'closed'),
		add constraint accommodation_erased_nothing_kept check (
			erased_at is null or (identity_sealed is null and case_sealed is null and explanation_sealed is null))`.execute(db);
	await sql`create index accommodation_requests_erasable on accommodation_requests (closed_at) where erased_at is null and status = 'closed'`.execute(db);
}
