import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { db } from '$lib/server/db';
import type { Database, Role } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { deskById } from '$lib/server/config/city';
import * as audit from '$lib/server/audit/audit.repository';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { log } from '$lib/server/log';
import { seal, unseal, type Sealed, type Sensitive } from '$lib/server/crypto/sensitive';
import { addMonths, today } from '$lib/server/time/calendar';
import {
	AREA_KINDS,
	LOCATION_KINDS,
	REFERENCE_PATTERN,
	firstUnanswered,
	isAnswered,
	stepsFor,
	type Accommodation,
	type BurdenFactor,
	type EventKind,
	type JustifiedReason,
	type Outcome,
	type ReplyMethod,
	type RequestAnswers,
	type RequestStatus,
	type ServiceKind,
	type Step
} from '$lib/accommodation/options';
import { STEP_ARRAYS, stepSchema, type OutcomeInput } from './accommodation.forms';
import { desksOfWorkplace, policyDeskId, routeRequest } from './routing';
import * as repo from './accommodation.repository';

/**
 * Reasonable-accommodation requests (合理的配慮の申出; N 対応要領 art. 3, 4, 6 and annex; DOMAIN §6; issue 6).
 *
 * Anyone may ask, signed in or not: a patron, a proxy in scope, a visitor. The request is filled in page by
 * page into a draft keyed by a cookie token, sent once (a double click or a resent page finds the draft
 * already sent and gets the same reference), routed by the city's rules to a desk, and followed by the
 * person through a private link (`/accommodation/follow/<token>`; only the token's SHA-256 is stored) or,
 * for a signed-in patron, their account. The reference number opens nothing on its own.
 *
 * Desks: the handling desk's staff see everything and act (message, transfer, outcome); its responsible
 * managers acknowledge within the configured hours (art. 4). The Disability Policy Division sees every
 * request (art. 6-3) without who asked or how to reach them, and without the messages. Every opening of
 * sealed data by staff (or a proxy) is logged and shown to the person.
 *
 * What the person wrote is special care-required personal information: sealed at rest
 * (`$lib/server/crypto/sensitive`), opened here, returned as `Sensitive` for the page to reveal on purpose.
 */

type Ex = Kysely<Database>;

/** The cookie that holds the draft's token (its SHA-256 is the draft's key). */
export const DRAFT_COOKIE = 'accommodation_draft';
/** A draft nobody touched for this long is deleted, and its cookie lasts as long. */
export const DRAFT_KEPT_HOURS = 24;
/** The confirmation page can show the follow link for this long after sending, then it is gone for good. */
export const CONFIRMATION_KEPT_MINUTES = 60;
/** Openings of a request are kept three years, like disclosures of camera images (N camera rules). */
export const ACCESS_LOG_KEPT_MONTHS = 36;
/** How many openings the person sees on their page. */
export const ACCESS_SHOWN = 50;
/** Closed requests stay in the desk's queue for this many days. */
export const CLOSED_SHOWN_DAYS = 30;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new random token (256 bits, base64url): a draft cookie or a follow link. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Whether a value looks like one of our tokens; anything else is not looked up at all. */
export function isToken(value: unknown): value is string {
	return typeof value === 'string' && TOKEN.test(value);
}

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

// The context binds each envelope to its purpose and request: a sealed value copied to another row fails.
const draftContext = (hash: string) => `accommodation.draft:${hash}`;
const followContext = (hash: string) => `accommodation.follow:${hash}`;
const identityContext = (reference: string) => `accommodation.identity:${reference}`;
const caseContext = (reference: string) => `accommodation.case:${reference}`;
const eventContext = (reference: string) => `accommodation.event:${reference}`;
const explanationContext = (reference: string) => `accommodation.explanation:${reference}`;

/** Who asked and how to reach them: what only the handling desk sees. */
export interface Identity {
	who: RequestAnswers['who'];
	relationship?: RequestAnswers['relationship'];
	personName?: string;
	name: string;
	replyMethod: ReplyMethod;
	phone?: string;
	fax?: string;
	email?: string;
	postalCode?: string;
	address?: string;
	supporterContact?: string;
}

/** The case in the person's words: what the handling desk and the Disability Policy Division see. */
export interface CaseDetails {
	serviceKind: ServiceKind;
	locationId?: string;
	areaId?: string;
	visitDate?: string;
	occasion?: string;
	barrier: string;
	accommodations: Accommodation[];
	accommodationOther?: string;
}

const IDENTITY_KEYS = ['who', 'relationship', 'personName', 'name', 'replyMethod', 'phone', 'fax', 'email', 'postalCode', 'address', 'supporterContact'] as const;
const CASE_KEYS = ['serviceKind', 'locationId', 'areaId', 'visitDate', 'occasion', 'barrier', 'accommodations', 'accommodationOther'] as const;

function pick<T extends object>(source: RequestAnswers, keys: readonly string[]): T {
	return Object.fromEntries(keys.filter((k) => source[k as keyof RequestAnswers] !== undefined).map((k) => [k, source[k as keyof RequestAnswers]])) as T;
}

/**
 * Seals the parts of a request as `submit` does, for demo data loaded in a transaction of its own (the
 * service's functions use their own connection, which the embedded database's one connection cannot give).
 */
export const sealing = {
	followTokenHash: (token: string) => hashToken(token),
	identity: (reference: string, identity: Identity) => seal(identity, identityContext(reference)),
	details: (reference: string, details: CaseDetails) => seal(details, caseContext(reference)),
	message: (reference: string, text: string) => seal(text, eventContext(reference)),
	explanation: (reference: string, text: string) => seal(text, explanationContext(reference))
};

// ----- the draft --------------------------------------------------------------------------------

/** The keys each page answers: a key left out when the page is saved is removed (an optional text cleared). */
export function stepKeys(step: Step): (keyof RequestAnswers)[] {
	switch (step) {
		case 'who':
			return ['who'];
		case 'supporter':
			return ['relationship', 'personName'];
		case 'service':
			return ['serviceKind'];
		case 'place':
			return ['locationId', 'areaId'];
		case 'when':
			return ['visitDate', 'occasion'];
		case 'barrier':
			return ['barrier'];
		case 'accommodations':
			return ['accommodations', 'accommodationOther'];
		case 'reply':
			return ['name', 'replyMethod', 'phone', 'fax', 'email', 'postalCode', 'address', 'supporterContact'];
		case 'deadline':
			return ['answerBy'];
	}
}

/** The answers of one page, for the page to show them again. */
export function stepAnswersOf(step: Step, answers: RequestAnswers): Partial<RequestAnswers> {
	return Object.fromEntries(stepKeys(step).map((key) => [key, answers[key]])) as Partial<RequestAnswers>;
}

/** Only the answers of pages that apply: an answer left from a choice changed later is not sent. */
export function applicableAnswers(answers: RequestAnswers): RequestAnswers {
	const steps = stepsFor(answers);
	const kept: RequestAnswers = { saved: (answers.saved ?? []).filter((step) => steps.includes(step)) };
	for (const step of steps) {
		for (const key of stepKeys(step)) if (answers[key] !== undefined) (kept as Record<string, unknown>)[key] = answers[key];
	}
	if (kept.serviceKind && !LOCATION_KINDS.includes(kept.serviceKind)) delete kept.locationId;
	if (kept.serviceKind && !AREA_KINDS.includes(kept.serviceKind)) delete kept.areaId;
	return kept;
}

/**
 * The answers of the draft this cookie token names, or null: no token, an unknown one, or a draft already
 * sent (the next page starts a new request). The answers are the person's own, shown back to them.
 */
export async function draftOf(token: string | undefined): Promise<Sensitive<RequestAnswers> | null> {
	if (!isToken(token)) return null;
	const hash = hashToken(token);
	const row = await repo.findDraft(db(), hash);
	if (!row || row.request_id !== null || !row.answers_sealed) return null;
	return unseal(row.answers_sealed as Sealed<RequestAnswers>, draftContext(hash));
}

/** Where a page may be opened: the first unanswered earlier page, or null when this one is reachable. */
export function redirectFor(step: Step, answers: RequestAnswers): Step | 'check' | null {
	const steps = stepsFor(answers);
	if (!steps.includes(step)) return firstUnanswered(answers) ?? 'check';
	const missing = steps.slice(0, steps.indexOf(step)).find((s) => !isAnswered(s, answers));
	return missing ?? null;
}

/** Where to go after saving `step`: on through the questions, or back to the check page after a change. */
export function nextAfter(step: Step, answers: RequestAnswers, changing: boolean): Step | 'check' {
	const missing = firstUnanswered(answers);
	if (changing) return missing ?? 'check';
	const steps = stepsFor(answers);
	return steps[steps.indexOf(step) + 1] ?? missing ?? 'check';
}

export interface SaveStepResult {
	next: Step | 'check';
	/** The draft's token: the same one, or a new one when there was no open draft (set it as the cookie). */
	token: string;
}

/**
 * Saves one page's answers into the draft named by the token (a new draft when there is none). Answers that
 * depend on a changed one go: the place when the kind of service changes, the supporter when asking for oneself.
 */
export async function saveStep(
	token: string | undefined,
	step: Step,
	data: Partial<RequestAnswers>,
	options: { changing?: boolean } = {},
	now = new Date()
): Promise<SaveStepResult> {
	const current = (await draftOf(token))?.reveal();
	const useToken = current && isToken(token) ? token : newToken();
	const answers: RequestAnswers = { ...(current ?? {}) };
	for (const key of stepKeys(step)) delete answers[key];
	Object.assign(answers, Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
	if (step === 'who' && answers.who === 'self') {
		delete answers.relationship;
		delete answers.personName;
	}
	if (step === 'service' && current?.serviceKind !== answers.serviceKind) {
		delete answers.locationId;
		delete answers.areaId;
	}
	answers.saved = [...new Set([...(answers.saved ?? []), step])];
	const hash = hashToken(useToken);
	await repo.saveDraft(db(), hash, seal(answers, draftContext(hash)), now);
	return { next: nextAfter(step, answers, options.changing ?? false), token: useToken };
}

/** Starts again: the draft (sent or not) is deleted. */
export async function discardDraft(token: string | undefined): Promise<void> {
	if (isToken(token)) await repo.deleteDraft(db(), hashToken(token));
}

/**
 * Every answer checked again as a whole, as on the pages: a draft saved under an older configuration (a
 * library that has closed) or edited in two tabs must not slip through. Returns the first page to fix.
 */
export function problemStep(answers: RequestAnswers, now = new Date()): Step | null {
	const config = cityConfig();
	for (const step of stepsFor(answers)) {
		if (!isAnswered(step, answers)) return step;
		const raw: Record<string, unknown> = {};
		for (const key of stepKeys(step)) {
			const value = answers[key];
			raw[key] = Array.isArray(value) ? value.map(String) : value === undefined ? undefined : String(value);
		}
		for (const key of STEP_ARRAYS[step] ?? []) raw[key] ??= [];
		if (!stepSchema(step, config, answers, now).safeParse(raw).success) return step;
	}
	return null;
}

/** The desk the answers would go to: shown on the check page before sending. */
export function routeOf(answers: RequestAnswers) {
	if (!answers.serviceKind) return null;
	return routeRequest(cityConfig(), { serviceKind: answers.serviceKind, locationId: answers.locationId, areaId: answers.areaId });
}

/**
 * What a signed-in patron's account offers the request (WCAG 3.3.7: not typed again): the name and the
 * contact details the library already has. Read for the patron's own pages (or their proxy's).
 */
export async function accountFacts(patronId: number): Promise<Pick<RequestAnswers, 'name' | 'phone' | 'email' | 'postalCode' | 'address'>> {
	const account = await accounts.findById(patronId);
	if (!account || account.role !== 'patron') return {};
	return {
		name: account.name,
		phone: account.phone ?? undefined,
		email: account.email ?? undefined,
		postalCode: account.postal_code ?? undefined,
		address: account.address ?? undefined
	};
}

// ----- sending ----------------------------------------------------------------------------------

/** Who sent it: a signed-in account (a patron, their proxy, or staff taking it down), or nobody. */
export interface Submitter {
	actorId: number | null;
	/** The patron whose account shows the request (the session's subject, if a patron). */
	patronId: number | null;
}

export type SubmitResult =
	| { ok: true; id: number; reference: string }
	| { ok: false; reason: 'no_draft' }
	| { ok: false; reason: 'incomplete'; step: Step };

function hoursLater(at: Date, hours: number): Date {
	return new Date(at.getTime() + hours * 3_600_000);
}

/**
 * Sends the draft: routes it, gives it a reference number and a private follow link, and keeps the link
 * (sealed) on the draft for the confirmation page. Sending a draft already sent (a double click, the page
 * sent again) returns that request: one draft, one request.
 */
export async function submit(token: string | undefined, submitter: Submitter, now = new Date()): Promise<SubmitResult> {
	if (!isToken(token)) return { ok: false, reason: 'no_draft' };
	const hash = hashToken(token);
	const config = cityConfig();
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<SubmitResult & { created?: boolean }> => {
			const draft = await repo.lockDraft(trx, hash);
			if (!draft) return { ok: false, reason: 'no_draft' };
			if (draft.request_id !== null) {
				const sent = await repo.findById(trx, draft.request_id);
				return sent ? { ok: true, id: sent.id, reference: sent.reference } : { ok: false, reason: 'no_draft' };
			}
			if (!draft.answers_sealed) return { ok: false, reason: 'no_draft' };
			const answers = applicableAnswers(unseal(draft.answers_sealed as Sealed<RequestAnswers>, draftContext(hash)).reveal());
			const step = problemStep(answers, now);
			if (step) return { ok: false, reason: 'incomplete', step };

			const route = routeRequest(config, { serviceKind: answers.serviceKind!, locationId: answers.locationId, areaId: answers.areaId });
			const reference = await repo.nextReference(trx, Number(today(now).slice(0, 4)));
			const followToken = newToken();
			const identity = pick<Identity>(answers, IDENTITY_KEYS);
			const details = pick<CaseDetails>(answers, CASE_KEYS);
			details.accommodations ??= [];
			const row = await repo.insertRequest(trx, {
				reference,
				followTokenHash: hashToken(followToken),
				serviceKind: answers.serviceKind!,
				locationId: answers.locationId ?? null,
				areaId: answers.areaId ?? null,
				routingRule: route.rule,
				deskId: route.deskId,
				patronId: submitter.patronId,
				submittedBy: submitter.actorId,
				identitySealed: seal(identity, identityContext(reference)),
				caseSealed: seal(details, caseContext(reference)),
				answerBy: answers.answerBy ?? null,
				submittedAt: now,
				ackDueAt: hoursLater(now, config.accommodation.acknowledgeWithinHours)
			});
			await repo.insertEvent(trx, {
				requestId: row.id,
				actorId: submitter.actorId,
				deskId: route.deskId,
				kind: 'submitted',
				detail: { deskId: route.deskId, rule: route.rule },
				at: now
			});
			await repo.markDraftSent(trx, hash, row.id, seal(followToken, followContext(hash)), now);
			return { ok: true, id: row.id, reference, created: true };
		});
	if (result.ok && result.created) {
		await audit.record({
			actorId: submitter.actorId,
			subjectId: submitter.patronId,
			action: 'accommodation.submit',
			targetType: 'accommodation_request',
			targetId: result.id
		});
		log.info('accommodation request received', { requestId: result.id });
	}
	if (result.ok) return { ok: true, id: result.id, reference: result.reference };
	return result;
}

/**
 * What the confirmation page shows: the reference and the follow link's token, for the browser that sent
 * the request, for a short while after sending. Null otherwise (the link is then gone for good).
 */
export async function confirmationOf(
	token: string | undefined,
	now = new Date()
): Promise<{ reference: string; deskId: string; followToken: Sensitive<string> } | null> {
	if (!isToken(token)) return null;
	const hash = hashToken(token);
	const draft = await repo.findDraft(db(), hash);
	if (!draft || draft.request_id === null || !draft.follow_sealed) return null;
	if (now.getTime() - new Date(draft.updated_at).getTime() > CONFIRMATION_KEPT_MINUTES * 60_000) return null;
	const request = await repo.findById(db(), draft.request_id);
	if (!request) return null;
	return { reference: request.reference, deskId: request.current_desk_id, followToken: unseal(draft.follow_sealed as Sealed<string>, followContext(hash)) };
}

// ----- what the person sees ---------------------------------------------------------------------

export interface HistoryEntry {
	at: Date;
	kind: EventKind;
	/** The desk that acted, or the desk the request was at when the person wrote. */
	deskId: string | null;
	/** Written by the person (or someone signed in for them), not the desk. */
	byRequester: boolean;
	/** A staff member's name: for staff pages only (the person sees the desk). */
	actorName: string | null;
	/** A message, or (for staff handling it) a transfer's reason. Null when not shown to this reader. */
	body: Sensitive<string> | null;
	detail: Record<string, unknown>;
}

export interface RequestView {
	id: number;
	reference: string;
	status: RequestStatus;
	serviceKind: ServiceKind;
	locationId: string | null;
	areaId: string | null;
	deskId: string;
	routedDeskId: string;
	submittedAt: Date;
	ackDueAt: Date;
	acknowledgedAt: Date | null;
	answerBy: string | null;
	needsReply: boolean;
	outcome: Outcome | null;
	factors: BurdenFactor[];
	differentialTreatment: boolean;
	justifiedReasons: JustifiedReason[];
	explanation: Sensitive<string> | null;
	closedAt: Date | null;
	/** When the sealed data was erased after the retention period: what the person wrote is then gone. */
	erasedAt: Date | null;
	/** The case in the person's words. */
	details: Sensitive<CaseDetails> | null;
	history: HistoryEntry[];
}

export interface RequesterView extends RequestView {
	identity: Sensitive<Identity> | null;
	/** Who at which desk opened the request, newest first. */
	access: { at: Date; deskId: string | null; scope: 'handling' | 'oversight' | 'proxy' }[];
}

/** Events the person sees: everything but the reasons of transfers, which are notes between desks. */
async function historyOf(row: repo.RequestRow, reader: 'requester' | 'handling' | 'oversight'): Promise<HistoryEntry[]> {
	const events = await repo.listEvents(db(), row.id);
	return events.map((e) => {
		const message = e.kind === 'requester_message' || e.kind === 'desk_message';
		const showBody = e.body_sealed !== null && (reader === 'handling' || (reader === 'requester' && message));
		return {
			at: new Date(e.at),
			kind: e.kind,
			deskId: e.desk_id,
			byRequester: e.kind === 'submitted' || e.kind === 'requester_message',
			actorName: reader === 'requester' ? null : (e.actor_name ?? null),
			body: showBody ? unseal(e.body_sealed as Sealed<string>, eventContext(row.reference)) : null,
			detail: (e.detail ?? {}) as Record<string, unknown>
		};
	});
}

function baseView(row: repo.RequestRow): Omit<RequestView, 'details' | 'history'> {
	return {
		id: row.id,
		reference: row.reference,
		status: row.status,
		serviceKind: row.service_kind,
		locationId: row.location_id,
		areaId: row.area_id,
		deskId: row.current_desk_id,
		routedDeskId: row.routed_desk_id,
		submittedAt: new Date(row.submitted_at),
		ackDueAt: new Date(row.ack_due_at),
		acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
		answerBy: row.answer_by,
		needsReply: row.needs_reply,
		outcome: row.outcome,
		factors: row.outcome_factors,
		differentialTreatment: row.differential_treatment,
		justifiedReasons: row.justified_reasons,
		explanation: row.explanation_sealed ? unseal(row.explanation_sealed as Sealed<string>, explanationContext(row.reference)) : null,
		closedAt: row.closed_at ? new Date(row.closed_at) : null,
		erasedAt: row.erased_at ? new Date(row.erased_at) : null
	};
}

async function requesterView(row: repo.RequestRow): Promise<RequesterView> {
	const access = await repo.listAccess(db(), row.id, ACCESS_SHOWN);
	return {
		...baseView(row),
		details: row.case_sealed ? unseal(row.case_sealed as Sealed<CaseDetails>, caseContext(row.reference)) : null,
		identity: row.identity_sealed ? unseal(row.identity_sealed as Sealed<Identity>, identityContext(row.reference)) : null,
		history: await historyOf(row, 'requester'),
		access: access.map((a) => ({ at: new Date(a.at), deskId: a.desk_id, scope: a.scope }))
	};
}

/** The request a follow link opens, or null: a malformed token, a guessed one, a reference number. */
export async function openByFollowToken(token: string): Promise<RequesterView | null> {
	if (!isToken(token)) return null;
	const row = await repo.findByFollowHash(db(), hashToken(token));
	return row ? requesterView(row) : null;
}

/** Who acts (signed in) and for whom: a proxy acts for a patron. */
export interface Acting {
	actorId: number;
	patronId: number;
}

/** A patron's requests, newest first (no sealed data). */
export function listForPatron(acting: Acting) {
	return repo.listForPatron(db(), acting.patronId);
}

/**
 * One of the patron's own requests by its reference, or null for anyone else's (the same answer as none, so
 * a guessed reference learns nothing). A proxy's opening is logged: the request is the patron's.
 */
export async function openForPatron(acting: Acting, reference: string, now = new Date()): Promise<RequesterView | null> {
	if (!REFERENCE_PATTERN.test(reference)) return null;
	const row = await repo.findByReference(db(), reference);
	if (!row || row.patron_id === null || row.patron_id !== acting.patronId) return null;
	if (acting.actorId !== acting.patronId) {
		await repo.logAccess(db(), { viewerId: acting.actorId, requestId: row.id, deskId: null, scope: 'proxy', at: now });
	}
	return requesterView(row);
}

export type ReplyResult = { ok: true } | { ok: false; reason: 'not_found' | 'closed' };

/** The person writes to the desk (constructive dialogue, annex 4(2)); refused once the request is closed. */
export async function replyAsRequester(
	target: { followToken: string } | { acting: Acting; reference: string },
	text: string,
	now = new Date()
): Promise<ReplyResult> {
	const found = 'followToken' in target
		? isToken(target.followToken)
			? await repo.findByFollowHash(db(), hashToken(target.followToken))
			: undefined
		: REFERENCE_PATTERN.test(target.reference)
			? await repo.findByReference(db(), target.reference)
			: undefined;
	if (!found) return { ok: false, reason: 'not_found' };
	if ('acting' in target && found.patron_id !== target.acting.patronId) return { ok: false, reason: 'not_found' };
	const actorId = 'acting' in target ? target.acting.actorId : null;
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<ReplyResult> => {
			const row = await repo.lockById(trx, found.id);
			if (!row) return { ok: false, reason: 'not_found' };
			if (row.status === 'closed') return { ok: false, reason: 'closed' };
			await repo.insertEvent(trx, {
				requestId: row.id,
				actorId,
				deskId: row.current_desk_id,
				kind: 'requester_message',
				bodySealed: seal(text, eventContext(row.reference)),
				at: now
			});
			await repo.updateRequest(trx, row.id, { needs_reply: true });
			return { ok: true };
		});
	if (result.ok) {
		await audit.record({
			actorId,
			subjectId: found.patron_id,
			action: 'accommodation.requester_message',
			targetType: 'accommodation_request',
			targetId: found.id
		});
	}
	return result;
}

// ----- desk staff -------------------------------------------------------------------------------

/** A staff member as the desk console sees them. */
export interface DeskStaff {
	id: number;
	role: Role;
	/** The desks they work at (their queue). */
	deskIds: string[];
	/** The desks whose requests they may acknowledge as a responsible manager (art. 4). */
	managerOf: string[];
	/** Works at the Disability Policy Division: sees every request (art. 6-3) and the statistics. */
	policy: boolean;
	/** Runs the system: sees every request like the division, acts on none. */
	admin: boolean;
}

/** The desk-console view of a signed-in staff member (their workplace is read from the account). */
export async function deskStaffOf(actor: { id: number; role: Role }): Promise<DeskStaff> {
	const config = cityConfig();
	const [account, managerOf] = await Promise.all([repo.findStaff(db(), actor.id), repo.managerDesks(db(), actor.id)]);
	const deskIds = actor.role === 'admin' || actor.role === 'patron' ? [] : desksOfWorkplace(config, account?.workplace_id ?? null);
	return {
		id: actor.id,
		role: actor.role,
		deskIds,
		managerOf: managerOf.filter((desk) => deskIds.includes(desk)),
		policy: deskIds.includes(policyDeskId(config)),
		admin: actor.role === 'admin'
	};
}

/** Whether this staff member sees every desk's requests (the division, administrators). */
export function seesEveryDesk(staff: DeskStaff): boolean {
	return staff.policy || staff.admin;
}

/**
 * What a staff member may see of a request: `handling` (its desk: everything), `oversight` (the Disability
 * Policy Division and administrators for other desks' requests: the case, not who asked nor the messages),
 * or nothing (another desk's request: not found).
 */
export function accessOf(staff: DeskStaff, row: Pick<repo.RequestRow, 'current_desk_id'>): 'handling' | 'oversight' | null {
	if (staff.deskIds.includes(row.current_desk_id)) return 'handling';
	if (seesEveryDesk(staff)) return 'oversight';
	return null;
}

export interface QueueItem {
	reference: string;
	status: RequestStatus;
	serviceKind: ServiceKind;
	locationId: string | null;
	areaId: string | null;
	deskId: string;
	submittedAt: Date;
	/** Whole hours since it arrived. */
	ageHours: number;
	ackDueAt: Date;
	/** Not acknowledged by the deadline (art. 4). */
	overdue: boolean;
	acknowledgedAt: Date | null;
	answerBy: string | null;
	needsReply: boolean;
	outcome: Outcome | null;
	closedAt: Date | null;
}

/** Which queue to show: the staff member's own desks, every desk, or one desk (for those who see every desk). */
export type QueueScope = { kind: 'mine' } | { kind: 'all' } | { kind: 'desk'; deskId: string };

/** The queue: open requests (overdue acknowledgements first) and those closed in the last 30 days. No personal data. */
export async function queueOf(staff: DeskStaff, scope: QueueScope, now = new Date()) {
	let deskIds: string[] | null = staff.deskIds;
	if (scope.kind === 'all' && seesEveryDesk(staff)) deskIds = null;
	if (scope.kind === 'desk' && (seesEveryDesk(staff) || staff.deskIds.includes(scope.deskId))) deskIds = [scope.deskId];
	const since = new Date(now.getTime() - CLOSED_SHOWN_DAYS * 86_400_000);
	const { open, closed } = await repo.listQueue(db(), deskIds, since);
	const item = (row: (typeof open)[number]): QueueItem => {
		const submittedAt = new Date(row.submitted_at);
		const ackDueAt = new Date(row.ack_due_at);
		return {
			reference: row.reference,
			status: row.status,
			serviceKind: row.service_kind,
			locationId: row.location_id,
			areaId: row.area_id,
			deskId: row.current_desk_id,
			submittedAt,
			ageHours: Math.max(0, Math.floor((now.getTime() - submittedAt.getTime()) / 3_600_000)),
			ackDueAt,
			overdue: row.status === 'received' && now > ackDueAt,
			acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
			answerBy: row.answer_by,
			needsReply: row.needs_reply,
			outcome: row.outcome,
			closedAt: row.closed_at ? new Date(row.closed_at) : null
		};
	};
	return { deskIds, open: open.map(item), closed: closed.map(item) };
}

export interface StaffView extends RequestView {
	access: 'handling' | 'oversight';
	/** Who asked and how to reach them: the handling desk only. */
	identity: Sensitive<Identity> | null;
	/** Signed in when asking (the request shows on their account). */
	fromAccount: boolean;
	messageCount: number;
	acknowledgedBy: string | null;
	mayAcknowledge: boolean;
	/** A manager of this desk would be needed (the reader is not one). */
	needsManager: boolean;
	mayMessage: boolean;
	mayTransfer: boolean;
	mayRecordOutcome: boolean;
}

/**
 * Opens a request for a staff member: null for a request that is not theirs to see (the same answer as none).
 * The opening is logged before anything is returned, and shown to the person.
 */
export async function openForStaff(staff: DeskStaff, reference: string, now = new Date()): Promise<StaffView | null> {
	if (!REFERENCE_PATTERN.test(reference)) return null;
	const row = await repo.findByReference(db(), reference);
	if (!row) return null;
	const access = accessOf(staff, row);
	if (!access) return null;
	await repo.logAccess(db(), {
		viewerId: staff.id,
		requestId: row.id,
		deskId: access === 'handling' ? row.current_desk_id : (staff.deskIds[0] ?? null),
		scope: access,
		at: now
	});
	const handling = access === 'handling';
	const open = row.status !== 'closed';
	const acknowledger = row.acknowledged_by ? await repo.findStaff(db(), row.acknowledged_by) : undefined;
	const isManager = staff.managerOf.includes(row.current_desk_id);
	return {
		...baseView(row),
		access,
		details: row.case_sealed ? unseal(row.case_sealed as Sealed<CaseDetails>, caseContext(row.reference)) : null,
		identity: handling && row.identity_sealed ? unseal(row.identity_sealed as Sealed<Identity>, identityContext(row.reference)) : null,
		fromAccount: row.patron_id !== null,
		history: await historyOf(row, access),
		messageCount: await repo.countMessages(db(), row.id),
		acknowledgedBy: acknowledger?.name ?? null,
		mayAcknowledge: handling && row.status === 'received' && isManager,
		needsManager: handling && row.status === 'received' && !isManager,
		mayMessage: handling && open,
		mayTransfer: open && (handling || staff.policy),
		mayRecordOutcome: handling && row.status === 'acknowledged'
	};
}

/**
 * What a desk action's page needs to know (transfer, outcome): the request's desk and status and whether this
 * staff member may act. Opens no sealed data, so it is not logged. Null when not theirs to see.
 */
export async function actionContextOf(staff: DeskStaff, reference: string) {
	if (!REFERENCE_PATTERN.test(reference)) return null;
	const row = await repo.findByReference(db(), reference);
	if (!row) return null;
	const access = accessOf(staff, row);
	if (!access) return null;
	const open = row.status !== 'closed';
	return {
		reference: row.reference,
		deskId: row.current_desk_id,
		status: row.status,
		serviceKind: row.service_kind,
		access,
		mayTransfer: open && (access === 'handling' || staff.policy),
		mayRecordOutcome: access === 'handling' && row.status === 'acknowledged'
	};
}

export type DeskActionResult =
	| { ok: true }
	| { ok: false; reason: 'not_found' | 'closed' | 'not_manager' | 'already_acknowledged' | 'not_acknowledged' | 'unknown_desk' | 'same_desk' | 'invalid' };

/**
 * Runs a desk action on a locked request after the checks every action shares: the request exists, this
 * staff member may act on it (handling desk; for transfers also the division), and it is still open.
 */
async function act(
	staff: DeskStaff,
	reference: string,
	options: { allowPolicy?: boolean },
	work: (trx: Ex, row: repo.RequestRow) => Promise<DeskActionResult>,
	action: string
): Promise<DeskActionResult> {
	if (!REFERENCE_PATTERN.test(reference)) return { ok: false, reason: 'not_found' };
	const found = await repo.findByReference(db(), reference);
	if (!found) return { ok: false, reason: 'not_found' };
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<DeskActionResult> => {
			const row = await repo.lockById(trx, found.id);
			if (!row) return { ok: false, reason: 'not_found' };
			const access = accessOf(staff, row);
			const allowed = access === 'handling' || (options.allowPolicy && staff.policy);
			if (!allowed) return { ok: false, reason: 'not_found' };
			if (row.status === 'closed') return { ok: false, reason: 'closed' };
			return work(trx, row);
		});
	if (result.ok) {
		await audit.record({ actorId: staff.id, subjectId: found.patron_id, action, targetType: 'accommodation_request', targetId: found.id });
		log.info('accommodation desk action', { action, requestId: found.id });
	}
	return result;
}

/** A responsible manager of the handling desk confirms the request has been seen (art. 4). */
export function acknowledge(staff: DeskStaff, reference: string, now = new Date()): Promise<DeskActionResult> {
	return act(
		staff,
		reference,
		{},
		async (trx, row) => {
			if (!staff.managerOf.includes(row.current_desk_id)) return { ok: false, reason: 'not_manager' };
			if (row.status !== 'received') return { ok: false, reason: 'already_acknowledged' };
			await repo.updateRequest(trx, row.id, {
				status: 'acknowledged',
				acknowledged_at: now,
				acknowledged_by: staff.id,
				...(row.first_acknowledged_at ? {} : { first_acknowledged_at: now })
			});
			await repo.insertEvent(trx, { requestId: row.id, actorId: staff.id, deskId: row.current_desk_id, kind: 'acknowledged', at: now });
			return { ok: true };
		},
		'accommodation.acknowledge'
	);
}

/** The desk writes to the person: shown on their follow page and their account. */
export function sendMessage(staff: DeskStaff, reference: string, text: string, now = new Date()): Promise<DeskActionResult> {
	return act(
		staff,
		reference,
		{},
		async (trx, row) => {
			await repo.insertEvent(trx, {
				requestId: row.id,
				actorId: staff.id,
				deskId: row.current_desk_id,
				kind: 'desk_message',
				bodySealed: seal(text, eventContext(row.reference)),
				at: now
			});
			await repo.updateRequest(trx, row.id, { needs_reply: false });
			return { ok: true };
		},
		'accommodation.desk_message'
	);
}

/**
 * Passes the request to another desk with a reason (kept between desks; the person sees where it went).
 * The new desk's responsible manager acknowledges it afresh, within the configured hours from now.
 */
export function transfer(staff: DeskStaff, reference: string, toDeskId: string, reason: string, now = new Date()): Promise<DeskActionResult> {
	const config = cityConfig();
	return act(
		staff,
		reference,
		{ allowPolicy: true },
		async (trx, row) => {
			if (!deskById(config, toDeskId)) return { ok: false, reason: 'unknown_desk' };
			if (toDeskId === row.current_desk_id) return { ok: false, reason: 'same_desk' };
			await repo.updateRequest(trx, row.id, {
				current_desk_id: toDeskId,
				status: 'received',
				acknowledged_at: null,
				acknowledged_by: null,
				ack_due_at: hoursLater(now, config.accommodation.acknowledgeWithinHours)
			});
			await repo.insertEvent(trx, {
				requestId: row.id,
				actorId: staff.id,
				deskId: staff.deskIds.includes(row.current_desk_id) ? row.current_desk_id : (staff.deskIds[0] ?? null),
				kind: 'transferred',
				bodySealed: seal(reason, eventContext(row.reference)),
				detail: { from: row.current_desk_id, to: toDeskId },
				at: now
			});
			return { ok: true };
		},
		'accommodation.transfer'
	);
}

/**
 * Records how the request ends and closes it. A refusal names the undue-burden factors and carries the
 * explanation the person reads (annex 5); so does a different treatment claimed to have a justified reason
 * (annex 2). Checked here as well as in the form, and by the database: no path closes a refusal unexplained.
 * The anonymised case (the staff member's summary, the kind, the accommodations asked for and the outcome)
 * goes to the searchable examples, with nothing that leads back to the request or the person.
 */
export function recordOutcome(staff: DeskStaff, reference: string, input: OutcomeInput, now = new Date()): Promise<DeskActionResult> {
	const explained = Boolean(input.explanation?.trim());
	if (input.outcome === 'declined' && (input.factors.length === 0 || !explained)) return Promise.resolve({ ok: false, reason: 'invalid' });
	if (input.differentialTreatment && (input.justifiedReasons.length === 0 || !explained)) return Promise.resolve({ ok: false, reason: 'invalid' });
	if (!input.summary?.trim()) return Promise.resolve({ ok: false, reason: 'invalid' });
	return act(
		staff,
		reference,
		{},
		async (trx, row) => {
			if (row.status !== 'acknowledged') return { ok: false, reason: 'not_acknowledged' };
			const factors = input.outcome === 'declined' ? input.factors : [];
			const reasons = input.differentialTreatment ? input.justifiedReasons : [];
			await repo.updateRequest(trx, row.id, {
				status: 'closed',
				outcome: input.outcome,
				outcome_factors: factors,
				differential_treatment: input.differentialTreatment,
				justified_reasons: reasons,
				explanation_sealed: explained ? seal(input.explanation!.trim(), explanationContext(row.reference)) : null,
				closed_at: now,
				closed_by: staff.id,
				needs_reply: false
			});
			await repo.insertEvent(trx, {
				requestId: row.id,
				actorId: staff.id,
				deskId: row.current_desk_id,
				kind: 'outcome',
				detail: { outcome: input.outcome, factors, differentialTreatment: input.differentialTreatment, justifiedReasons: reasons },
				at: now
			});
			const details = row.case_sealed ? unseal(row.case_sealed as Sealed<CaseDetails>, caseContext(row.reference)).reveal() : null;
			await repo.insertCase(trx, {
				closedOn: today(now),
				deskId: row.current_desk_id,
				serviceKind: row.service_kind,
				accommodations: details?.accommodations ?? [],
				outcome: input.outcome,
				factors,
				differentialTreatment: input.differentialTreatment,
				justifiedReasons: reasons,
				summary: input.summary.trim()
			});
			return { ok: true };
		},
		'accommodation.outcome'
	);
}

// ----- anonymised cases -------------------------------------------------------------------------

/** Words of a search box: NFKC, split on spaces (ASCII and ideographic), at most eight, none empty. */
export function searchWords(text: string): string[] {
	return text.normalize('NFKC').split(/\s+/).filter(Boolean).slice(0, 8);
}

/** Closed cases as examples for later ones (art. 6-3): staff of any desk may search them. */
export function searchCases(filters: repo.CaseFilters, limit = 50) {
	return repo.searchCases(db(), filters, limit);
}

// ----- housekeeping -----------------------------------------------------------------------------

/**
 * Deletes drafts left for a day (and with them any follow link kept for a confirmation page), follow links
 * kept past the confirmation window, and access-log entries older than three years; erases the sealed data
 * of requests closed more than `accommodation.closedRequestRetentionMonths` ago (`repo.eraseRequest`).
 * Returns how many drafts, confirmations and requests it removed or erased.
 */
export async function cleanUp(now = new Date()): Promise<number> {
	const drafts = await repo.deleteDraftsOlderThan(db(), new Date(now.getTime() - DRAFT_KEPT_HOURS * 3_600_000));
	const confirmations = await repo.forgetConfirmationsOlderThan(db(), new Date(now.getTime() - CONFIRMATION_KEPT_MINUTES * 60_000));
	const views = await repo.deleteAccessOlderThan(db(), new Date(`${addMonths(today(now), -ACCESS_LOG_KEPT_MONTHS)}T00:00:00+09:00`));
	const erased = await eraseClosedRequests(now);
	if (drafts || confirmations || views || erased) log.info('accommodation clean-up', { drafts, confirmations, accessLogEntries: views, erasedRequests: erased });
	return drafts + confirmations + erased;
}

/** The day (Tokyo time) before which a request must have been closed for its sealed data to be erased. */
function erasureCutOff(now = new Date()): Date {
	return new Date(`${addMonths(today(now), -cityConfig().accommodation.closedRequestRetentionMonths)}T00:00:00+09:00`);
}

/** Erases every request closed before the cut-off, in one transaction; returns how many. */
async function eraseClosedRequests(now: Date): Promise<number> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const rows = await repo.listErasable(trx, erasureCutOff(now));
			for (const row of rows) await repo.eraseRequest(trx, row.id, now);
			return rows.length;
		});
}

/** Designates a responsible manager of a desk (the tests use it; administrators use `designate`). */
export async function designateManager(accountId: number, deskId: string, by: number | null, ex: Ex = db()): Promise<void> {
	if (!deskById(cityConfig(), deskId)) throw new Error(`Unknown desk "${deskId}"`);
	await repo.addManager(ex, accountId, deskId, by);
}

// ----- responsible managers (art. 4), kept by administrators ---------------------------------------

/** Every responsible manager, by desk. */
export function managers() {
	return repo.listManagers(db());
}

export type DesignateResult = { ok: true } | { ok: false; field: 'staffNumber' | 'deskId'; reason: 'unknown_staff' | 'not_at_desk' | 'unknown_desk' };

/**
 * An administrator designates a staff member as a responsible manager (障害者サポート推進責任者, section
 * manager or above: art. 4) of a desk they work at. Who holds such a post is the city's decision; the portal
 * records it, with who recorded it, and the audit log keeps the history.
 */
export async function designate(adminId: number, staffNumber: string, deskId: string): Promise<DesignateResult> {
	const config = cityConfig();
	if (!deskById(config, deskId)) return { ok: false, field: 'deskId', reason: 'unknown_desk' };
	const staff = await repo.findStaffByNumber(db(), staffNumber);
	if (!staff || staff.status !== 'active') return { ok: false, field: 'staffNumber', reason: 'unknown_staff' };
	if (!desksOfWorkplace(config, staff.workplace_id).includes(deskId)) return { ok: false, field: 'staffNumber', reason: 'not_at_desk' };
	await repo.addManager(db(), staff.id, deskId, adminId);
	await audit.record({ actorId: adminId, subjectId: staff.id, action: 'accommodation.designate_manager', targetType: 'desk', targetId: deskId });
	return { ok: true };
}

/** An administrator ends a designation. False when there was none. */
export async function endDesignation(adminId: number, accountId: number, deskId: string): Promise<boolean> {
	const removed = await repo.removeManager(db(), accountId, deskId);
	if (removed) await audit.record({ actorId: adminId, subjectId: accountId, action: 'accommodation.end_manager', targetType: 'desk', targetId: deskId });
	return removed;
}
