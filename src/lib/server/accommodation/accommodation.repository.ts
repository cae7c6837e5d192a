import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccommodationRequestsTable, Database } from '$lib/server/db/schema';
import type { EventKind, Outcome, RequestStatus, ServiceKind } from '$lib/accommodation/options';

/**
 * The only SQL of reasonable-accommodation requests. Sealed columns travel through here as opaque
 * strings; sealing and opening happen in the service, next to the access log.
 */

type Ex = Kysely<Database>;
export type RequestRow = Selectable<AccommodationRequestsTable>;

// ----- drafts -----------------------------------------------------------------------------------

export async function findDraft(ex: Ex, tokenHash: string) {
	return ex.selectFrom('accommodation_drafts').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Locks a draft for sending: a double click waits for the first send and then sees it was sent. */
export async function lockDraft(ex: Ex, tokenHash: string) {
	return ex.selectFrom('accommodation_drafts').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function saveDraft(ex: Ex, tokenHash: string, sealed: string, now: Date): Promise<void> {
	await ex
		.insertInto('accommodation_drafts')
		.values({ token_hash: tokenHash, answers_sealed: sealed, updated_at: now })
		.onConflict((oc) => oc.column('token_hash').doUpdateSet({ answers_sealed: sealed, updated_at: now }))
		.execute();
}

/** After sending: the answers go (they are in the request now); the sealed follow token stays briefly. */
export async function markDraftSent(ex: Ex, tokenHash: string, requestId: number, followSealed: string, now: Date): Promise<void> {
	await ex
		.updateTable('accommodation_drafts')
		.set({ answers_sealed: null, request_id: requestId, follow_sealed: followSealed, updated_at: now })
		.where('token_hash', '=', tokenHash)
		.execute();
}

export async function deleteDraft(ex: Ex, tokenHash: string): Promise<void> {
	await ex.deleteFrom('accommodation_drafts').where('token_hash', '=', tokenHash).execute();
}

/** Drafts nobody touched since `before`, sent or not. */
export async function deleteDraftsOlderThan(ex: Ex, before: Date): Promise<number> {
	const result = await ex.deleteFrom('accommodation_drafts').where('updated_at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Sent drafts past the confirmation window: the sealed follow link goes with them. */
export async function forgetConfirmationsOlderThan(ex: Ex, before: Date): Promise<number> {
	const result = await ex
		.deleteFrom('accommodation_drafts')
		.where('request_id', 'is not', null)
		.where('updated_at', '<', before)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

// ----- requests ---------------------------------------------------------------------------------

/** The next reference number: AC-<year>-<six digits>, from a sequence (never reused, never guessed from a count). */
export async function nextReference(ex: Ex, year: number): Promise<string> {
	const { rows } = await sql<{ n: string }>`select nextval('accommodation_reference_seq') as n`.execute(ex);
	return `AC-${year}-${String(rows[0].n).padStart(6, '0')}`;
}

export interface NewRequest {
	reference: string;
	followTokenHash: string;
	serviceKind: ServiceKind;
	locationId: string | null;
	areaId: string | null;
	routingRule: string;
	deskId: string;
	patronId: number | null;
	submittedBy: number | null;
	identitySealed: string;
	caseSealed: string;
	answerBy: string | null;
	submittedAt: Date;
	ackDueAt: Date;
}

export async function insertRequest(ex: Ex, values: NewRequest): Promise<RequestRow> {
	return ex
		.insertInto('accommodation_requests')
		.values({
			reference: values.reference,
			follow_token_hash: values.followTokenHash,
			status: 'received',
			service_kind: values.serviceKind,
			location_id: values.locationId,
			area_id: values.areaId,
			routing_rule: values.routingRule,
			routed_desk_id: values.deskId,
			current_desk_id: values.deskId,
			patron_id: values.patronId,
			submitted_by: values.submittedBy,
			identity_sealed: values.identitySealed,
			case_sealed: values.caseSealed,
			answer_by: values.answerBy,
			submitted_at: values.submittedAt,
			ack_due_at: values.ackDueAt,
			first_ack_due_at: values.ackDueAt
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function findById(ex: Ex, id: number): Promise<RequestRow | undefined> {
	return ex.selectFrom('accommodation_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByFollowHash(ex: Ex, hash: string): Promise<RequestRow | undefined> {
	return ex.selectFrom('accommodation_requests').selectAll().where('follow_token_hash', '=', hash).executeTakeFirst();
}

export async function findByReference(ex: Ex, reference: string): Promise<RequestRow | undefined> {
	return ex.selectFrom('accommodation_requests').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/** Locks a request for a change: two people acting on one request at once are serialised. */
export async function lockById(ex: Ex, id: number): Promise<RequestRow | undefined> {
	return ex.selectFrom('accommodation_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type RequestChanges = Partial<{
	status: RequestStatus;
	current_desk_id: string;
	ack_due_at: Date;
	acknowledged_at: Date | null;
	acknowledged_by: number | null;
	first_acknowledged_at: Date;
	needs_reply: boolean;
	outcome: Outcome;
	outcome_factors: RequestRow['outcome_factors'];
	differential_treatment: boolean;
	justified_reasons: RequestRow['justified_reasons'];
	explanation_sealed: string | null;
	closed_at: Date;
	closed_by: number;
}>;

export async function updateRequest(ex: Ex, id: number, changes: RequestChanges): Promise<void> {
	await ex.updateTable('accommodation_requests').set(changes).where('id', '=', id).execute();
}

/** A patron's requests, newest first (no sealed columns: the list shows references, dates and status). */
export async function listForPatron(ex: Ex, patronId: number) {
	return ex
		.selectFrom('accommodation_requests')
		.select(['id', 'reference', 'status', 'service_kind', 'current_desk_id', 'submitted_at', 'outcome', 'closed_at'])
		.where('patron_id', '=', patronId)
		.orderBy('submitted_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** The columns a queue shows: no sealed data, nothing that names the person. */
const QUEUE_COLUMNS = [
	'id',
	'reference',
	'status',
	'service_kind',
	'location_id',
	'area_id',
	'current_desk_id',
	'submitted_at',
	'ack_due_at',
	'acknowledged_at',
	'answer_by',
	'needs_reply',
	'outcome',
	'closed_at'
] as const;

/**
 * Open requests at some desks (or at every desk: `null`), overdue acknowledgements first, then oldest first;
 * and requests closed since `closedSince`, newest first.
 */
export async function listQueue(ex: Ex, deskIds: string[] | null, closedSince: Date) {
	if (deskIds && deskIds.length === 0) return { open: [], closed: [] };
	const base = () => {
		let query = ex.selectFrom('accommodation_requests').select(QUEUE_COLUMNS);
		if (deskIds) query = query.where('current_desk_id', 'in', deskIds);
		return query;
	};
	const [open, closed] = await Promise.all([
		base()
			.where('status', '<>', 'closed')
			// Unacknowledged ones by their deadline (overdue first), then acknowledged ones oldest first.
			.orderBy(sql`case when status = 'received' then 0 else 1 end`)
			.orderBy(sql`case when status = 'received' then ack_due_at else submitted_at end`)
			.orderBy('id')
			.execute(),
		base().where('status', '=', 'closed').where('closed_at', '>=', closedSince).orderBy('closed_at', 'desc').orderBy('id', 'desc').limit(100).execute()
	]);
	return { open, closed };
}

/** What the monthly statistics count, for requests received between `from` and `to`: no personal data. */
export async function listForStatistics(ex: Ex, from: Date, to: Date) {
	return ex
		.selectFrom('accommodation_requests')
		.select(['current_desk_id', 'service_kind', 'status', 'outcome', 'submitted_at', 'first_ack_due_at', 'first_acknowledged_at', 'closed_at'])
		.where('submitted_at', '>=', from)
		.where('submitted_at', '<', to)
		.execute();
}

/** The month of the oldest request (YYYY-MM-DD), for the statistics' month list. */
export async function firstSubmittedAt(ex: Ex): Promise<Date | null> {
	const row = await ex
		.selectFrom('accommodation_requests')
		.select((eb) => eb.fn.min('submitted_at').as('first'))
		.executeTakeFirst();
	return row?.first ? new Date(row.first as unknown as string) : null;
}

// ----- events -----------------------------------------------------------------------------------

export async function insertEvent(
	ex: Ex,
	event: {
		requestId: number;
		actorId: number | null;
		deskId: string | null;
		kind: EventKind;
		bodySealed?: string | null;
		detail?: Record<string, unknown>;
		at?: Date;
	}
): Promise<void> {
	await ex
		.insertInto('accommodation_events')
		.values({
			request_id: event.requestId,
			actor_id: event.actorId,
			desk_id: event.deskId,
			kind: event.kind,
			body_sealed: event.bodySealed ?? null,
			detail: JSON.stringify(event.detail ?? {}),
			...(event.at ? { at: event.at } : {})
		})
		.execute();
}

/** The history of a request, oldest first, with who acted and in which role. */
export async function listEvents(ex: Ex, requestId: number) {
	return ex
		.selectFrom('accommodation_events as e')
		.leftJoin('accounts as a', 'a.id', 'e.actor_id')
		.select(['e.id', 'e.at', 'e.actor_id', 'e.desk_id', 'e.kind', 'e.body_sealed', 'e.detail', 'a.name as actor_name', 'a.role as actor_role'])
		.where('e.request_id', '=', requestId)
		.orderBy('e.id')
		.execute();
}

/** How many messages each request has, for the oversight view (which does not open them). */
export async function countMessages(ex: Ex, requestId: number): Promise<number> {
	const row = await ex
		.selectFrom('accommodation_events')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('request_id', '=', requestId)
		.where('kind', 'in', ['requester_message', 'desk_message'])
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

// ----- who opened what --------------------------------------------------------------------------

export async function logAccess(
	ex: Ex,
	entry: { viewerId: number; requestId: number; deskId: string | null; scope: 'handling' | 'oversight' | 'proxy'; at: Date }
): Promise<void> {
	await ex
		.insertInto('accommodation_access_log')
		.values({ viewer_id: entry.viewerId, request_id: entry.requestId, desk_id: entry.deskId, scope: entry.scope, at: entry.at })
		.execute();
}

/** Recent openings of a request, newest first. */
export async function listAccess(ex: Ex, requestId: number, limit: number) {
	return ex
		.selectFrom('accommodation_access_log')
		.select(['id', 'at', 'viewer_id', 'desk_id', 'scope'])
		.where('request_id', '=', requestId)
		.orderBy('at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/** Closed requests not yet erased whose closing was before `before`, locked (the oldest first). */
export async function listErasable(ex: Ex, before: Date): Promise<{ id: number }[]> {
	return ex
		.selectFrom('accommodation_requests')
		.select('id')
		.where('status', '=', 'closed')
		.where('erased_at', 'is', null)
		.where('closed_at', '<', before)
		.orderBy('closed_at')
		.forUpdate()
		.skipLocked()
		.execute();
}

/**
 * Erases a closed request's sealed data: who asked, the case, the explanation, and the bodies of its
 * messages and transfer reasons. The rest (reference, kind, desks, dates, outcome and grounds) stays.
 */
export async function eraseRequest(ex: Ex, id: number, at: Date): Promise<void> {
	await ex
		.updateTable('accommodation_requests')
		.set({ identity_sealed: null, case_sealed: null, explanation_sealed: null, erased_at: at })
		.where('id', '=', id)
		.where('status', '=', 'closed')
		.execute();
	await ex.updateTable('accommodation_events').set({ body_sealed: null }).where('request_id', '=', id).execute();
	await ex.deleteFrom('accommodation_drafts').where('request_id', '=', id).execute();
}

export async function deleteAccessOlderThan(ex: Ex, before: Date): Promise<number> {
	const result = await ex.deleteFrom('accommodation_access_log').where('at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

// ----- staff and responsible managers -----------------------------------------------------------

export async function findStaff(ex: Ex, accountId: number) {
	return ex.selectFrom('accounts').select(['id', 'name', 'role', 'workplace_id']).where('id', '=', accountId).executeTakeFirst();
}

export async function managerDesks(ex: Ex, accountId: number): Promise<string[]> {
	const rows = await ex.selectFrom('accommodation_managers').select('desk_id').where('account_id', '=', accountId).execute();
	return rows.map((row) => row.desk_id);
}

export async function addManager(ex: Ex, accountId: number, deskId: string, designatedBy: number | null): Promise<void> {
	await ex
		.insertInto('accommodation_managers')
		.values({ account_id: accountId, desk_id: deskId, designated_by: designatedBy })
		.onConflict((oc) => oc.columns(['account_id', 'desk_id']).doNothing())
		.execute();
}

export async function removeManager(ex: Ex, accountId: number, deskId: string): Promise<boolean> {
	const result = await ex.deleteFrom('accommodation_managers').where('account_id', '=', accountId).where('desk_id', '=', deskId).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Every designation, with the staff member's name, number and workplace. */
export async function listManagers(ex: Ex) {
	return ex
		.selectFrom('accommodation_managers as m')
		.innerJoin('accounts as a', 'a.id', 'm.account_id')
		.select(['m.account_id', 'm.desk_id', 'm.designated_at', 'a.name', 'a.card_number', 'a.workplace_id', 'a.role'])
		.orderBy('m.desk_id')
		.orderBy('a.card_number')
		.execute();
}

/** A staff account by its staff number (librarians and desk officers only). */
export async function findStaffByNumber(ex: Ex, staffNumber: string) {
	return ex
		.selectFrom('accounts')
		.select(['id', 'name', 'role', 'workplace_id', 'status'])
		.where('card_number', '=', staffNumber)
		.where('role', 'in', ['librarian', 'desk_officer'])
		.executeTakeFirst();
}

// ----- anonymised cases -------------------------------------------------------------------------

export async function insertCase(
	ex: Ex,
	values: {
		closedOn: string;
		deskId: string;
		serviceKind: ServiceKind;
		accommodations: string[];
		outcome: Outcome;
		factors: string[];
		differentialTreatment: boolean;
		justifiedReasons: string[];
		summary: string;
	}
): Promise<void> {
	await ex
		.insertInto('accommodation_cases')
		.values({
			closed_on: values.closedOn,
			desk_id: values.deskId,
			service_kind: values.serviceKind,
			accommodations: values.accommodations,
			outcome: values.outcome,
			outcome_factors: values.factors,
			differential_treatment: values.differentialTreatment,
			justified_reasons: values.justifiedReasons,
			summary: values.summary
		})
		.execute();
}

export interface CaseFilters {
	/** Words that must all appear in the summary (case-insensitive). */
	words: string[];
	serviceKind?: ServiceKind;
	accommodation?: string;
	outcome?: Outcome;
}

/** Anonymised cases matching the filters, newest first; and how many match in all. */
export async function searchCases(ex: Ex, filters: CaseFilters, limit: number) {
	let query = ex.selectFrom('accommodation_cases');
	for (const word of filters.words) {
		// LIKE's own wildcards in what staff typed are searched for literally.
		const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where(sql<boolean>`summary ilike ${pattern}`);
	}
	if (filters.serviceKind) query = query.where('service_kind', '=', filters.serviceKind);
	if (filters.accommodation) query = query.where(sql<boolean>`${filters.accommodation} = any(accommodations)`);
	if (filters.outcome) query = query.where('outcome', '=', filters.outcome);
	const [rows, total] = await Promise.all([
		query.selectAll().orderBy('closed_on', 'desc').orderBy('id', 'desc').limit(limit).execute(),
		query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(total.n) };
}
