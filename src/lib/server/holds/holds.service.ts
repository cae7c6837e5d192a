import type { Kysely } from 'kysely';
import { db } from '$lib/server/db';
import { ACCESSIBLE_FORMATS, type Database, type Format, type HoldStatus } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { locationById, pickupLocations, workplaceLocation } from '$lib/server/config/city';
import { hasActiveGrant, recordUse } from '$lib/server/reading-services/eligibility';
import * as audit from '$lib/server/audit/audit.repository';
import { addDays, today } from '$lib/server/time/calendar';
import * as repo from './holds.repository';

type Ex = Kysely<Database>;

export type PlaceRefusal =
	| 'not_found'
	| 'not_lendable'
	| 'registration_required'
	| 'duplicate'
	| 'limit'
	| 'unknown_location';

export type PlaceResult =
	| { ok: true; holdId: number; position: number; status: HoldStatus }
	| { ok: false; reason: PlaceRefusal; limit?: number };

/** Who acts (the signed-in person) and for whom (the patron whose hold it is). */
export interface Acting {
	actorId: number;
	patronId: number;
}

export function isAccessibleFormat(format: Format): boolean {
	return ACCESSIBLE_FORMATS.includes(format);
}

/** Whether a patron may borrow a record of this format: accessible formats need reading service type 1 (art. 4-2). */
export async function mayBorrowFormat(patronId: number, format: Format): Promise<boolean> {
	return !isAccessibleFormat(format) || hasActiveGrant(db(), patronId, 1);
}

/** How many active holds a patron may have: the group limit is 300 (N lending rules art. 4). */
function holdLimit(kind: string): number {
	const { holds } = cityConfig();
	return kind === 'group' ? holds.maxActivePerGroup : holds.maxActivePerPatron;
}

/** A patron's active holds and their limit, so the item page can say "limit reached" before the form is sent. */
export async function holdAllowance(patronId: number): Promise<{ active: number; limit: number }> {
	const [patron, active] = await Promise.all([patronKind(db(), patronId), repo.countActiveHolds(db(), patronId)]);
	return { active, limit: holdLimit(patron?.kind ?? 'individual') };
}

async function patronKind(ex: Ex, patronId: number) {
	return ex.selectFrom('accounts').select(['kind', 'role', 'status']).where('id', '=', patronId).executeTakeFirst();
}

/**
 * Places a hold (N lending rules art. 3). The title's row is locked for the whole transaction, so
 * concurrent placements for one title queue up: positions are exactly 1..n, and an available copy
 * goes to exactly one hold.
 */
export async function place(acting: Acting, recordId: number, pickupLocationId: string, now = new Date()): Promise<PlaceResult> {
	const config = cityConfig();
	if (!pickupLocations(config).some((l) => l.id === pickupLocationId)) return { ok: false, reason: 'unknown_location' };
	const result = await db().transaction().execute(async (trx): Promise<PlaceResult> => {
		const record = await repo.lockRecord(trx, recordId);
		if (!record) return { ok: false, reason: 'not_found' };
		if (!record.lendable) return { ok: false, reason: 'not_lendable' };
		if (isAccessibleFormat(record.format) && !(await hasActiveGrant(trx, acting.patronId, 1, now))) {
			return { ok: false, reason: 'registration_required' };
		}
		if (await repo.findActiveHold(trx, recordId, acting.patronId)) return { ok: false, reason: 'duplicate' };
		const patron = await patronKind(trx, acting.patronId);
		if (!patron || patron.role !== 'patron' || patron.status !== 'active') return { ok: false, reason: 'not_found' };
		const limit = holdLimit(patron.kind);
		if ((await repo.countActiveHolds(trx, acting.patronId)) >= limit) return { ok: false, reason: 'limit', limit };

		const { id } = await repo.insertHold(trx, { recordId, patronId: acting.patronId, placedBy: acting.actorId, pickupLocationId });
		// Reserving an accessible-format item is a use of the reading-services registration: it does not lapse.
		if (isAccessibleFormat(record.format)) await recordUse(trx, acting.patronId, now);
		await repo.recordEvent(trx, { holdId: id, actorId: acting.actorId, from: null, to: 'waiting', reason: 'placed', detail: { pickupLocationId } });
		await allocateShelvedCopies(trx, recordId, acting.actorId, now);
		const hold = await repo.findHold(trx, id);
		return { ok: true, holdId: id, position: await repo.queuePosition(trx, recordId, id), status: hold!.status };
	});
	if (result.ok) {
		await audit.record({ actorId: acting.actorId, subjectId: acting.patronId, action: 'holds.place', targetType: 'hold', targetId: result.holdId });
		// Remember the choice: the next reservation form starts with it (WCAG 3.3.7).
		await db().updateTable('accounts').set({ preferred_pickup_id: pickupLocationId }).where('id', '=', acting.patronId).execute();
	}
	return result;
}

/** Gives every shelved copy of a title to the oldest eligible waiting hold, one copy per hold. */
async function allocateShelvedCopies(trx: Ex, recordId: number, actorId: number | null, now: Date) {
	for (const copy of await repo.lockShelvedCopies(trx, recordId)) {
		if (!(await assignCopy(trx, recordId, copy, actorId, now))) break;
	}
}

/** Assigns one copy to the next eligible hold; false when nobody is waiting. */
async function assignCopy(trx: Ex, recordId: number, copy: { id: number; location_id: string }, actorId: number | null, now: Date) {
	const day = today(now);
	const next = await repo.nextEligibleHold(trx, recordId, day);
	if (!next) return false;
	if (copy.location_id === next.pickup_location_id) {
		await makeReady(trx, next.id, copy.id, 'waiting', actorId, now);
	} else {
		await repo.updateHold(trx, next.id, { status: 'in_transit', copy_id: copy.id });
		await repo.setCopyStatus(trx, copy.id, 'in_transit');
		await repo.recordEvent(trx, { holdId: next.id, actorId, from: 'waiting', to: 'in_transit', reason: 'copy_assigned', detail: { copyId: copy.id, from: copy.location_id } });
	}
	return true;
}

async function makeReady(trx: Ex, holdId: number, copyId: number, from: HoldStatus, actorId: number | null, now: Date) {
	const pickupBy = addDays(today(now), cityConfig().holds.pickupPeriodDays - 1);
	await repo.updateHold(trx, holdId, { status: 'ready', copy_id: copyId, ready_at: now, pickup_by: pickupBy });
	await repo.setCopyStatus(trx, copyId, 'on_hold_shelf');
	await repo.recordEvent(trx, { holdId, actorId, from, to: 'ready', reason: 'ready_for_pickup', detail: { copyId, pickupBy } });
}

/**
 * Puts the copy of a hold that ended back on the shelf and passes it to the next patron in the queue, if
 * any. The copy is at (or on its way to) the ended hold's pickup place, so that is where it starts from:
 * ready at once for a next patron who collects there too.
 */
async function releaseCopy(trx: Ex, recordId: number, copyId: number, at: string, actorId: number | null, now: Date) {
	const copy = await repo.lockCopy(trx, copyId);
	if (!copy) return;
	await repo.setCopyStatus(trx, copyId, 'on_shelf');
	await assignCopy(trx, recordId, { id: copy.id, location_id: at }, actorId, now);
}

export type CheckInResult =
	| { ok: true; outcome: 'to_hold'; holdId: number; status: HoldStatus; pickupLocationId: string }
	| { ok: true; outcome: 'to_shelf' }
	/** Nobody is waiting, and the copy was returned away from its own library: send it back there. */
	| { ok: true; outcome: 'to_home'; homeLocationId: string }
	| { ok: false; reason: 'not_found' | 'not_lendable' | 'already_held' };

/**
 * Where a returned copy is now: the checking-in staff member's library or pickup window (a workplace
 * named by its library's consultation desk counts as that library), else the copy's own library.
 */
async function returnedAt(ex: Ex, staffId: number, homeLocationId: string): Promise<string> {
	const staff = await ex.selectFrom('accounts').select('workplace_id').where('id', '=', staffId).executeTakeFirst();
	return workplaceLocation(cityConfig(), staff?.workplace_id ?? null) ?? homeLocationId;
}

/**
 * A returned copy is checked in where the staff member works: it goes to the oldest eligible waiting
 * hold (ready at once if that hold is collected here, otherwise sent on), or back to the shelf, by way
 * of its own library if it was returned elsewhere.
 */
export async function checkIn(staffId: number, copyId: number, now = new Date()): Promise<CheckInResult> {
	return db().transaction().execute(async (trx): Promise<CheckInResult> => {
		const found = await trx.selectFrom('copies').select(['record_id']).where('id', '=', copyId).executeTakeFirst();
		if (!found) return { ok: false, reason: 'not_found' };
		await repo.lockRecord(trx, found.record_id);
		const copy = (await repo.lockCopy(trx, copyId))!;
		if (copy.status === 'not_lendable') return { ok: false, reason: 'not_lendable' };
		if (copy.status === 'on_hold_shelf' || copy.status === 'in_transit') return { ok: false, reason: 'already_held' };
		await repo.setCopyStatus(trx, copyId, 'on_shelf');
		const here = await returnedAt(trx, staffId, copy.location_id);
		if (await assignCopy(trx, copy.record_id, { id: copy.id, location_id: here }, staffId, now)) {
			const hold = await trx.selectFrom('holds').select(['id', 'status', 'pickup_location_id']).where('copy_id', '=', copyId).where('status', 'in', ['in_transit', 'ready']).executeTakeFirstOrThrow();
			return { ok: true, outcome: 'to_hold', holdId: hold.id, status: hold.status, pickupLocationId: hold.pickup_location_id };
		}
		return here === copy.location_id ? { ok: true, outcome: 'to_shelf' } : { ok: true, outcome: 'to_home', homeLocationId: copy.location_id };
	});
}

type Transition = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' };

/** Staff at the pickup location receive a copy in transit: the hold is ready and the pickup period starts. */
export async function receiveAtPickup(staffId: number, holdId: number, now = new Date()): Promise<Transition> {
	return db().transaction().execute(async (trx): Promise<Transition> => {
		const hold = await repo.lockHold(trx, holdId);
		if (!hold) return { ok: false, reason: 'not_found' };
		if (hold.status !== 'in_transit' || !hold.copy_id) return { ok: false, reason: 'wrong_status' };
		await makeReady(trx, holdId, hold.copy_id, 'in_transit', staffId, now);
		return { ok: true };
	});
}

/** The patron collects a ready hold at the counter: the copy goes out on loan. */
export async function collect(staffId: number, holdId: number, now = new Date()): Promise<Transition> {
	return db().transaction().execute(async (trx): Promise<Transition> => {
		const hold = await repo.lockHold(trx, holdId);
		if (!hold) return { ok: false, reason: 'not_found' };
		if (hold.status !== 'ready' || !hold.copy_id) return { ok: false, reason: 'wrong_status' };
		await repo.updateHold(trx, holdId, { status: 'collected', closed_at: now });
		await repo.setCopyStatus(trx, hold.copy_id, 'on_loan');
		await repo.recordEvent(trx, { holdId, actorId: staffId, from: 'ready', to: 'collected', reason: 'collected' });
		return { ok: true };
	});
}

export type PatronTransition = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' | 'unknown_location' | 'date_past' | 'date_too_far' };

/** Loads a hold for its patron: another patron's hold is "not found", never "forbidden" (no leak). */
async function lockOwnHold(trx: Ex, acting: Acting, holdId: number) {
	const hold = await repo.lockHold(trx, holdId);
	return hold && hold.patron_id === acting.patronId ? hold : undefined;
}

/** The patron (or their proxy) cancels an active hold; a copy it held passes to the next patron. */
export async function cancel(acting: Acting, holdId: number, now = new Date()): Promise<PatronTransition> {
	const result = await db().transaction().execute(async (trx): Promise<PatronTransition> => {
		const hold = await lockOwnHold(trx, acting, holdId);
		if (!hold) return { ok: false, reason: 'not_found' };
		await repo.lockRecord(trx, hold.record_id);
		if (!['waiting', 'in_transit', 'ready'].includes(hold.status)) return { ok: false, reason: 'wrong_status' };
		await repo.updateHold(trx, holdId, { status: 'cancelled', closed_at: now, copy_id: hold.copy_id });
		await repo.recordEvent(trx, { holdId, actorId: acting.actorId, from: hold.status, to: 'cancelled', reason: 'cancelled_by_patron' });
		if (hold.copy_id) await releaseCopy(trx, hold.record_id, hold.copy_id, hold.pickup_location_id, acting.actorId, now);
		return { ok: true };
	});
	if (result.ok) await audit.record({ actorId: acting.actorId, subjectId: acting.patronId, action: 'holds.cancel', targetType: 'hold', targetId: holdId });
	return result;
}

/** Changes where a waiting hold will be collected (not once a copy is on its way). */
export async function changePickup(acting: Acting, holdId: number, pickupLocationId: string): Promise<PatronTransition> {
	if (!locationById(cityConfig(), pickupLocationId)) return { ok: false, reason: 'unknown_location' };
	return db().transaction().execute(async (trx): Promise<PatronTransition> => {
		const hold = await lockOwnHold(trx, acting, holdId);
		if (!hold) return { ok: false, reason: 'not_found' };
		if (hold.status !== 'waiting') return { ok: false, reason: 'wrong_status' };
		await repo.updateHold(trx, holdId, { pickup_location_id: pickupLocationId });
		await repo.recordEvent(trx, { holdId, actorId: acting.actorId, from: 'waiting', to: 'waiting', reason: 'pickup_changed', detail: { from: hold.pickup_location_id, to: pickupLocationId } });
		return { ok: true };
	});
}

/**
 * Suspends a waiting hold until a date (exclusive): it keeps its place in the queue and is
 * skipped until then. `until` null resumes it at once.
 */
export async function suspend(acting: Acting, holdId: number, until: string | null, now = new Date()): Promise<PatronTransition> {
	const day = today(now);
	if (until !== null) {
		if (until <= day) return { ok: false, reason: 'date_past' };
		if (until > addDays(day, cityConfig().holds.maxSuspendDays)) return { ok: false, reason: 'date_too_far' };
	}
	return db().transaction().execute(async (trx): Promise<PatronTransition> => {
		const hold = await lockOwnHold(trx, acting, holdId);
		if (!hold) return { ok: false, reason: 'not_found' };
		if (hold.status !== 'waiting') return { ok: false, reason: 'wrong_status' };
		await repo.lockRecord(trx, hold.record_id);
		await repo.updateHold(trx, holdId, { suspended_until: until });
		await repo.recordEvent(trx, { holdId, actorId: acting.actorId, from: 'waiting', to: 'waiting', reason: until ? 'suspended' : 'resumed', detail: { until } });
		// A resumed hold may be first in line for a copy that is on the shelf.
		if (!until) await allocateShelvedCopies(trx, hold.record_id, acting.actorId, now);
		return { ok: true };
	});
}

/**
 * The scheduled job: ready holds not collected by their last pickup day lapse, and each copy
 * passes to the next patron in the queue. Returns how many lapsed.
 */
export async function lapseUncollected(now = new Date()): Promise<number> {
	const day = today(now);
	const overdue = await repo.overdueReadyHolds(db(), day);
	let lapsed = 0;
	for (const { id, record_id } of overdue) {
		lapsed += await db().transaction().execute(async (trx) => {
			await repo.lockRecord(trx, record_id);
			const hold = await repo.lockHold(trx, id);
			if (!hold || hold.status !== 'ready' || !hold.pickup_by || hold.pickup_by >= day) return 0;
			await repo.updateHold(trx, id, { status: 'lapsed', closed_at: now });
			await repo.recordEvent(trx, { holdId: id, actorId: null, from: 'ready', to: 'lapsed', reason: 'not_collected_in_time', detail: { pickupBy: hold.pickup_by } });
			if (hold.copy_id) await releaseCopy(trx, record_id, hold.copy_id, hold.pickup_location_id, null, now);
			return 1;
		});
	}
	return lapsed;
}

/**
 * The other half of the scheduled job: titles with a copy on the shelf and an eligible waiting
 * hold (a suspension that has ended) get the copy. Returns how many titles were looked at.
 */
export async function allocateWaiting(now = new Date()): Promise<number> {
	const day = today(now);
	const titles = await db()
		.selectFrom('holds')
		.innerJoin('copies', (join) => join.onRef('copies.record_id', '=', 'holds.record_id').on('copies.status', '=', 'on_shelf'))
		.select('holds.record_id')
		.distinct()
		.where('holds.status', '=', 'waiting')
		.where((eb) => eb.or([eb('holds.suspended_until', 'is', null), eb('holds.suspended_until', '<=', day)]))
		.execute();
	for (const { record_id } of titles) {
		await db().transaction().execute(async (trx) => {
			await repo.lockRecord(trx, record_id);
			await allocateShelvedCopies(trx, record_id, null, now);
		});
	}
	return titles.length;
}
