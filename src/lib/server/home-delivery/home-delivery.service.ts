import type { Kysely } from 'kysely';
import { db } from '$lib/server/db';
import { ACCESSIBLE_FORMATS, type Database, type Format, type HoldStatus, type Role } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import { locationById } from '$lib/server/config/city';
import { catalogue } from '$lib/server/catalogue/catalogue.service';
import * as holds from '$lib/server/holds/holds.service';
import { hasActiveGrant, recordUse } from '$lib/server/reading-services/eligibility';
import * as audit from '$lib/server/audit/audit.repository';
import { log } from '$lib/server/log';
import { addDays, today } from '$lib/server/time/calendar';
import { CANCELLABLE, OPEN, OUT, isPostal, type DeliveryAnswers, type EventKind, type Method, type Status, type Step } from '$lib/home-delivery/options';
import { detailsSchema, itemsSchema, type Details } from './home-delivery.forms';
import * as repo from './home-delivery.repository';

/**
 * Home delivery (N disability services rules art. 2(2): service (2) for people who have difficulty visiting
 * the library absorbed the former postal-delivery service; M 3-(1)-③; DOMAIN §5).
 *
 * Who may ask: a patron with a type (2) reading-services registration in force (`eligibility.hasActiveGrant`),
 * themself or through a proxy whose grant includes `home_delivery` (the routes' `requireScope`). The
 * registration is checked again when the request is sent, so one that lapsed or was withdrawn meanwhile
 * stops it; sending counts as a use of the registration (`eligibility.recordUse`).
 *
 * A request goes requested → accepted (→ packed) → dispatched → delivered → return due → returned, or is
 * cancelled before it leaves. Every step is a row in `home_delivery_events` (who, when) and an audit entry
 * (actor and subject), in the same breath as the change.
 */

type Ex = Kysely<Database>;

/** Who acts (signed in) and for whom (whose request it is): a proxy acts for a patron. */
export interface Acting {
	actorId: number;
	patronId: number;
}

/** Catalogue hits offered on the items page. */
export const SEARCH_SIZE = 10;

/** Whether the patron may ask for home delivery now: a type (2) registration in force. */
export function isEligible(patronId: number, now = new Date()): Promise<boolean> {
	return hasActiveGrant(db(), patronId, 2, now);
}

/**
 * The library that handles a patron's requests: their usual library, or the configured one when their
 * usual place is a pickup window (it holds no collection to send from).
 */
export function libraryFor(config: CityConfig, preferredPickupId: string | null): string {
	const usual = preferredPickupId ? locationById(config, preferredPickupId) : undefined;
	return usual?.holdsCollection ? usual.id : config.homeDelivery.fallbackLibraryId;
}

/** The methods the city offers that may carry every one of these formats (Japan Post's free categories carry only some). */
export function methodsFor(config: CityConfig, formats: readonly Format[]): Method[] {
	return config.homeDelivery.methods.filter((m) => !m.formats || formats.every((f) => m.formats!.includes(f))).map((m) => m.id);
}

// ----- the draft --------------------------------------------------------------------------------

/** The answers so far (empty when none). */
export async function answersOf(patronId: number): Promise<DeliveryAnswers> {
	const draft = await repo.findDraft(db(), patronId);
	return (draft?.answers as DeliveryAnswers | undefined) ?? {};
}

/** Starts again: the draft is deleted. */
export async function discardDraft(acting: Acting): Promise<void> {
	await repo.deleteDraft(db(), acting.patronId);
}

/** One title on the items page. */
export interface ItemChoice {
	recordId: number;
	title: string;
	author: string;
	format: Format;
	/** For a title from the patron's reservations: where that reservation is. */
	holdStatus: HoldStatus | null;
}

/**
 * What the items page offers: the patron's reservations, then titles already chosen from the catalogue.
 * Titles already in a request in progress are left out: they are on their way or at home.
 */
export async function itemChoices(acting: Acting): Promise<{ reservations: ItemChoice[]; chosen: ItemChoice[] }> {
	const [held, answers, busy] = await Promise.all([
		repo.activeHoldsOf(db(), acting.patronId),
		answersOf(acting.patronId),
		repo.recordsInOpenRequests(db(), acting.patronId)
	]);
	const reservations = held
		.filter((h) => h.lendable && !busy.includes(h.record_id))
		.map((h) => ({ recordId: h.record_id, title: h.title, author: h.author, format: h.format, holdStatus: h.status }));
	const heldIds = new Set(reservations.map((r) => r.recordId));
	const others = (answers.items ?? []).filter((id) => !heldIds.has(id));
	const records = await repo.recordsByIds(db(), others);
	const byId = new Map(records.map((r) => [r.id, r]));
	const chosen = others
		.map((id) => byId.get(id))
		.filter((r) => r !== undefined)
		.map((r) => ({ recordId: r.id, title: r.title, author: r.author, format: r.format, holdStatus: null }));
	return { reservations, chosen };
}

/**
 * The catalogue search inside the items page: the first hits the patron may have delivered (lendable,
 * accessible formats only with a type (1) registration, not already in a request in progress).
 */
export async function searchItems(acting: Acting, q: string, now = new Date()): Promise<ItemChoice[]> {
	if (q === '') return [];
	const [result, busy, type1] = await Promise.all([
		catalogue.search({ q, page: 1, pageSize: SEARCH_SIZE * 3 }),
		repo.recordsInOpenRequests(db(), acting.patronId),
		hasActiveGrant(db(), acting.patronId, 1, now)
	]);
	return result.hits
		.filter((hit) => hit.lendable && !busy.includes(hit.id) && (type1 || !ACCESSIBLE_FORMATS.includes(hit.format)))
		.slice(0, SEARCH_SIZE)
		.map((hit) => ({ recordId: hit.id, title: hit.title, author: hit.author, format: hit.format, holdStatus: null }));
}

/**
 * Why these titles cannot be asked for (an i18n key), or null: an id that names no title (a tampered
 * form), a title that is never lent (art. 5), an accessible format without a type (1) registration
 * (art. 4-2), a title already in a request in progress.
 */
async function itemsProblem(ex: Ex, patronId: number, recordIds: number[], now: Date): Promise<string | null> {
	const records = await repo.recordsByIds(ex, recordIds);
	if (records.length !== recordIds.length) return 'delivery:new.items.errors.unknown';
	if (records.some((r) => !r.lendable)) return 'delivery:new.items.errors.notLendable';
	if (records.some((r) => ACCESSIBLE_FORMATS.includes(r.format)) && !(await hasActiveGrant(ex, patronId, 1, now))) {
		return 'delivery:new.items.errors.needsType1';
	}
	const busy = await repo.recordsInOpenRequests(ex, patronId);
	if (recordIds.some((id) => busy.includes(id))) return 'delivery:new.items.errors.alreadyRequested';
	return null;
}

export type SaveResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** Saves the chosen titles into the draft after the checks that need the database. */
export async function saveItems(acting: Acting, recordIds: number[], now = new Date()): Promise<SaveResult> {
	const problem = await itemsProblem(db(), acting.patronId, recordIds, now);
	if (problem) return { ok: false, errors: { items: problem } };
	const answers = await answersOf(acting.patronId);
	await repo.saveDraft(db(), acting.patronId, { ...answers, items: recordIds }, acting.actorId, now);
	return { ok: true };
}

/** Keeps what the patron ticked while they search the catalogue (checked when they continue). */
export async function keepItems(acting: Acting, recordIds: number[], now = new Date()): Promise<void> {
	const answers = await answersOf(acting.patronId);
	await repo.saveDraft(db(), acting.patronId, { ...answers, items: recordIds }, acting.actorId, now);
}

/** The formats of the chosen titles, for the methods offered and their check. */
async function formatsOf(ex: Ex, recordIds: readonly number[]): Promise<Format[]> {
	const records = await repo.recordsByIds(ex, [...recordIds]);
	return [...new Set(records.map((r) => r.format))];
}

/** The methods offered for the titles in the draft. */
export async function methodsForDraft(patronId: number): Promise<Method[]> {
	const answers = await answersOf(patronId);
	return methodsFor(cityConfig(), await formatsOf(db(), answers.items ?? []));
}

/** Saves how, where and when, after checking that the method can carry the chosen titles. */
export async function saveDetails(acting: Acting, details: Details, now = new Date()): Promise<SaveResult> {
	const answers = await answersOf(acting.patronId);
	const allowed = methodsFor(cityConfig(), await formatsOf(db(), answers.items ?? []));
	if (!allowed.includes(details.method)) return { ok: false, errors: { method: 'delivery:new.details.errors.method.notForItems' } };
	const next: DeliveryAnswers = { ...answers, ...details };
	if (!details.alternativeOn) delete next.alternativeOn;
	await repo.saveDraft(db(), acting.patronId, next, acting.actorId, now);
	return { ok: true };
}

/** The address on the account, to prefill the details page (WCAG 3.3.7). */
export async function accountAddress(patronId: number): Promise<{ postalCode: string; address: string }> {
	const facts = await repo.patronFacts(db(), patronId);
	return { postalCode: facts?.postal_code ?? '', address: facts?.address ?? '' };
}

/** The answers as the details form would post them, to check them again with its schema. */
function detailsAsForm(answers: DeliveryAnswers): Record<string, string> {
	const raw: Record<string, string> = {};
	for (const key of ['method', 'deliveryPostalCode', 'deliveryAddress', 'preferredOn', 'alternativeOn', 'timeOfDay', 'returnMethod'] as const) {
		raw[key] = answers[key] ?? '';
	}
	return raw;
}

/**
 * Every answer checked again as a whole, as on the pages (a draft kept over night may hold a day that has
 * become too soon; titles changed after the method was chosen may no longer fit it). Returns the page to fix.
 */
async function problemStepIn(ex: Ex, patronId: number, answers: DeliveryAnswers, now: Date): Promise<Step | null> {
	const config = cityConfig();
	const items = answers.items ?? [];
	if (!itemsSchema(config).safeParse({ items: items.map(String) }).success) return 'items';
	if (await itemsProblem(ex, patronId, items, now)) return 'items';
	const parsed = detailsSchema(config, now).safeParse(detailsAsForm(answers));
	if (!parsed.success) return 'details';
	if (!methodsFor(config, await formatsOf(ex, items)).includes(parsed.data.method)) return 'details';
	return null;
}

/** The page to fix before sending, or null when the draft can be sent. */
export function problemStep(patronId: number, answers: DeliveryAnswers, now = new Date()): Promise<Step | null> {
	return problemStepIn(db(), patronId, answers, now);
}

// ----- sending ----------------------------------------------------------------------------------

export type SubmitResult =
	| { ok: true; id: number; reference: string }
	| { ok: false; reason: 'no_draft' | 'not_eligible' }
	| { ok: false; reason: 'incomplete'; step: Step };

/**
 * Sends the draft as a request. The draft is locked while it is turned into a request and emptied in the
 * same transaction, so two sends at once (two tabs, the patron and their proxy) make one request: the
 * second finds nothing left to send. A type (2) registration that ended meanwhile stops it here.
 */
export async function submit(acting: Acting, now = new Date()): Promise<SubmitResult> {
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<SubmitResult> => {
			const draft = await repo.lockDraft(trx, acting.patronId);
			// Sending empties the answers: a second send (another tab) finds nothing left.
			const answers = (draft?.answers as DeliveryAnswers | undefined) ?? null;
			if (!answers || !answers.items?.length) return { ok: false, reason: 'no_draft' };
			if (!(await hasActiveGrant(trx, acting.patronId, 2, now))) return { ok: false, reason: 'not_eligible' };
			const step = await problemStepIn(trx, acting.patronId, answers, now);
			if (step) return { ok: false, reason: 'incomplete', step };

			const facts = await repo.patronFacts(trx, acting.patronId);
			const held = new Map((await repo.activeHoldsOf(trx, acting.patronId)).map((h) => [h.record_id, h.hold_id]));
			const request = await repo.insertRequest(trx, {
				reference: await repo.nextReference(trx, Number(today(now).slice(0, 4))),
				patron_id: acting.patronId,
				requested_by: acting.actorId,
				library_id: libraryFor(cityConfig(), facts?.preferred_pickup_id ?? null),
				method: answers.method!,
				postal_code: answers.deliveryPostalCode!,
				address: answers.deliveryAddress!,
				preferred_on: answers.preferredOn!,
				alternative_on: answers.alternativeOn ?? null,
				time_of_day: answers.timeOfDay!,
				return_method: answers.returnMethod!,
				requested_at: now
			});
			await repo.insertItems(trx, request.id, answers.items.map((recordId) => ({ recordId, holdId: held.get(recordId) ?? null })));
			await repo.insertEvent(trx, { requestId: request.id, actorId: acting.actorId, kind: 'requested', at: now });
			await repo.markDraftSent(trx, acting.patronId, request.id, now);
			// A request is a use of the registration: its lapse day moves on (Nerima: two years without use).
			await recordUse(trx, acting.patronId, now);
			return { ok: true, id: request.id, reference: request.reference };
		});
	if (result.ok) {
		await audit.record({ actorId: acting.actorId, subjectId: acting.patronId, action: 'home_delivery.request', targetType: 'home_delivery_request', targetId: result.id });
	}
	return result;
}

/** The last request sent from the patron's draft (for the confirmation page), or null. */
export async function sentRequestOf(patronId: number): Promise<{ id: number; reference: string } | null> {
	const draft = await repo.findDraft(db(), patronId);
	if (!draft?.request_id) return null;
	const request = await repo.findRequest(db(), draft.request_id);
	return request && request.patron_id === patronId ? { id: request.id, reference: request.reference } : null;
}

// ----- what the patron and staff see -------------------------------------------------------------

export interface ItemView {
	recordId: number;
	title: string;
	author: string;
	format: Format;
	holdId: number | null;
	holdStatus: HoldStatus | null;
}

export interface HistoryEntry {
	at: Date;
	kind: EventKind;
	/** Null when the patron took the step, or the scheduled job. */
	actorName: string | null;
	actorRole: Role | null;
	actedBySelf: boolean;
	detail: { trackingNumber?: string; returnDueOn?: string };
}

export interface RequestView {
	id: number;
	reference: string;
	status: Status;
	method: Method;
	libraryId: string;
	postalCode: string;
	address: string;
	preferredOn: string;
	alternativeOn: string | null;
	timeOfDay: DeliveryAnswers['timeOfDay'] & string;
	returnMethod: NonNullable<DeliveryAnswers['returnMethod']>;
	trackingNumber: string | null;
	returnDueOn: string | null;
	requestedAt: Date;
	packed: boolean;
	cancellable: boolean;
	items: ItemView[];
	history: HistoryEntry[];
}

async function viewsOf(rows: repo.RequestRow[], patronId: number | null): Promise<RequestView[]> {
	const ids = rows.map((r) => r.id);
	const [items, events] = await Promise.all([repo.itemsOf(db(), ids), repo.eventsOf(db(), ids)]);
	return rows.map((row) => ({
		id: row.id,
		reference: row.reference,
		status: row.status,
		method: row.method,
		libraryId: row.library_id,
		postalCode: row.postal_code,
		address: row.address,
		preferredOn: row.preferred_on,
		alternativeOn: row.alternative_on,
		timeOfDay: row.time_of_day,
		returnMethod: row.return_method,
		trackingNumber: row.tracking_number,
		returnDueOn: row.return_due_on,
		requestedAt: new Date(row.requested_at),
		packed: row.packed_at !== null,
		cancellable: CANCELLABLE.includes(row.status),
		items: items
			.filter((i) => i.request_id === row.id)
			.map((i) => ({ recordId: i.record_id, title: i.title, author: i.author, format: i.format, holdId: i.hold_id, holdStatus: i.hold_status ?? null })),
		history: events
			.filter((e) => e.request_id === row.id)
			.map((e) => ({
				at: new Date(e.at),
				kind: e.kind,
				actorName: e.actor_id === null || e.actor_id === patronId ? null : (e.actor_name ?? null),
				actorRole: (e.actor_role as Role | null) ?? null,
				actedBySelf: e.actor_id !== null && e.actor_id === row.patron_id,
				detail: (e.detail ?? {}) as HistoryEntry['detail']
			}))
	}));
}

/** The patron's requests, newest first, in progress and past. */
export async function requestsOf(acting: Acting): Promise<{ open: RequestView[]; past: RequestView[] }> {
	const views = await viewsOf(await repo.listForPatron(db(), acting.patronId), acting.patronId);
	return { open: views.filter((v) => OPEN.includes(v.status)), past: views.filter((v) => !OPEN.includes(v.status)) };
}

/** One of the patron's own requests; null for anyone else's (the same answer as none: nothing leaks). */
export async function requestOf(acting: Acting, id: number): Promise<RequestView | null> {
	const row = await repo.findRequest(db(), id);
	if (!row || row.patron_id !== acting.patronId) return null;
	const [view] = await viewsOf([row], acting.patronId);
	return view;
}

export type PatronStepResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status'; status?: Status };

/** The patron (or their proxy) cancels a request that has not left the library yet. */
export async function cancel(acting: Acting, id: number, now = new Date()): Promise<PatronStepResult> {
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<PatronStepResult> => {
			const row = await repo.lockRequest(trx, id);
			if (!row || row.patron_id !== acting.patronId) return { ok: false, reason: 'not_found' };
			if (!CANCELLABLE.includes(row.status)) return { ok: false, reason: 'wrong_status', status: row.status };
			await repo.updateRequest(trx, id, { status: 'cancelled', cancelled_at: now });
			await repo.insertEvent(trx, { requestId: id, actorId: acting.actorId, kind: 'cancelled', at: now });
			return { ok: true };
		});
	if (result.ok) await audit.record({ actorId: acting.actorId, subjectId: acting.patronId, action: 'home_delivery.cancel', targetType: 'home_delivery_request', targetId: id });
	return result;
}

// ----- the staff worklist -----------------------------------------------------------------------

type WorklistRow = Awaited<ReturnType<typeof repo.listForLibrary>>[number];

export interface Worklist {
	/** New requests to accept. */
	toAccept: WorklistRow[];
	/** Accepted, items still to be gathered and packed. */
	toPack: WorklistRow[];
	/** Packed, waiting to go out. */
	toDispatch: WorklistRow[];
	/** On their way. */
	onTheWay: WorklistRow[];
	/** With the patron, return day not passed. */
	out: WorklistRow[];
	/** With the patron, return day passed. */
	overdue: WorklistRow[];
}

/** One library's requests in progress, by what staff do next; the overdue ones apart. */
export async function worklist(libraryId: string, now = new Date()): Promise<Worklist> {
	const rows = await repo.listForLibrary(db(), libraryId, OPEN);
	const day = today(now);
	const isOverdue = (r: WorklistRow) => OUT.includes(r.status) && r.return_due_on !== null && r.return_due_on < day;
	return {
		toAccept: rows.filter((r) => r.status === 'requested'),
		toPack: rows.filter((r) => r.status === 'accepted' && !r.packed_at),
		toDispatch: rows.filter((r) => r.status === 'accepted' && r.packed_at),
		onTheWay: rows.filter((r) => r.status === 'dispatched'),
		out: rows.filter((r) => OUT.includes(r.status) && !isOverdue(r)),
		overdue: rows.filter(isOverdue).sort((a, b) => (a.return_due_on! < b.return_due_on! ? -1 : 1))
	};
}

export interface StaffView extends RequestView {
	patronId: number;
	patronName: string;
	patronCardNumber: string;
	patronPhone: string | null;
}

/** A request for the staff page (reading-services librarians only: the route guards it). Null when there is none. */
export async function requestForStaff(id: number): Promise<StaffView | null> {
	const row = await repo.findWithPatron(db(), id);
	if (!row) return null;
	const [view] = await viewsOf([row], null);
	return { ...view, patronId: row.patron_id, patronName: row.patron_name, patronCardNumber: row.patron_card_number, patronPhone: row.patron_phone };
}

/** The step staff may take next on a request in this state, or null when none is theirs to take. */
export type StaffStep = 'accept' | 'pack' | 'dispatch' | 'deliver' | 'return';
export function nextStaffStep(view: Pick<RequestView, 'status' | 'packed'>): StaffStep | null {
	switch (view.status) {
		case 'requested':
			return 'accept';
		case 'accepted':
			return view.packed ? 'dispatch' : 'pack';
		case 'dispatched':
			return 'deliver';
		case 'delivered':
		case 'return_due':
			return 'return';
		default:
			return null;
	}
}

export type StaffStepResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' | 'tracking_required'; status?: Status };

async function step(
	staffId: number,
	id: number,
	name: StaffStep,
	work: (trx: Ex, row: repo.RequestRow) => Promise<StaffStepResult | void>
): Promise<StaffStepResult> {
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<StaffStepResult> => {
			const row = await repo.lockRequest(trx, id);
			if (!row) return { ok: false, reason: 'not_found' };
			// A second click, or a colleague who got there first: the step is refused, not done twice.
			if (nextStaffStep({ status: row.status, packed: row.packed_at !== null }) !== name) return { ok: false, reason: 'wrong_status', status: row.status };
			return (await work(trx, row)) ?? { ok: true };
		});
	if (result.ok) {
		const row = await repo.findRequest(db(), id);
		await audit.record({ actorId: staffId, subjectId: row?.patron_id ?? null, action: `home_delivery.${name}`, targetType: 'home_delivery_request', targetId: id });
		log.info('home delivery step', { step: name, requestId: id });
	}
	return result;
}

/** Staff accept a new request: the library will send it. */
export function accept(staffId: number, id: number, now = new Date()): Promise<StaffStepResult> {
	return step(staffId, id, 'accept', async (trx) => {
		await repo.updateRequest(trx, id, { status: 'accepted', accepted_at: now });
		await repo.insertEvent(trx, { requestId: id, actorId: staffId, kind: 'accepted', at: now });
	});
}

/** Staff have gathered and packed the items. */
export function pack(staffId: number, id: number, now = new Date()): Promise<StaffStepResult> {
	return step(staffId, id, 'pack', async (trx) => {
		await repo.updateRequest(trx, id, { packed_at: now });
		await repo.insertEvent(trx, { requestId: id, actorId: staffId, kind: 'packed', at: now });
	});
}

/**
 * The parcel leaves: posted with Japan Post's tracking number, or taken by staff or a volunteer (no
 * number). Titles that came from a reservation ready on a hold shelf are lent from it (the reservation is
 * collected), so the reservation does not lapse while the copy is at the patron's home.
 */
export async function dispatch(staffId: number, id: number, trackingNumber: string | null, now = new Date()): Promise<StaffStepResult> {
	const result = await step(staffId, id, 'dispatch', async (trx, row) => {
		const tracking = isPostal(row.method) ? trackingNumber : null;
		if (isPostal(row.method) && !tracking) return { ok: false, reason: 'tracking_required' };
		await repo.updateRequest(trx, id, { status: 'dispatched', dispatched_at: now, tracking_number: tracking });
		await repo.insertEvent(trx, { requestId: id, actorId: staffId, kind: 'dispatched', at: now, detail: tracking ? { trackingNumber: tracking } : {} });
	});
	if (result.ok) {
		const items = await repo.itemsOf(db(), [id]);
		for (const item of items) if (item.hold_id && item.hold_status === 'ready') await holds.collect(staffId, item.hold_id, now);
	}
	return result;
}

/** The items have reached the patron: the loan period starts, and the return day is set. */
export function markDelivered(staffId: number, id: number, now = new Date()): Promise<StaffStepResult> {
	return step(staffId, id, 'deliver', async (trx) => {
		const returnDueOn = addDays(today(now), cityConfig().homeDelivery.loanDays);
		await repo.updateRequest(trx, id, { status: 'delivered', delivered_at: now, return_due_on: returnDueOn });
		await repo.insertEvent(trx, { requestId: id, actorId: staffId, kind: 'delivered', at: now, detail: { returnDueOn } });
	});
}

/** The items are back at the library. */
export function markReturned(staffId: number, id: number, now = new Date()): Promise<StaffStepResult> {
	return step(staffId, id, 'return', async (trx) => {
		await repo.updateRequest(trx, id, { status: 'returned', returned_at: now });
		await repo.insertEvent(trx, { requestId: id, actorId: staffId, kind: 'returned', at: now });
	});
}

// ----- scheduled job ----------------------------------------------------------------------------

/**
 * Delivered requests whose return day is within the configured notice become "return due" (recorded
 * with no actor: the job). Returns how many changed.
 */
export async function markReturnsDue(now = new Date()): Promise<number> {
	const lastDueDay = addDays(today(now), cityConfig().homeDelivery.returnNoticeDays);
	return db()
		.transaction()
		.execute(async (trx) => {
			const rows = await repo.listComingDue(trx, lastDueDay);
			for (const row of rows) {
				await repo.updateRequest(trx, row.id, { status: 'return_due' });
				await repo.insertEvent(trx, { requestId: row.id, actorId: null, kind: 'return_due', at: now, detail: { returnDueOn: row.return_due_on } });
			}
			return rows.length;
		});
}
