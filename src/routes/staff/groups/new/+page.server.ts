import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, locationById } from '$lib/server/config/city';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken } from '$lib/server/forms/idempotency';
import { GROUP_FIELDS, GROUP_TYPES, groupLibraryIds, groupSchema } from '$lib/server/groups/group.schema';
import * as groups from '$lib/server/groups/groups.service';
import { INITIAL_PASSWORD_COOKIE } from '../initial-password';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireStaff(event, ['librarian']);
	const config = cityConfig();
	const libraries = groupLibraryIds(config);
	const workplace = (await accounts.findById(session.actor.id))?.workplace_id ?? null;
	return {
		submission: newSubmissionToken(),
		groupTypes: [...GROUP_TYPES],
		libraries: libraries.map((id) => ({ id, name: localName(locationById(config, id)!.name, event.locals.locale) })),
		// The librarian's own library is the likely answer: groups register where they borrow.
		defaultLibrary: workplace && libraries.includes(workplace) ? workplace : null,
		groupLimit: config.holds.maxActivePerGroup
	};
};

export const actions: Actions = {
	default: async (event) => {
		const session = requireStaff(event, ['librarian']);
		const form = await event.request.formData();
		const parsed = parseForm(groupSchema(cityConfig()), form);
		if (!parsed.ok) return formFailure(form, parsed.errors, GROUP_FIELDS);
		const result = await groups.register(session.actor.id, parsed.data, form.get('__submission'));
		// The password crosses the redirect in a cookie that only the confirmation page receives and that it
		// deletes on first read: never in the URL (logs, history) and never stored in clear on the server.
		if (result.initialPassword) {
			event.cookies.set(INITIAL_PASSWORD_COOKIE, JSON.stringify({ id: result.accountId, password: result.initialPassword }), {
				path: '/staff/groups/created',
				httpOnly: true,
				sameSite: 'strict',
				secure: event.url.protocol === 'https:' || event.url.hostname !== 'localhost',
				maxAge: 15 * 60
			});
		}
		redirect(303, `/staff/groups/created?id=${result.accountId}`);
	}
};
