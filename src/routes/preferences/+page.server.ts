import { fail, redirect } from '@sveltejs/kit';
import { PREFERENCES_COOKIE, preferencesFromForm, serialisePreferences } from '$lib/preferences';
import { setPreferenceCookie } from '$lib/server/http/cookies';
import { echoValues } from '$lib/server/forms/form';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const preferences = preferencesFromForm(form);
		// Only a forged or truncated form gets here: every value is a radio button.
		if (!preferences) return fail(400, { values: echoValues(form), errors: { textSize: 'prefs:errors.invalid' }, order: ['textSize'] });
		setPreferenceCookie(cookies, PREFERENCES_COOKIE, serialisePreferences(preferences));
		redirect(303, '/preferences?saved=1');
	}
};
