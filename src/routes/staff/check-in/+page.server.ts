import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireStaff } from '$lib/server/auth/guards';
import { cityConfig } from '$lib/server/config/load-city-config';
import { locationById, localName } from '$lib/server/config/city';
import { echoValues, formFailure, normaliseText, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as holds from '$lib/server/holds/holds.service';
import type { Actions, PageServerLoad } from './$types';

const E = 'staff:checkIn.errors';
/** Copy ids are PostgreSQL integers: a longer number is a mistyped or foreign barcode. */
const MAX_COPY_ID = 2_147_483_647;

/** The copy number as typed or scanned: full-width digits (NFKC), spaces and hyphens are accepted. */
const checkInSchema = z.object({
	copyId: z.preprocess(
		(v) => String(normaliseText(v ?? '')).replace(/[\s-]/g, ''),
		z.string().min(1, `${E}.empty`).regex(/^\d+$/, `${E}.format`)
			.transform(Number)
			.refine((n) => n >= 1 && n <= MAX_COPY_ID, `${E}.not_found`)
	)
});

/** What to do with the copy, as carried in the URL of the page after the redirect. */
const OUTCOMES = ['transit', 'holdShelf', 'shelf', 'home'] as const;
type Outcome = (typeof OUTCOMES)[number];

const REFUSAL_STATUS = { not_found: 404, not_lendable: 409, already_held: 409 } as const;

export const load: PageServerLoad = (event) => {
	requireStaff(event, ['librarian']);
	const params = event.url.searchParams;
	const outcome = params.get('outcome') as Outcome | null;
	const copyId = params.get('copy') ?? '';
	const holdId = params.get('hold') ?? '';
	const location = locationById(cityConfig(), params.get('to') ?? '');
	// 'shelf' names no place; 'home' the copy's own library; the other two a hold and its pickup place.
	const wellFormed =
		outcome !== null && OUTCOMES.includes(outcome) && /^\d+$/.test(copyId) &&
		(outcome === 'shelf' || (location !== undefined && (outcome === 'home' || /^\d+$/.test(holdId))));
	return {
		submission: newSubmissionToken(),
		result: wellFormed
			? { outcome, copyId, holdId, location: location ? localName(location.name, event.locals.locale) : '' }
			: null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const session = requireStaff(event, ['librarian']);
		const form = await event.request.formData();
		const parsed = parseForm(checkInSchema, form);
		// Nothing was claimed yet, so the page's token stays valid for the corrected number.
		if (!parsed.ok) return formFailure(form, parsed.errors, ['copyId']);
		const copyId = parsed.data.copyId;
		// A double submit (scanner plus Enter, or a double click without JavaScript) checks in once and
		// both responses say the same. The copy id is kept with the result: a reused token with another copy runs afresh.
		const { result, repeated } = await once(form.get('__submission'), 'holds.check_in', async () => ({ copyId, ...(await holds.checkIn(session.actor.id, copyId)) }));
		const outcome = repeated && result.copyId !== copyId ? await holds.checkIn(session.actor.id, copyId) : result;
		if (!outcome.ok) {
			return fail(REFUSAL_STATUS[outcome.reason], {
				values: echoValues(form),
				errors: { copyId: `${E}.${outcome.reason}` },
				order: ['copyId'],
				// The token is spent on this refusal: the corrected number is a new submission.
				submission: newSubmissionToken()
			});
		}
		const query = new URLSearchParams({ copy: String(copyId) });
		if (outcome.outcome === 'to_shelf') query.set('outcome', 'shelf');
		else if (outcome.outcome === 'to_home') {
			query.set('outcome', 'home');
			query.set('to', outcome.homeLocationId);
		} else {
			query.set('outcome', outcome.status === 'ready' ? 'holdShelf' : 'transit');
			query.set('hold', String(outcome.holdId));
			query.set('to', outcome.pickupLocationId);
		}
		redirect(303, `/staff/check-in?${query}`);
	}
};
