import { sql } from 'kysely';
import { db } from '$lib/server/db';
import { hashPassword } from '$lib/server/auth/password';
import { log } from '$lib/server/log';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seedDemoCatalogue } from './demo-catalogue';
import { seedDemoReadingServices } from './demo-reading-services';
import { seedDemoAccommodation } from './demo-accommodation';
import { seedDemoProxies } from './demo-proxies';
import { seedDemoHomeDelivery } from './demo-home-delivery';

/** How many generated catalogue records demo data adds, beside the hand-written spotlight ones. */
export const DEMO_CATALOGUE_SIZE = Number(process.env.DEMO_CATALOGUE_SIZE ?? 3000);

/**
 * Loads demo accounts and catalogue into an empty database, in one transaction, so a crash
 * half-way leaves the database empty and the next start tries again. A database that holds
 * any account or record is left alone unless `force` is set (the `npm run seed -- --force` command).
 */
export async function seedDemoDataIfEmpty(options: { force?: boolean } = {}): Promise<boolean> {
	return db().transaction().execute(async (trx) => {
		// Several app instances may start together on one PostgreSQL: one seeds, the others wait and see data.
		await sql`select pg_advisory_xact_lock(727001)`.execute(trx);
		const { accounts } = await trx
			.selectFrom('accounts')
			.select((eb) => eb.fn.countAll<string>().as('accounts'))
			.executeTakeFirstOrThrow();
		const { records } = await trx
			.selectFrom('catalogue_records')
			.select((eb) => eb.fn.countAll<string>().as('records'))
			.executeTakeFirstOrThrow();
		if ((Number(accounts) > 0 || Number(records) > 0) && !options.force) return false;

		const started = Date.now();
		for (const { password, ...account } of DEMO_ACCOUNTS) {
			const password_hash = await hashPassword(password);
			await trx
				.insertInto('accounts')
				.values({ ...account, password_hash })
				.onConflict((oc) => oc.column('card_number').doNothing())
				.execute();
		}
		await seedDemoCatalogue(trx, DEMO_CATALOGUE_SIZE);
		await seedDemoReadingServices(trx);
		await seedDemoAccommodation(trx);
		await seedDemoProxies(trx);
		await seedDemoHomeDelivery(trx);
		log.info('demo data loaded', { accounts: DEMO_ACCOUNTS.length, records: DEMO_CATALOGUE_SIZE, ms: Date.now() - started });
		return true;
	});
}
