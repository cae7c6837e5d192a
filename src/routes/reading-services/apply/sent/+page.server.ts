import { redirect } from '@sveltejs/kit';
import * as readingServices from '$lib/server/reading-services/reading-services.service';
import { actingOf, requireReadingScope } from '../../reading-services.server';
import type { PageServerLoad } from './$types';

/**
 * The confirmation after sending, with the reference number. It reads the patron's open application, so
 * the reference never travels in the URL; with none open (decided since, or never sent) it is the status page.
 */
export const load: PageServerLoad = async (event) => {
	const session = await requireReadingScope(event);
	const open = await readingServices.openApplicationOf(actingOf(session).patronId);
	if (!open) redirect(303, '/reading-services');
	return { reference: open.reference };
};
