import { error, redirect } from '@sveltejs/kit';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, pickupLocations } from '$lib/server/config/city';
import { formFailure, parseForm } from '$lib/server/forms/form';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { STEP_ARRAYS, STEP_FIELDS, stepSchema } from '$lib/server/accommodation/accommodation.forms';
import { AREA_KINDS, ELSEWHERE, isStep, stepsFor, UNKNOWN_AREA, type RequestAnswers, type Step } from '$lib/accommodation/options';
import { actingFor, answersAsValues, draftToken, intakeSession, rememberDraft, submitterOf } from '../../accommodation.server';
import type { Actions, PageServerLoad } from './$types';

function stepOr404(param: string): Step {
	if (!isStep(param)) error(404, { message: 'not found', key: 'errors:notFound' });
	return param;
}

const pathOf = (step: Step | 'check', changing: boolean) =>
	step === 'check' ? '/accommodation/new/check' : `/accommodation/new/${step}${changing ? '?change=1' : ''}`;

/** One question of the request. The answers so far come from the sealed draft named by the cookie, never the URL. */
export const load: PageServerLoad = async (event) => {
	const session = await intakeSession({ locals: event.locals, url: event.url });
	const step = stepOr404(event.params.step);
	const answers: RequestAnswers = (await accommodation.draftOf(draftToken(event.cookies)))?.reveal() ?? {};
	const elsewhere = accommodation.redirectFor(step, answers);
	if (elsewhere) redirect(303, pathOf(elsewhere, false));

	const changing = event.url.searchParams.get('change') === '1';
	const steps = stepsFor(answers);
	const previous = steps[steps.indexOf(step) - 1];
	const values = answersAsValues(accommodation.stepAnswersOf(step, answers));
	// WCAG 3.3.7: what the account already knows is not typed again.
	const { patronId } = submitterOf(session);
	if (step === 'reply' && patronId !== null && !answers.name) Object.assign(values, answersAsValues(await accommodation.accountFacts(patronId)));
	if (step === 'who' && !answers.who && actingFor(session)) values.who = 'someone_else';

	const config = cityConfig();
	const locale = event.locals.locale;
	let places: { value: string; label: string }[] = [];
	if (step === 'place') {
		if (answers.serviceKind && AREA_KINDS.includes(answers.serviceKind)) {
			places = [...config.areas.map((area) => ({ value: area.id, label: localName(area.name, locale) })), { value: UNKNOWN_AREA, label: '' }];
		} else if (answers.serviceKind === 'event') {
			const libraries = config.locations.filter((location) => location.kind === 'library');
			places = [...libraries.map((l) => ({ value: l.id, label: localName(l.name, locale) })), { value: ELSEWHERE, label: '' }];
		} else {
			places = pickupLocations(config).map((l) => ({ value: l.id, label: localName(l.name, locale) }));
		}
	}
	return {
		step,
		changing,
		back: changing ? '/accommodation/new/check' : previous ? pathOf(previous, false) : '/accommodation',
		values,
		serviceKind: answers.serviceKind ?? null,
		who: answers.who ?? null,
		places
	};
};

export const actions: Actions = {
	default: async (event) => {
		await intakeSession(event);
		const step = stepOr404(event.params.step);
		const changing = event.url.searchParams.get('change') === '1';
		const token = draftToken(event.cookies);
		const answers = (await accommodation.draftOf(token))?.reveal() ?? {};
		const form = await event.request.formData();
		const parsed = parseForm(stepSchema(step, cityConfig(), answers), form, STEP_ARRAYS[step]);
		if (!parsed.ok) return formFailure(form, parsed.errors, STEP_FIELDS[step]);
		const saved = await accommodation.saveStep(token, step, parsed.data as Partial<RequestAnswers>, { changing });
		rememberDraft(event, saved.token);
		redirect(303, pathOf(saved.next, changing));
	}
};
