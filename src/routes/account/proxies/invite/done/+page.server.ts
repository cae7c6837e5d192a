import { redirect } from '@sveltejs/kit';
import { requireSelf } from '$lib/server/auth/guards';
import { readInvite } from '../invite-cookie.server';
import type { PageServerLoad } from './$types';

/** The invitation just made: for a code, the only time it is shown. */
export const load: PageServerLoad = async (event) => {
	await requireSelf(event);
	const outcome = readInvite(event.cookies);
	if (!outcome) redirect(303, '/account/proxies');
	return { outcome };
};
