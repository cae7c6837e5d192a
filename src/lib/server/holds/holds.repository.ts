import { sql, type Kysely } from 'kysely';
import type { Database, HoldStatus } from '$lib/server/db/schema';
import { ACTIVE_HOLD_STATUSES } from '$lib/server/db/schema';

/** Any query executor: the pool or a transaction. Hold rules run inside one transaction, so every function takes it. */
type Ex = Kysely<Database>;

/** Locks a title's row: placements, allocations and releases of one title happen one at a time. */
export async function lockRecord(ex: Ex, recordId: number) {
	return ex
		.selectFrom('catalogue_records')
		.select(['id', 'format', 'lendable', 'title'])
		.where('id', '=', recordId)
		.forUpdate()
		.executeTakeFirst();
}

export async function findHold(ex: Ex, holdId: number) {
	return ex.selectFrom('holds').selectAll().where('id', '=', holdId).executeTakeFirst();
}

export async function lockHold(ex: Ex, holdId: number) {
	return ex.selectFrom('holds').selectAll().where('id', '=', holdId).forUpdate().executeTakeFirst();
}

export async function findActiveHold(ex: Ex, recordId: number, patronId: number) {
	return ex
		.selectFrom('holds')
		.select(['id'])
		.where('record_id', '=', recordId)
		.where('patron_id', '=', patronId)
		.where('status', 'in', ACTIVE_HOLD_STATUSES)
		.executeTakeFirst();
}

export async function countActiveHolds(ex: Ex, patronId: number): Promise<number> {
	const row = await ex
		.selectFrom('holds')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('patron_id', '=', patronId)
		.where('status', 'in', ACTIVE_HOLD_STATUSES)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertHold(ex: Ex, hold: { recordId: number; patronId: number; placedBy: number; pickupLocationId: string }) {
	return ex
		.insertInto('holds')
		.values({
			record_id: hold.recordId,
			patron_id: hold.patronId,
			placed_by: hold.placedBy,
			pickup_location_id: hold.pickupLocationId,
			status: 'waiting'
		})
		.returning(['id'])
		.executeTakeFirstOrThrow();
}

/** Place in the title's queue: 1 + active holds placed before this one (placement order is id order). */
export async function queuePosition(ex: Ex, recordId: number, holdId: number): Promise<number> {
	const row = await ex
		.selectFrom('holds')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('record_id', '=', recordId)
		.where('status', 'in', ACTIVE_HOLD_STATUSES)
		.where('id', '<=', holdId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Copies of a title on the shelf, locked so two allocations cannot take the same one. */
export async function lockShelvedCopies(ex: Ex, recordId: number) {
	return ex
		.selectFrom('copies')
		.select(['id', 'location_id'])
		.where('record_id', '=', recordId)
		.where('status', '=', 'on_shelf')
		.orderBy('id')
		.forUpdate()
		.execute();
}

export async function lockCopy(ex: Ex, copyId: number) {
	return ex.selectFrom('copies').selectAll().where('id', '=', copyId).forUpdate().executeTakeFirst();
}

/** The oldest waiting hold of a title that is not suspended on `day`. */
export async function nextEligibleHold(ex: Ex, recordId: number, day: string) {
	return ex
		.selectFrom('holds')
		.select(['id', 'pickup_location_id', 'patron_id'])
		.where('record_id', '=', recordId)
		.where('status', '=', 'waiting')
		.where((eb) => eb.or([eb('suspended_until', 'is', null), eb('suspended_until', '<=', day)]))
		.orderBy('id')
		.limit(1)
		.forUpdate()
		.executeTakeFirst();
}

export async function updateHold(
	ex: Ex,
	holdId: number,
	changes: Partial<{ status: HoldStatus; copy_id: number | null; pickup_location_id: string; suspended_until: string | null; ready_at: Date | null; pickup_by: string | null; closed_at: Date | null }>
) {
	await ex.updateTable('holds').set(changes).where('id', '=', holdId).execute();
}

export async function setCopyStatus(ex: Ex, copyId: number, status: Database['copies']['status']) {
	await ex.updateTable('copies').set({ status }).where('id', '=', copyId).execute();
}

export async function recordEvent(
	ex: Ex,
	event: { holdId: number; actorId: number | null; from: HoldStatus | null; to: HoldStatus; reason: string; detail?: Record<string, unknown> }
) {
	await ex
		.insertInto('hold_events')
		.values({
			hold_id: event.holdId,
			actor_id: event.actorId,
			from_status: event.from,
			to_status: event.to,
			reason: event.reason,
			detail: JSON.stringify(event.detail ?? {}),
			at: sql<Date>`clock_timestamp()`
		})
		.execute();
}

/** Ready holds whose last pickup day has passed, oldest first. */
export async function overdueReadyHolds(ex: Ex, day: string) {
	return ex
		.selectFrom('holds')
		.select(['id', 'record_id'])
		.where('status', '=', 'ready')
		.where('pickup_by', '<', day)
		.orderBy('id')
		.execute();
}

/**
 * A patron's holds with their titles, newest first; closed ones from the last 90 days only.
 * With `recordId`, only the holds of that title.
 */
export async function listForPatron(ex: Ex, patronId: number, recordId?: number) {
	let query = ex
		.selectFrom('holds')
		.innerJoin('catalogue_records as r', 'r.id', 'holds.record_id')
		.select([
			'holds.id', 'holds.record_id', 'holds.status', 'holds.pickup_location_id', 'holds.placed_at',
			'holds.suspended_until', 'holds.ready_at', 'holds.pickup_by', 'holds.closed_at',
			'r.title', 'r.author', 'r.format', 'r.language'
		])
		.select((eb) =>
			eb
				.selectFrom('holds as q')
				.select((q) => q.fn.countAll<string>().as('n'))
				.whereRef('q.record_id', '=', 'holds.record_id')
				.where('q.status', 'in', ACTIVE_HOLD_STATUSES)
				.whereRef('q.id', '<=', 'holds.id')
				.as('position')
		)
		.where('holds.patron_id', '=', patronId)
		.where((eb) =>
			eb.or([eb('holds.status', 'in', ACTIVE_HOLD_STATUSES), eb('holds.closed_at', '>', sql<Date>`now() - interval '90 days'`)])
		);
	if (recordId !== undefined) query = query.where('holds.record_id', '=', recordId);
	return query.orderBy('holds.id', 'desc').execute();
}

/** Holds at a pickup location in a status, with the patron's card number and name (staff only). */
/** Holds at a pickup location in these statuses; `closedSince` keeps only those closed from then on. */
export async function listAtLocation(ex: Ex, locationId: string, statuses: HoldStatus[], closedSince?: Date) {
	let query = ex
		.selectFrom('holds')
		.innerJoin('catalogue_records as r', 'r.id', 'holds.record_id')
		.innerJoin('accounts as a', 'a.id', 'holds.patron_id')
		.leftJoin('copies as c', 'c.id', 'holds.copy_id')
		.select([
			'holds.id', 'holds.status', 'holds.pickup_by', 'holds.ready_at', 'holds.closed_at',
			'r.title', 'r.format', 'a.card_number', 'a.name', 'c.shelf_mark', 'c.id as copy_id'
		])
		.where('holds.pickup_location_id', '=', locationId)
		.where('holds.status', 'in', statuses)
		.orderBy('holds.pickup_by')
		.orderBy('holds.id');
	if (closedSince) query = query.where('holds.closed_at', '>=', closedSince);
	return query.execute();
}

export async function countWaiting(ex: Ex, recordId: number): Promise<number> {
	const row = await ex
		.selectFrom('holds')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('record_id', '=', recordId)
		.where('status', 'in', ACTIVE_HOLD_STATUSES)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function eventsOf(ex: Ex, holdId: number) {
	return ex.selectFrom('hold_events').selectAll().where('hold_id', '=', holdId).orderBy('id').execute();
}
