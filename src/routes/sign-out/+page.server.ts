import { redirect } from '@sveltejs/kit';
import * as sessionService from '$lib/server/auth/session.service';
import * as audit from '$lib/server/audit/audit.repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) {
			await sessionService.end(locals.session);
			await audit.record({ actorId: locals.session.actor.id, subjectId: locals.session.actor.id, action: 'auth.sign_out' });
		}
		cookies.delete(sessionService.SESSION_COOKIE, { path: '/' });
		// hooks.server.ts adds Clear-Site-Data to this response, so a shared device keeps no copy of personal pages.
		redirect(303, '/?signedOut=1');
	}
};
