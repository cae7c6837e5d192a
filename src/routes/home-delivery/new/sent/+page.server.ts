import { redirect } from '@sveltejs/kit';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import { actingOf, requireDeliveryScope } from '../../home-delivery.server';
import type { PageServerLoad } from './$types';

/**
 * The confirmation after sending, with the reference number. It reads the request the patron's draft was
 * turned into, so the reference never travels in the URL; with none (a new draft started since) it is the list.
 */
export const load: PageServerLoad = async (event) => {
	const session = await requireDeliveryScope(event);
	const sent = await delivery.sentRequestOf(actingOf(session).patronId);
	if (!sent) redirect(303, '/home-delivery');
	return sent;
};
