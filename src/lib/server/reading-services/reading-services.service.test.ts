import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import { parseForm } from '$lib/server/forms/form';
import { cityConfig } from '$lib/server/config/load-city-config';
import { forgetKey, useKey } from '$lib/server/crypto/sensitive';
import * as holds from '$lib/server/holds/holds.service';
import { addDays, addMonths, today } from '$lib/server/time/calendar';
import type { ApplicationAnswers, Step } from '$lib/reading-services';
import { hasActiveGrant } from './eligibility';
import { FORGED, STEP_ARRAYS, stepSchema, approveSchema } from './application.forms';
import * as readingServices from './reading-services.service';

let connection: Connection;
let card = 4000000000;

async function account(role: 'patron' | 'librarian' | 'admin' = 'patron', extra: { email?: string | null } = {}) {
	const row = await db()
		.insertInto('accounts')
		.values({
			card_number: String(++card), password_hash: 'x', role, status: 'active', name: role === 'patron' ? '試験 太郎' : '司書 試験', name_kana: 'シケン',
			birth_year: 1950, phone: '03-1234-5678', phone_kind: 'home', email: extra.email === undefined ? 'taro@example.jp' : extra.email,
			postal_code: '176-0012', address: '東京都練馬区豊玉北六丁目8番1号', category: '0', previous_card_number: null, id_document: null,
			workplace_id: role === 'patron' ? null : 'nerima', preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

const self = (id: number) => ({ actorId: id, patronId: id });

/** Fills in every page through the same schemas the pages use. */
type Answers = Partial<Record<Step, Record<string, string | string[]>>>;

async function fillIn(acting: { actorId: number; patronId: number }, answers: Answers) {
	for (const [step, values] of Object.entries(answers) as [Step, Record<string, string | string[]>][]) {
		const form = new FormData();
		for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) form.append(key, v);
		const parsed = parseForm(stepSchema(step, cityConfig()), form, STEP_ARRAYS[step]);
		if (!parsed.ok) throw new Error(`${step}: ${JSON.stringify(parsed.errors)}`);
		const saved = await readingServices.saveStep(acting, step, parsed.data as Partial<ApplicationAnswers>);
		if (!saved.ok) throw new Error(`${step}: ${JSON.stringify(saved.errors)}`);
	}
}

const TYPES_1_AND_2 = {
	types: { serviceTypes: ['1', '2'] },
	formats: { formats: ['audio_daisy', 'braille'] },
	basis: { basis: 'certificate' },
	certificate: { certificateKind: 'physical' },
	'shown-by': { shownBy: 'post' },
	contact: { contactMethod: 'phone', notes: '午前中に電話してください。全盲です。' },
	address: { deliveryPostalCode: '176-0012', deliveryAddress: '東京都練馬区豊玉北六丁目8番1号' }
} satisfies Answers;

async function applied(patronId?: number) {
	const id = patronId ?? (await account());
	await fillIn(self(id), TYPES_1_AND_2);
	const result = await readingServices.submit(self(id));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return { patronId: id, applicationId: result.id, reference: result.reference };
}

let librarian: number;

beforeAll(async () => {
	useKey(randomBytes(32));
	connection = await openTestDatabase();
	librarian = await account('librarian');
});
afterAll(async () => {
	forgetKey();
	await connection.close();
});

describe('the application, page by page', () => {
	it('asks only the questions that apply: formats for (1)/(3), the certificate for a certificate, the address for (2)', async () => {
		const patron = await account();
		await fillIn(self(patron), { types: { serviceTypes: ['2'] } });
		const draft = (await readingServices.draftOf(self(patron)))!.reveal();
		expect(readingServices.nextAfter('types', draft, false)).toBe('basis');
		expect(readingServices.redirectFor('formats', draft)).toBe('basis');
		expect(readingServices.redirectFor('contact', draft)).toBe('basis');
	});

	it('sends a complete application, gives a reference number and keeps nothing in the draft', async () => {
		const { patronId, reference, applicationId } = await applied();
		expect(reference).toMatch(new RegExp(`^RS-${today().slice(0, 4)}-\\d{6}$`));
		expect(await readingServices.draftOf(self(patronId))).toBeNull();
		const status = await readingServices.statusOf(self(patronId));
		expect(status.open).toMatchObject({ id: applicationId, reference, status: 'pending' });
		expect(status.answers!.reveal()).toMatchObject({ serviceTypes: [1, 2], formats: ['audio_daisy', 'braille'], certificateKind: 'physical' });
	});

	it('keeps both answers when two pages are saved at the same moment (two tabs, the patron and a proxy)', async () => {
		const patron = await account();
		await fillIn(self(patron), { types: TYPES_1_AND_2.types });
		// Each page is its own request: on PostgreSQL they run at once on two connections.
		await Promise.all(
			(['formats', 'basis', 'certificate', 'shown-by', 'contact', 'address'] as const).map((step) => fillIn(self(patron), { [step]: TYPES_1_AND_2[step] }))
		);
		expect((await readingServices.draftOf(self(patron)))!.reveal()).toMatchObject({
			serviceTypes: [1, 2], formats: ['audio_daisy', 'braille'], basis: 'certificate', certificateKind: 'physical', shownBy: 'post',
			contactMethod: 'phone', deliveryPostalCode: '176-0012'
		});
	});

	it('stores the answers and the draft sealed: nothing of them is in the database in clear', async () => {
		const patron = await account();
		await fillIn(self(patron), { types: TYPES_1_AND_2.types, formats: TYPES_1_AND_2.formats });
		const draft = await db().selectFrom('reading_service_drafts').select('answers_sealed').where('patron_id', '=', patron).executeTakeFirstOrThrow();
		expect(draft.answers_sealed).not.toMatch(/daisy|braille|serviceTypes/);
		const { applicationId } = await applied();
		const row = await db().selectFrom('reading_service_applications').select('answers_sealed').where('id', '=', applicationId).executeTakeFirstOrThrow();
		expect(row.answers_sealed).toMatch(/^v1\./);
		expect(row.answers_sealed).not.toMatch(/physical|全盲|練馬区|phone/);
	});

	it('refuses a second application while one is being decided, naming the first', async () => {
		const { patronId, reference } = await applied();
		await fillIn(self(patronId), TYPES_1_AND_2);
		expect(await readingServices.submit(self(patronId))).toEqual({ ok: false, reason: 'pending', reference });
		// Two submissions at once (two tabs): exactly one application.
		const other = await account();
		await fillIn(self(other), TYPES_1_AND_2);
		const results = await Promise.all([readingServices.submit(self(other)), readingServices.submit(self(other))]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		const rows = await db().selectFrom('reading_service_applications').select('id').where('patron_id', '=', other).execute();
		expect(rows).toHaveLength(1);
	});

	it('refuses formats the city does not lend, and service types that do not exist, as forged', () => {
		const form = new FormData();
		form.append('formats', 'audio_daisy');
		form.append('formats', 'tactile_picture_book'); // Nerima does not lend tactile picture books
		expect(parseForm(stepSchema('formats', cityConfig()), form, ['formats'])).toEqual({ ok: false, errors: { formats: FORGED } });
		const types = new FormData();
		types.append('serviceTypes', '4');
		expect(parseForm(stepSchema('types', cityConfig()), types, ['serviceTypes'])).toEqual({ ok: false, errors: { serviceTypes: FORGED } });
		const basis = new FormData();
		basis.append('basis', 'doctor');
		expect(parseForm(stepSchema('basis', cityConfig()), basis)).toEqual({ ok: false, errors: { basis: FORGED } });
	});

	it('asks which is meant when answers contradict each other', async () => {
		const patron = await account();
		await fillIn(self(patron), TYPES_1_AND_2);
		// The patron goes back and unticks (2): the delivery address no longer applies.
		await fillIn(self(patron), { types: { serviceTypes: ['1'] } });
		const answers = (await readingServices.draftOf(self(patron)))!.reveal();
		expect(readingServices.contradictionsIn(answers)).toEqual([
			{ step: 'address', decidedBy: 'types', key: 'reading:check.contradictions.addressWithoutType2' }
		]);
		expect(await readingServices.submit(self(patron))).toEqual({ ok: false, reason: 'contradiction' });
		await readingServices.removeAnswer(self(patron), 'address');
		expect((await readingServices.submit(self(patron))).ok).toBe(true);

		// A description of another need without choosing (3) is asked about on the page itself.
		const form = new FormData();
		form.append('serviceTypes', '1');
		form.append('otherNeed', '対面朗読を希望します');
		expect(parseForm(stepSchema('types', cityConfig()), form, ['serviceTypes'])).toEqual({
			ok: false,
			errors: { otherNeed: 'reading:apply.types.errors.otherNeed.withoutType3' }
		});
	});

	it('refuses an address that is not an address or is outside the city', () => {
		const check = (code: string, address: string) => {
			const form = new FormData();
			form.append('deliveryPostalCode', code);
			form.append('deliveryAddress', address);
			return parseForm(stepSchema('address', cityConfig()), form);
		};
		expect(check('〒１７６－００１２', '東京都練馬区豊玉北六丁目8番1号')).toMatchObject({ ok: true, data: { deliveryPostalCode: '176-0012' } });
		expect(check('176-0012', '練馬区のどこか')).toMatchObject({ ok: false, errors: { deliveryAddress: 'reading:apply.address.errors.address.notAnAddress' } });
		expect(check('100-0001', '東京都千代田区千代田1-1')).toMatchObject({
			ok: false,
			errors: { deliveryPostalCode: 'reading:apply.address.errors.postalCode.outside', deliveryAddress: 'reading:apply.address.errors.address.outside' }
		});
	});

	it('needs an email address on the account for email contact, and a proxy in force for contact through a proxy', async () => {
		const patron = await account('patron', { email: null });
		await fillIn(self(patron), { types: { serviceTypes: ['1'] } });
		expect(await readingServices.saveStep(self(patron), 'contact', { contactMethod: 'email_plain' })).toEqual({
			ok: false,
			errors: { contactMethod: 'reading:apply.contact.errors.noEmail' }
		});
		expect(await readingServices.saveStep(self(patron), 'contact', { contactMethod: 'proxy' })).toEqual({
			ok: false,
			errors: { contactMethod: 'reading:apply.contact.errors.noProxy' }
		});
	});
});

describe('staff review and its effects', () => {
	it('approval grants the types chosen until the expiry; withdrawal takes them away', async () => {
		const { patronId, applicationId } = await applied();
		expect(await hasActiveGrant(db(), patronId, 1)).toBe(false);
		const expiresOn = readingServices.defaultExpiry();
		expect(expiresOn).toBe(addMonths(today(), cityConfig().readingServices.registrationValidityMonths));
		expect(await readingServices.approve(librarian, applicationId, [1, 2], expiresOn)).toEqual({ ok: true });
		expect(await hasActiveGrant(db(), patronId, 1)).toBe(true);
		expect(await hasActiveGrant(db(), patronId, 2)).toBe(true);
		expect(await hasActiveGrant(db(), patronId, 3)).toBe(false);
		// Deciding twice (two librarians at once) is refused, not done twice.
		expect(await readingServices.approve(librarian, applicationId, [1], expiresOn)).toMatchObject({ ok: false, reason: 'wrong_status' });

		expect(await readingServices.withdraw(self(patronId), applicationId)).toEqual({ ok: true });
		expect(await hasActiveGrant(db(), patronId, 1)).toBe(false);
		expect(await hasActiveGrant(db(), patronId, 2)).toBe(false);
		const status = await readingServices.statusOf(self(patronId));
		expect(status.current).toBeNull();
		expect(status.past[0]).toMatchObject({ status: 'withdrawn', grantedTypes: [1, 2] });
	});

	it('approves only some of the types asked for, when staff decide so', async () => {
		const { patronId, applicationId } = await applied();
		await readingServices.approve(librarian, applicationId, [2], readingServices.defaultExpiry());
		expect(await hasActiveGrant(db(), patronId, 1)).toBe(false);
		expect(await hasActiveGrant(db(), patronId, 2)).toBe(true);
		const form = new FormData();
		form.append('grantTypes', '3');
		form.append('expiresOn', addDays(today(), 30));
		expect(parseForm(approveSchema([1, 2]), form, ['grantTypes'])).toMatchObject({ ok: false, errors: { grantTypes: FORGED } });
	});

	it('staff can end a registration; its effects end at once', async () => {
		const { patronId, applicationId } = await applied();
		await readingServices.approve(librarian, applicationId, [1], readingServices.defaultExpiry());
		expect(await readingServices.endRegistration(librarian, applicationId, '転出されたため')).toEqual({ ok: true });
		expect(await hasActiveGrant(db(), patronId, 1)).toBe(false);
		const past = (await readingServices.statusOf(self(patronId))).past[0];
		expect(past.status).toBe('ended');
		expect(past.history.find((h) => h.kind === 'ended')!.body!.reveal()).toBe('転出されたため');
	});

	it('a newer registration replaces the one in force', async () => {
		const { patronId, applicationId } = await applied();
		await readingServices.approve(librarian, applicationId, [1], readingServices.defaultExpiry());
		await fillIn(self(patronId), TYPES_1_AND_2);
		const second = await readingServices.submit(self(patronId));
		expect(second.ok).toBe(true);
		await readingServices.approve(librarian, (second as { id: number }).id, [1, 2], readingServices.defaultExpiry());
		const status = await readingServices.statusOf(self(patronId));
		expect(status.current?.id).toBe((second as { id: number }).id);
		expect(status.past[0]).toMatchObject({ id: applicationId, status: 'ended' });
		expect(await hasActiveGrant(db(), patronId, 2)).toBe(true);
		const grants = await db().selectFrom('reading_service_grants').selectAll().where('patron_id', '=', patronId).where('withdrawn_at', 'is', null).execute();
		expect(grants.map((g) => g.application_id)).toEqual([(second as { id: number }).id, (second as { id: number }).id]);
	});

	it('more information: the question reaches the patron, the answer puts it back in the queue', async () => {
		const { patronId, applicationId } = await applied();
		expect(await readingServices.askForInformation(librarian, applicationId, '手帳の等級を教えてください。')).toEqual({ ok: true });
		expect((await readingServices.queue()).find((q) => q.id === applicationId)?.status).toBe('info_requested');
		expect(await readingServices.reply(self(patronId), applicationId, '1級です。')).toEqual({ ok: true });
		expect(await readingServices.reply(self(patronId), applicationId, 'もう一度')).toMatchObject({ ok: false, reason: 'wrong_status' });
		const history = (await readingServices.statusOf(self(patronId))).open!.history;
		expect(history.map((h) => h.kind)).toEqual(['submitted', 'info_requested', 'answered']);
		expect(history[1].body!.reveal()).toBe('手帳の等級を教えてください。');
		expect(history[1].actorName).toBe('司書 試験');
		expect(history[2].body!.reveal()).toBe('1級です。');
		expect(history[2].actedBySelf).toBe(true);
		// Another patron cannot answer it.
		expect(await readingServices.reply(self(await account()), applicationId, 'x')).toMatchObject({ ok: false, reason: 'not_found' });
	});

	it('a decline carries a reason the patron reads', async () => {
		const { patronId, applicationId } = await applied();
		await readingServices.decline(librarian, applicationId, '区外にお住まいのため、対象になりません。');
		const past = (await readingServices.statusOf(self(patronId))).past[0];
		expect(past.status).toBe('declined');
		expect(past.history.at(-1)!.body!.reveal()).toBe('区外にお住まいのため、対象になりません。');
		expect(await hasActiveGrant(db(), patronId, 1)).toBe(false);
	});
});

describe('expiry: a registration lapses after the configured time without use', () => {
	it('counts for nothing after its day, and the daily job closes it', async () => {
		const { patronId, applicationId } = await applied();
		const day = today();
		await readingServices.approve(librarian, applicationId, [1, 2], addDays(day, 10));
		const inTen = new Date(Date.now() + 10 * 86_400_000);
		const inEleven = new Date(Date.now() + 11 * 86_400_000);
		expect(await hasActiveGrant(db(), patronId, 1, inTen)).toBe(true);
		expect(await hasActiveGrant(db(), patronId, 1, inEleven)).toBe(false);
		expect(await readingServices.lapseExpired(inTen)).toBe(0);
		expect(await readingServices.lapseExpired(inEleven)).toBeGreaterThanOrEqual(1);
		const status = await readingServices.statusOf(self(patronId));
		expect(status.current).toBeNull();
		expect(status.past[0]).toMatchObject({ status: 'expired' });
	});

	it('each accessible-format reservation is a use: the lapse day moves on', async () => {
		const { patronId, applicationId } = await applied();
		await readingServices.approve(librarian, applicationId, [1], addDays(today(), 10));
		const record = await db()
			.insertInto('catalogue_records')
			.values({
				title: '点字の本', title_reading: 'てんじのほん', author: '著者', author_reading: 'ちょしゃ', publisher: '出版社', year: 2020,
				isbn: null, subjects: '', language: 'ja', audience: 'adult', format: 'braille', lendable: true, search_text: 'てんじのほん'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db().insertInto('copies').values({ record_id: record.id, location_id: 'nerima', shelf_mark: '点/テ', status: 'on_loan' }).execute();
		expect(await holds.place(self(patronId), record.id, 'nerima')).toMatchObject({ ok: true });
		const renewed = addMonths(today(), cityConfig().readingServices.registrationValidityMonths);
		const status = await readingServices.statusOf(self(patronId));
		expect(status.current).toMatchObject({ expiresOn: renewed, lastUsedOn: today() });
		expect(await hasActiveGrant(db(), patronId, 1, new Date(Date.now() + 11 * 86_400_000))).toBe(true);
	});
});

describe('privacy: who looked, and erasure after the retention period', () => {
	it('logs every staff view with who, when and why, and shows it to the patron', async () => {
		const { patronId, applicationId } = await applied();
		const view = await readingServices.openForStaff({ id: librarian, role: 'librarian' }, applicationId);
		expect(view!.answers!.reveal().certificateKind).toBe('physical');
		await readingServices.approve(librarian, applicationId, [1], readingServices.defaultExpiry());
		await readingServices.openForStaff({ id: librarian, role: 'librarian' }, applicationId);
		const access = (await readingServices.statusOf(self(patronId))).access;
		expect(access.map((a) => [a.purpose, a.viewer_name, a.viewer_role])).toEqual([
			['service', '司書 試験', 'librarian'],
			['review', '司書 試験', 'librarian']
		]);
	});

	it('only reading-services librarians may open the sealed data', async () => {
		const { applicationId } = await applied();
		await expect(readingServices.openForStaff({ id: await account('admin'), role: 'admin' }, applicationId)).rejects.toThrow(/reading-services staff/);
		expect(readingServices.mayReadSensitive('admin')).toBe(false);
		expect(readingServices.mayReadSensitive('desk_officer')).toBe(false);
	});

	it('logs a proxy reading the patron\'s answers, at most once in ten minutes', async () => {
		const { patronId } = await applied();
		const proxy = await account();
		const asProxy = { actorId: proxy, patronId };
		await readingServices.statusOf(asProxy);
		await readingServices.statusOf(asProxy);
		await readingServices.statusOf(self(patronId));
		const access = (await readingServices.statusOf(self(patronId))).access;
		expect(access.map((a) => a.purpose)).toEqual(['proxy']);
	});

	it('erases the sealed data the configured months after the registration ends, and not before', async () => {
		const { patronId, applicationId } = await applied();
		await readingServices.askForInformation(librarian, applicationId, '手帳の等級を教えてください。');
		await readingServices.reply(self(patronId), applicationId, '1級です。');
		await readingServices.approve(librarian, applicationId, [1], readingServices.defaultExpiry());
		await readingServices.openForStaff({ id: librarian, role: 'librarian' }, applicationId);
		const ended = new Date();
		await readingServices.withdraw(self(patronId), applicationId, ended);

		const months = cityConfig().readingServices.sensitiveDataRetentionMonths;
		const justBefore = new Date(`${addDays(addMonths(today(ended), months), -1)}T12:00:00+09:00`);
		const after = new Date(`${addDays(addMonths(today(ended), months), 1)}T12:00:00+09:00`);
		await readingServices.eraseSensitiveData(justBefore);
		expect((await readingServices.statusOf(self(patronId))).past[0].erased).toBe(false);

		expect(await readingServices.eraseSensitiveData(after)).toBeGreaterThanOrEqual(1);
		const row = await db().selectFrom('reading_service_applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow();
		expect(row.answers_sealed).toBeNull();
		expect(row.erased_at).not.toBeNull();
		const bodies = await db().selectFrom('reading_service_events').select('body_sealed').where('application_id', '=', applicationId).where('body_sealed', 'is not', null).execute();
		expect(bodies).toEqual([]);
		const past = (await readingServices.statusOf(self(patronId))).past[0];
		expect(past).toMatchObject({ status: 'withdrawn', erased: true, reference: row.reference });
		expect(past.history.at(-1)!.kind).toBe('erased');
		// Who looked is kept: it holds no sensitive data, and the patron may still want to know.
		expect((await readingServices.statusOf(self(patronId))).access.length).toBeGreaterThan(0);
	});

	it('does not erase what is still open or in force', async () => {
		const { applicationId } = await applied();
		await readingServices.eraseSensitiveData(new Date(Date.now() + 20 * 365 * 86_400_000));
		const row = await db().selectFrom('reading_service_applications').select('answers_sealed').where('id', '=', applicationId).executeTakeFirstOrThrow();
		expect(row.answers_sealed).not.toBeNull();
	});

	it('deletes drafts nobody touched for thirty days', async () => {
		const patron = await account();
		await fillIn(self(patron), { types: { serviceTypes: ['1'] } });
		await readingServices.eraseSensitiveData(new Date(Date.now() + 29 * 86_400_000));
		expect(await readingServices.draftOf(self(patron))).not.toBeNull();
		await readingServices.eraseSensitiveData(new Date(Date.now() + 32 * 86_400_000));
		expect(await readingServices.draftOf(self(patron))).toBeNull();
	});

	it('records the key fingerprint and refuses to run with another key', async () => {
		await readingServices.checkKeyMatchesDatabase();
		await readingServices.checkKeyMatchesDatabase();
		useKey(randomBytes(32));
		await expect(readingServices.checkKeyMatchesDatabase()).rejects.toThrow(/sealed with key [0-9a-f]{16}, but the key in use is/);
	});
});
