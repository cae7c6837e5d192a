import type { Transaction } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { addDays, addMonths, today } from '$lib/server/time/calendar';
import type { ApplicationAnswers } from '$lib/reading-services';
import * as repo from '$lib/server/reading-services/reading-services.repository';
import { checkKeyMatchesDatabase, sealAnswers } from '$lib/server/reading-services/reading-services.service';

/**
 * 佐藤 一郎 (1000000002) is registered for reading services (1) and (2), approved by the demo librarian,
 * so the demo can reserve DAISY and braille items and ask for home delivery. His answers are sealed like
 * any others: the sensitive-data key must be available when the demo data is loaded.
 */
export async function seedDemoReadingServices(trx: Transaction<Database>, now = new Date()): Promise<void> {
	const ichiro = await trx.selectFrom('accounts').select(['id', 'postal_code', 'address']).where('card_number', '=', '1000000002').executeTakeFirst();
	const librarian = await trx.selectFrom('accounts').select('id').where('card_number', '=', '9000000001').executeTakeFirst();
	if (!ichiro || !librarian) return;
	if (await repo.findApprovedForPatron(trx, ichiro.id)) return;
	// `npm run seed` does not pass through the server's start-up check: never seal with a key the data does not use.
	await checkKeyMatchesDatabase(trx);

	const answers: ApplicationAnswers = {
		serviceTypes: [1, 2],
		formats: ['audio_daisy', 'braille', 'large_print'],
		basis: 'certificate',
		certificateKind: 'physical',
		shownBy: 'counter',
		contactMethod: 'phone',
		deliveryPostalCode: ichiro.postal_code ?? '',
		deliveryAddress: ichiro.address ?? ''
	};
	const day = today(now);
	const submittedAt = new Date(`${addDays(day, -14)}T10:30:00+09:00`);
	const decidedAt = new Date(`${addDays(day, -10)}T14:00:00+09:00`);
	const expiresOn = addMonths(day, cityConfig().readingServices.registrationValidityMonths);

	const application = await repo.insertApplication(trx, {
		reference: await repo.nextReference(trx, Number(day.slice(0, 4))),
		patronId: ichiro.id,
		submittedBy: ichiro.id,
		sealed: sealAnswers(ichiro.id, answers),
		now: submittedAt
	});
	await repo.insertEvent(trx, { applicationId: application.id, actorId: ichiro.id, kind: 'submitted', at: submittedAt });
	await repo.logAccess(trx, { viewerId: librarian.id, patronId: ichiro.id, applicationId: application.id, purpose: 'review', at: decidedAt });
	await repo.insertGrants(trx, { patronId: ichiro.id, applicationId: application.id, types: [1, 2], grantedBy: librarian.id, expiresOn, now: decidedAt });
	await repo.updateApplication(trx, application.id, { status: 'approved', decided_at: decidedAt, decided_by: librarian.id, expires_on: expiresOn });
	await repo.insertEvent(trx, { applicationId: application.id, actorId: librarian.id, kind: 'approved', detail: { types: [1, 2], expiresOn }, at: decidedAt });
}
