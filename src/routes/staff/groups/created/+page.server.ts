import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, locationById } from '$lib/server/config/city';
import * as groups from '$lib/server/groups/groups.service';
import { INITIAL_PASSWORD_COOKIE, parseInitialPasswordCookie } from '../initial-password';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, ['librarian']);
	const id = Number(event.url.searchParams.get('id'));
	const group = Number.isInteger(id) && id > 0 ? await groups.findSummary(id) : undefined;
	if (!group) error(404, { message: 'not found', key: 'errors:notFound' });

	// Shown once: the cookie is deleted as it is read, so reloading the page no longer shows the password.
	const cookie = parseInitialPasswordCookie(event.cookies.get(INITIAL_PASSWORD_COOKIE));
	if (cookie) event.cookies.delete(INITIAL_PASSWORD_COOKIE, { path: '/staff/groups/created' });
	const library = locationById(cityConfig(), group.homeLibraryId);
	return {
		group: { ...group, homeLibrary: library ? localName(library.name, event.locals.locale) : group.homeLibraryId },
		initialPassword: cookie?.id === group.accountId ? cookie.password : null,
		groupLimit: cityConfig().holds.maxActivePerGroup
	};
};
