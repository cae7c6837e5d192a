import { redirect } from '@sveltejs/kit';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName } from '$lib/server/config/city';
import { firstUnanswered } from '$lib/accommodation/options';
import { draftToken, forgetDraft, intakeSession } from './accommodation.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * The start page (GOV.UK "start page"): what a reasonable accommodation is, what will be asked, the other
 * ways to ask, and how the answers are protected, before any is given. Open to everyone, signed in or not.
 * Someone who left half-way continues where they stopped, or starts again (which deletes the draft).
 */
export const load: PageServerLoad = async (event) => {
	const session = await intakeSession({ locals: event.locals, url: event.url });
	const draft = (await accommodation.draftOf(draftToken(event.cookies)))?.reveal() ?? null;
	const config = cityConfig();
	const policy = config.desks.find((desk) => desk.id === config.routing.policyDeskId)!;
	return {
		resume: draft ? (firstUnanswered(draft) ?? 'check') : null,
		signedInPatron: session?.subject.role === 'patron',
		draftHours: accommodation.DRAFT_KEPT_HOURS,
		acknowledgeHours: config.accommodation.acknowledgeWithinHours,
		policyDesk: { name: localName(policy.name, event.locals.locale), phone: policy.contact.phone ?? null, fax: policy.contact.fax ?? null, email: policy.contact.email ?? null },
		discarded: event.url.searchParams.get('done') === 'discarded'
	};
};

export const actions: Actions = {
	/** Starts again: the draft's answers are deleted. */
	discard: async (event) => {
		await intakeSession(event);
		await accommodation.discardDraft(draftToken(event.cookies));
		forgetDraft(event.cookies);
		redirect(303, '/accommodation?done=discarded');
	}
};
