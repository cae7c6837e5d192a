import { z } from 'zod';
import { normaliseText, optionalText, requiredText } from '$lib/server/forms/form';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import { isPostalCodeInCity } from '$lib/server/config/city';
import { ACCESSIBLE_FORMATS } from '$lib/server/db/schema';
import { BASES, CERTIFICATE_KINDS, CONTACT_METHODS, SERVICE_TYPES, SHOWN_BY, type ServiceType, type Step } from '$lib/reading-services';
import { addMonths, today } from '$lib/server/time/calendar';
import { parseTypedDate, unreadableDateKey } from '$lib/components/date-input';

/**
 * One schema per page of the application (and per staff decision), shared by the actions and their
 * tests. Messages are i18n keys. A value no page ever offers (a service type 4, a format the city does
 * not lend, a made-up basis) is a tampered form, not a slip: it gets `reading:errors.forged`, which says
 * so plainly and asks the patron to choose again from the list.
 */

const E = 'reading:apply';
export const FORGED = 'reading:errors.forged';
export const FREE_TEXT_MAX = 1000;

/** Accessible formats the city lends (the configuration lists what it offers; print is not a reading-services format). */
export function offeredFormats(config: CityConfig): string[] {
	return config.formats.filter((format) => ACCESSIBLE_FORMATS.includes(format));
}

/** A list of checkbox values that must all be in `allowed`; an empty list gets `emptyKey` (if any). */
function choices<T extends string>(allowed: readonly T[], emptyKey: string | null) {
	return z
		.array(z.string())
		.superRefine((values, ctx) => {
			if (values.some((v) => !(allowed as readonly string[]).includes(v))) ctx.addIssue({ code: 'custom', message: FORGED });
			else if (emptyKey && values.length === 0) ctx.addIssue({ code: 'custom', message: emptyKey });
		})
		.transform((values) => allowed.filter((a) => values.includes(a)));
}

/** One radio value from `allowed`: nothing chosen gets `emptyKey`, anything else not offered is forged. */
function choice<T extends string>(allowed: readonly T[], emptyKey: string) {
	return z
		.string({ error: emptyKey })
		.superRefine((value, ctx) => {
			if (value === '') ctx.addIssue({ code: 'custom', message: emptyKey });
			else if (!(allowed as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', message: FORGED });
		})
		.transform((value) => value as T);
}

const TYPE_VALUES = SERVICE_TYPES.map(String) as ('1' | '2' | '3')[];

export const typesSchema = z
	.object({
		serviceTypes: choices(TYPE_VALUES, `${E}.types.errors.empty`).transform((values) => values.map(Number) as ServiceType[]),
		otherNeed: optionalText(`${E}.types.errors.otherNeed`, FREE_TEXT_MAX)
	})
	.superRefine((data, ctx) => {
		const other = data.serviceTypes.includes(3);
		if (other && !data.otherNeed) ctx.addIssue({ code: 'custom', path: ['otherNeed'], message: `${E}.types.errors.otherNeed.empty` });
		// A description without (3) contradicts the choice: ask rather than guess which one is meant.
		if (!other && data.otherNeed) ctx.addIssue({ code: 'custom', path: ['otherNeed'], message: `${E}.types.errors.otherNeed.withoutType3` });
	});

export function formatsSchema(config: CityConfig) {
	return z.object({ formats: choices(offeredFormats(config), `${E}.formats.errors.empty`) });
}

export const basisSchema = z.object({ basis: choice(BASES, `${E}.basis.errors.empty`) });
export const certificateSchema = z.object({ certificateKind: choice(CERTIFICATE_KINDS, `${E}.certificate.errors.empty`) });
export const shownBySchema = z.object({ shownBy: choice(SHOWN_BY, `${E}.shownBy.errors.empty`) });
export const contactSchema = z.object({
	contactMethod: choice(CONTACT_METHODS, `${E}.contact.errors.empty`),
	notes: optionalText(`${E}.contact.errors.notes`, FREE_TEXT_MAX)
});

/**
 * The delivery address for postal service: in the city (home delivery is a ward service), and an
 * address, not a sentence: it names the ward and has a block or house number.
 */
export function addressSchema(config: CityConfig) {
	return z.object({
		deliveryPostalCode: z.preprocess(
			(v) => String(normaliseText(v ?? '')).replace(/^〒\s*/, '').replace(/[‐－ー―−]/g, '-'),
			z
				.string()
				.min(1, `${E}.address.errors.postalCode.empty`)
				.regex(/^\d{3}-?\d{4}$/, `${E}.address.errors.postalCode.format`)
				.refine((p) => isPostalCodeInCity(config, p), `${E}.address.errors.postalCode.outside`)
				.transform((p) => p.replace(/^(\d{3})-?(\d{4})$/, '$1-$2'))
		),
		deliveryAddress: requiredText(`${E}.address.errors.address`, 200)
			.refine((a) => a.includes(config.registration.addressMustContain), `${E}.address.errors.address.outside`)
			.refine((a) => /[0-9一二三四五六七八九十]/.test(a), `${E}.address.errors.address.notAnAddress`)
	});
}

/** Field ids of each step, in page order (for the error summary). */
export const STEP_FIELDS: Record<Step, string[]> = {
	types: ['serviceTypes', 'otherNeed'],
	formats: ['formats'],
	basis: ['basis'],
	certificate: ['certificateKind'],
	'shown-by': ['shownBy'],
	contact: ['contactMethod', 'notes'],
	address: ['deliveryPostalCode', 'deliveryAddress']
};

/** Checkbox names, read as lists. */
export const STEP_ARRAYS: Partial<Record<Step, string[]>> = { types: ['serviceTypes'], formats: ['formats'] };

/** The schema of a step for this city. */
export function stepSchema(step: Step, config: CityConfig) {
	switch (step) {
		case 'types':
			return typesSchema;
		case 'formats':
			return formatsSchema(config);
		case 'basis':
			return basisSchema;
		case 'certificate':
			return certificateSchema;
		case 'shown-by':
			return shownBySchema;
		case 'contact':
			return contactSchema;
		case 'address':
			return addressSchema(config);
	}
}

// ----- staff decisions --------------------------------------------------------------------------

const S = 'reading:staff.errors';

/** Longest expiry staff may set in one go: ten years, as the configuration allows at most 120 months. */
export const MAX_EXPIRY_MONTHS = 120;

/** Approval: the types granted (a subset of those applied for) and the day it lapses if unused. */
export function approveSchema(requested: readonly ServiceType[], now = new Date()) {
	const day = today(now);
	return z.object({
		grantTypes: choices(requested.map(String), `${S}.grantTypes.empty`).transform((values) => values.map(Number) as ServiceType[]),
		expiresOn: z
			.string({ error: `${S}.expiresOn.empty` })
			.superRefine((value, ctx) => {
				if (value === '') ctx.addIssue({ code: 'custom', message: `${S}.expiresOn.empty` });
			})
			.transform((value, ctx) => {
				const parsed = parseTypedDate(value);
				if (!parsed) {
					ctx.addIssue({ code: 'custom', message: unreadableDateKey(value, `${S}.expiresOn.format`, `${S}.expiresOn.notReal`) });
					return z.NEVER;
				}
				if (parsed <= day) {
					ctx.addIssue({ code: 'custom', message: `${S}.expiresOn.past` });
					return z.NEVER;
				}
				if (parsed > addMonths(day, MAX_EXPIRY_MONTHS)) {
					ctx.addIssue({ code: 'custom', message: `${S}.expiresOn.tooFar` });
					return z.NEVER;
				}
				return parsed;
			})
	});
}

export const askSchema = z.object({ question: requiredText(`${S}.question`, FREE_TEXT_MAX) });
export const declineSchema = z.object({ reason: requiredText(`${S}.reason`, FREE_TEXT_MAX) });
export const endSchema = z.object({ reason: requiredText(`${S}.endReason`, FREE_TEXT_MAX) });
export const replySchema = z.object({ reply: requiredText('reading:status.reply.errors', FREE_TEXT_MAX) });
