import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import { cityConfig } from '$lib/server/config/load-city-config';
import { parseForm } from '$lib/server/forms/form';
import { verifyPassword } from '$lib/server/auth/password';
import * as audit from '$lib/server/audit/audit.repository';
import * as holds from '$lib/server/holds/holds.service';
import { groupSchema, type GroupInput } from './group.schema';
import * as groups from './groups.service';

const config = cityConfig();

function formOf(values: Record<string, string>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(values)) form.append(k, v);
	return form;
}

/** Form 3 as a librarian types it from the paper: full-width digits, a hiragana reading, a long dash. */
const valid = {
	name: '練馬第一小学校 3年2組',
	nameKana: 'ねりまだいいちしょうがっこう ３ねん２くみ',
	groupType: 'school_class',
	postalCode: '〒１７６ー００１２',
	address: '東京都練馬区豊玉北六丁目8番1号',
	phone: '０３－３９９３－１１１１',
	representative: '練馬 太郎',
	contactPerson: '豊玉 次郎',
	members: '３２人',
	purpose: '朝の読書の時間に使う本を借りるため',
	homeLibraryId: 'nerima'
};

function parse(values: Record<string, string>) {
	return parseForm(groupSchema(config), formOf(values));
}

function input(change: Partial<typeof valid> = {}): GroupInput {
	const parsed = parse({ ...valid, ...change });
	if (!parsed.ok) throw new Error(`fixture invalid: ${JSON.stringify(parsed.errors)}`);
	return parsed.data;
}

describe('group registration form (N lending rules art. 4, form 3)', () => {
	it('normalises what Japanese keyboards type', () => {
		const parsed = parse(valid);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.data).toMatchObject({
			nameKana: 'ネリマダイイチショウガッコウ 3ネン2クミ',
			postalCode: '176-0012',
			phone: '03-3993-1111',
			members: 32
		});
	});

	const refusals: [string, Partial<typeof valid>, string, string][] = [
		['postal code outside the ward', { postalCode: '100-0001' }, 'postalCode', 'staff:groups.errors.postalCode.outside'],
		['short postal code', { postalCode: '17600' }, 'postalCode', 'staff:groups.errors.postalCode.format'],
		['reading with kanji', { nameKana: 'Nerima 小学校' }, 'nameKana', 'staff:groups.errors.nameKana.format'],
		['no members', { members: '0' }, 'members', 'staff:groups.errors.members.range'],
		['too many members', { members: '10000' }, 'members', 'staff:groups.errors.members.range'],
		['members in words', { members: 'たくさん' }, 'members', 'staff:groups.errors.members.format'],
		['unknown group type', { groupType: 'company' }, 'groupType', 'staff:groups.errors.groupType.empty'],
		// A pickup window hands out reservations but lends nothing: it cannot be a group's home library.
		['pickup window as home library', { homeLibraryId: 'shakujii-koen-station' }, 'homeLibraryId', 'staff:groups.errors.homeLibraryId.empty'],
		['short phone number', { phone: '123' }, 'phone', 'staff:groups.errors.phone.format'],
		['purpose over 500 characters', { purpose: 'あ'.repeat(501) }, 'purpose', 'staff:groups.errors.purpose.tooLong']
	];

	it.each(refusals)('refuses a %s', (_label, change, field, key) => {
		const parsed = parse({ ...valid, ...change });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[field]).toBe(key);
	});

	it('names every missing field of an empty form', () => {
		const parsed = parseForm(groupSchema(config), new FormData());
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(Object.keys(parsed.errors).sort()).toEqual(
				['address', 'contactPerson', 'groupType', 'homeLibraryId', 'members', 'name', 'nameKana', 'phone', 'postalCode', 'purpose', 'representative'].sort()
			);
		}
	});

	it('makes initial passwords from unambiguous characters', () => {
		const passwords = new Set(Array.from({ length: 50 }, () => groups.generateInitialPassword()));
		expect(passwords.size).toBe(50);
		for (const p of passwords) expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
	});
});

describe('groups service', () => {
	let connection: Connection;
	let staffId: number;

	beforeAll(async () => {
		connection = await openTestDatabase();
		const staff = await db()
			.insertInto('accounts')
			.values({
				card_number: '9000000101', password_hash: 'x', role: 'librarian', status: 'active', name: '司書', name_kana: 'シショ',
				birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: null,
				previous_card_number: null, id_document: null, workplace_id: 'nerima', preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		staffId = staff.id;
	});
	afterAll(() => connection.close());

	const accountCount = async () => Number((await db().selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
	const passwordHashOf = async (id: number) => (await db().selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;

	it('creates an active group account with its form 3 details and a card number from the sequence', async () => {
		const result = await groups.register(staffId, input(), randomUUID());
		expect(result.repeated).toBe(false);
		expect(result.cardNumber).toMatch(/^1[1-9]\d{8}$/);
		const account = await db().selectFrom('accounts').selectAll().where('id', '=', result.accountId).executeTakeFirstOrThrow();
		expect(account).toMatchObject({
			role: 'patron', kind: 'group', status: 'active', name: '練馬第一小学校 3年2組', postal_code: '176-0012',
			preferred_pickup_id: 'nerima', confirmed_by: staffId, birth_year: null, category: null
		});
		const details = await db().selectFrom('patron_groups').selectAll().where('account_id', '=', result.accountId).executeTakeFirstOrThrow();
		expect(details).toEqual({
			account_id: result.accountId, group_type: 'school_class', representative: '練馬 太郎', contact_person: '豊玉 次郎',
			members: 32, purpose: '朝の読書の時間に使う本を借りるため', home_library_id: 'nerima'
		});
		// The group can sign in with the password shown to the librarian; it is stored only as a hash.
		expect(result.initialPassword).not.toBeNull();
		expect(account.password_hash).not.toContain(result.initialPassword!);
		expect(await verifyPassword(result.initialPassword!, account.password_hash)).toBe(true);
	});

	it('audits who registered which group, with codes only (no names, address or purpose)', async () => {
		const { accountId } = await groups.register(staffId, input(), randomUUID());
		const entries = await db().selectFrom('audit_log').selectAll().where('subject_id', '=', accountId).execute();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ actor_id: staffId, action: 'groups.register', target_type: 'account', target_id: String(accountId) });
		expect(entries[0].detail).toEqual({ groupType: 'school_class', homeLibraryId: 'nerima' });
		const logged = JSON.stringify(entries[0]);
		for (const field of ['name', 'representative', 'contactPerson', 'address', 'phone', 'purpose'] as const) {
			expect(logged).not.toContain(input()[field]);
		}
	});

	it('creates one group for a double submit and shows a password that works', async () => {
		const token = randomUUID();
		const before = await accountCount();
		const [a, b] = await Promise.all([groups.register(staffId, input(), token), groups.register(staffId, input(), token)]);
		expect(await accountCount()).toBe(before + 1);
		expect(a.accountId).toBe(b.accountId);
		expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
		// The browser shows the last response: the repeated one. Its password is the one that works.
		const last = a.repeated ? a : b;
		expect(last.initialPassword).not.toBeNull();
		expect(await verifyPassword(last.initialPassword!, await passwordHashOf(last.accountId))).toBe(true);
	});

	it('never replaces the password of a group that has been used or registered long ago', async () => {
		const token = randomUUID();
		const first = await groups.register(staffId, input(), token);
		const hash = await passwordHashOf(first.accountId);

		const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
		const resubmitted = await groups.register(staffId, input(), token, later);
		expect(resubmitted).toMatchObject({ accountId: first.accountId, repeated: true, initialPassword: null });

		await audit.record({ actorId: first.accountId, subjectId: first.accountId, action: 'auth.sign_in' });
		expect(await groups.reissueInitialPassword(staffId, first.accountId)).toBeNull();
		expect(await passwordHashOf(first.accountId)).toBe(hash);
	});

	it('does not reissue passwords for accounts that are not groups', async () => {
		expect(await groups.reissueInitialPassword(staffId, staffId)).toBeNull();
		expect(await groups.findSummary(staffId)).toBeUndefined();
	});

	it('leaves no account behind when the group details cannot be saved', async () => {
		const before = await accountCount();
		const broken = { ...input(), members: null as unknown as number };
		await expect(groups.register(staffId, broken, randomUUID())).rejects.toThrow();
		expect(await accountCount()).toBe(before);
	});

	it('summarises a group for the confirmation page without contact details', async () => {
		const { accountId, cardNumber } = await groups.register(staffId, input({ groupType: 'nursery', homeLibraryId: 'oizumi' }), randomUUID());
		const summary = await groups.findSummary(accountId);
		expect(summary).toEqual({
			accountId, cardNumber, name: '練馬第一小学校 3年2組', nameKana: 'ネリマダイイチショウガッコウ 3ネン2クミ',
			groupType: 'nursery', members: 32, homeLibraryId: 'oizumi'
		});
	});

	it('lets a group hold more reservations than a person may (up to the group limit)', async () => {
		const { accountId } = await groups.register(staffId, input(), randomUUID());
		const perPatron = config.holds.maxActivePerPatron;
		expect(config.holds.maxActivePerGroup).toBeGreaterThan(perPatron);
		for (let i = 0; i <= perPatron; i++) {
			const record = await db()
				.insertInto('catalogue_records')
				.values({
					title: `団体の本 ${i}`, title_reading: 'だんたいのほん', author: '著者', author_reading: 'ちょしゃ', publisher: '出版社', year: 2020,
					isbn: null, subjects: '', language: 'ja', audience: 'children', format: 'print', lendable: true, search_text: 'だんたいのほん'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const placed = await holds.place({ actorId: accountId, patronId: accountId }, record.id, 'nerima');
			expect(placed.ok, `reservation ${i + 1}`).toBe(true);
		}
	});
});
