import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import { actingOf, requireDeliveryScope, toPage } from './home-delivery.server';
import type { PageServerLoad } from './$types';

const DONE = ['cancelled'] as const;

/** The patron's home delivery requests, in progress and past, and the way to ask (for those who may). */
export const load: PageServerLoad = async (event) => {
	const session = await requireDeliveryScope(event);
	const acting = actingOf(session);
	const [eligible, requests, answers] = await Promise.all([delivery.isEligible(acting.patronId), delivery.requestsOf(acting), delivery.answersOf(acting.patronId)]);
	const done = event.url.searchParams.get('done');
	return {
		eligible,
		hasDraft: (answers.items?.length ?? 0) > 0,
		open: requests.open.map(toPage),
		past: requests.past.map(toPage),
		done: DONE.find((d) => d === done) ?? null
	};
};
