import { redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { cityConfig } from '$lib/server/config/load-city-config';
import { formFailure, parseForm } from '$lib/server/forms/form';
import * as delivery from '$lib/server/home-delivery/home-delivery.service';
import { dayWindow, detailsSchema, type Details } from '$lib/server/home-delivery/home-delivery.forms';
import { DETAIL_FIELDS } from '$lib/home-delivery/options';
import { actingOf, requireDeliveryScope, requireEligible } from '../../home-delivery.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * How, where and when: only the methods that can carry the chosen titles are offered; the address starts
 * as the account's (WCAG 3.3.7); the days allowed are given in the hint and checked by the server.
 */
export const load: PageServerLoad = async (event) => {
	const session = await requireDeliveryScope(event);
	await requireEligible(session);
	const acting = actingOf(session);
	const answers = await delivery.answersOf(acting.patronId);
	if (!answers.items?.length) redirect(303, '/home-delivery/new');
	const [methods, account] = await Promise.all([delivery.methodsForDraft(acting.patronId), delivery.accountAddress(acting.patronId)]);
	const config = cityConfig();
	return {
		changing: event.url.searchParams.get('change') === '1',
		methods,
		returnMethods: config.homeDelivery.returnMethods,
		loanDays: config.homeDelivery.loanDays,
		window: dayWindow(config),
		values: {
			method: answers.method,
			deliveryPostalCode: answers.deliveryPostalCode ?? account.postalCode,
			deliveryAddress: answers.deliveryAddress ?? account.address,
			// Days as the patron would type them (2026/5/1).
			preferredOn: answers.preferredOn?.replaceAll('-', '/'),
			alternativeOn: answers.alternativeOn?.replaceAll('-', '/'),
			timeOfDay: answers.timeOfDay,
			returnMethod: answers.returnMethod
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const session = await requireScope(event, 'home_delivery');
		await requireEligible(session);
		const form = await event.request.formData();
		const parsed = parseForm(detailsSchema(cityConfig()), form);
		if (!parsed.ok) return formFailure(form, parsed.errors, [...DETAIL_FIELDS]);
		const saved = await delivery.saveDetails(actingOf(session), parsed.data as Details);
		if (!saved.ok) return formFailure(form, saved.errors, [...DETAIL_FIELDS]);
		redirect(303, '/home-delivery/new/check');
	}
};
