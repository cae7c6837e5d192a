import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/audit.repository';
import * as sessionService from '$lib/server/auth/session.service';
import { requirePatron, requireScope, requireSelf } from '$lib/server/auth/guards';
import * as proxies from './proxies.service';

/**
 * The guards as proxies meet them: the grant is read on every request (session.service.resume), a proxy
 * whose grant ended goes back to themselves, out-of-scope answers 403 saying what they may do, and a form
 * rendered for another subject is refused.
 */

let connection: Connection;
let card = 5000000000;

async function account(role: 'patron' | 'librarian' = 'patron') {
	const cardNumber = String(++card);
	const row = await db()
		.insertInto('accounts')
		.values({
			card_number: cardNumber, password_hash: 'x', role, status: 'active', name: `試験 ${card}`, name_kana: 'シケン',
			birth_year: null, phone: null, phone_kind: null, email: null, postal_code: null, address: null, category: '0',
			previous_card_number: null, id_document: null, workplace_id: null, preferred_pickup_id: null, confirmed_at: null, confirmed_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, cardNumber };
}

/** A signed-in session's token, acting for `subjectId` when given. */
async function sessionOf(actorId: number, subjectId?: number) {
	const { token } = await sessionService.start(actorId);
	if (subjectId !== undefined) {
		const session = (await sessionService.resume(token))!;
		await sessionService.actFor(session, subjectId);
	}
	return token;
}

/** What a request handler sees: resumed from the token now, as hooks.server.ts does. */
async function eventFor(token: string, init: { method?: string; form?: Record<string, string> } = {}) {
	const url = new URL('http://localhost/account');
	const body = init.form ? new URLSearchParams(init.form) : undefined;
	return {
		locals: { session: await sessionService.resume(token), locale: 'ja' as const, preferences: {} as App.Locals['preferences'] },
		url,
		request: new Request(url, { method: init.method ?? 'GET', body, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} })
	};
}

async function thrown(run: () => unknown): Promise<unknown> {
	try {
		await run();
	} catch (e) {
		return e;
	}
	throw new Error('expected the guard to refuse');
}

async function grant(scopes: Parameters<typeof proxies.invite>[1]['scopes']) {
	const patron = await account();
	const proxy = await account();
	const invited = await proxies.invite(patron, { method: 'card', cardNumber: proxy.cardNumber, scopes, endsOn: null });
	if (!invited.ok) throw new Error('invite');
	await proxies.acceptInvitation(proxy, invited.grantId);
	return { patron, proxy, grantId: invited.grantId };
}

beforeAll(async () => {
	connection = await openTestDatabase();
});
afterAll(() => connection.close());

describe('requireScope', () => {
	it('lets the patron do anything on their own account', async () => {
		const patron = await account();
		const event = await eventFor(await sessionOf(patron.id));
		for (const scope of ['reservations', 'accommodation', 'reading_services'] as const) {
			expect((await requireScope(event, scope)).subject.id).toBe(patron.id);
		}
	});

	it('lets a proxy do what the grant includes, and answers 403 with what they may do otherwise (and logs it)', async () => {
		const { patron, proxy } = await grant(['reservations', 'receive_notices']);
		const event = await eventFor(await sessionOf(proxy.id, patron.id));
		expect((await requireScope(event, 'reservations')).subject.id).toBe(patron.id);
		expect((await requireScope(event, 'view_loans_reservations')).subject.id).toBe(patron.id);

		const refusal = await thrown(() => requireScope(event, 'reading_services'));
		expect(isHttpError(refusal) && refusal.status).toBe(403);
		const body = (refusal as { body: App.Error }).body;
		expect(body.key).toBe('proxies:errors.outOfScope');
		expect(body.values).toMatchObject({ needed: '障害者サービスの利用登録', allowed: '予約（申し込み・取り消し・変更）、お知らせの受け取り' });
		const entries = await audit.listForSubject(patron.id);
		expect(entries.some((e) => e.action === 'proxies.out_of_scope' && e.actor_id === proxy.id)).toBe(true);
	});

	it('returns a proxy whose grant ended to themselves, with the reason, once', async () => {
		const { patron, proxy, grantId } = await grant(['reservations']);
		const token = await sessionOf(proxy.id, patron.id);
		await proxies.revoke(patron, grantId);

		// Two requests of the same session notice it together (two tabs): both are sent to the explanation.
		const [a, b] = await Promise.all([eventFor(token), eventFor(token)]);
		for (const event of [a, b]) {
			const sent = await thrown(() => requireScope(event, 'reservations'));
			expect(isRedirect(sent) && sent.location).toBe('/proxy?done=ended');
		}
		expect((await sessionService.resume(token))!.subject.id).toBe(proxy.id);
		const returns = (await audit.listForSubject(patron.id)).filter((e) => e.action === 'proxies.returned_to_self');
		expect(returns).toHaveLength(1);
	});

	it('refuses a form rendered for another subject (a stale tab, a forged __subject) before anything is done', async () => {
		const { patron, proxy } = await grant(['reservations']);
		const token = await sessionOf(proxy.id, patron.id);
		const fine = await eventFor(token, { method: 'POST', form: { __subject: String(patron.id), pickup: 'nerima' } });
		expect((await requireScope(fine, 'reservations')).subject.id).toBe(patron.id);
		// The action can still read its body afterwards.
		expect((await fine.request.formData()).get('pickup')).toBe('nerima');

		const stale = await eventFor(token, { method: 'POST', form: { __subject: String(proxy.id) } });
		const refusal = await thrown(() => requireScope(stale, 'reservations'));
		expect(isHttpError(refusal) && refusal.status).toBe(409);
		expect((refusal as { body: App.Error }).body.key).toBe('proxies:errors.subjectChanged');
	});

	it('refuses staff (they have their own pages) and sends the signed-out to sign in', async () => {
		const staff = await account('librarian');
		const refusal = await thrown(async () => requireScope(await eventFor(await sessionOf(staff.id)), 'reservations'));
		expect(isHttpError(refusal) && refusal.status).toBe(403);
		const anonymous = { locals: { session: null, locale: 'ja' as const }, url: new URL('http://localhost/account?x=1') };
		const sent = await thrown(() => requireScope(anonymous as never, 'reservations'));
		expect(isRedirect(sent) && sent.location).toBe('/sign-in?return=%2Faccount%3Fx%3D1');
	});
});

describe('requirePatron and requireSelf', () => {
	it('close the patron-only pages to proxies, whatever their scopes', async () => {
		const { patron, proxy } = await grant(['reservations', 'view_loans_reservations', 'reading_services', 'home_delivery', 'accommodation', 'receive_notices']);
		const event = await eventFor(await sessionOf(proxy.id, patron.id));
		const refusal = await thrown(() => requirePatron(event));
		expect(isHttpError(refusal) && (refusal as { body: App.Error }).body.key).toBe('proxies:errors.selfOnly');
		const refusedSelf = await thrown(() => requireSelf(event));
		expect(isHttpError(refusedSelf) && refusedSelf.status).toBe(403);
		// The same person acting for themselves is let in.
		expect((await requireSelf(await eventFor(await sessionOf(proxy.id)))).subject.id).toBe(proxy.id);
	});
});
