import { redirect } from '@sveltejs/kit';
import { cityConfig } from '$lib/server/config/load-city-config';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { deskNames, draftToken, intakeSession } from '../../accommodation.server';
import type { PageServerLoad } from './$types';

/**
 * The confirmation after sending: the reference number and the private follow link. The link is shown to
 * the browser that sent the request, for a short while, and never again (only its hash is stored for good);
 * it never travels in this page's URL. Without a fresh confirmation this is the start page.
 */
export const load: PageServerLoad = async (event) => {
	const session = await intakeSession({ locals: event.locals, url: event.url });
	const confirmation = await accommodation.confirmationOf(draftToken(event.cookies));
	if (!confirmation) redirect(303, '/accommodation');
	return {
		reference: confirmation.reference,
		deskName: deskNames(event.locals.locale)[confirmation.deskId],
		followUrl: `${event.url.origin}/accommodation/follow/${confirmation.followToken.reveal()}`,
		acknowledgeHours: cityConfig().accommodation.acknowledgeWithinHours,
		onAccount: session?.subject.role === 'patron'
	};
};
