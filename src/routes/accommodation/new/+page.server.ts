import { redirect } from '@sveltejs/kit';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { firstUnanswered } from '$lib/accommodation/options';
import { draftToken, intakeSession } from '../accommodation.server';
import type { PageServerLoad } from './$types';

/** `/accommodation/new`: the first question still to answer (or the check page when all are answered). */
export const load: PageServerLoad = async (event) => {
	await intakeSession({ locals: event.locals, url: event.url });
	const answers = (await accommodation.draftOf(draftToken(event.cookies)))?.reveal() ?? {};
	const next = firstUnanswered(answers);
	redirect(303, next ? `/accommodation/new/${next}` : '/accommodation/new/check');
};
