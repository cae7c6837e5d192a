import type { Kysely } from 'kysely';
import { db } from '$lib/server/db';
import type { Database, Role } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import * as audit from '$lib/server/audit/audit.repository';
import { log } from '$lib/server/log';
import { keyFingerprint, seal, unseal, type Sealed, type Sensitive } from '$lib/server/crypto/sensitive';
import { addDays, addMonths, today } from '$lib/server/time/calendar';
import {
	OPEN_STATUSES,
	firstUnanswered,
	isAnswered,
	stepsFor,
	STEPS,
	type AccessPurpose,
	type ApplicationAnswers,
	type ApplicationStatus,
	type EventKind,
	type ServiceType,
	type Step
} from '$lib/reading-services';
import { stepSchema, STEP_ARRAYS } from './application.forms';
import * as repo from './reading-services.repository';

/**
 * Disability reading services (N disability services rules art. 2–4; DOMAIN §4, §7): the application a
 * patron (or their proxy) fills in page by page, the staff review, and the effects of the decision.
 *
 * Effects live in `reading_service_grants`, which the rest of the portal reads through
 * `eligibility.hasActiveGrant`: approval writes one grant per type granted; withdrawal by the patron,
 * ending by staff and a newer registration withdraw them; a registration lapses when its day passes
 * without use (each use moves the day on: `eligibility.recordUse`).
 *
 * Everything the patron answered is sealed (`$lib/server/crypto/sensitive`). This service is where it
 * is opened, and every opening by someone other than the patron is written to `sensitive_access_log`
 * in the same breath: a librarian's view of an application, a proxy's view of the patron's answers.
 */

type Ex = Kysely<Database>;

/** Who acts (signed in) and for whom (whose application it is): a proxy acts for a patron. */
export interface Acting {
	actorId: number;
	patronId: number;
}

/** A draft not touched for this long is deleted: half-finished disability details are not kept. */
export const DRAFT_KEPT_DAYS = 30;
/** Views of sensitive data are kept three years, like disclosures of camera images (N camera rules). */
export const ACCESS_LOG_KEPT_MONTHS = 36;
/** A proxy reading the same answers again within this time is one view, not one per page. */
const PROXY_VIEW_WINDOW_MS = 10 * 60 * 1000;
/** How many views of their record a patron sees on their status page. */
export const ACCESS_SHOWN = 100;

/** Staff roles who may open sealed reading-services data: the reading-services librarians. Administrators run the system, not the service. */
export const SENSITIVE_ROLES: readonly Role[] = ['librarian'];

export function mayReadSensitive(role: Role): boolean {
	return SENSITIVE_ROLES.includes(role);
}

// ----- sealing contexts -------------------------------------------------------------------------

// The context binds each envelope to its purpose and patron: a sealed value copied to another row fails.
const answersContext = (patronId: number) => `reading.answers:patron=${patronId}`;
const draftContext = (patronId: number) => `reading.draft:patron=${patronId}`;
const eventContext = (patronId: number) => `reading.event:patron=${patronId}`;

/** Seals a patron's answers as an application holds them (the demo data uses it too). */
export function sealAnswers(patronId: number, answers: ApplicationAnswers): Sealed<ApplicationAnswers> {
	return seal(answers, answersContext(patronId));
}

function openAnswers(row: { answers_sealed: string | null; patron_id: number }): Sensitive<ApplicationAnswers> | null {
	return row.answers_sealed ? unseal(row.answers_sealed as Sealed<ApplicationAnswers>, answersContext(row.patron_id)) : null;
}

/**
 * Checks the key in use against the fingerprint the database recorded when data was first sealed.
 * Run at start: a server given another key stops with an explanation instead of failing on each page.
 */
export async function checkKeyMatchesDatabase(ex: Ex = db()): Promise<void> {
	const inUse = keyFingerprint();
	const recorded = await repo.recordKeyFingerprint(ex, inUse);
	if (recorded === inUse) return;
	// Nothing sealed yet (a first start with a key that was then replaced): the new key is simply recorded.
	if (!(await repo.holdsSealedData(ex))) {
		await repo.replaceKeyFingerprint(ex, inUse);
		return;
	}
	throw new Error(
		`The sensitive data in this database was sealed with key ${recorded}, but the key in use is ${inUse}. ` +
			'Set SENSITIVE_DATA_KEY to the original key (or restore <DATA_DIR>/sensitive-data.key from its backup); see the README.'
	);
}

// ----- the patron's draft -----------------------------------------------------------------------

/**
 * The answers given so far (empty when none). A proxy reading them is logged (once per ten minutes):
 * the patron sees on their status page that their proxy looked.
 */
export async function draftOf(acting: Acting, now = new Date()): Promise<Sensitive<ApplicationAnswers> | null> {
	const row = await repo.findDraft(db(), acting.patronId);
	if (!row) return null;
	await logProxyView(acting, null, now);
	return unseal(row.answers_sealed as Sealed<ApplicationAnswers>, draftContext(acting.patronId));
}

async function saveDraft(acting: Acting, answers: ApplicationAnswers, now: Date, ex: Ex = db()): Promise<void> {
	await repo.saveDraft(ex, acting.patronId, seal(answers, draftContext(acting.patronId)), acting.actorId, now);
}

/** Starts again: the draft is deleted. */
export async function discardDraft(acting: Acting): Promise<void> {
	await repo.deleteDraft(db(), acting.patronId);
}

/** The answers of a step: what the page shows, from the draft (or from nothing yet). */
export function stepAnswers(step: Step, answers: ApplicationAnswers): Partial<ApplicationAnswers> {
	const pick = <K extends keyof ApplicationAnswers>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, answers[k]])) as Partial<ApplicationAnswers>;
	switch (step) {
		case 'types':
			return pick('serviceTypes', 'otherNeed');
		case 'formats':
			return pick('formats');
		case 'basis':
			return pick('basis');
		case 'certificate':
			return pick('certificateKind');
		case 'shown-by':
			return pick('shownBy');
		case 'contact':
			return pick('contactMethod', 'notes');
		case 'address':
			return pick('deliveryPostalCode', 'deliveryAddress');
	}
}

/** Where a step page may be opened: the first unanswered earlier step, or null when this one is reachable. */
export function redirectFor(step: Step, answers: ApplicationAnswers): Step | 'check' | null {
	const steps = stepsFor(answers);
	if (!steps.includes(step)) return firstUnanswered(answers) ?? 'check';
	const missing = steps.slice(0, steps.indexOf(step)).find((s) => !isAnswered(s, answers));
	return missing ?? null;
}

/** Where to go after saving `step`: on through the questions, or back to the check page after a change. */
export function nextAfter(step: Step, answers: ApplicationAnswers, changing: boolean): Step | 'check' {
	const missing = firstUnanswered(answers);
	if (changing) return missing ?? 'check';
	const steps = stepsFor(answers);
	return steps[steps.indexOf(step) + 1] ?? missing ?? 'check';
}

export type SaveStepResult = { ok: true; next: Step | 'check' } | { ok: false; errors: Record<string, string> };

/**
 * Saves one page's answers into the draft after the checks that need more than the form: email or phone
 * on the account for those contact methods, a proxy in force for "through my proxy".
 */
export async function saveStep(
	acting: Acting,
	step: Step,
	data: Partial<ApplicationAnswers>,
	options: { changing?: boolean } = {},
	now = new Date()
): Promise<SaveStepResult> {
	if (step === 'contact') {
		const problem = await contactProblem(acting.patronId, data.contactMethod, now);
		if (problem) return { ok: false, errors: { contactMethod: problem } };
	}
	// Read, merge and write under the patron's lock: two steps saved at once (two tabs, the patron and a
	// proxy) must both be kept, not the later write overwrite the earlier one's answer.
	const answers = await db()
		.transaction()
		.execute(async (trx) => {
			await repo.lockPatron(trx, acting.patronId);
			const draft = await repo.findDraft(trx, acting.patronId);
			const current = draft ? unseal(draft.answers_sealed as Sealed<ApplicationAnswers>, draftContext(acting.patronId)).reveal() : {};
			const merged: ApplicationAnswers = { ...current, ...data };
			// An optional text cleared on the page is removed, not kept from before.
			for (const key of Object.keys(stepAnswers(step, {})) as (keyof ApplicationAnswers)[]) {
				if (!(key in data) || data[key] === undefined) delete merged[key];
			}
			await saveDraft(acting, merged, now, trx);
			return merged;
		});
	await logProxyView(acting, null, now);
	return { ok: true, next: nextAfter(step, answers, options.changing ?? false) };
}

async function contactProblem(patronId: number, method: ApplicationAnswers['contactMethod'], now: Date): Promise<string | null> {
	const patron = await repo.findPatronContact(db(), patronId);
	if (method === 'email_plain' && !patron?.email) return 'reading:apply.contact.errors.noEmail';
	if (method === 'phone' && !patron?.phone) return 'reading:apply.contact.errors.noPhone';
	if (method === 'proxy' && !(await repo.hasProxyInForce(db(), patronId, today(now)))) return 'reading:apply.contact.errors.noProxy';
	return null;
}

/** What the patron's account offers the application: prefilled delivery address, phone and email to contact. */
export async function accountFacts(patronId: number, now = new Date()) {
	const patron = await repo.findPatronContact(db(), patronId);
	return {
		postalCode: patron?.postal_code ?? '',
		address: patron?.address ?? '',
		phone: patron?.phone ?? null,
		email: patron?.email ?? null,
		hasProxy: await repo.hasProxyInForce(db(), patronId, today(now))
	};
}

/**
 * An answer that contradicts another (the delivery address kept after service (2) was unticked, formats
 * kept without service (1) or (3), a certificate kind after choosing a consultation). The check page
 * asks the patron which they meant, instead of guessing.
 */
export interface Contradiction {
	/** The step whose answer no longer fits. */
	step: Step;
	/** The step that decides whether it applies. */
	decidedBy: Step;
	key: string;
}

export function contradictionsIn(answers: ApplicationAnswers): Contradiction[] {
	const applicable = stepsFor(answers);
	const found: Contradiction[] = [];
	for (const step of STEPS) {
		if (applicable.includes(step) || !isAnswered(step, answers)) continue;
		if (step === 'address') found.push({ step, decidedBy: 'types', key: 'reading:check.contradictions.addressWithoutType2' });
		if (step === 'formats') found.push({ step, decidedBy: 'types', key: 'reading:check.contradictions.formatsWithoutType1' });
		if (step === 'certificate') found.push({ step, decidedBy: 'basis', key: 'reading:check.contradictions.certificateWithConsultation' });
	}
	return found;
}

/** Removes the answers of a step that no longer applies (the patron's choice on the check page). */
export async function removeAnswer(acting: Acting, step: Step, now = new Date()): Promise<void> {
	const answers = (await draftOf(acting, now))?.reveal();
	if (!answers) return;
	for (const key of Object.keys(stepAnswers(step, {})) as (keyof ApplicationAnswers)[]) delete answers[key];
	await saveDraft(acting, answers, now);
}

/**
 * Every answer checked again as a whole, as on the pages: a draft saved under an older configuration
 * (a format no longer offered) or edited in two tabs must not slip through. Returns the first step to fix.
 */
export function problemStep(answers: ApplicationAnswers): Step | null {
	const config = cityConfig();
	for (const step of stepsFor(answers)) {
		if (!isAnswered(step, answers)) return step;
		const raw: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(stepAnswers(step, answers))) {
			raw[key] = Array.isArray(value) ? value.map(String) : value === undefined ? undefined : String(value);
		}
		for (const key of STEP_ARRAYS[step] ?? []) raw[key] ??= [];
		if (!stepSchema(step, config).safeParse(raw).success) return step;
	}
	return null;
}

// ----- sending ----------------------------------------------------------------------------------

export type SubmitResult =
	| { ok: true; id: number; reference: string }
	| { ok: false; reason: 'pending'; reference: string }
	| { ok: false; reason: 'no_draft' }
	| { ok: false; reason: 'incomplete'; step: Step }
	| { ok: false; reason: 'contradiction' };

/**
 * Sends the draft as an application. A patron has at most one application being decided: a second one
 * (another tab, the proxy and the patron at once) is refused with the first one's reference.
 */
export async function submit(acting: Acting, now = new Date()): Promise<SubmitResult> {
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<SubmitResult> => {
			await repo.lockPatron(trx, acting.patronId);
			const open = await repo.findOpenForPatron(trx, acting.patronId);
			if (open) return { ok: false, reason: 'pending', reference: open.reference };
			const draft = await repo.findDraft(trx, acting.patronId);
			if (!draft) return { ok: false, reason: 'no_draft' };
			const answers = unseal(draft.answers_sealed as Sealed<ApplicationAnswers>, draftContext(acting.patronId)).reveal();
			if (contradictionsIn(answers).length > 0) return { ok: false, reason: 'contradiction' };
			const step = problemStep(answers);
			if (step) return { ok: false, reason: 'incomplete', step };

			const reference = await repo.nextReference(trx, Number(today(now).slice(0, 4)));
			const row = await repo.insertApplication(trx, {
				reference,
				patronId: acting.patronId,
				submittedBy: acting.actorId,
				sealed: sealAnswers(acting.patronId, answers),
				now
			});
			await repo.insertEvent(trx, { applicationId: row.id, actorId: acting.actorId, kind: 'submitted', at: now });
			await repo.deleteDraft(trx, acting.patronId);
			return { ok: true, id: row.id, reference };
		});
	if (result.ok) {
		await audit.record({ actorId: acting.actorId, subjectId: acting.patronId, action: 'reading_services.submit', targetType: 'reading_application', targetId: result.id });
	}
	return result;
}

// ----- what the patron sees ---------------------------------------------------------------------

export interface HistoryEntry {
	at: Date;
	kind: EventKind;
	/** The staff member or proxy who acted, when it was not the patron. */
	actorName: string | null;
	actorRole: Role | null;
	actedBySelf: boolean;
	/** A question, answer or reason: free text, sealed at rest. Null once erased. */
	body: Sensitive<string> | null;
	detail: Record<string, unknown>;
}

export interface ApplicationView {
	id: number;
	reference: string;
	status: ApplicationStatus;
	submittedAt: Date;
	decidedAt: Date | null;
	expiresOn: string | null;
	lastUsedOn: string | null;
	endedAt: Date | null;
	erased: boolean;
	/** The types granted (approved registrations, or ended ones that were). */
	grantedTypes: ServiceType[];
	history: HistoryEntry[];
}

async function viewsOf(rows: repo.ApplicationRow[], patronId: number): Promise<ApplicationView[]> {
	const ids = rows.map((r) => r.id);
	const [events, grants] = await Promise.all([repo.listEvents(db(), ids), repo.listGrantTypes(db(), ids)]);
	return rows.map((row) => ({
		id: row.id,
		reference: row.reference,
		status: row.status,
		submittedAt: new Date(row.submitted_at),
		decidedAt: row.decided_at ? new Date(row.decided_at) : null,
		expiresOn: row.expires_on,
		lastUsedOn: row.last_used_on,
		endedAt: row.ended_at ? new Date(row.ended_at) : null,
		erased: row.erased_at !== null,
		grantedTypes: [...new Set(grants.filter((g) => g.application_id === row.id).map((g) => g.service_type as ServiceType))],
		history: events
			.filter((e) => e.application_id === row.id)
			.map((e) => ({
				at: new Date(e.at),
				kind: e.kind,
				actorName: e.actor_id === patronId ? null : (e.actor_name ?? null),
				actorRole: (e.actor_role as Role | null) ?? null,
				actedBySelf: e.actor_id === patronId,
				body: e.body_sealed ? unseal(e.body_sealed as Sealed<string>, eventContext(patronId)) : null,
				detail: (e.detail ?? {}) as Record<string, unknown>
			}))
	}));
}

export interface PatronStatus {
	/** The application being decided, if any. */
	open: ApplicationView | null;
	/** The registration in force, if any. */
	current: ApplicationView | null;
	/** The answers of the open application, else of the registration in force (null once erased). */
	answers: Sensitive<ApplicationAnswers> | null;
	/** Earlier applications and registrations. */
	past: ApplicationView[];
	hasDraft: boolean;
	/** Who opened the patron's sealed data, newest first. */
	access: Awaited<ReturnType<typeof repo.listAccess>>;
}

/** The patron's status page. A proxy opening it is logged: the answers are the patron's. */
export async function statusOf(acting: Acting, now = new Date()): Promise<PatronStatus> {
	const rows = await repo.listForPatron(db(), acting.patronId);
	const views = await viewsOf(rows, acting.patronId);
	const open = views.find((v) => OPEN_STATUSES.includes(v.status)) ?? null;
	const current = views.find((v) => v.status === 'approved') ?? null;
	const shown = open ?? current;
	const shownRow = shown ? rows.find((r) => r.id === shown.id)! : null;
	const answers = shownRow ? openAnswers(shownRow) : null;
	if (answers || views.some((v) => v.history.some((h) => h.body))) await logProxyView(acting, shown?.id ?? null, now);
	const draft = await repo.findDraft(db(), acting.patronId);
	return {
		open,
		current,
		answers,
		past: views.filter((v) => v !== open && v !== current),
		hasDraft: Boolean(draft),
		access: await repo.listAccess(db(), acting.patronId, ACCESS_SHOWN)
	};
}

/** The open application of a patron (for the "already sent" message), or null. */
export async function openApplicationOf(patronId: number): Promise<{ id: number; reference: string; status: ApplicationStatus } | null> {
	const row = await repo.findOpenForPatron(db(), patronId);
	return row ? { id: row.id, reference: row.reference, status: row.status } : null;
}

/** One of the patron's own applications, without its sealed data (for the withdraw page); null for anyone else's. */
export async function ownApplication(patronId: number, applicationId: number): Promise<{ id: number; reference: string; status: ApplicationStatus; grantedTypes: ServiceType[] } | null> {
	const row = await repo.findApplication(db(), applicationId);
	if (!row || row.patron_id !== patronId) return null;
	const grants = await repo.listGrantTypes(db(), [row.id]);
	return { id: row.id, reference: row.reference, status: row.status, grantedTypes: [...new Set(grants.map((g) => g.service_type as ServiceType))] };
}

/** A proxy's reading of the patron's sealed data, logged at most once per ten minutes per application. */
async function logProxyView(acting: Acting, applicationId: number | null, now: Date): Promise<void> {
	if (acting.actorId === acting.patronId) return;
	const recent = await repo.listAccess(db(), acting.patronId, 20);
	const seen = recent.some((r) => r.purpose === 'proxy' && now.getTime() - new Date(r.at).getTime() < PROXY_VIEW_WINDOW_MS && (r.reference === null) === (applicationId === null));
	if (seen) return;
	await repo.logAccess(db(), { viewerId: acting.actorId, patronId: acting.patronId, applicationId, purpose: 'proxy', at: now });
}

export type PatronActionResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status'; status?: ApplicationStatus };

/** The patron answers the library's question: the application goes back to the queue. */
export async function reply(acting: Acting, applicationId: number, text: string, now = new Date()): Promise<PatronActionResult> {
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<PatronActionResult> => {
			const row = await repo.lockApplication(trx, applicationId);
			if (!row || row.patron_id !== acting.patronId) return { ok: false, reason: 'not_found' };
			if (row.status !== 'info_requested') return { ok: false, reason: 'wrong_status', status: row.status };
			await repo.updateApplication(trx, row.id, { status: 'pending' });
			await repo.insertEvent(trx, { applicationId: row.id, actorId: acting.actorId, kind: 'answered', bodySealed: seal(text, eventContext(row.patron_id)), at: now });
			return { ok: true };
		});
	if (result.ok) await audit.record({ actorId: acting.actorId, subjectId: acting.patronId, action: 'reading_services.reply', targetType: 'reading_application', targetId: applicationId });
	return result;
}

/**
 * The patron withdraws: an application being decided is closed; a registration in force ends at once and
 * its effects with it (accessible-format reservations and home delivery are no longer allowed).
 */
export async function withdraw(acting: Acting, applicationId: number, now = new Date()): Promise<PatronActionResult> {
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<PatronActionResult> => {
			const row = await repo.lockApplication(trx, applicationId);
			if (!row || row.patron_id !== acting.patronId) return { ok: false, reason: 'not_found' };
			if (!OPEN_STATUSES.includes(row.status) && row.status !== 'approved') return { ok: false, reason: 'wrong_status', status: row.status };
			if (row.status === 'approved') await repo.withdrawGrants(trx, row.patron_id, now);
			await repo.updateApplication(trx, row.id, { status: 'withdrawn', ended_at: now, ended_by: acting.actorId });
			await repo.insertEvent(trx, { applicationId: row.id, actorId: acting.actorId, kind: 'withdrawn', at: now });
			return { ok: true };
		});
	if (result.ok) await audit.record({ actorId: acting.actorId, subjectId: acting.patronId, action: 'reading_services.withdraw', targetType: 'reading_application', targetId: applicationId });
	return result;
}

// ----- staff review -----------------------------------------------------------------------------

/** The review queue: applications waiting for a decision or for the patron's answer. No sensitive data. */
export function queue() {
	return repo.listQueue(db());
}

/** Registrations in force, soonest lapse first. No sensitive data. */
export function registrationsInForce(limit = 200) {
	return repo.listApproved(db(), limit);
}

export interface StaffView extends ApplicationView {
	patronId: number;
	patronName: string;
	patronCardNumber: string;
	answers: Sensitive<ApplicationAnswers> | null;
	requestedTypes: ServiceType[];
}

/**
 * Opens an application for a reading-services librarian. The view is logged before anything is
 * returned (who, when, why: `review` while it is being decided, `service` afterwards); the patron sees
 * it on their status page. Null when there is no such application.
 */
export async function openForStaff(staff: { id: number; role: Role }, applicationId: number, now = new Date()): Promise<StaffView | null> {
	if (!mayReadSensitive(staff.role)) throw new Error('Only reading-services staff may open sealed reading-services data');
	const row = await repo.findWithPatron(db(), applicationId);
	if (!row) return null;
	const purpose: AccessPurpose = OPEN_STATUSES.includes(row.status) ? 'review' : 'service';
	await repo.logAccess(db(), { viewerId: staff.id, patronId: row.patron_id, applicationId: row.id, purpose, at: now });
	const [view] = await viewsOf([row], row.patron_id);
	const answers = openAnswers(row);
	return {
		...view,
		patronId: row.patron_id,
		patronName: row.patron_name,
		patronCardNumber: row.patron_card_number,
		answers,
		requestedTypes: answers?.reveal().serviceTypes ?? []
	};
}

/**
 * The types an application asked for, to check an approval against (staff may grant fewer, never others).
 * Read for the decision, not shown: the view that showed them was logged by `openForStaff`.
 */
export async function requestedTypesOf(applicationId: number): Promise<ServiceType[] | null> {
	const row = await repo.findApplication(db(), applicationId);
	if (!row) return null;
	return openAnswers(row)?.reveal().serviceTypes ?? [];
}

/** The default lapse day offered to staff: today plus the configured validity. */
export function defaultExpiry(now = new Date()): string {
	return addMonths(today(now), cityConfig().readingServices.registrationValidityMonths);
}

export type DecisionResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' | 'erased'; status?: ApplicationStatus };

async function decide(
	staffId: number,
	applicationId: number,
	allowed: readonly ApplicationStatus[],
	work: (trx: Ex, row: repo.ApplicationRow) => Promise<void>,
	action: string
): Promise<DecisionResult> {
	const result = await db()
		.transaction()
		.execute(async (trx): Promise<DecisionResult> => {
			const row = await repo.lockApplication(trx, applicationId);
			if (!row) return { ok: false, reason: 'not_found' };
			if (!allowed.includes(row.status)) return { ok: false, reason: 'wrong_status', status: row.status };
			await work(trx, row);
			return { ok: true };
		});
	if (result.ok) {
		const row = await repo.findApplication(db(), applicationId);
		await audit.record({ actorId: staffId, subjectId: row?.patron_id ?? null, action, targetType: 'reading_application', targetId: applicationId });
		log.info('reading services decision', { action, applicationId });
	}
	return result;
}

/**
 * Approves: the registration is in force from now for the types granted, until `expiresOn` unless used.
 * A registration already in force (the patron applied to change it) is replaced, its grants withdrawn.
 */
export function approve(staffId: number, applicationId: number, types: ServiceType[], expiresOn: string, now = new Date()): Promise<DecisionResult> {
	return decide(
		staffId,
		applicationId,
		OPEN_STATUSES,
		async (trx, row) => {
			const previous = await repo.findApprovedForPatron(trx, row.patron_id);
			await repo.withdrawGrants(trx, row.patron_id, now);
			if (previous) {
				await repo.updateApplication(trx, previous.id, { status: 'ended', ended_at: now, ended_by: staffId });
				await repo.insertEvent(trx, { applicationId: previous.id, actorId: staffId, kind: 'replaced', detail: { by: row.reference }, at: now });
			}
			await repo.insertGrants(trx, { patronId: row.patron_id, applicationId: row.id, types, grantedBy: staffId, expiresOn, now });
			await repo.updateApplication(trx, row.id, { status: 'approved', decided_at: now, decided_by: staffId, expires_on: expiresOn });
			await repo.insertEvent(trx, { applicationId: row.id, actorId: staffId, kind: 'approved', detail: { types, expiresOn }, at: now });
		},
		'reading_services.approve'
	);
}

/** Asks the patron for more information; they answer on their status page. */
export function askForInformation(staffId: number, applicationId: number, question: string, now = new Date()): Promise<DecisionResult> {
	return decide(
		staffId,
		applicationId,
		['pending'],
		async (trx, row) => {
			await repo.updateApplication(trx, row.id, { status: 'info_requested' });
			await repo.insertEvent(trx, { applicationId: row.id, actorId: staffId, kind: 'info_requested', bodySealed: seal(question, eventContext(row.patron_id)), at: now });
		},
		'reading_services.ask'
	);
}

/** Declines with a reason the patron reads (staff must explain: N 対応要領 annex 2). */
export function decline(staffId: number, applicationId: number, reason: string, now = new Date()): Promise<DecisionResult> {
	return decide(
		staffId,
		applicationId,
		OPEN_STATUSES,
		async (trx, row) => {
			await repo.updateApplication(trx, row.id, { status: 'declined', decided_at: now, decided_by: staffId, ended_at: now, ended_by: staffId });
			await repo.insertEvent(trx, { applicationId: row.id, actorId: staffId, kind: 'declined', bodySealed: seal(reason, eventContext(row.patron_id)), at: now });
		},
		'reading_services.decline'
	);
}

/** Staff end a registration in force (with a reason the patron reads); its effects end at once. */
export function endRegistration(staffId: number, applicationId: number, reason: string, now = new Date()): Promise<DecisionResult> {
	return decide(
		staffId,
		applicationId,
		['approved'],
		async (trx, row) => {
			await repo.withdrawGrants(trx, row.patron_id, now);
			await repo.updateApplication(trx, row.id, { status: 'ended', ended_at: now, ended_by: staffId });
			await repo.insertEvent(trx, { applicationId: row.id, actorId: staffId, kind: 'ended', bodySealed: seal(reason, eventContext(row.patron_id)), at: now });
		},
		'reading_services.end'
	);
}

// ----- scheduled jobs ---------------------------------------------------------------------------

/**
 * Registrations whose lapse day has passed without use are closed (their grants already count for
 * nothing from that day on: `hasActiveGrant` compares the date). Returns how many lapsed.
 */
export async function lapseExpired(now = new Date()): Promise<number> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const rows = await repo.listLapsed(trx, today(now));
			for (const row of rows) {
				await repo.withdrawGrants(trx, row.patron_id, now);
				await repo.updateApplication(trx, row.id, { status: 'expired', ended_at: now, ended_by: null });
				await repo.insertEvent(trx, { applicationId: row.id, actorId: null, kind: 'expired', detail: { expiresOn: row.expires_on }, at: now });
			}
			return rows.length;
		});
}

/**
 * Erases the sealed data of registrations that ended more than the configured retention period ago
 * (answers, questions, answers to them, reasons), drafts left for longer than `DRAFT_KEPT_DAYS`, and
 * access-log entries older than three years. What remains says that something existed and when, not what.
 */
export async function eraseSensitiveData(now = new Date()): Promise<number> {
	const months = cityConfig().readingServices.sensitiveDataRetentionMonths;
	const before = new Date(`${addMonths(today(now), -months)}T00:00:00+09:00`);
	const erased = await db()
		.transaction()
		.execute(async (trx) => {
			const rows = await repo.listErasable(trx, before);
			for (const row of rows) {
				await repo.updateApplication(trx, row.id, { answers_sealed: null, erased_at: now });
				await repo.eraseEventBodies(trx, row.id);
				await repo.insertEvent(trx, { applicationId: row.id, actorId: null, kind: 'erased', at: now });
			}
			return rows.length;
		});
	const drafts = await repo.deleteDraftsOlderThan(db(), new Date(`${addDays(today(now), -DRAFT_KEPT_DAYS)}T00:00:00+09:00`));
	const views = await repo.deleteAccessOlderThan(db(), new Date(`${addMonths(today(now), -ACCESS_LOG_KEPT_MONTHS)}T00:00:00+09:00`));
	if (drafts || views) log.info('reading services clean-up', { drafts, accessLogEntries: views });
	return erased;
}
