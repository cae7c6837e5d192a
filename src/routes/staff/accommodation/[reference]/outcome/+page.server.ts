import { error, fail, redirect } from '@sveltejs/kit';
import { echoValues, formFailure, parseForm } from '$lib/server/forms/form';
import { once } from '$lib/server/forms/idempotency';
import { newSubmissionToken } from '$lib/server/forms/idempotency';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { OUTCOME_ARRAYS, OUTCOME_FIELDS, outcomeSchema } from '$lib/server/accommodation/accommodation.forms';
import { deskNames } from '../../../../accommodation/accommodation.server';
import { referenceOr404, requireDeskStaff } from '../../desk.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * Recording how a request ends: provided, an alternative agreed, or declined. Declining asks for the
 * undue-burden factors (annex 5) and the explanation the person reads; a different treatment claimed to
 * have a justified reason asks for the annex 2 viewpoints and the same explanation. Only after a responsible
 * manager acknowledged the request, and only by the handling desk.
 */
export const load: PageServerLoad = async (event) => {
	const staff = await requireDeskStaff(event);
	const reference = referenceOr404(event.params.reference);
	const context = await accommodation.actionContextOf(staff, reference);
	if (!context || context.access !== 'handling') error(404, { message: 'not found', key: 'errors:notFound' });
	return {
		reference,
		deskName: deskNames(event.locals.locale)[context.deskId],
		status: context.status,
		mayRecord: context.mayRecordOutcome,
		submission: newSubmissionToken()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = await requireDeskStaff(event);
		const reference = referenceOr404(event.params.reference);
		const form = await event.request.formData();
		const parsed = parseForm(outcomeSchema, form, OUTCOME_ARRAYS);
		if (!parsed.ok) return formFailure(form, parsed.errors, OUTCOME_FIELDS);
		const { result } = await once(form.get('__submission'), 'accommodation.outcome', () => accommodation.recordOutcome(staff, reference, parsed.data));
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
			return fail(409, { values: echoValues(form), errors: { outcome: `accommodation:staff.request.errors.${result.reason}` }, order: ['outcome'] });
		}
		redirect(303, `/staff/accommodation?done=closed&reference=${reference}`);
	}
};
