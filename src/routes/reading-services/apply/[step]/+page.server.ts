import { error, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { cityConfig } from '$lib/server/config/load-city-config';
import { formFailure, parseForm } from '$lib/server/forms/form';
import * as readingServices from '$lib/server/reading-services/reading-services.service';
import { offeredFormats, STEP_ARRAYS, STEP_FIELDS, stepSchema } from '$lib/server/reading-services/application.forms';
import { isStep, stepsFor, type ApplicationAnswers, type Step } from '$lib/reading-services';
import { actingOf, answersAsValues, requireReadingScope } from '../../reading-services.server';
import type { Actions, PageServerLoad } from './$types';

function stepOr404(param: string): Step {
	if (!isStep(param)) error(404, { message: 'not found', key: 'errors:notFound' });
	return param;
}

const pathOf = (step: Step | 'check', changing: boolean) =>
	step === 'check' ? '/reading-services/apply/check' : `/reading-services/apply/${step}${changing ? '?change=1' : ''}`;

/** One question of the application. The answers so far come from the sealed draft, never from the URL. */
export const load: PageServerLoad = async (event) => {
	const session = await requireReadingScope(event);
	const step = stepOr404(event.params.step);
	const acting = actingOf(session);
	const open = await readingServices.openApplicationOf(acting.patronId);
	if (open) redirect(303, '/reading-services?pending=1');

	const answers: ApplicationAnswers = (await readingServices.draftOf(acting))?.reveal() ?? {};
	const elsewhere = readingServices.redirectFor(step, answers);
	if (elsewhere) redirect(303, pathOf(elsewhere, false));

	const changing = event.url.searchParams.get('change') === '1';
	const steps = stepsFor(answers);
	const previous = steps[steps.indexOf(step) - 1];
	const account = step === 'address' || step === 'contact' ? await readingServices.accountFacts(acting.patronId) : null;
	const values = answersAsValues(readingServices.stepAnswers(step, answers));
	// WCAG 3.3.7: the delivery address starts as the address the library already has.
	if (step === 'address' && account) {
		values.deliveryPostalCode ??= account.postalCode;
		values.deliveryAddress ??= account.address;
	}
	return {
		step,
		changing,
		back: changing ? '/reading-services/apply/check' : previous ? pathOf(previous, false) : '/reading-services/apply',
		values,
		formats: step === 'formats' ? offeredFormats(cityConfig()) : [],
		basis: answers.basis ?? null,
		contact: account && { phone: account.phone, email: account.email, hasProxy: account.hasProxy }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const session = await requireScope(event, 'reading_services');
		const step = stepOr404(event.params.step);
		const acting = actingOf(session);
		const changing = event.url.searchParams.get('change') === '1';
		const form = await event.request.formData();
		const parsed = parseForm(stepSchema(step, cityConfig()), form, STEP_ARRAYS[step]);
		if (!parsed.ok) return formFailure(form, parsed.errors, STEP_FIELDS[step]);
		if (await readingServices.openApplicationOf(acting.patronId)) redirect(303, '/reading-services?pending=1');
		const saved = await readingServices.saveStep(acting, step, parsed.data as Partial<ApplicationAnswers>, { changing });
		if (!saved.ok) return formFailure(form, saved.errors, STEP_FIELDS[step]);
		redirect(303, pathOf(saved.next, changing));
	}
};
