import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { loadCityConfig } from '$lib/server/config/load-city-config';
import { parseForm } from '$lib/server/forms/form';
import { once } from '$lib/server/forms/idempotency';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { registrationSchema } from './registration.schema';
import { confirm, registerOnline } from './registration.service';

const config = loadCityConfig();
const today = new Date('2026-11-22T10:00:00+09:00');

function formOf(values: Record<string, string>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(values)) form.append(k, v);
	return form;
}

const valid = {
	name: '練馬 花子', nameKana: 'ねりま はなこ', birthYear: '１９８８', category: '0', postalCode: '〒１７６ー００１２',
	address: '東京都練馬区豊玉北六丁目8番1号', phone: '０３－３９９３－１１１１', phoneKind: 'home', email: '',
	previousCardNumber: '', password: 'long enough password', agree: 'yes'
};

describe('online registration form (N lending rules art. 2, form 1)', () => {
	const schema = registrationSchema(config, today);

	it('normalises what Japanese keyboards type: full-width digits, hiragana reading, dashes', () => {
		const parsed = parseForm(schema, formOf(valid));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.data).toMatchObject({ nameKana: 'ネリマ ハナコ', birthYear: 1988, postalCode: '176-0012', phone: '03-3993-1111', email: undefined });
	});

	it.each([
		[{ category: '1' }, 'category', 'register:errors.category.notOnline'],
		[{ category: '2' }, 'category', 'register:errors.category.notOnline'],
		[{ birthYear: '2016' }, 'birthYear', 'register:errors.birthYear.tooYoung'],
		[{ birthYear: '88' }, 'birthYear', 'register:errors.birthYear.format'],
		[{ postalCode: '100-0001' }, 'postalCode', 'register:errors.postalCode.outside'],
		[{ address: '東京都千代田区丸の内1-1' }, 'address', 'register:errors.address.outside'],
		[{ nameKana: 'Hanako' }, 'nameKana', 'register:errors.nameKana.format'],
		[{ phone: '12345' }, 'phone', 'register:errors.phone.format'],
		[{ email: 'not-an-address' }, 'email', 'register:errors.email.format'],
		[{ password: 'short' }, 'password', 'register:errors.password.tooShort'],
		[{ name: 'あ'.repeat(61) }, 'name', 'register:errors.name.tooLong'],
		[{ agree: '' }, 'agree', 'register:errors.agree.empty'],
		[{ phoneKind: 'pager' }, 'phoneKind', 'register:errors.phoneKind.empty']
	])('refuses %o with a message on %s', (change, field, key) => {
		const parsed = parseForm(schema, formOf({ ...valid, ...change }));
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[field]).toBe(key);
	});

	it('names every missing field of an empty form', () => {
		const parsed = parseForm(schema, new FormData());
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(Object.keys(parsed.errors).sort()).toEqual(
				['address', 'agree', 'birthYear', 'category', 'name', 'nameKana', 'password', 'phone', 'phoneKind', 'postalCode'].sort()
			);
		}
	});
});

describe('registration service', () => {
	let connection: Connection;
	beforeAll(async () => {
		connection = await openTestDatabase();
	});
	afterAll(() => connection.close());

	async function input() {
		const parsed = parseForm(registrationSchema(config, today), formOf(valid));
		if (!parsed.ok) throw new Error('fixture invalid');
		return parsed.data;
	}

	it('creates a provisional account with a new card number that cannot sign in yet', async () => {
		const { accountId, cardNumber } = await registerOnline(await input());
		expect(cardNumber).toMatch(/^11\d{8}$/);
		const account = await accounts.findById(accountId);
		expect(account).toMatchObject({ status: 'provisional', name_kana: 'ネリマ ハナコ', category: '0' });
	});

	it('creates one account for a double-submitted form', async () => {
		const token = '3f1c2a9e-0000-4000-8000-000000000001';
		const data = await input();
		const [a, b] = await Promise.all([
			once(token, 'patrons.register', () => registerOnline(data)),
			once(token, 'patrons.register', () => registerOnline(data))
		]);
		expect(a.result.cardNumber).toBe(b.result.cardNumber);
		expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
	});

	it('lets a librarian confirm once, recording the identity document', async () => {
		const { accountId } = await registerOnline(await input());
		const librarian = await accounts.findByCardNumber('9000000001') ?? (await accounts.insert({
			card_number: '9000000001', password_hash: 'x', role: 'librarian', status: 'active', name: '司書', name_kana: 'シショ',
			birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: null,
			previous_card_number: null, id_document: null, workplace_id: 'nerima', preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		}));
		const outcomes = await Promise.all([confirm(librarian.id, accountId, 'my_number_card'), confirm(librarian.id, accountId, 'my_number_card')]);
		expect(outcomes.sort()).toEqual(['already_confirmed', 'confirmed']);
		expect(await accounts.findById(accountId)).toMatchObject({ status: 'active', id_document: 'my_number_card', confirmed_by: librarian.id });
		expect(await confirm(librarian.id, 999999, 'other')).toBe('not_found');
	});
});
