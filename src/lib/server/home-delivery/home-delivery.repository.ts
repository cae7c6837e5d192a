import { sql, type Kysely, type Selectable } from 'kysely';
import { ACTIVE_HOLD_STATUSES, type Database, type HomeDeliveryRequestsTable } from '$lib/server/db/schema';
import { OPEN, type DeliveryAnswers, type EventKind, type Status } from '$lib/home-delivery/options';

/** The only SQL of home delivery. */

type Ex = Kysely<Database>;
export type RequestRow = Selectable<HomeDeliveryRequestsTable>;

// ----- drafts -----------------------------------------------------------------------------------

export async function findDraft(ex: Ex, patronId: number) {
	return ex.selectFrom('home_delivery_drafts').selectAll().where('patron_id', '=', patronId).executeTakeFirst();
}

/** Locks the patron's draft for sending: two sends at once (two tabs, the patron and a proxy) are serialised. */
export async function lockDraft(ex: Ex, patronId: number) {
	return ex.selectFrom('home_delivery_drafts').selectAll().where('patron_id', '=', patronId).forUpdate().executeTakeFirst();
}

/** Saves the answers so far (the last request sent stays known, for its confirmation page). */
export async function saveDraft(ex: Ex, patronId: number, answers: DeliveryAnswers, actorId: number, now: Date): Promise<void> {
	const values = { answers: JSON.stringify(answers), updated_at: now, updated_by: actorId };
	await ex
		.insertInto('home_delivery_drafts')
		.values({ patron_id: patronId, ...values })
		.onConflict((oc) => oc.column('patron_id').doUpdateSet(values))
		.execute();
}

/** After sending: the answers are gone; the new request's id is kept for the confirmation page. */
export async function markDraftSent(ex: Ex, patronId: number, requestId: number, now: Date): Promise<void> {
	await ex.updateTable('home_delivery_drafts').set({ answers: '{}', request_id: requestId, updated_at: now }).where('patron_id', '=', patronId).execute();
}

export async function deleteDraft(ex: Ex, patronId: number): Promise<void> {
	await ex.deleteFrom('home_delivery_drafts').where('patron_id', '=', patronId).execute();
}

// ----- what a patron may ask for ----------------------------------------------------------------

/** The patron's reservations still in force, with their titles: items offered first on the form. */
export async function activeHoldsOf(ex: Ex, patronId: number) {
	return ex
		.selectFrom('holds')
		.innerJoin('catalogue_records as r', 'r.id', 'holds.record_id')
		.select(['holds.id as hold_id', 'holds.status', 'r.id as record_id', 'r.title', 'r.author', 'r.format', 'r.lendable'])
		.where('holds.patron_id', '=', patronId)
		.where('holds.status', 'in', ACTIVE_HOLD_STATUSES)
		.orderBy('holds.id')
		.execute();
}

/** Catalogue records by id (those that exist). */
export async function recordsByIds(ex: Ex, ids: number[]) {
	if (ids.length === 0) return [];
	return ex.selectFrom('catalogue_records').select(['id', 'title', 'author', 'format', 'lendable']).where('id', 'in', ids).execute();
}

/** Titles already in one of the patron's requests in progress: they are on their way or at home. */
export async function recordsInOpenRequests(ex: Ex, patronId: number): Promise<number[]> {
	const rows = await ex
		.selectFrom('home_delivery_items as i')
		.innerJoin('home_delivery_requests as r', 'r.id', 'i.request_id')
		.select('i.record_id')
		.where('r.patron_id', '=', patronId)
		.where('r.status', 'in', OPEN)
		.execute();
	return rows.map((r) => r.record_id);
}

/** The address and usual library on the account. */
export async function patronFacts(ex: Ex, patronId: number) {
	return ex.selectFrom('accounts').select(['postal_code', 'address', 'preferred_pickup_id']).where('id', '=', patronId).executeTakeFirst();
}

// ----- requests ---------------------------------------------------------------------------------

/** The next reference number: HD-<year>-<six digits>, from a sequence (never reused, never guessed from a count). */
export async function nextReference(ex: Ex, year: number): Promise<string> {
	const { rows } = await sql<{ n: string }>`select nextval('home_delivery_reference_seq') as n`.execute(ex);
	return `HD-${year}-${String(rows[0].n).padStart(6, '0')}`;
}

export async function insertRequest(
	ex: Ex,
	values: Omit<RequestRow, 'id' | 'status' | 'tracking_number' | 'return_due_on' | 'accepted_at' | 'packed_at' | 'dispatched_at' | 'delivered_at' | 'returned_at' | 'cancelled_at'>
): Promise<RequestRow> {
	return ex
		.insertInto('home_delivery_requests')
		.values({ ...values, status: 'requested' })
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function insertItems(ex: Ex, requestId: number, items: { recordId: number; holdId: number | null }[]): Promise<void> {
	if (items.length === 0) return;
	await ex
		.insertInto('home_delivery_items')
		.values(items.map((item, index) => ({ request_id: requestId, position: index + 1, record_id: item.recordId, hold_id: item.holdId })))
		.execute();
}

export async function insertEvent(
	ex: Ex,
	event: { requestId: number; actorId: number | null; kind: EventKind; at: Date; detail?: Record<string, unknown> }
): Promise<void> {
	await ex
		.insertInto('home_delivery_events')
		.values({ request_id: event.requestId, actor_id: event.actorId, kind: event.kind, at: event.at, detail: JSON.stringify(event.detail ?? {}) })
		.execute();
}

export async function findRequest(ex: Ex, id: number): Promise<RequestRow | undefined> {
	return ex.selectFrom('home_delivery_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks a request for a step: two librarians (or a librarian and the patron cancelling) are serialised. */
export async function lockRequest(ex: Ex, id: number): Promise<RequestRow | undefined> {
	return ex.selectFrom('home_delivery_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateRequest(
	ex: Ex,
	id: number,
	changes: Partial<Pick<RequestRow, 'status' | 'tracking_number' | 'return_due_on' | 'accepted_at' | 'packed_at' | 'dispatched_at' | 'delivered_at' | 'returned_at' | 'cancelled_at'>>
): Promise<void> {
	await ex.updateTable('home_delivery_requests').set(changes).where('id', '=', id).execute();
}

/** A patron's requests, newest first. */
export async function listForPatron(ex: Ex, patronId: number): Promise<RequestRow[]> {
	return ex.selectFrom('home_delivery_requests').selectAll().where('patron_id', '=', patronId).orderBy('requested_at', 'desc').orderBy('id', 'desc').execute();
}

/** The items of some requests with their titles and, for those from a reservation, its status now. */
export async function itemsOf(ex: Ex, requestIds: number[]) {
	if (requestIds.length === 0) return [];
	return ex
		.selectFrom('home_delivery_items as i')
		.innerJoin('catalogue_records as r', 'r.id', 'i.record_id')
		.leftJoin('holds as h', 'h.id', 'i.hold_id')
		.select(['i.request_id', 'i.position', 'i.record_id', 'i.hold_id', 'r.title', 'r.author', 'r.format', 'h.status as hold_status'])
		.where('i.request_id', 'in', requestIds)
		.orderBy('i.request_id')
		.orderBy('i.position')
		.execute();
}

/** The steps of some requests, oldest first, with who took them. */
export async function eventsOf(ex: Ex, requestIds: number[]) {
	if (requestIds.length === 0) return [];
	return ex
		.selectFrom('home_delivery_events as e')
		.leftJoin('accounts as a', 'a.id', 'e.actor_id')
		.select(['e.id', 'e.request_id', 'e.at', 'e.actor_id', 'e.kind', 'e.detail', 'a.name as actor_name', 'a.role as actor_role'])
		.where('e.request_id', 'in', requestIds)
		.orderBy('e.request_id')
		.orderBy('e.id')
		.execute();
}

/** A library's requests in some statuses, with the patron's name and card number (staff only). */
export async function listForLibrary(ex: Ex, libraryId: string, statuses: readonly Status[]) {
	return ex
		.selectFrom('home_delivery_requests as r')
		.innerJoin('accounts as p', 'p.id', 'r.patron_id')
		.select([
			'r.id', 'r.reference', 'r.status', 'r.method', 'r.preferred_on', 'r.time_of_day', 'r.packed_at', 'r.return_due_on',
			'r.requested_at', 'p.name', 'p.card_number'
		])
		.select((eb) => eb.selectFrom('home_delivery_items as i').select((q) => q.fn.countAll<string>().as('n')).whereRef('i.request_id', '=', 'r.id').as('items'))
		.where('r.library_id', '=', libraryId)
		.where('r.status', 'in', statuses)
		.orderBy('r.preferred_on')
		.orderBy('r.id')
		.execute();
}

/** The request with the patron's name and card number (staff only). */
export async function findWithPatron(ex: Ex, id: number) {
	return ex
		.selectFrom('home_delivery_requests as r')
		.innerJoin('accounts as p', 'p.id', 'r.patron_id')
		.selectAll('r')
		.select(['p.name as patron_name', 'p.card_number as patron_card_number', 'p.phone as patron_phone'])
		.where('r.id', '=', id)
		.executeTakeFirst();
}

/** Delivered requests whose return day is `noticeDays` away or nearer: they become "return due". */
export async function listComingDue(ex: Ex, lastDueDay: string) {
	return ex
		.selectFrom('home_delivery_requests')
		.select(['id', 'patron_id', 'return_due_on'])
		.where('status', '=', 'delivered')
		.where('return_due_on', '<=', lastDueDay)
		.forUpdate()
		.execute();
}
