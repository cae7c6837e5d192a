import type { Transaction } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { addDays, addMonths, today } from '$lib/server/time/calendar';
import type { ApplicationAnswers } from '$lib/reading-services';
import * as repo from '$lib/server/reading-services/reading-services.repository';
import { checkKeyMatchesDatabase, sealAnswers } from '$lib/server/reading-services/reading-services.service';

/** Who the demo registers, for which services, and how their need was shown. */
const DEMO_REGISTRATIONS: { card: string; types: (1 | 2)[]; shownBy: ApplicationAnswers['shownBy'] }[] = [
	// Reserves DAISY and braille items and asks for home delivery himself.
	{ card: '1000000002', types: [1, 2], shownBy: 'counter' },
	// Does not use the portal: her proxy 美咲 asks for home delivery for her (demo-proxies.ts).
	{ card: '1000000007', types: [2], shownBy: 'home_visit' },
	// Asks for home delivery of DAISY and braille items (the home delivery journey tests use him).
	{ card: '1000000008', types: [1, 2], shownBy: 'post' }
];

/**
 * 佐藤 一郎 (1000000002) is registered for reading services (1) and (2), approved by the demo librarian,
 * so the demo can reserve DAISY and braille items and ask for home delivery; 佐藤 ハル (1000000007) for (2),
 * and 中村 登 (1000000008) for (1) and (2). Their answers are sealed like any others: the sensitive-data key
 * must be available when the demo data is loaded.
 */
export async function seedDemoReadingServices(trx: Transaction<Database>, now = new Date()): Promise<void> {
	const librarian = await trx.selectFrom('accounts').select('id').where('card_number', '=', '9000000001').executeTakeFirst();
	if (!librarian) return;
	for (const registration of DEMO_REGISTRATIONS) await register(trx, registration, librarian.id, now);
}

async function register(trx: Transaction<Database>, registration: (typeof DEMO_REGISTRATIONS)[number], librarianId: number, now: Date): Promise<void> {
	const patron = await trx.selectFrom('accounts').select(['id', 'postal_code', 'address']).where('card_number', '=', registration.card).executeTakeFirst();
	if (!patron) return;
	if (await repo.findApprovedForPatron(trx, patron.id)) return;
	// `npm run seed` does not pass through the server's start-up check: never seal with a key the data does not use.
	await checkKeyMatchesDatabase(trx);

	const { types } = registration;
	const answers: ApplicationAnswers = {
		serviceTypes: types,
		...(types.includes(1) ? { formats: ['audio_daisy', 'braille', 'large_print'] } : {}),
		basis: 'certificate',
		certificateKind: 'physical',
		shownBy: registration.shownBy,
		contactMethod: 'phone',
		deliveryPostalCode: patron.postal_code ?? '',
		deliveryAddress: patron.address ?? ''
	};
	const day = today(now);
	const submittedAt = new Date(`${addDays(day, -14)}T10:30:00+09:00`);
	const decidedAt = new Date(`${addDays(day, -10)}T14:00:00+09:00`);
	const expiresOn = addMonths(day, cityConfig().readingServices.registrationValidityMonths);

	const application = await repo.insertApplication(trx, {
		reference: await repo.nextReference(trx, Number(day.slice(0, 4))),
		patronId: patron.id,
		submittedBy: patron.id,
		sealed: sealAnswers(patron.id, answers),
		now: submittedAt
	});
	await repo.insertEvent(trx, { applicationId: application.id, actorId: patron.id, kind: 'submitted', at: submittedAt });
	await repo.logAccess(trx, { viewerId: librarianId, patronId: patron.id, applicationId: application.id, purpose: 'review', at: decidedAt });
	await repo.insertGrants(trx, { patronId: patron.id, applicationId: application.id, types, grantedBy: librarianId, expiresOn, now: decidedAt });
	await repo.updateApplication(trx, application.id, { status: 'approved', decided_at: decidedAt, decided_by: librarianId, expires_on: expiresOn });
	await repo.insertEvent(trx, { applicationId: application.id, actorId: librarianId, kind: 'approved', detail: { types, expiresOn }, at: decidedAt });
}
