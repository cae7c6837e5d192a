import { redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { cityConfig } from '$lib/server/config/load-city-config';
import * as readingServices from '$lib/server/reading-services/reading-services.service';
import { firstUnanswered } from '$lib/reading-services';
import { actingOf, requireReadingScope } from '../reading-services.server';
import type { Actions, PageServerLoad } from './$types';

/** Before you start: what will be asked, how it is protected, and the way in (or back into a draft). */
export const load: PageServerLoad = async (event) => {
	const session = await requireReadingScope(event);
	const acting = actingOf(session);
	if (await readingServices.openApplicationOf(acting.patronId)) redirect(303, '/reading-services?pending=1');
	const draft = (await readingServices.draftOf(acting))?.reveal() ?? null;
	const { readingServices: rules } = cityConfig();
	return {
		resume: draft ? (firstUnanswered(draft) ?? 'check') : null,
		retentionMonths: rules.sensitiveDataRetentionMonths,
		validityMonths: rules.registrationValidityMonths,
		draftDays: readingServices.DRAFT_KEPT_DAYS,
		discarded: event.url.searchParams.get('done') === 'discarded'
	};
};

export const actions: Actions = {
	/** Starts again: the draft's answers are deleted. */
	discard: async (event) => {
		const session = await requireScope(event, 'reading_services');
		await readingServices.discardDraft(actingOf(session));
		redirect(303, '/reading-services/apply?done=discarded');
	}
};
