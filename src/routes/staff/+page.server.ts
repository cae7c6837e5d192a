import { requireStaff } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const session = requireStaff(event, ['librarian', 'desk_officer']);
	return { role: session.actor.role };
};
