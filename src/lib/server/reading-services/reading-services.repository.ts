import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ReadingServiceApplicationsTable } from '$lib/server/db/schema';
import type { AccessPurpose, ApplicationStatus, EventKind, ServiceType } from '$lib/reading-services';
import { OPEN_STATUSES } from '$lib/reading-services';

/**
 * The only SQL of reading services. Sealed columns travel through here as opaque strings; sealing and
 * opening happen in the service, next to the access log.
 */

type Ex = Kysely<Database>;
export type ApplicationRow = Selectable<ReadingServiceApplicationsTable>;

// ----- drafts -----------------------------------------------------------------------------------

export async function findDraft(ex: Ex, patronId: number) {
	return ex.selectFrom('reading_service_drafts').selectAll().where('patron_id', '=', patronId).executeTakeFirst();
}

export async function saveDraft(ex: Ex, patronId: number, sealed: string, actorId: number, now: Date): Promise<void> {
	await ex
		.insertInto('reading_service_drafts')
		.values({ patron_id: patronId, answers_sealed: sealed, updated_at: now, updated_by: actorId })
		.onConflict((oc) => oc.column('patron_id').doUpdateSet({ answers_sealed: sealed, updated_at: now, updated_by: actorId }))
		.execute();
}

export async function deleteDraft(ex: Ex, patronId: number): Promise<void> {
	await ex.deleteFrom('reading_service_drafts').where('patron_id', '=', patronId).execute();
}

/** Drafts nobody touched since `before`: abandoned answers are not kept. */
export async function deleteDraftsOlderThan(ex: Ex, before: Date): Promise<number> {
	const result = await ex.deleteFrom('reading_service_drafts').where('updated_at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

// ----- applications -----------------------------------------------------------------------------

/** The next reference number: RS-<year>-<six digits>, from a sequence (never reused, never guessed from a count). */
export async function nextReference(ex: Ex, year: number): Promise<string> {
	const { rows } = await sql<{ n: string }>`select nextval('reading_service_reference_seq') as n`.execute(ex);
	return `RS-${year}-${String(rows[0].n).padStart(6, '0')}`;
}

export async function insertApplication(
	ex: Ex,
	values: { reference: string; patronId: number; submittedBy: number; sealed: string; now: Date }
): Promise<ApplicationRow> {
	return ex
		.insertInto('reading_service_applications')
		.values({
			reference: values.reference,
			patron_id: values.patronId,
			submitted_by: values.submittedBy,
			status: 'pending',
			answers_sealed: values.sealed,
			submitted_at: values.now
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function findApplication(ex: Ex, id: number): Promise<ApplicationRow | undefined> {
	return ex.selectFrom('reading_service_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row for a decision: two librarians deciding at once are serialised, the second sees the first's outcome. */
export async function lockApplication(ex: Ex, id: number): Promise<ApplicationRow | undefined> {
	return ex.selectFrom('reading_service_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Serialises a patron's submissions, so the one-open-application rule holds under two tabs. */
export async function lockPatron(ex: Ex, patronId: number): Promise<void> {
	await ex.selectFrom('accounts').select('id').where('id', '=', patronId).forUpdate().executeTakeFirst();
}

export async function findOpenForPatron(ex: Ex, patronId: number): Promise<ApplicationRow | undefined> {
	return ex
		.selectFrom('reading_service_applications')
		.selectAll()
		.where('patron_id', '=', patronId)
		.where('status', 'in', OPEN_STATUSES)
		.executeTakeFirst();
}

export async function findApprovedForPatron(ex: Ex, patronId: number): Promise<ApplicationRow | undefined> {
	return ex
		.selectFrom('reading_service_applications')
		.selectAll()
		.where('patron_id', '=', patronId)
		.where('status', '=', 'approved')
		.executeTakeFirst();
}

/** All of a patron's applications, newest first. */
export async function listForPatron(ex: Ex, patronId: number): Promise<ApplicationRow[]> {
	return ex
		.selectFrom('reading_service_applications')
		.selectAll()
		.where('patron_id', '=', patronId)
		.orderBy('submitted_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

export async function updateApplication(
	ex: Ex,
	id: number,
	changes: Partial<{
		status: ApplicationStatus;
		decided_at: Date;
		decided_by: number;
		expires_on: string;
		last_used_on: string;
		ended_at: Date;
		ended_by: number | null;
		answers_sealed: string | null;
		erased_at: Date;
	}>
): Promise<void> {
	await ex.updateTable('reading_service_applications').set(changes).where('id', '=', id).execute();
}

/** The staff queue: open applications oldest first, with the patron's name and card (no sensitive data). */
export async function listQueue(ex: Ex) {
	return ex
		.selectFrom('reading_service_applications as a')
		.innerJoin('accounts as p', 'p.id', 'a.patron_id')
		.select(['a.id', 'a.reference', 'a.status', 'a.submitted_at', 'p.name', 'p.card_number'])
		.where('a.status', 'in', OPEN_STATUSES)
		.orderBy('a.submitted_at')
		.orderBy('a.id')
		.execute();
}

/** Registrations in force, soonest lapse first. */
export async function listApproved(ex: Ex, limit: number) {
	return ex
		.selectFrom('reading_service_applications as a')
		.innerJoin('accounts as p', 'p.id', 'a.patron_id')
		.select(['a.id', 'a.reference', 'a.status', 'a.submitted_at', 'a.expires_on', 'a.last_used_on', 'p.name', 'p.card_number'])
		.where('a.status', '=', 'approved')
		.orderBy('a.expires_on')
		.orderBy('a.id')
		.limit(limit)
		.execute();
}

/** The application with the patron's name, card number and account contact details (not sealed: the account's own). */
export async function findWithPatron(ex: Ex, id: number) {
	return ex
		.selectFrom('reading_service_applications as a')
		.innerJoin('accounts as p', 'p.id', 'a.patron_id')
		.selectAll('a')
		.select(['p.name as patron_name', 'p.card_number as patron_card_number'])
		.where('a.id', '=', id)
		.executeTakeFirst();
}

/** Approved registrations whose lapse day has passed (the day before `day`). */
export async function listLapsed(ex: Ex, day: string): Promise<ApplicationRow[]> {
	return ex
		.selectFrom('reading_service_applications')
		.selectAll()
		.where('status', '=', 'approved')
		.where('expires_on', '<', day)
		.forUpdate()
		.skipLocked()
		.execute();
}

/** Ended applications whose sealed data is still kept and whose retention ran out before `before`. */
export async function listErasable(ex: Ex, before: Date): Promise<{ id: number; patron_id: number }[]> {
	return ex
		.selectFrom('reading_service_applications')
		.select(['id', 'patron_id'])
		.where('erased_at', 'is', null)
		.where('ended_at', 'is not', null)
		.where('ended_at', '<', before)
		.forUpdate()
		.skipLocked()
		.execute();
}

export async function eraseEventBodies(ex: Ex, applicationId: number): Promise<void> {
	await ex.updateTable('reading_service_events').set({ body_sealed: null }).where('application_id', '=', applicationId).execute();
}

// ----- events -----------------------------------------------------------------------------------

export async function insertEvent(
	ex: Ex,
	event: { applicationId: number; actorId: number | null; kind: EventKind; bodySealed?: string | null; detail?: Record<string, unknown>; at?: Date }
): Promise<void> {
	await ex
		.insertInto('reading_service_events')
		.values({
			application_id: event.applicationId,
			actor_id: event.actorId,
			kind: event.kind,
			body_sealed: event.bodySealed ?? null,
			detail: JSON.stringify(event.detail ?? {}),
			...(event.at ? { at: event.at } : {})
		})
		.execute();
}

/** The history of some applications, oldest first, with who acted and in which role. */
export async function listEvents(ex: Ex, applicationIds: number[]) {
	if (applicationIds.length === 0) return [];
	return ex
		.selectFrom('reading_service_events as e')
		.leftJoin('accounts as a', 'a.id', 'e.actor_id')
		.select(['e.id', 'e.application_id', 'e.at', 'e.actor_id', 'e.kind', 'e.body_sealed', 'e.detail', 'a.name as actor_name', 'a.role as actor_role'])
		.where('e.application_id', 'in', applicationIds)
		.orderBy('e.id')
		.execute();
}

// ----- grants (the effects) ---------------------------------------------------------------------

export async function insertGrants(
	ex: Ex,
	values: { patronId: number; applicationId: number; types: ServiceType[]; grantedBy: number; expiresOn: string; now: Date }
): Promise<void> {
	await ex
		.insertInto('reading_service_grants')
		.values(
			values.types.map((type) => ({
				patron_id: values.patronId,
				application_id: values.applicationId,
				service_type: type,
				granted_at: values.now,
				granted_by: values.grantedBy,
				expires_on: values.expiresOn
			}))
		)
		.execute();
}

/** Withdraws every grant still in force of a patron (withdrawal, staff ending it, a newer registration). */
export async function withdrawGrants(ex: Ex, patronId: number, now: Date): Promise<void> {
	await ex
		.updateTable('reading_service_grants')
		.set({ withdrawn_at: now })
		.where('patron_id', '=', patronId)
		.where('withdrawn_at', 'is', null)
		.execute();
}

/** The types a registration granted (still in force or not). */
export async function listGrantTypes(ex: Ex, applicationIds: number[]) {
	if (applicationIds.length === 0) return [];
	return ex
		.selectFrom('reading_service_grants')
		.select(['application_id', 'service_type', 'expires_on', 'withdrawn_at'])
		.where('application_id', 'in', applicationIds)
		.orderBy('service_type')
		.execute();
}

// ----- access log -------------------------------------------------------------------------------

export async function logAccess(
	ex: Ex,
	entry: { viewerId: number; patronId: number; applicationId: number | null; purpose: AccessPurpose; at?: Date }
): Promise<void> {
	await ex
		.insertInto('sensitive_access_log')
		.values({
			viewer_id: entry.viewerId,
			patron_id: entry.patronId,
			application_id: entry.applicationId,
			purpose: entry.purpose,
			...(entry.at ? { at: entry.at } : {})
		})
		.execute();
}

/** Who opened this patron's sealed data, newest first, with their name and role (shown to the patron). */
export async function listAccess(ex: Ex, patronId: number, limit: number) {
	return ex
		.selectFrom('sensitive_access_log as l')
		.innerJoin('accounts as v', 'v.id', 'l.viewer_id')
		.leftJoin('reading_service_applications as a', 'a.id', 'l.application_id')
		.select(['l.id', 'l.at', 'l.purpose', 'v.name as viewer_name', 'v.role as viewer_role', 'v.workplace_id as viewer_workplace', 'a.reference'])
		.where('l.patron_id', '=', patronId)
		.orderBy('l.at', 'desc')
		.orderBy('l.id', 'desc')
		.limit(limit)
		.execute();
}

export async function deleteAccessOlderThan(ex: Ex, before: Date): Promise<number> {
	const result = await ex.deleteFrom('sensitive_access_log').where('at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

// ----- other facts the rules need ---------------------------------------------------------------

/** The patron's account details used by the application: prefills and contact checks (not sealed). */
export async function findPatronContact(ex: Ex, patronId: number) {
	return ex
		.selectFrom('accounts')
		.select(['id', 'name', 'role', 'status', 'phone', 'email', 'postal_code', 'address'])
		.where('id', '=', patronId)
		.executeTakeFirst();
}

/** Whether someone may act for the patron today (for "contact me through my proxy"). */
export async function hasProxyInForce(ex: Ex, patronId: number, day: string): Promise<boolean> {
	const row = await ex
		.selectFrom('proxy_grants')
		.select(sql<number>`1`.as('one'))
		.where('patron_id', '=', patronId)
		.where('status', '=', 'active')
		.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
		.executeTakeFirst();
	return Boolean(row);
}

// ----- the key fingerprint ----------------------------------------------------------------------

/** Records the key fingerprint on first use and returns the one the database holds. */
export async function recordKeyFingerprint(ex: Ex, keyId: string): Promise<string> {
	await ex
		.insertInto('sensitive_data_key')
		.values({ key_id: keyId })
		.onConflict((oc) => oc.column('singleton').doNothing())
		.execute();
	const row = await ex.selectFrom('sensitive_data_key').select('key_id').executeTakeFirstOrThrow();
	return row.key_id;
}

/**
 * Whether anything sealed is stored anywhere (reading services and accommodation requests): a key
 * may be replaced only while nothing is.
 */
export async function holdsSealedData(ex: Ex): Promise<boolean> {
	const found = await Promise.all([
		ex.selectFrom('reading_service_applications').select('id').where('answers_sealed', 'is not', null).limit(1).executeTakeFirst(),
		ex.selectFrom('reading_service_drafts').select('patron_id').limit(1).executeTakeFirst(),
		ex.selectFrom('reading_service_events').select('id').where('body_sealed', 'is not', null).limit(1).executeTakeFirst(),
		ex.selectFrom('accommodation_requests').select('id').limit(1).executeTakeFirst(),
		ex.selectFrom('accommodation_drafts').select('token_hash').limit(1).executeTakeFirst()
	]);
	return found.some(Boolean);
}

/** Records another key's fingerprint (only while nothing is sealed). */
export async function replaceKeyFingerprint(ex: Ex, keyId: string): Promise<void> {
	await ex.updateTable('sensitive_data_key').set({ key_id: keyId, recorded_at: new Date() }).execute();
}
