import * as readingServices from '$lib/server/reading-services/reading-services.service';
import { requireReadingServicesStaff } from './staff-guard.server';
import type { PageServerLoad } from './$types';

const DONE = ['approved', 'asked', 'declined', 'ended'] as const;

/** The review queue and the registrations in force. Names and dates only: opening one is the logged step. */
export const load: PageServerLoad = async (event) => {
	requireReadingServicesStaff(event);
	const [queue, inForce] = await Promise.all([readingServices.queue(), readingServices.registrationsInForce()]);
	const done = event.url.searchParams.get('done');
	return {
		queue: queue.map((row) => ({
			id: row.id,
			reference: row.reference,
			status: row.status,
			submittedAt: new Date(row.submitted_at).toISOString(),
			name: row.name,
			cardNumber: row.card_number
		})),
		inForce: inForce.map((row) => ({
			id: row.id,
			reference: row.reference,
			name: row.name,
			cardNumber: row.card_number,
			expiresOn: row.expires_on,
			lastUsedOn: row.last_used_on
		})),
		done: DONE.find((d) => d === done) ?? null
	};
};
