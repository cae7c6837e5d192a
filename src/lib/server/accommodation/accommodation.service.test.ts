import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import { parseForm } from '$lib/server/forms/form';
import { once, newSubmissionToken } from '$lib/server/forms/idempotency';
import { cityConfig } from '$lib/server/config/load-city-config';
import { forgetKey, useKey } from '$lib/server/crypto/sensitive';
import { addDays, addMonths, today } from '$lib/server/time/calendar';
import { monthlyStatistics } from './statistics';
import { stepsFor, type RequestAnswers, type Step } from '$lib/accommodation/options';
import { OUTCOME_ARRAYS, outcomeSchema, STEP_ARRAYS, stepSchema, transferSchema, type OutcomeInput } from './accommodation.forms';
import * as accommodation from './accommodation.service';

let connection: Connection;
let card = 5000000000;

async function account(role: 'patron' | 'librarian' | 'desk_officer' | 'admin', workplace: string | null = null) {
	const row = await db()
		.insertInto('accounts')
		.values({
			card_number: String(++card), password_hash: 'x', role, status: 'active', name: role === 'patron' ? '試験 花子' : `職員 ${card}`, name_kana: 'シケン',
			birth_year: 1980, phone: '03-1234-5678', phone_kind: 'home', email: 'hanako@example.jp', postal_code: '176-0012', address: '東京都練馬区豊玉北六丁目8番1号',
			category: role === 'patron' ? '0' : null, previous_card_number: null, id_document: null, workplace_id: workplace, preferred_pickup_id: null,
			confirmed_at: null, confirmed_by: null
		})
		.returning(['id', 'role'])
		.executeTakeFirstOrThrow();
	return row;
}

type Answers = Partial<Record<Step, Record<string, string | string[]>>>;

/** Fills in the pages through the same schemas the pages use; returns the draft token. */
async function fillIn(answers: Answers, token?: string): Promise<string> {
	let current = token;
	for (const [step, values] of Object.entries(answers) as [Step, Record<string, string | string[]>][]) {
		const form = new FormData();
		for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) form.append(key, v);
		const draft = (await accommodation.draftOf(current))?.reveal() ?? {};
		const parsed = parseForm(stepSchema(step, cityConfig(), draft), form, STEP_ARRAYS[step]);
		if (!parsed.ok) throw new Error(`${step}: ${JSON.stringify(parsed.errors)}`);
		const saved = await accommodation.saveStep(current, step, parsed.data as Partial<RequestAnswers>);
		current = saved.token;
	}
	return current!;
}

/** A library request at Nerima Library, from someone without an account who wants an email reply. */
const AT_NERIMA_LIBRARY: Answers = {
	who: { who: 'self' },
	service: { serviceKind: 'event' },
	place: { locationId: 'nerima' },
	when: { visitDate: '', occasion: '土曜日のおはなし会' },
	barrier: { barrier: '耳が聞こえにくく、講師の話が聞き取れません。' },
	accommodations: { accommodations: ['sign_language', 'seat_near_screen'], accommodationOther: '' },
	reply: { name: '豊玉 一子', replyMethod: 'email', email: 'ichiko@example.jp', phone: '', fax: '', postalCode: '', address: '', supporterContact: '' },
	deadline: { answerBy: '' }
};

async function sent(answers: Answers = AT_NERIMA_LIBRARY, submitter: accommodation.Submitter = { actorId: null, patronId: null }) {
	const token = await fillIn(answers);
	const result = await accommodation.submit(token, submitter);
	if (!result.ok) throw new Error(JSON.stringify(result));
	const confirmation = (await accommodation.confirmationOf(token))!;
	return { token, reference: result.reference, id: result.id, followToken: confirmation.followToken.reveal() };
}

function outcomeInput(values: Record<string, string | string[]>): { ok: true; data: OutcomeInput } | { ok: false; errors: Record<string, string> } {
	const form = new FormData();
	for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) form.append(key, v);
	return parseForm(outcomeSchema, form, OUTCOME_ARRAYS);
}

let librarian: accommodation.DeskStaff;
let libraryManager: accommodation.DeskStaff;
let policyOfficer: accommodation.DeskStaff;
let policyManager: accommodation.DeskStaff;
let otherLibrarian: accommodation.DeskStaff;
let admin: accommodation.DeskStaff;

beforeAll(async () => {
	useKey(randomBytes(32));
	connection = await openTestDatabase();
	const staffOf = async (role: 'librarian' | 'desk_officer' | 'admin', workplace: string | null, managerOf?: string) => {
		const row = await account(role, workplace);
		if (managerOf) await accommodation.designateManager(row.id, managerOf, null);
		return accommodation.deskStaffOf(row);
	};
	librarian = await staffOf('librarian', 'nerima');
	libraryManager = await staffOf('librarian', 'nerima', 'library-nerima');
	otherLibrarian = await staffOf('librarian', 'shakujii', 'library-shakujii');
	policyOfficer = await staffOf('desk_officer', 'disability-policy');
	policyManager = await staffOf('desk_officer', 'disability-policy', 'disability-policy');
	admin = await staffOf('admin', null);
});
afterAll(async () => {
	forgetKey();
	await connection.close();
});

describe('the request, page by page', () => {
	it('asks only what applies: the supporter for someone else, the place for a library or an area, the day unless the website', () => {
		expect(stepsFor({ who: 'self', serviceKind: 'website' })).toEqual(['who', 'service', 'barrier', 'accommodations', 'reply', 'deadline']);
		expect(stepsFor({ who: 'someone_else', serviceKind: 'health' })).toEqual(['who', 'supporter', 'service', 'place', 'when', 'barrier', 'accommodations', 'reply', 'deadline']);
		expect(stepsFor({ who: 'self', serviceKind: 'other' })).toEqual(['who', 'service', 'when', 'barrier', 'accommodations', 'reply', 'deadline']);
	});

	it('keeps answers in a sealed draft and drops the place when the kind of service changes', async () => {
		const token = await fillIn({ who: { who: 'self' }, service: { serviceKind: 'library' }, place: { locationId: 'nerima' } });
		expect((await accommodation.draftOf(token))!.reveal()).toMatchObject({ serviceKind: 'library', locationId: 'nerima' });
		const row = await db().selectFrom('accommodation_drafts').select('answers_sealed').executeTakeFirstOrThrow();
		expect(row.answers_sealed).toMatch(/^v1\./);
		expect(row.answers_sealed).not.toMatch(/nerima|library/);

		const saved = await accommodation.saveStep(token, 'service', { serviceKind: 'health' }, { changing: true });
		expect(saved.token).toBe(token);
		expect(saved.next).toBe('place');
		const draft = (await accommodation.draftOf(token))!.reveal();
		expect(draft.locationId).toBeUndefined();
		expect(accommodation.redirectFor('barrier', draft)).toBe('place');
	});

	it('refuses what no page offers, and says what is missing for the chosen way of replying', () => {
		const place = (values: Record<string, string>, answers: RequestAnswers) => {
			const form = new FormData();
			for (const [k, v] of Object.entries(values)) form.append(k, v);
			return parseForm(stepSchema('place', cityConfig(), answers), form);
		};
		expect(place({ locationId: 'atlantis' }, { serviceKind: 'library' })).toEqual({ ok: false, errors: { locationId: 'accommodation:errors.forged' } });
		expect(place({ locationId: 'elsewhere' }, { serviceKind: 'library' }).ok).toBe(false);
		expect(place({ locationId: 'elsewhere' }, { serviceKind: 'event' }).ok).toBe(true);
		expect(place({ areaId: 'kita' }, { serviceKind: 'welfare' }).ok).toBe(true);
		expect(place({ areaId: '' }, { serviceKind: 'welfare' })).toEqual({ ok: false, errors: { areaId: 'accommodation:new.place.errors.area.empty' } });

		const reply = (values: Record<string, string>) => {
			const form = new FormData();
			for (const [k, v] of Object.entries(values)) form.append(k, v);
			return parseForm(stepSchema('reply', cityConfig(), {}), form);
		};
		expect(reply({ name: '豊玉 一子', replyMethod: 'braille_letter', postalCode: '', address: '' })).toEqual({
			ok: false,
			errors: { postalCode: 'accommodation:new.reply.errors.postalCode.missing', address: 'accommodation:new.reply.errors.address.missing' }
		});
		expect(reply({ name: '豊玉 一子', replyMethod: 'phone', phone: '０３ー３９９３ー１１１１' })).toMatchObject({ ok: true, data: { phone: '03-3993-1111' } });
		expect(reply({ name: '', replyMethod: 'fax', fax: '12' })).toEqual({
			ok: false,
			errors: { name: 'accommodation:new.reply.errors.name.empty', fax: 'accommodation:new.reply.errors.fax.format' }
		});
		const barrier = new FormData();
		barrier.append('barrier', 'あ'.repeat(2001));
		expect(parseForm(stepSchema('barrier', cityConfig(), {}), barrier)).toEqual({ ok: false, errors: { barrier: 'accommodation:new.barrier.errors.tooLong' } });
		const empty = new FormData();
		empty.append('barrier', '   ');
		expect(parseForm(stepSchema('barrier', cityConfig(), {}), empty)).toEqual({ ok: false, errors: { barrier: 'accommodation:new.barrier.errors.empty' } });
	});

	it('will not send an incomplete draft, and names the first page to finish', async () => {
		const token = await fillIn({ who: { who: 'self' }, service: { serviceKind: 'other' } });
		expect(await accommodation.submit(token, { actorId: null, patronId: null })).toEqual({ ok: false, reason: 'incomplete', step: 'when' });
		expect(await accommodation.submit(undefined, { actorId: null, patronId: null })).toEqual({ ok: false, reason: 'no_draft' });
		expect(await accommodation.submit('x'.repeat(43), { actorId: null, patronId: null })).toEqual({ ok: false, reason: 'no_draft' });
	});
});

describe('sending', () => {
	it('routes to the library\'s desk, gives a reference and a private link, and stores nothing readable', async () => {
		const { reference, followToken, id } = await sent();
		expect(reference).toMatch(new RegExp(`^AC-${today().slice(0, 4)}-\\d{6}$`));
		expect(followToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const row = await db().selectFrom('accommodation_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ current_desk_id: 'library-nerima', routing_rule: 'library_location', status: 'received', service_kind: 'event' });
		expect(row.follow_token_hash).not.toBe(followToken);
		expect(JSON.stringify(row)).not.toMatch(/豊玉 一子|ichiko|耳が|sign_language|おはなし会/);
		expect(JSON.stringify(row)).not.toContain(followToken);
		// The acknowledgement deadline is the configured number of hours after arrival.
		const hours = cityConfig().accommodation.acknowledgeWithinHours;
		expect(new Date(row.ack_due_at).getTime() - new Date(row.submitted_at).getTime()).toBe(hours * 3_600_000);
		const view = (await accommodation.openByFollowToken(followToken))!;
		expect(view.reference).toBe(reference);
		expect(view.identity!.reveal()).toMatchObject({ name: '豊玉 一子', replyMethod: 'email', email: 'ichiko@example.jp' });
		expect(view.details!.reveal()).toMatchObject({ barrier: '耳が聞こえにくく、講師の話が聞き取れません。', accommodations: ['sign_language', 'seat_near_screen'] });
		// The draft no longer holds the answers; the next page starts a new request.
		expect(await accommodation.draftOf((await sent()).token)).toBeNull();
	});

	it('a double send creates one request: the same draft sent twice, at once or one after the other', async () => {
		const token = await fillIn(AT_NERIMA_LIBRARY);
		const before = await db().selectFrom('accommodation_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
		const submitter = { actorId: null, patronId: null };
		const [a, b] = await Promise.all([accommodation.submit(token, submitter), accommodation.submit(token, submitter)]);
		const c = await accommodation.submit(token, submitter);
		expect(a).toEqual(b);
		expect(c).toEqual(a);
		const after = await db().selectFrom('accommodation_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
		expect(Number(after.n) - Number(before.n)).toBe(1);

		// Through the form's one-time submission token, as the check page sends it.
		const other = await fillIn(AT_NERIMA_LIBRARY);
		const submission = newSubmissionToken();
		const send = () => once(submission, 'accommodation.submit', () => accommodation.submit(other, submitter));
		const [first, second] = await Promise.all([send(), send()]);
		expect(first.result).toEqual(second.result);
		const events = await db().selectFrom('accommodation_events').select('id').where('kind', '=', 'submitted').where('request_id', '=', (first.result as { id: number }).id).execute();
		expect(events).toHaveLength(1);
	});

	it('shows the follow link on the confirmation page only for a while', async () => {
		const { token } = await sent();
		expect(await accommodation.confirmationOf(token)).not.toBeNull();
		const later = new Date(Date.now() + (accommodation.CONFIRMATION_KEPT_MINUTES + 1) * 60_000);
		expect(await accommodation.confirmationOf(token, later)).toBeNull();
		await accommodation.cleanUp(later);
		expect(await accommodation.confirmationOf(token)).toBeNull();
	});

	it('routes by the configuration: welfare by area, an unknown area and anything else to the Disability Policy Division', async () => {
		const base = { ...AT_NERIMA_LIBRARY };
		const welfare = await sent({ ...base, service: { serviceKind: 'welfare' }, place: { areaId: 'kita' } });
		const unknown = await sent({ ...base, service: { serviceKind: 'health' }, place: { areaId: 'unknown' } });
		const { place: _place, ...withoutPlace } = base;
		const other = await sent({ ...withoutPlace, service: { serviceKind: 'other' } });
		const desks = await db().selectFrom('accommodation_requests').select(['id', 'current_desk_id']).where('id', 'in', [welfare.id, unknown.id, other.id]).execute();
		const deskOf = (id: number) => desks.find((d) => d.id === id)!.current_desk_id;
		expect(deskOf(welfare.id)).toBe('welfare-nerima');
		expect(deskOf(unknown.id)).toBe('disability-policy');
		expect(deskOf(other.id)).toBe('disability-policy');
	});
});

describe('following a request', () => {
	it('a guessed link, a reference number used as a link, or another patron\'s reference finds nothing', async () => {
		const patron = await account('patron');
		const other = await account('patron');
		const { reference, followToken } = await sent(AT_NERIMA_LIBRARY, { actorId: patron.id, patronId: patron.id });
		expect(await accommodation.openByFollowToken(randomBytes(32).toString('base64url'))).toBeNull();
		expect(await accommodation.openByFollowToken(reference)).toBeNull();
		expect(await accommodation.openByFollowToken(followToken.slice(0, -1))).toBeNull();
		expect(await accommodation.openByFollowToken(`${followToken}'; drop table accounts; --`)).toBeNull();
		expect(await accommodation.openForPatron({ actorId: other.id, patronId: other.id }, reference)).toBeNull();
		expect(await accommodation.openForPatron({ actorId: patron.id, patronId: patron.id }, 'AC-2026-999999')).toBeNull();
		expect((await accommodation.openForPatron({ actorId: patron.id, patronId: patron.id }, reference))?.reference).toBe(reference);
		expect(await accommodation.replyAsRequester({ acting: { actorId: other.id, patronId: other.id }, reference }, 'こんにちは')).toEqual({ ok: false, reason: 'not_found' });
		expect(await accommodation.replyAsRequester({ followToken: reference }, 'こんにちは')).toEqual({ ok: false, reason: 'not_found' });
		expect((await accommodation.listForPatron({ actorId: patron.id, patronId: patron.id })).map((r) => r.reference)).toEqual([reference]);
		expect(await accommodation.listForPatron({ actorId: other.id, patronId: other.id })).toEqual([]);
	});

	it('the person and the desk write to each other; transfer reasons stay between desks', async () => {
		const { reference, followToken } = await sent();
		expect(await accommodation.replyAsRequester({ followToken }, '午後なら行けます。')).toEqual({ ok: true });
		let staff = (await accommodation.openForStaff(librarian, reference))!;
		expect(staff.needsReply).toBe(true);
		expect(staff.history.at(-1)!.body!.reveal()).toBe('午後なら行けます。');
		expect(await accommodation.sendMessage(librarian, reference, '手話通訳者を手配します。')).toEqual({ ok: true });
		expect(await accommodation.transfer(librarian, reference, 'disability-policy', '通訳の手配は障害者施策推進課が行うため')).toEqual({ ok: true });
		const view = (await accommodation.openByFollowToken(followToken))!;
		expect(view.history.map((h) => h.kind)).toEqual(['submitted', 'requester_message', 'desk_message', 'transferred']);
		expect(view.history[2].body!.reveal()).toBe('手話通訳者を手配します。');
		expect(view.history[3].body).toBeNull();
		expect(view.history[3].detail).toEqual({ from: 'library-nerima', to: 'disability-policy' });
		expect(view.deskId).toBe('disability-policy');
		staff = (await accommodation.openForStaff(policyOfficer, reference))!;
		expect(staff.history[3].body!.reveal()).toBe('通訳の手配は障害者施策推進課が行うため');
	});
});

describe('the desk console', () => {
	it('shows each desk its own queue with each request\'s age; the division sees every desk', async () => {
		const { reference } = await sent();
		const now = new Date();
		const mine = await accommodation.queueOf(librarian, { kind: 'mine' }, new Date(now.getTime() + 5 * 3_600_000));
		const item = mine.open.find((r) => r.reference === reference)!;
		expect(item.ageHours).toBe(5);
		expect(item.overdue).toBe(false);
		expect((await accommodation.queueOf(otherLibrarian, { kind: 'mine' })).open.some((r) => r.reference === reference)).toBe(false);
		// Another desk asking for every desk gets its own queue; the division and administrators get all.
		expect((await accommodation.queueOf(otherLibrarian, { kind: 'all' })).open.some((r) => r.reference === reference)).toBe(false);
		expect((await accommodation.queueOf(policyOfficer, { kind: 'all' })).open.some((r) => r.reference === reference)).toBe(true);
		expect((await accommodation.queueOf(admin, { kind: 'desk', deskId: 'library-nerima' })).open.some((r) => r.reference === reference)).toBe(true);
		expect((await accommodation.queueOf(policyOfficer, { kind: 'mine' })).open.some((r) => r.reference === reference)).toBe(false);
	});

	it('an unacknowledged request past the configured hours is overdue and comes first', async () => {
		const { reference } = await sent();
		const hours = cityConfig().accommodation.acknowledgeWithinHours;
		const later = new Date(Date.now() + (hours + 1) * 3_600_000);
		const queue = await accommodation.queueOf(librarian, { kind: 'mine' }, later);
		expect(queue.open.find((r) => r.reference === reference)!.overdue).toBe(true);
		expect(queue.open[0].overdue).toBe(true);
		expect(queue.open.findIndex((r) => !r.overdue)).not.toBe(0);
	});

	it('only a responsible manager of the handling desk acknowledges; the person sees it', async () => {
		const { reference, followToken } = await sent();
		expect(await accommodation.acknowledge(librarian, reference)).toEqual({ ok: false, reason: 'not_manager' });
		expect(await accommodation.acknowledge(policyManager, reference)).toEqual({ ok: false, reason: 'not_found' });
		expect(await accommodation.acknowledge(otherLibrarian, reference)).toEqual({ ok: false, reason: 'not_found' });
		const view = (await accommodation.openForStaff(librarian, reference))!;
		expect(view).toMatchObject({ mayAcknowledge: false, needsManager: true, mayRecordOutcome: false });
		expect(await accommodation.acknowledge(libraryManager, reference)).toEqual({ ok: true });
		expect(await accommodation.acknowledge(libraryManager, reference)).toEqual({ ok: false, reason: 'already_acknowledged' });
		const person = (await accommodation.openByFollowToken(followToken))!;
		expect(person.status).toBe('acknowledged');
		expect(person.history.map((h) => h.kind)).toContain('acknowledged');
	});

	it('a transfer goes to a desk that exists, not the same one, and the new desk acknowledges afresh', async () => {
		const { reference } = await sent();
		await accommodation.acknowledge(libraryManager, reference);
		expect(transferSchema(cityConfig(), 'library-nerima').safeParse({ toDeskId: 'atlantis', reason: 'x' }).error!.issues[0].message).toBe(
			'accommodation:staff.transfer.errors.desk.unknown'
		);
		expect(await accommodation.transfer(librarian, reference, 'atlantis', '理由')).toEqual({ ok: false, reason: 'unknown_desk' });
		expect(await accommodation.transfer(librarian, reference, 'library-nerima', '理由')).toEqual({ ok: false, reason: 'same_desk' });
		expect(await accommodation.transfer(otherLibrarian, reference, 'library-shakujii', '理由')).toEqual({ ok: false, reason: 'not_found' });
		expect(await accommodation.transfer(librarian, reference, 'health-kita', '保健相談所の事業のため')).toEqual({ ok: true });
		const row = await db().selectFrom('accommodation_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ current_desk_id: 'health-kita', routed_desk_id: 'library-nerima', status: 'received', acknowledged_at: null });
		expect(row.first_acknowledged_at).not.toBeNull();
		// The library no longer sees it; the division still does, and may pass it on.
		expect(await accommodation.openForStaff(librarian, reference)).toBeNull();
		expect(await accommodation.transfer(policyOfficer, reference, 'health-toyotama', '所管の地区の誤り')).toEqual({ ok: true });
	});

	it('the division sees the case but not who asked, nor the messages; every opening is logged and shown to the person', async () => {
		const { reference, followToken } = await sent();
		await accommodation.replyAsRequester({ followToken }, '電話番号は03-0000-0000です。');
		const oversight = (await accommodation.openForStaff(policyOfficer, reference))!;
		expect(oversight.access).toBe('oversight');
		expect(oversight.identity).toBeNull();
		expect(oversight.details!.reveal().barrier).toContain('耳が聞こえにくく');
		expect(oversight.history.every((h) => h.body === null)).toBe(true);
		expect(oversight.messageCount).toBe(1);
		expect(oversight).toMatchObject({ mayMessage: false, mayAcknowledge: false, mayRecordOutcome: false, mayTransfer: true });
		const byAdmin = (await accommodation.openForStaff(admin, reference))!;
		expect(byAdmin).toMatchObject({ access: 'oversight', identity: null, mayTransfer: false });
		expect(await accommodation.sendMessage(admin, reference, 'x')).toEqual({ ok: false, reason: 'not_found' });
		expect(await accommodation.openForStaff(otherLibrarian, reference)).toBeNull();
		const handling = (await accommodation.openForStaff(librarian, reference))!;
		expect(handling.identity!.reveal().email).toBe('ichiko@example.jp');

		const person = (await accommodation.openByFollowToken(followToken))!;
		expect(person.access.map((a) => [a.scope, a.deskId])).toEqual([
			['handling', 'library-nerima'],
			['oversight', null],
			['oversight', 'disability-policy']
		]);
	});
});

describe('the outcome', () => {
	async function acknowledged() {
		const request = await sent();
		expect(await accommodation.acknowledge(libraryManager, request.reference)).toEqual({ ok: true });
		return request;
	}

	it('declining without the undue-burden factors or the explanation is refused, by the form, the service and the database', async () => {
		expect(outcomeInput({ outcome: 'declined', summary: '事例' })).toEqual({
			ok: false,
			errors: { factors: 'accommodation:staff.outcome.errors.factors.empty', explanation: 'accommodation:staff.outcome.errors.explanation.declined' }
		});
		expect(outcomeInput({ outcome: 'declined', factors: ['cost'], explanation: '  ', summary: '事例' })).toEqual({
			ok: false,
			errors: { explanation: 'accommodation:staff.outcome.errors.explanation.declined' }
		});
		expect(outcomeInput({ outcome: 'provided', factors: ['cost'], summary: '事例' })).toEqual({
			ok: false,
			errors: { factors: 'accommodation:staff.outcome.errors.factors.notDeclined' }
		});
		expect(outcomeInput({ outcome: 'provided', differentialTreatment: 'yes', summary: '事例' })).toEqual({
			ok: false,
			errors: {
				justifiedReasons: 'accommodation:staff.outcome.errors.justifiedReasons.empty',
				explanation: 'accommodation:staff.outcome.errors.explanation.differential'
			}
		});
		expect(outcomeInput({ outcome: 'alternative_agreed', summary: '' })).toEqual({
			ok: false,
			errors: { explanation: 'accommodation:staff.outcome.errors.explanation.alternative', summary: 'accommodation:staff.outcome.errors.summary.empty' }
		});
		expect(outcomeInput({ outcome: 'closed_by_magic', summary: '事例' })).toEqual({ ok: false, errors: { outcome: 'accommodation:errors.forged' } });

		const { reference } = await acknowledged();
		const bare: OutcomeInput = { outcome: 'declined', factors: [], differentialTreatment: false, justifiedReasons: [], explanation: undefined, summary: '事例' };
		expect(await accommodation.recordOutcome(librarian, reference, bare)).toEqual({ ok: false, reason: 'invalid' });
		expect(await accommodation.recordOutcome(librarian, reference, { ...bare, factors: ['cost'] })).toEqual({ ok: false, reason: 'invalid' });
		expect(await accommodation.recordOutcome(librarian, reference, { ...bare, explanation: '説明' })).toEqual({ ok: false, reason: 'invalid' });
		expect(await accommodation.recordOutcome(librarian, reference, { ...bare, outcome: 'provided', differentialTreatment: true, explanation: '説明' })).toEqual({
			ok: false,
			reason: 'invalid'
		});
		await expect(
			sql`update accommodation_requests set status = 'closed', outcome = 'declined', closed_at = now() where reference = ${reference}`.execute(db())
		).rejects.toThrow(/accommodation_decline_explained/);
		expect((await db().selectFrom('accommodation_requests').select('status').where('reference', '=', reference).executeTakeFirstOrThrow()).status).toBe('acknowledged');
	});

	it('waits for the acknowledgement; then a decline with factors and an explanation closes it, and the person reads why', async () => {
		const request = await sent();
		const input = outcomeInput({
			outcome: 'declined',
			factors: ['feasibility', 'cost'],
			explanation: '当日までに手話通訳者を確保できませんでした。要約筆記をご用意します。',
			summary: '講演会で手話通訳の申出。通訳者を確保できず、要約筆記で対応。'
		});
		if (!input.ok) throw new Error(JSON.stringify(input.errors));
		expect(await accommodation.recordOutcome(librarian, request.reference, input.data)).toEqual({ ok: false, reason: 'not_acknowledged' });
		await accommodation.acknowledge(libraryManager, request.reference);
		expect(await accommodation.recordOutcome(librarian, request.reference, input.data)).toEqual({ ok: true });

		const view = (await accommodation.openByFollowToken(request.followToken))!;
		expect(view).toMatchObject({ status: 'closed', outcome: 'declined', factors: ['feasibility', 'cost'] });
		expect(view.explanation!.reveal()).toBe('当日までに手話通訳者を確保できませんでした。要約筆記をご用意します。');
		const row = await db().selectFrom('accommodation_requests').select('explanation_sealed').where('id', '=', request.id).executeTakeFirstOrThrow();
		expect(row.explanation_sealed).not.toContain('手話');
		// Nothing more can be done to a closed request.
		expect(await accommodation.recordOutcome(librarian, request.reference, input.data)).toEqual({ ok: false, reason: 'closed' });
		expect(await accommodation.sendMessage(librarian, request.reference, 'x')).toEqual({ ok: false, reason: 'closed' });
		expect(await accommodation.transfer(librarian, request.reference, 'disability-policy', 'x')).toEqual({ ok: false, reason: 'closed' });
	});

	it('a reply to a closed request is refused and changes nothing', async () => {
		const { reference, followToken } = await acknowledged();
		const input = outcomeInput({ outcome: 'provided', summary: '拡大文字の資料を用意した。' });
		if (!input.ok) throw new Error(JSON.stringify(input.errors));
		expect(await accommodation.recordOutcome(librarian, reference, input.data)).toEqual({ ok: true });
		const before = (await accommodation.openByFollowToken(followToken))!.history.length;
		expect(await accommodation.replyAsRequester({ followToken }, 'ありがとうございました。')).toEqual({ ok: false, reason: 'closed' });
		expect((await accommodation.openByFollowToken(followToken))!.history.length).toBe(before);
	});

	it('keeps an anonymised case that desk staff can search: no reference, no name, nothing the person wrote', async () => {
		const { reference } = await acknowledged();
		const input = outcomeInput({
			outcome: 'alternative_agreed',
			explanation: '豊玉 一子様、前方の席をご用意します。',
			summary: 'おはなし会で前方席を希望。スクリーン近くの席を確保して対応。'
		});
		if (!input.ok) throw new Error(JSON.stringify(input.errors));
		await accommodation.recordOutcome(librarian, reference, input.data);
		const found = await accommodation.searchCases({ words: accommodation.searchWords('前方席　スクリーン') });
		expect(found.total).toBe(1);
		expect(found.rows[0]).toMatchObject({ desk_id: 'library-nerima', service_kind: 'event', outcome: 'alternative_agreed', accommodations: ['sign_language', 'seat_near_screen'] });
		expect(JSON.stringify(found.rows[0])).not.toMatch(/AC-|豊玉 一子|耳が|ichiko/);
		expect((await accommodation.searchCases({ words: [], accommodation: 'seat_near_screen', outcome: 'alternative_agreed' })).total).toBeGreaterThanOrEqual(1);
		expect((await accommodation.searchCases({ words: ['100%_'] })).total).toBe(0);
	});
});

describe('responsible managers', () => {
	it('are designated by administrators, only at a desk the staff member works at', async () => {
		const librarianRow = await account('librarian', 'kotake');
		const number = String(card);
		expect(await accommodation.designate(admin.id, number, 'library-nerima')).toEqual({ ok: false, field: 'staffNumber', reason: 'not_at_desk' });
		expect(await accommodation.designate(admin.id, '0000000000', 'library-kotake')).toEqual({ ok: false, field: 'staffNumber', reason: 'unknown_staff' });
		expect(await accommodation.designate(admin.id, number, 'atlantis')).toEqual({ ok: false, field: 'deskId', reason: 'unknown_desk' });
		expect(await accommodation.designate(admin.id, number, 'library-kotake')).toEqual({ ok: true });
		expect((await accommodation.deskStaffOf(librarianRow)).managerOf).toEqual(['library-kotake']);
		expect((await accommodation.managers()).some((m) => m.account_id === librarianRow.id && m.desk_id === 'library-kotake')).toBe(true);
		expect(await accommodation.endDesignation(admin.id, librarianRow.id, 'library-kotake')).toBe(true);
		expect(await accommodation.endDesignation(admin.id, librarianRow.id, 'library-kotake')).toBe(false);
		expect((await accommodation.deskStaffOf(librarianRow)).managerOf).toEqual([]);
	});
});

describe('housekeeping', () => {
	it('deletes drafts left for a day', async () => {
		const token = await fillIn({ who: { who: 'self' } });
		await accommodation.cleanUp(new Date(Date.now() + (accommodation.DRAFT_KEPT_HOURS + 1) * 3_600_000));
		expect(await accommodation.draftOf(token)).toBeNull();
	});

	it(`erases what the person and the desk wrote ${cityConfig().accommodation.closedRequestRetentionMonths} months after a request is closed, and keeps the outcome`, async () => {
		const request = await sent();
		const open = await sent();
		await accommodation.acknowledge(libraryManager, request.reference);
		await accommodation.sendMessage(librarian, request.reference, '要約筆記でもよろしいですか。');
		await accommodation.replyAsRequester({ followToken: request.followToken }, 'はい、お願いします。');
		const input = outcomeInput({ outcome: 'declined', factors: ['cost'], explanation: '手話通訳者を確保できませんでした。', summary: '手話通訳の申出。要約筆記で対応。' });
		if (!input.ok) throw new Error(JSON.stringify(input.errors));
		expect(await accommodation.recordOutcome(librarian, request.reference, input.data)).toEqual({ ok: true });
		const closedAt = (await db().selectFrom('accommodation_requests').select('closed_at').where('id', '=', request.id).executeTakeFirstOrThrow()).closed_at!;
		const month = today(closedAt).slice(0, 7);
		const statisticsBefore = await monthlyStatistics(month);

		// The last day of the period: nothing is erased yet.
		const cutOffDay = addMonths(today(closedAt), cityConfig().accommodation.closedRequestRetentionMonths);
		await accommodation.cleanUp(new Date(`${cutOffDay}T12:00:00+09:00`));
		expect((await accommodation.openByFollowToken(request.followToken))!.erasedAt).toBeNull();

		// The day after: erased, once.
		const later = new Date(`${addDays(cutOffDay, 1)}T12:00:00+09:00`);
		await accommodation.cleanUp(later);
		await accommodation.cleanUp(new Date(later.getTime() + 86_400_000));
		const row = await db().selectFrom('accommodation_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ identity_sealed: null, case_sealed: null, explanation_sealed: null, status: 'closed', outcome: 'declined', outcome_factors: ['cost'] });
		expect(new Date(row.erased_at!).getTime()).toBe(later.getTime());
		const bodies = await db().selectFrom('accommodation_events').select('body_sealed').where('request_id', '=', request.id).execute();
		expect(bodies.length).toBeGreaterThan(3);
		expect(bodies.every((e) => e.body_sealed === null)).toBe(true);

		// The person still finds the request by its link, with the outcome and the history, but nothing written.
		const view = (await accommodation.openByFollowToken(request.followToken))!;
		expect(view).toMatchObject({ reference: request.reference, outcome: 'declined', factors: ['cost'], explanation: null, details: null, identity: null });
		expect(view.erasedAt!.getTime()).toBe(later.getTime());
		expect(view.history.map((e) => e.kind)).toEqual(['submitted', 'acknowledged', 'desk_message', 'requester_message', 'outcome']);
		expect(view.history.every((e) => e.body === null)).toBe(true);
		const staffView = (await accommodation.openForStaff(librarian, request.reference))!;
		expect(staffView).toMatchObject({ details: null, identity: null, explanation: null });
		// The statistics count the request as before; an open request is never erased.
		expect(await monthlyStatistics(month)).toEqual(statisticsBefore);
		expect((await accommodation.openByFollowToken(open.followToken))!.details).not.toBeNull();
	});

	it('the database refuses an erased request that still holds sealed data, or one that is not closed', async () => {
		const open = await sent();
		await expect(
			sql`update accommodation_requests set erased_at = now(), identity_sealed = null, case_sealed = null where id = ${open.id}`.execute(db())
		).rejects.toThrow(/accommodation_erased_closed/);
		const closed = await sent();
		await accommodation.acknowledge(libraryManager, closed.reference);
		const input = outcomeInput({ outcome: 'provided', summary: '拡大文字の資料を用意した。' });
		if (!input.ok) throw new Error(JSON.stringify(input.errors));
		expect(await accommodation.recordOutcome(librarian, closed.reference, input.data)).toEqual({ ok: true });
		await expect(sql`update accommodation_requests set erased_at = now() where id = ${closed.id}`.execute(db())).rejects.toThrow(
			/accommodation_erased_nothing_kept/
		);
	});
});
