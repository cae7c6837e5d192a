import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { FIND_FIELDS, findSchema } from '$lib/server/proxies/proxies.forms';
import type { Actions, PageServerLoad } from './$types';

/** Librarians and consultation-desk staff look up a patron's proxies; librarians also record new ones. */
export const load: PageServerLoad = (event) => {
	const session = requireStaff(event, ['librarian', 'desk_officer']);
	return { mayRecord: session.actor.role !== 'desk_officer' };
};

export const actions: Actions = {
	/** Finds a patron by card number; the card number stays out of the URL (the patron's page uses the account id). */
	find: async (event) => {
		requireStaff(event, ['librarian', 'desk_officer']);
		const form = await event.request.formData();
		const parsed = parseForm(findSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, FIND_FIELDS);
		const account = await accounts.findByCardNumber(parsed.data.cardNumber);
		if (!account || account.role !== 'patron') return formFailure(form, { cardNumber: 'proxies:errors.patronNotFound' }, FIND_FIELDS);
		redirect(303, `/staff/proxies/patrons/${account.id}`);
	}
};
