import { sql, type Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { addMonths, today } from '$lib/server/time/calendar';

/**
 * Whether a patron holds an active reading-service registration of a type: (1) difficulty
 * reading print unlocks accessible-format loans (N disability rules art. 4-2); (2) difficulty
 * visiting unlocks home delivery. Expired or withdrawn grants count for nothing.
 */
export async function hasActiveGrant(ex: Kysely<Database>, patronId: number, serviceType: 1 | 2 | 3, now = new Date()): Promise<boolean> {
	const row = await ex
		.selectFrom('reading_service_grants')
		.select(sql<number>`1`.as('one'))
		.where('patron_id', '=', patronId)
		.where('service_type', '=', serviceType)
		.where('withdrawn_at', 'is', null)
		.where('expires_on', '>=', today(now))
		.executeTakeFirst();
	return Boolean(row);
}

/**
 * Records a use of the patron's registration (placing a hold on an accessible-format item; a home
 * delivery request): Nerima lets a registration lapse after a period *without use*, so each use moves
 * the lapse day of the registration and its grants in force on to today plus the configured validity
 * (never earlier than it was). Call it inside the transaction that does the using; a patron without a
 * registration in force is left alone.
 */
export async function recordUse(ex: Kysely<Database>, patronId: number, now = new Date()): Promise<void> {
	const day = today(now);
	const until = addMonths(day, cityConfig().readingServices.registrationValidityMonths);
	const updated = await ex
		.updateTable('reading_service_applications')
		.set({ last_used_on: day, expires_on: sql<string>`greatest(expires_on, ${until}::date)` })
		.where('patron_id', '=', patronId)
		.where('status', '=', 'approved')
		.where('expires_on', '>=', day)
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) === 0) return;
	await ex
		.updateTable('reading_service_grants')
		.set({ expires_on: sql<string>`greatest(expires_on, ${until}::date)` })
		.where('patron_id', '=', patronId)
		.where('withdrawn_at', 'is', null)
		.where('expires_on', '>=', day)
		.execute();
}
