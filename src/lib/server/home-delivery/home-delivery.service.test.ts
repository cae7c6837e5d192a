import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import type { Format } from '$lib/server/db/schema';
import { cityConfig, parseCityConfig } from '$lib/server/config/load-city-config';
import nerimaJson from '$lib/server/config/cities/nerima.json';
import { parseForm } from '$lib/server/forms/form';
import { once } from '$lib/server/forms/idempotency';
import * as audit from '$lib/server/audit/audit.repository';
import * as sessionService from '$lib/server/auth/session.service';
import { requireScope } from '$lib/server/auth/guards';
import * as proxies from '$lib/server/proxies/proxies.service';
import * as holds from '$lib/server/holds/holds.service';
import { addDays, today } from '$lib/server/time/calendar';
import { FORGED } from '$lib/server/reading-services/application.forms';
import type { DeliveryAnswers } from '$lib/home-delivery/options';
import { detailsSchema, dispatchSchema, ITEMS_ARRAYS, itemsSchema, type Details } from './home-delivery.forms';
import * as delivery from './home-delivery.service';

/**
 * Home delivery on a real database (PGlite in memory, or PostgreSQL with DATABASE_URL): who may ask, the
 * forms' rules, sending once, the life of a request with who did each step, and the staff worklist.
 */

let connection: Connection;
let card = 6100000000;

async function account(role: 'patron' | 'librarian' = 'patron', preferred: string | null = 'hikarigaoka') {
	const cardNumber = String(++card);
	const row = await db()
		.insertInto('accounts')
		.values({
			card_number: cardNumber, password_hash: 'x', role, status: 'active', name: role === 'patron' ? `宅配 ${card}` : '司書 試験', name_kana: 'タクハイ',
			birth_year: 1940, phone: '03-3990-0000', phone_kind: 'home', email: null, postal_code: '179-0072', address: '東京都練馬区光が丘四丁目1番5号',
			category: '0', previous_card_number: null, id_document: null, workplace_id: role === 'patron' ? null : 'hikarigaoka',
			preferred_pickup_id: role === 'patron' ? preferred : null, confirmed_at: null, confirmed_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, cardNumber };
}

/** A type (1), (2) or (3) registration in force until `expiresOn` (the staff review writes these). */
async function grant(patronId: number, type: 1 | 2 | 3, expiresOn = addDays(today(), 365)) {
	return db()
		.insertInto('reading_service_grants')
		.values({ patron_id: patronId, service_type: type, expires_on: expiresOn, granted_by: null, application_id: null })
		.returning('id')
		.executeTakeFirstOrThrow();
}

async function title(format: Format = 'print', options: { lendable?: boolean; onShelfAt?: string } = {}) {
	const record = await db()
		.insertInto('catalogue_records')
		.values({
			title: `宅配の本 ${format}`, title_reading: 'たくはいのほん', author: '著者', author_reading: 'ちょしゃ', publisher: '出版社', year: 2020,
			isbn: null, subjects: '', language: 'ja', audience: 'adult', format, lendable: options.lendable ?? true, search_text: 'たくはいのほん'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db()
		.insertInto('copies')
		.values({ record_id: record.id, location_id: options.onShelfAt ?? 'hikarigaoka', shelf_mark: '913/タ', status: options.lendable === false ? 'not_lendable' : options.onShelfAt ? 'on_shelf' : 'on_loan' })
		.execute();
	return record.id;
}

const self = (id: number) => ({ actorId: id, patronId: id });
const inDays = (days: number) => addDays(today(), days).replaceAll('-', '/');

/** The details form as a patron fills it in (a week ahead, by visit, collected at the door). */
const DETAILS: Record<string, string> = {
	method: 'visit',
	deliveryPostalCode: '179-0072',
	deliveryAddress: '東京都練馬区光が丘四丁目1番5号',
	preferredOn: inDays(7),
	alternativeOn: '',
	timeOfDay: 'morning',
	returnMethod: 'collection'
};

function form(values: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) data.append(key, v);
	return data;
}

function details(values: Record<string, string> = {}) {
	return parseForm(detailsSchema(cityConfig()), form({ ...DETAILS, ...values }));
}

/** Fills in both pages through the same schemas and service calls the pages use. */
async function fillIn(acting: { actorId: number; patronId: number }, recordIds: number[], values: Record<string, string> = {}) {
	const items = parseForm(itemsSchema(cityConfig()), form({ items: recordIds.map(String) }), ITEMS_ARRAYS);
	if (!items.ok) throw new Error(JSON.stringify(items.errors));
	const savedItems = await delivery.saveItems(acting, items.data.items);
	if (!savedItems.ok) throw new Error(JSON.stringify(savedItems.errors));
	const parsed = details(values);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const saved = await delivery.saveDetails(acting, parsed.data as Details);
	if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
}

/** A type (2) patron with one print title asked for and sent. */
async function requested(values: Record<string, string> = {}) {
	const patron = await account();
	await grant(patron.id, 2);
	const recordId = await title();
	await fillIn(self(patron.id), [recordId], values);
	const result = await delivery.submit(self(patron.id));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return { patronId: patron.id, id: result.id, reference: result.reference, recordId };
}

let librarian: number;

beforeAll(async () => {
	connection = await openTestDatabase();
	librarian = (await account('librarian')).id;
});
afterAll(() => connection.close());

describe('who may ask (N disability rules art. 2(2): service type (2))', () => {
	it('only a patron with a type (2) registration in force; type (1) alone is not enough', async () => {
		const patron = await account();
		expect(await delivery.isEligible(patron.id)).toBe(false);
		await grant(patron.id, 1);
		expect(await delivery.isEligible(patron.id)).toBe(false);
		await grant(patron.id, 2);
		expect(await delivery.isEligible(patron.id)).toBe(true);
	});

	it('expiry and withdrawal take it away, and a request is then refused when sent', async () => {
		const expired = await account();
		await grant(expired.id, 2, addDays(today(), -1));
		expect(await delivery.isEligible(expired.id)).toBe(false);

		const patron = await account();
		const { id: grantId } = await grant(patron.id, 2);
		const recordId = await title();
		await fillIn(self(patron.id), [recordId]);
		await db().updateTable('reading_service_grants').set({ withdrawn_at: new Date() }).where('id', '=', grantId).execute();
		expect(await delivery.isEligible(patron.id)).toBe(false);
		expect(await delivery.submit(self(patron.id))).toEqual({ ok: false, reason: 'not_eligible' });
		expect(await db().selectFrom('home_delivery_requests').select('id').where('patron_id', '=', patron.id).execute()).toHaveLength(0);
	});

	it('lets a proxy in scope "home_delivery" ask for the patron, recorded as theirs; refuses a proxy without it', async () => {
		const patron = await account();
		await grant(patron.id, 2);
		const inScope = await account();
		const outOfScope = await account();
		for (const [proxy, scopes] of [[inScope, ['home_delivery']], [outOfScope, ['reservations']]] as const) {
			const invited = await proxies.invite(patron, { method: 'card', cardNumber: proxy.cardNumber, scopes: [...scopes], endsOn: null });
			if (!invited.ok) throw new Error('invite');
			await proxies.acceptInvitation(proxy, invited.grantId);
		}
		const eventFor = async (proxyId: number) => {
			const { token } = await sessionService.start(proxyId);
			await sessionService.actFor((await sessionService.resume(token))!, patron.id);
			const url = new URL('http://localhost/home-delivery');
			return { locals: { session: await sessionService.resume(token), locale: 'ja' as const, preferences: {} as App.Locals['preferences'] }, url, request: new Request(url) };
		};
		const allowed = await requireScope(await eventFor(inScope.id), 'home_delivery');
		expect(allowed.subject.id).toBe(patron.id);
		const refused = await requireScope(await eventFor(outOfScope.id), 'home_delivery').catch((e: unknown) => e);
		expect(isHttpError(refused) && refused.status).toBe(403);

		const acting = { actorId: inScope.id, patronId: patron.id };
		await fillIn(acting, [await title()]);
		const sent = await delivery.submit(acting);
		expect(sent.ok).toBe(true);
		const row = await db().selectFrom('home_delivery_requests').selectAll().where('patron_id', '=', patron.id).executeTakeFirstOrThrow();
		expect(row.requested_by).toBe(inScope.id);
		const entry = (await audit.listForSubject(patron.id)).find((e) => e.action === 'home_delivery.request');
		expect(entry).toMatchObject({ actor_id: inScope.id, subject_id: patron.id });
	});
});

describe('the items page', () => {
	it('offers the patron\'s reservations and the titles chosen from the catalogue, and finds titles to add', async () => {
		const patron = await account();
		await grant(patron.id, 2);
		const held = await title();
		const placed = await holds.place(self(patron.id), held, 'hikarigaoka');
		expect(placed.ok).toBe(true);
		const other = await title('large_print');
		await delivery.keepItems(self(patron.id), [other]);
		const choices = await delivery.itemChoices(self(patron.id));
		expect(choices.reservations.map((c) => c.recordId)).toEqual([held]);
		expect(choices.reservations[0].holdStatus).toBe('waiting');
		expect(choices.chosen.map((c) => c.recordId)).toEqual([other]);

		// The search leaves out what this patron may not have: large print needs a type (1) registration.
		const found = await delivery.searchItems(self(patron.id), 'たくはいのほん');
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((f) => f.format === 'print' || f.format === 'braille' || f.format === 'audio_daisy')).toBe(true);
		expect(found.some((f) => f.format === 'large_print')).toBe(false);
		expect(await delivery.searchItems(self(patron.id), '')).toEqual([]);
	});

	it('refuses no items, too many, forged and unknown ids, titles never lent, accessible formats without type (1), titles already asked for', async () => {
		const config = cityConfig();
		const parse = (items: string[]) => parseForm(itemsSchema(config), form({ items }), ITEMS_ARRAYS);
		expect(parse([])).toEqual({ ok: false, errors: { items: 'delivery:new.items.errors.empty' } });
		expect(parse(['abc'])).toEqual({ ok: false, errors: { items: FORGED } });
		expect(parse(['-1'])).toEqual({ ok: false, errors: { items: FORGED } });
		expect(parse(['0'])).toEqual({ ok: false, errors: { items: FORGED } });
		const tooMany = Array.from({ length: config.homeDelivery.maxItems + 1 }, (_, i) => String(i + 1));
		expect(parse(tooMany)).toEqual({ ok: false, errors: { items: 'delivery:new.items.errors.tooMany' } });
		expect(parse(['5', '5'])).toEqual({ ok: true, data: { items: [5] } });

		const { patronId, recordId } = await requested();
		const acting = self(patronId);
		expect(await delivery.saveItems(acting, [999999999])).toEqual({ ok: false, errors: { items: 'delivery:new.items.errors.unknown' } });
		expect(await delivery.saveItems(acting, [await title('print', { lendable: false })])).toEqual({ ok: false, errors: { items: 'delivery:new.items.errors.notLendable' } });
		expect(await delivery.saveItems(acting, [await title('audio_daisy')])).toEqual({ ok: false, errors: { items: 'delivery:new.items.errors.needsType1' } });
		expect(await delivery.saveItems(acting, [recordId])).toEqual({ ok: false, errors: { items: 'delivery:new.items.errors.alreadyRequested' } });
		await grant(patronId, 1);
		expect(await delivery.saveItems(acting, [await title('audio_daisy')])).toEqual({ ok: true });
	});
});

describe('the details page', () => {
	it('accepts a complete answer, prefilled address included', async () => {
		const parsed = details({ alternativeOn: inDays(9) });
		expect(parsed).toMatchObject({ ok: true, data: { method: 'visit', preferredOn: addDays(today(), 7), alternativeOn: addDays(today(), 9), timeOfDay: 'morning' } });
	});

	it('refuses days in the past, too soon, too far ahead and not days at all, and the same day twice', () => {
		const { earliestDays, latestDays } = cityConfig().homeDelivery;
		const error = (values: Record<string, string>) => {
			const parsed = details(values);
			return parsed.ok ? null : parsed.errors;
		};
		expect(error({ preferredOn: '' })).toEqual({ preferredOn: 'delivery:new.details.errors.preferredOn.empty' });
		expect(error({ preferredOn: '2020/01/01' })).toEqual({ preferredOn: 'delivery:new.details.errors.preferredOn.past' });
		expect(error({ preferredOn: inDays(earliestDays - 1) })).toEqual({ preferredOn: 'delivery:new.details.errors.preferredOn.tooSoon' });
		expect(error({ preferredOn: inDays(latestDays + 1) })).toEqual({ preferredOn: 'delivery:new.details.errors.preferredOn.tooFar' });
		expect(error({ preferredOn: '来週の月曜' })).toEqual({ preferredOn: 'delivery:new.details.errors.preferredOn.format' });
		expect(error({ preferredOn: '2026/02/30' })).toEqual({ preferredOn: 'delivery:new.details.errors.preferredOn.notReal' });
		expect(error({ alternativeOn: '2020/01/01' })).toEqual({ alternativeOn: 'delivery:new.details.errors.alternativeOn.past' });
		expect(error({ alternativeOn: DETAILS.preferredOn })).toEqual({ alternativeOn: 'delivery:new.details.errors.alternativeOn.same' });
	});

	it('refuses an address that is not an address, or outside the city', () => {
		const error = (values: Record<string, string>) => {
			const parsed = details(values);
			return parsed.ok ? null : parsed.errors;
		};
		expect(error({ deliveryAddress: '練馬区のどこか' })).toEqual({ deliveryAddress: 'reading:apply.address.errors.address.notAnAddress' });
		expect(error({ deliveryAddress: '東京都新宿区西新宿二丁目8番1号' })).toEqual({ deliveryAddress: 'reading:apply.address.errors.address.outside' });
		expect(error({ deliveryPostalCode: '160-0023' })).toEqual({ deliveryPostalCode: 'reading:apply.address.errors.postalCode.outside' });
		expect(error({ deliveryPostalCode: '' })).toEqual({ deliveryPostalCode: 'reading:apply.address.errors.postalCode.empty' });
	});

	it('refuses a method or return the city does not offer, forged values, and collection without a visit', () => {
		const error = (values: Record<string, string>) => {
			const parsed = details(values);
			return parsed.ok ? null : parsed.errors;
		};
		expect(error({ method: '' })).toEqual({ method: 'delivery:new.details.errors.method.empty' });
		expect(error({ method: 'drone' })).toEqual({ method: FORGED });
		expect(error({ timeOfDay: 'midnight' })).toEqual({ timeOfDay: FORGED });
		expect(error({ method: 'post', returnMethod: 'collection' })).toEqual({ returnMethod: 'delivery:new.details.errors.returnMethod.collectionNeedsVisit' });
		const postOnly = { ...cityConfig(), homeDelivery: { ...cityConfig().homeDelivery, methods: [{ id: 'post' as const }], returnMethods: ['post' as const] } };
		const parsed = parseForm(detailsSchema(postOnly), form({ ...DETAILS }));
		expect(parsed.ok ? null : parsed.errors).toEqual({ method: 'delivery:new.details.errors.method.notOffered', returnMethod: 'delivery:new.details.errors.returnMethod.notOffered' });
	});

	it('offers the free postal categories only for the formats they carry: braille, recordings', async () => {
		const config = cityConfig();
		expect(delivery.methodsFor(config, ['braille'])).toEqual(['post_braille', 'post_recorded', 'post', 'visit']);
		expect(delivery.methodsFor(config, ['audio_daisy'])).toEqual(['post_recorded', 'post', 'visit']);
		expect(delivery.methodsFor(config, ['audio_daisy', 'print'])).toEqual(['post', 'visit']);

		const patron = await account();
		await grant(patron.id, 2);
		await grant(patron.id, 1);
		const printTitle = await title();
		const parsed = details({ method: 'post_braille', returnMethod: 'post' });
		await delivery.saveItems(self(patron.id), [printTitle]);
		expect(await delivery.saveDetails(self(patron.id), (parsed as { data: Details }).data)).toEqual({
			ok: false,
			errors: { method: 'delivery:new.details.errors.method.notForItems' }
		});
		// Braille only: the free braille category is fine. Then a print title is added: the check page sends the patron back.
		const brailleTitle = await title('braille');
		await delivery.saveItems(self(patron.id), [brailleTitle]);
		expect(await delivery.saveDetails(self(patron.id), (parsed as { data: Details }).data)).toEqual({ ok: true });
		expect(await delivery.problemStep(patron.id, await delivery.answersOf(patron.id))).toBeNull();
		await delivery.saveItems(self(patron.id), [brailleTitle, printTitle]);
		expect(await delivery.problemStep(patron.id, await delivery.answersOf(patron.id))).toBe('details');
		expect(await delivery.submit(self(patron.id))).toEqual({ ok: false, reason: 'incomplete', step: 'details' });
	});
});

describe('sending', () => {
	it('gives a reference number, handles it at the patron\'s library, records the step, and empties the draft', async () => {
		const { patronId, id, reference } = await requested();
		expect(reference).toMatch(new RegExp(`^HD-${today().slice(0, 4)}-\\d{6}$`));
		const row = await db().selectFrom('home_delivery_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'requested', library_id: 'hikarigaoka', method: 'visit', return_method: 'collection', requested_by: patronId });
		expect(await delivery.answersOf(patronId)).toEqual({});
		expect(await delivery.sentRequestOf(patronId)).toEqual({ id, reference });
		const view = (await delivery.requestOf(self(patronId), id))!;
		expect(view.history).toMatchObject([{ kind: 'requested', actedBySelf: true }]);
	});

	it('a patron whose usual place is a pickup window is served by the configured library', async () => {
		const patron = await account('patron', 'shakujii-koen-station');
		await grant(patron.id, 2);
		await fillIn(self(patron.id), [await title()]);
		const sent = await delivery.submit(self(patron.id));
		const row = await db().selectFrom('home_delivery_requests').select('library_id').where('id', '=', (sent as { id: number }).id).executeTakeFirstOrThrow();
		expect(row.library_id).toBe(cityConfig().homeDelivery.fallbackLibraryId);
	});

	it('a double submit never creates two requests: the same token gets the first result, two tabs make one request', async () => {
		const patron = await account();
		await grant(patron.id, 2);
		await fillIn(self(patron.id), [await title()]);
		const token = crypto.randomUUID();
		const send = () => once(token, 'home_delivery.submit', () => delivery.submit(self(patron.id)));
		const [first, second] = await Promise.all([send(), send()]);
		expect(second.result).toEqual(first.result);
		expect(first.result.ok).toBe(true);

		const other = await account();
		await grant(other.id, 2);
		await fillIn(self(other.id), [await title()]);
		const results = await Promise.all([delivery.submit(self(other.id)), delivery.submit(self(other.id))]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'no_draft' });
		for (const p of [patron.id, other.id]) {
			expect(await db().selectFrom('home_delivery_requests').select('id').where('patron_id', '=', p).execute()).toHaveLength(1);
		}
	});

	it('counts as a use of the registration: its lapse day moves on', async () => {
		const { patronId } = await requested();
		const grants = await db().selectFrom('reading_service_grants').select('expires_on').where('patron_id', '=', patronId).execute();
		expect(grants.every((g) => g.expires_on >= addDays(today(), 364))).toBe(true);
	});
});

describe('a request\'s life: requested → accepted → (packed) → dispatched → delivered → return due → returned', () => {
	it('records every step with who, whose and when; a posted parcel needs its tracking number', async () => {
		const { patronId, id } = await requested({ method: 'post', returnMethod: 'post' });
		const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
		expect(await delivery.accept(librarian, id, at(1))).toEqual({ ok: true });
		expect(await delivery.accept(librarian, id, at(2))).toMatchObject({ ok: false, reason: 'wrong_status', status: 'accepted' });
		// Not packed yet: nothing can go out.
		expect(await delivery.dispatch(librarian, id, '1234-5678-9012', at(3))).toMatchObject({ ok: false, reason: 'wrong_status' });
		expect(await delivery.pack(librarian, id, at(4))).toEqual({ ok: true });
		expect(await delivery.dispatch(librarian, id, null, at(5))).toEqual({ ok: false, reason: 'tracking_required' });
		expect(await delivery.dispatch(librarian, id, '1234-5678-9012', at(6))).toEqual({ ok: true });
		expect(await delivery.markReturned(librarian, id, at(7))).toMatchObject({ ok: false, reason: 'wrong_status', status: 'dispatched' });
		expect(await delivery.markDelivered(librarian, id, at(8))).toEqual({ ok: true });
		// Counted from the day it was delivered (eight minutes on: past midnight, that is tomorrow).
		const dueOn = addDays(today(at(8)), cityConfig().homeDelivery.loanDays);

		const view = (await delivery.requestOf(self(patronId), id))!;
		expect(view).toMatchObject({ status: 'delivered', trackingNumber: '1234-5678-9012', returnDueOn: dueOn, cancellable: false });
		expect(view.history.map((h) => h.kind)).toEqual(['requested', 'accepted', 'packed', 'dispatched', 'delivered']);
		expect(view.history.slice(1).every((h) => h.actorName === '司書 試験' && !h.actedBySelf)).toBe(true);
		expect(view.history.find((h) => h.kind === 'dispatched')!.detail).toEqual({ trackingNumber: '1234-5678-9012' });

		// The return day comes near: the job marks it (no actor), then staff mark it returned.
		const nearDue = new Date(`${addDays(dueOn, -cityConfig().homeDelivery.returnNoticeDays)}T09:00:00+09:00`);
		expect(await delivery.markReturnsDue(nearDue)).toBeGreaterThanOrEqual(1);
		expect(await delivery.markReturnsDue(nearDue)).toBe(0);
		expect((await delivery.requestOf(self(patronId), id))!.status).toBe('return_due');
		expect(await delivery.markReturned(librarian, id, at(9))).toEqual({ ok: true });
		const done = (await delivery.requestOf(self(patronId), id))!;
		expect(done.status).toBe('returned');
		expect(done.history.map((h) => [h.kind, h.actorName])).toEqual([
			['requested', null],
			['accepted', '司書 試験'],
			['packed', '司書 試験'],
			['dispatched', '司書 試験'],
			['delivered', '司書 試験'],
			['return_due', null],
			['returned', '司書 試験']
		]);
		const actions = (await audit.listForSubject(patronId)).map((e) => [e.action, e.actor_id]);
		for (const action of ['accept', 'pack', 'dispatch', 'deliver', 'return']) expect(actions).toContainEqual([`home_delivery.${action}`, librarian]);
	});

	it('a visit needs no tracking number, and one typed anyway is not kept', async () => {
		const { id } = await requested();
		await delivery.accept(librarian, id);
		await delivery.pack(librarian, id);
		const parsed = parseForm(dispatchSchema(false), form({ trackingNumber: 'ABC' }));
		expect(parsed).toEqual({ ok: true, data: { trackingNumber: null } });
		expect(await delivery.dispatch(librarian, id, null)).toEqual({ ok: true });
	});

	it('checks the tracking number typed for a parcel', () => {
		const parse = (value: string) => parseForm(dispatchSchema(true), form({ trackingNumber: value }));
		expect(parse('')).toEqual({ ok: false, errors: { trackingNumber: 'delivery:staff.errors.trackingNumber.empty' } });
		expect(parse('12')).toEqual({ ok: false, errors: { trackingNumber: 'delivery:staff.errors.trackingNumber.format' } });
		expect(parse('１２３４ー５６７８ー９０１２')).toEqual({ ok: true, data: { trackingNumber: '1234-5678-9012' } });
	});

	it('the patron may cancel before dispatch, not after; another patron\'s request is not found', async () => {
		const first = await requested();
		await delivery.accept(librarian, first.id);
		await delivery.pack(librarian, first.id);
		expect(await delivery.cancel(self(librarian), first.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await delivery.cancel(self(first.patronId), first.id)).toEqual({ ok: true });
		expect(await delivery.cancel(self(first.patronId), first.id)).toMatchObject({ ok: false, reason: 'wrong_status', status: 'cancelled' });
		expect(await delivery.accept(librarian, first.id)).toMatchObject({ ok: false, reason: 'wrong_status' });
		const cancelled = (await delivery.requestOf(self(first.patronId), first.id))!;
		expect(cancelled.history.at(-1)).toMatchObject({ kind: 'cancelled', actedBySelf: true });
		// Cancelled: the title may be asked for again.
		expect(await delivery.saveItems(self(first.patronId), [first.recordId])).toEqual({ ok: true });

		const second = await requested();
		await delivery.accept(librarian, second.id);
		await delivery.pack(librarian, second.id);
		await delivery.dispatch(librarian, second.id, null);
		expect(await delivery.cancel(self(second.patronId), second.id)).toMatchObject({ ok: false, reason: 'wrong_status', status: 'dispatched' });
		expect(await delivery.requestOf(self(first.patronId), second.id)).toBeNull();
	});

	it('a title from a reservation ready on the hold shelf is lent when the parcel leaves', async () => {
		const patron = await account();
		await grant(patron.id, 2);
		const recordId = await title('print', { onShelfAt: 'hikarigaoka' });
		const placed = await holds.place(self(patron.id), recordId, 'hikarigaoka');
		expect(placed).toMatchObject({ ok: true, status: 'ready' });
		await fillIn(self(patron.id), [recordId]);
		const sent = await delivery.submit(self(patron.id));
		const id = (sent as { id: number }).id;
		await delivery.accept(librarian, id);
		await delivery.pack(librarian, id);
		await delivery.dispatch(librarian, id, null);
		const view = (await delivery.requestOf(self(patron.id), id))!;
		expect(view.items[0]).toMatchObject({ recordId, holdStatus: 'collected' });
	});
});

describe('the staff worklist', () => {
	it('sorts a library\'s requests by what staff do next, with the overdue ones apart', async () => {
		const fresh = await requested();
		const toPack = await requested();
		await delivery.accept(librarian, toPack.id);
		const late = await requested();
		const longAgo = new Date(Date.now() - 60 * 86_400_000);
		await delivery.accept(librarian, late.id, longAgo);
		await delivery.pack(librarian, late.id, longAgo);
		await delivery.dispatch(librarian, late.id, null, longAgo);
		await delivery.markDelivered(librarian, late.id, longAgo);

		const list = await delivery.worklist('hikarigaoka');
		const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
		expect(ids(list.toAccept)).toContain(fresh.id);
		expect(ids(list.toPack)).toContain(toPack.id);
		expect(ids(list.overdue)).toContain(late.id);
		expect(ids(list.out)).not.toContain(late.id);
		expect(ids((await delivery.worklist('nerima')).toAccept)).not.toContain(fresh.id);
		expect(delivery.nextStaffStep({ status: 'accepted', packed: true })).toBe('dispatch');
		expect(delivery.nextStaffStep({ status: 'returned', packed: true })).toBeNull();

		const staffView = (await delivery.requestForStaff(fresh.id))!;
		expect(staffView).toMatchObject({ reference: fresh.reference, patronName: expect.stringMatching(/^宅配/), items: [{ recordId: fresh.recordId }] });
	});
});

/** What the draft holds is what the pages show again (nothing typed is lost between pages). */
describe('the draft', () => {
	it('keeps the answers between pages and starts again when discarded', async () => {
		const patron = await account();
		await grant(patron.id, 2);
		const recordId = await title();
		await fillIn(self(patron.id), [recordId], { alternativeOn: inDays(10) });
		const answers: DeliveryAnswers = await delivery.answersOf(patron.id);
		expect(answers).toMatchObject({ items: [recordId], method: 'visit', alternativeOn: addDays(today(), 10), returnMethod: 'collection' });
		await delivery.discardDraft(self(patron.id));
		expect(await delivery.answersOf(patron.id)).toEqual({});
	});
});

describe('the city configuration of home delivery', () => {
	const broken = (change: (delivery: Record<string, unknown>) => void) => {
		const json = structuredClone(nerimaJson) as unknown as { homeDelivery: Record<string, unknown> };
		change(json.homeDelivery);
		try {
			parseCityConfig(json, 'nerima.json');
			return null;
		} catch (e) {
			return (e as Error).message;
		}
	};

	it('names a bad method, a repeated method, a fallback that is not a library, and days out of order', () => {
		expect(broken(() => {})).toBeNull();
		expect(broken((d) => (d.methods = [{ id: 'pigeon' }]))).toMatch(/homeDelivery\.methods\[0\]\.id: must be one of/);
		expect(broken((d) => (d.methods = [{ id: 'post' }, { id: 'post' }]))).toMatch(/duplicate method "post"/);
		expect(broken((d) => (d.fallbackLibraryId = 'shakujii-koen-station'))).toMatch(/homeDelivery\.fallbackLibraryId: names "shakujii-koen-station", which is not a library/);
		expect(broken((d) => (d.latestDays = 1))).toMatch(/homeDelivery\.latestDays: must be at least earliestDays/);
	});
});
