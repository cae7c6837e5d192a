import { fail, redirect } from '@sveltejs/kit';
import { formFailure, parseForm, echoValues } from '$lib/server/forms/form';
import { signInSchema, SIGN_IN_FIELDS } from '$lib/server/auth/sign-in.schema';
import { signIn } from '$lib/server/auth/sign-in.service';
import { setSessionCookie } from '$lib/server/http/cookies';
import { safeReturnPath } from '$lib/server/http/return-path';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.session) redirect(303, safeReturnPath(url.searchParams.get('return'), '/account'));
	return { returnTo: safeReturnPath(url.searchParams.get('return'), '') };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const parsed = parseForm(signInSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, SIGN_IN_FIELDS);

		const result = await signIn(parsed.data.cardNumber, parsed.data.password);
		if (!result.ok) {
			const values = echoValues(form);
			if (result.reason === 'wait' || result.reason === 'locked') {
				return fail(429, {
					values,
					errors: { cardNumber: `auth:signIn.errors.${result.reason}` },
					order: ['cardNumber'],
					until: result.until.toISOString()
				});
			}
			return fail(400, { values, errors: { cardNumber: `auth:signIn.errors.${result.reason}` }, order: ['cardNumber'] });
		}
		setSessionCookie(cookies, result.token, result.expiresAt, url);
		const returnTo = safeReturnPath(String(form.get('returnTo') ?? ''), '');
		redirect(303, returnTo || '/account');
	}
};
