import type { Transaction } from 'kysely';
import type { Database, ProxyScope } from '$lib/server/db/schema';
import { addDays, today } from '$lib/server/time/calendar';
import { PROXY_SCOPES } from '$lib/proxy-scopes';
import * as repo from '$lib/server/proxies/proxies.repository';

/**
 * Demo proxies (README, "Demo accounts"), one in each state people and the authorization tests meet:
 *
 * | patron | proxy | how | state | may do |
 * | 佐藤 一郎 1000000002 | 佐藤 美咲 1000000003 | invited by 一郎, accepted | in force | everything |
 * | 佐藤 一郎 | 山田 健 1000000004 | invited by 一郎, accepted | in force | accommodation requests, notices only |
 * | 佐藤 一郎 | 鈴木 由美 1000000005 | invited by 一郎, accepted | REVOKED by 一郎 | (reservations) |
 * | 佐藤 一郎 | 高橋 誠 1000000006 | invited by 一郎, accepted | EXPIRED (end date was yesterday) | (reservations) |
 * | 佐藤 ハル 1000000007 | 佐藤 美咲 | recorded by the demo librarian (委任状 + 美咲's ID) | in force | reservations, home delivery, notices |
 */
export async function seedDemoProxies(trx: Transaction<Database>, now = new Date()): Promise<void> {
	const ids = new Map<string, number>();
	const rows = await trx
		.selectFrom('accounts')
		.select(['id', 'card_number'])
		.where('card_number', 'in', ['1000000002', '1000000003', '1000000004', '1000000005', '1000000006', '1000000007', '9000000001'])
		.execute();
	for (const row of rows) ids.set(row.card_number, row.id);
	const id = (card: string) => ids.get(card);
	const ichiro = id('1000000002');
	const librarian = id('9000000001');
	if (!ichiro || !librarian) return;
	// `npm run seed -- --force` into a database that has them already: leave them alone.
	const existing = await trx.selectFrom('proxy_grants').select('id').where('patron_id', '=', ichiro).executeTakeFirst();
	if (existing) return;

	const day = today(now);
	const at = (daysAgo: number) => new Date(`${addDays(day, -daysAgo)}T10:00:00+09:00`);
	const patronGrant = async (proxyCard: string, scopes: ProxyScope[], options: { acceptedDaysAgo: number; endsOn?: string; revokedDaysAgo?: number }) => {
		const proxyId = id(proxyCard);
		if (!proxyId) return;
		const grantId = await repo.insertGrant(trx, {
			patronId: ichiro,
			proxyId,
			origin: 'patron',
			status: 'active',
			scopes,
			invitedCardNumber: proxyCard,
			inviteExpiresAt: at(options.acceptedDaysAgo - 6),
			endsOn: options.endsOn ?? null,
			createdBy: ichiro,
			acceptedAt: at(options.acceptedDaysAgo)
		});
		await trx.updateTable('proxy_grants').set({ created_at: at(options.acceptedDaysAgo + 1) }).where('id', '=', grantId).execute();
		if (options.revokedDaysAgo !== undefined) {
			await repo.updateGrant(trx, grantId, { status: 'ended', ended_at: at(options.revokedDaysAgo), ended_by: ichiro, end_reason: 'revoked' });
		}
	};

	await patronGrant('1000000003', [...PROXY_SCOPES], { acceptedDaysAgo: 60 });
	await patronGrant('1000000004', ['accommodation', 'receive_notices'], { acceptedDaysAgo: 30 });
	await patronGrant('1000000005', ['reservations'], { acceptedDaysAgo: 40, revokedDaysAgo: 5 });
	await patronGrant('1000000006', ['reservations'], { acceptedDaysAgo: 90, endsOn: addDays(day, -1) });

	const haru = id('1000000007');
	const misaki = id('1000000003');
	if (haru && misaki) {
		await repo.insertGrant(trx, {
			patronId: haru,
			proxyId: misaki,
			origin: 'staff',
			status: 'active',
			scopes: ['reservations', 'home_delivery', 'receive_notices'],
			relationship: 'family',
			evidence: ['letter_of_authorisation', 'proxy_id_document'],
			evidenceSeenOn: addDays(day, -20),
			endsOn: null,
			createdBy: librarian,
			acceptedAt: at(20)
		});
	}
}
