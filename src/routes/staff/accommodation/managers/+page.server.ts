import { error, fail, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { cityConfig } from '$lib/server/config/load-city-config';
import { echoValues, formFailure, parseForm } from '$lib/server/forms/form';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { designateSchema } from '$lib/server/accommodation/accommodation.forms';
import { DESK_KINDS } from '$lib/server/config/city-config.schema';
import { deskNames } from '../../../accommodation/accommodation.server';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['designated', 'ended'] as const;

/** Administrators only: they keep the list of who holds the post; staff members do not name themselves. */
function requireAdmin(event: Parameters<typeof requireStaff>[0]) {
	return requireStaff(event, []);
}

/**
 * The responsible managers (障害者サポート推進責任者, art. 4) of each desk: who may acknowledge its requests.
 * Kept by administrators, every change in the audit log.
 */
export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const rows = await accommodation.managers();
	const done = event.url.searchParams.get('done');
	return {
		managers: rows.map((row) => ({
			accountId: row.account_id,
			deskId: row.desk_id,
			name: row.name,
			staffNumber: row.card_number,
			designatedAt: new Date(row.designated_at).toISOString()
		})),
		groups: DESK_KINDS.map((kind) => ({ kind, desks: cityConfig().desks.filter((d) => d.kind === kind).map((d) => d.id) })),
		desks: deskNames(event.locals.locale),
		done: DONE.find((d) => d === done) ?? null
	};
};

export const actions: Actions = {
	add: async (event) => {
		const session = requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(designateSchema(cityConfig()), form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['staffNumber', 'deskId']);
		const result = await accommodation.designate(session.actor.id, parsed.data.staffNumber, parsed.data.deskId);
		if (!result.ok) {
			return fail(400, { values: echoValues(form), errors: { [result.field]: `accommodation:staff.managers.errors.${result.reason}` }, order: [result.field] });
		}
		redirect(303, '/staff/accommodation/managers?done=designated');
	},
	end: async (event) => {
		const session = requireAdmin(event);
		const form = await event.request.formData();
		const accountId = Number(form.get('accountId'));
		const deskId = String(form.get('deskId') ?? '');
		if (!Number.isSafeInteger(accountId) || accountId <= 0) error(404, { message: 'not found', key: 'errors:notFound' });
		if (!(await accommodation.endDesignation(session.actor.id, accountId, deskId))) error(404, { message: 'not found', key: 'errors:notFound' });
		redirect(303, '/staff/accommodation/managers?done=ended');
	}
};
