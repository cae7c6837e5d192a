import { error, fail, redirect } from '@sveltejs/kit';
import { cityConfig } from '$lib/server/config/load-city-config';
import { echoValues, formFailure, parseForm } from '$lib/server/forms/form';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { transferSchema } from '$lib/server/accommodation/accommodation.forms';
import { DESK_KINDS } from '$lib/server/config/city-config.schema';
import { deskNames } from '../../../../accommodation/accommodation.server';
import { referenceOr404, requireDeskStaff } from '../../desk.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * Passing a request to another desk, with a reason for the desks (the person sees where it went). The
 * handling desk may, and so may the Disability Policy Division for any open request (art. 6-3).
 */
export const load: PageServerLoad = async (event) => {
	const staff = await requireDeskStaff(event);
	const reference = referenceOr404(event.params.reference);
	const context = await accommodation.actionContextOf(staff, reference);
	if (!context) error(404, { message: 'not found', key: 'errors:notFound' });
	if (!context.mayTransfer) redirect(303, `/staff/accommodation/${reference}`);
	const desks = cityConfig().desks;
	return {
		reference,
		deskId: context.deskId,
		groups: DESK_KINDS.map((kind) => ({ kind, desks: desks.filter((d) => d.kind === kind && d.id !== context.deskId).map((d) => d.id) })).filter((g) => g.desks.length > 0),
		desks: deskNames(event.locals.locale)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = await requireDeskStaff(event);
		const reference = referenceOr404(event.params.reference);
		const context = await accommodation.actionContextOf(staff, reference);
		if (!context) error(404, { message: 'not found', key: 'errors:notFound' });
		const form = await event.request.formData();
		const parsed = parseForm(transferSchema(cityConfig(), context.deskId), form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['toDeskId', 'reason']);
		const result = await accommodation.transfer(staff, reference, parsed.data.toDeskId, parsed.data.reason);
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
			return fail(409, { values: echoValues(form), errors: { toDeskId: `accommodation:staff.request.errors.${result.reason}` }, order: ['toDeskId'] });
		}
		// The request has left this desk (unless it is the division's): back to the queue, which says where it went.
		redirect(303, `/staff/accommodation?done=transferred&reference=${reference}`);
	}
};
