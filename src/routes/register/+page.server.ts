import { redirect } from '@sveltejs/kit';
import { cityConfig } from '$lib/server/config/load-city-config';
import { formFailure, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import { registrationSchema, REGISTRATION_FIELDS } from '$lib/server/patrons/registration.schema';
import { registerOnline } from '$lib/server/patrons/registration.service';
import type { Actions, PageServerLoad } from './$types';

const REGISTERED_COOKIE = 'registered';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.session) redirect(303, '/account');
	return { submission: newSubmissionToken() };
};

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(registrationSchema(cityConfig()), form);
		if (!parsed.ok) return formFailure(form, parsed.errors, REGISTRATION_FIELDS);
		const { result } = await once(form.get('__submission'), 'patrons.register', () => registerOnline(parsed.data));
		// The new card number travels in a short-lived cookie, not the URL, so it stays out of logs and history.
		cookies.set(REGISTERED_COOKIE, result.cardNumber, { path: '/register/done', httpOnly: true, sameSite: 'lax', maxAge: 60 * 30 });
		redirect(303, '/register/done');
	}
};
