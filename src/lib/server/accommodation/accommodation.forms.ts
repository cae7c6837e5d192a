import { z } from 'zod';
import { normaliseText, optionalText, requiredText } from '$lib/server/forms/form';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import { parseTypedDate, unreadableDateKey } from '$lib/components/date-input';
import { addDays, addMonths, today } from '$lib/server/time/calendar';
import {
	ACCOMMODATIONS,
	AREA_KINDS,
	BURDEN_FACTORS,
	ELSEWHERE,
	JUSTIFIED_REASONS,
	LONG_TEXT_MAX,
	OUTCOMES,
	RELATIONSHIPS,
	REPLY_METHODS,
	REPLY_NEEDS,
	SERVICE_KINDS,
	SHORT_TEXT_MAX,
	UNKNOWN_AREA,
	WHO,
	type RequestAnswers,
	type Step
} from '$lib/accommodation/options';

/**
 * One schema per page of the request and per desk action, shared by the actions and their tests. Messages
 * are i18n keys. A value no page offers (a made-up accommodation, a location that does not exist) is a
 * tampered form: `accommodation:errors.forged` says so and asks for a choice from the list. A desk id that
 * does not exist in a transfer is named as such (staff may have typed a URL by hand).
 */

const N = 'accommodation:new';
export const FORGED = 'accommodation:errors.forged';

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

/** One radio value from `allowed`: nothing chosen gets `emptyKey`, anything not offered is forged. */
function choice<T extends string>(allowed: readonly T[], emptyKey: string, forgedKey = FORGED) {
	return z
		.string({ error: emptyKey })
		.superRefine((value, ctx) => {
			if (value === '') ctx.addIssue({ code: 'custom', message: emptyKey });
			else if (!(allowed as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', message: forgedKey });
		})
		.transform((value) => value as T);
}

/** An optional typed date (DateInput) within [min, max]; empty is undefined. */
function optionalDate(prefix: string, min: string, max: string) {
	return z.preprocess(
		(v) => (typeof v === 'string' && v.trim() !== '' ? v : undefined),
		z
			.string()
			.transform((value, ctx) => {
				const parsed = parseTypedDate(value);
				if (!parsed) {
					ctx.addIssue({ code: 'custom', message: unreadableDateKey(value, `${prefix}.format`, `${prefix}.notReal`) });
					return z.NEVER;
				}
				if (parsed < min) {
					ctx.addIssue({ code: 'custom', message: `${prefix}.tooEarly` });
					return z.NEVER;
				}
				if (parsed > max) {
					ctx.addIssue({ code: 'custom', message: `${prefix}.tooLate` });
					return z.NEVER;
				}
				return parsed;
			})
			.optional()
	);
}

export const whoSchema = z.object({ who: choice(WHO, `${N}.who.errors.empty`) });

export const supporterSchema = z.object({
	relationship: choice(RELATIONSHIPS, `${N}.supporter.errors.relationship.empty`),
	personName: optionalText(`${N}.supporter.errors.personName`, 100)
});

export const serviceSchema = z.object({ serviceKind: choice(SERVICE_KINDS, `${N}.service.errors.empty`) });

/** The place: a library location (an event may be elsewhere) or an area (or "I do not know"). */
export function placeSchema(config: CityConfig, answers: RequestAnswers) {
	if (answers.serviceKind && AREA_KINDS.includes(answers.serviceKind)) {
		return z.object({ areaId: choice([...config.areas.map((a) => a.id), UNKNOWN_AREA], `${N}.place.errors.area.empty`) });
	}
	const allowed = answers.serviceKind === 'event'
		? [...config.locations.filter((l) => l.kind === 'library').map((l) => l.id), ELSEWHERE]
		: config.locations.map((l) => l.id);
	return z.object({ locationId: choice(allowed, `${N}.place.errors.location.empty`) });
}

/** The day of the visit or event: a barrier met last year or expected next year is still a request. */
export function whenSchema(now = new Date()) {
	const day = today(now);
	return z.object({
		visitDate: optionalDate(`${N}.when.errors.visitDate`, addMonths(day, -12), addMonths(day, 24)),
		occasion: optionalText(`${N}.when.errors.occasion`, SHORT_TEXT_MAX)
	});
}

export const barrierSchema = z.object({ barrier: requiredText(`${N}.barrier.errors`, LONG_TEXT_MAX) });

export const accommodationsSchema = z
	.object({
		accommodations: choices(ACCOMMODATIONS, null),
		accommodationOther: optionalText(`${N}.accommodations.errors.other`, LONG_TEXT_MAX)
	})
	.superRefine((data, ctx) => {
		if (data.accommodations.length === 0 && !data.accommodationOther) {
			ctx.addIssue({ code: 'custom', path: ['accommodations'], message: `${N}.accommodations.errors.empty` });
		}
	});

const R = `${N}.reply.errors`;

/** A Japanese phone or fax number as people type it: 10 or 11 digits starting with 0, hyphens and spaces allowed. */
function phoneNumber(prefix: string) {
	return z.preprocess(
		(v) => {
			const text = normaliseText(v ?? '');
			return text === '' ? undefined : String(text).replace(/[‐－ー―−]/g, '-');
		},
		z
			.string()
			.refine((value) => /^[0-9()\- ]+$/.test(value) && /^0\d{9,10}$/.test(value.replace(/\D/g, '')), `${prefix}.format`)
			.optional()
	);
}

export const replySchema = z
	.object({
		name: requiredText(`${R}.name`, 100),
		replyMethod: choice(REPLY_METHODS, `${R}.method.empty`),
		phone: phoneNumber(`${R}.phone`),
		fax: phoneNumber(`${R}.fax`),
		email: z.preprocess((v) => {
			const text = normaliseText(v ?? '');
			return text === '' ? undefined : text;
		}, z.email(`${R}.email.format`).max(200, `${R}.email.format`).optional()),
		postalCode: z.preprocess(
			(v) => {
				const text = String(normaliseText(v ?? '')).replace(/^〒\s*/, '').replace(/[‐－ー―−]/g, '-');
				return text === '' ? undefined : text;
			},
			z
				.string()
				.regex(/^\d{3}-?\d{4}$/, `${R}.postalCode.format`)
				.transform((p) => p.replace(/^(\d{3})-?(\d{4})$/, '$1-$2'))
				.optional()
		),
		address: optionalText(`${R}.address`, 200),
		supporterContact: optionalText(`${R}.supporterContact`, SHORT_TEXT_MAX)
	})
	.superRefine((data, ctx) => {
		// The detail the chosen way of replying needs; the others stay optional.
		for (const field of REPLY_NEEDS[data.replyMethod] ?? []) {
			if (!data[field]) ctx.addIssue({ code: 'custom', path: [field], message: `${R}.${field}.missing` });
		}
	});

/** The day the person needs an answer by: from today, within a year. */
export function deadlineSchema(now = new Date()) {
	const day = today(now);
	return z.object({ answerBy: optionalDate(`${N}.deadline.errors`, day, addDays(addMonths(day, 12), 0)) });
}

/** Field ids of each page, in page order (for the error summary). */
export const STEP_FIELDS: Record<Step, string[]> = {
	who: ['who'],
	supporter: ['relationship', 'personName'],
	service: ['serviceKind'],
	place: ['locationId', 'areaId'],
	when: ['visitDate', 'occasion'],
	barrier: ['barrier'],
	accommodations: ['accommodations', 'accommodationOther'],
	reply: ['name', 'replyMethod', 'phone', 'fax', 'email', 'postalCode', 'address', 'supporterContact'],
	deadline: ['answerBy']
};

/** Checkbox names, read as lists. */
export const STEP_ARRAYS: Partial<Record<Step, string[]>> = { accommodations: ['accommodations'] };

/** The schema of a page for this city and these answers so far. */
export function stepSchema(step: Step, config: CityConfig, answers: RequestAnswers, now = new Date()) {
	switch (step) {
		case 'who':
			return whoSchema;
		case 'supporter':
			return supporterSchema;
		case 'service':
			return serviceSchema;
		case 'place':
			return placeSchema(config, answers);
		case 'when':
			return whenSchema(now);
		case 'barrier':
			return barrierSchema;
		case 'accommodations':
			return accommodationsSchema;
		case 'reply':
			return replySchema;
		case 'deadline':
			return deadlineSchema(now);
	}
}

// ----- messages and desk actions ----------------------------------------------------------------

export const messageSchema = z.object({ message: requiredText('accommodation:message.errors', LONG_TEXT_MAX) });

const T = 'accommodation:staff.transfer.errors';

/** A transfer: to another configured desk, with a reason (kept for staff; the person sees where it went). */
export function transferSchema(config: CityConfig, currentDeskId: string) {
	return z.object({
		toDeskId: z
			.string({ error: `${T}.desk.empty` })
			.superRefine((value, ctx) => {
				if (value === '') ctx.addIssue({ code: 'custom', message: `${T}.desk.empty` });
				else if (!config.desks.some((desk) => desk.id === value)) ctx.addIssue({ code: 'custom', message: `${T}.desk.unknown` });
				else if (value === currentDeskId) ctx.addIssue({ code: 'custom', message: `${T}.desk.same` });
			}),
		reason: requiredText(`${T}.reason`, SHORT_TEXT_MAX)
	});
}

const O = 'accommodation:staff.outcome.errors';

/**
 * The outcome. Declining needs the undue-burden factors (annex 5) and the explanation the person reads;
 * treating the person differently for a justified reason needs the annex 2 viewpoints and the same
 * explanation; an agreed alternative is explained too. Factors given without declining, or reasons without
 * a different treatment, contradict the choice: asked about rather than silently dropped. The summary is
 * what other desks will find later (art. 6-3): anonymised by its writer.
 */
export const outcomeSchema = z
	.object({
		outcome: choice(OUTCOMES, `${O}.outcome.empty`),
		factors: choices(BURDEN_FACTORS, null),
		differentialTreatment: choices(['yes'] as const, null).transform((values) => values.includes('yes')),
		justifiedReasons: choices(JUSTIFIED_REASONS, null),
		explanation: optionalText(`${O}.explanation`, LONG_TEXT_MAX),
		summary: requiredText(`${O}.summary`, SHORT_TEXT_MAX)
	})
	.superRefine((data, ctx) => {
		const declined = data.outcome === 'declined';
		if (declined && data.factors.length === 0) ctx.addIssue({ code: 'custom', path: ['factors'], message: `${O}.factors.empty` });
		if (!declined && data.factors.length > 0) ctx.addIssue({ code: 'custom', path: ['factors'], message: `${O}.factors.notDeclined` });
		if (data.differentialTreatment && data.justifiedReasons.length === 0) {
			ctx.addIssue({ code: 'custom', path: ['justifiedReasons'], message: `${O}.justifiedReasons.empty` });
		}
		if (!data.differentialTreatment && data.justifiedReasons.length > 0) {
			ctx.addIssue({ code: 'custom', path: ['justifiedReasons'], message: `${O}.justifiedReasons.notDifferential` });
		}
		if (!data.explanation && (declined || data.differentialTreatment || data.outcome === 'alternative_agreed')) {
			const key = declined ? 'declined' : data.differentialTreatment ? 'differential' : 'alternative';
			ctx.addIssue({ code: 'custom', path: ['explanation'], message: `${O}.explanation.${key}` });
		}
	});

export const OUTCOME_FIELDS = ['outcome', 'factors', 'differentialTreatment', 'justifiedReasons', 'explanation', 'summary'];
export const OUTCOME_ARRAYS = ['factors', 'differentialTreatment', 'justifiedReasons'];
export type OutcomeInput = z.output<typeof outcomeSchema>;

const M = 'accommodation:staff.managers.errors';

/** Designating a responsible manager: a staff number (10 digits, typed any way) and a desk. */
export function designateSchema(config: CityConfig) {
	return z.object({
		staffNumber: z.preprocess(
			(v) => String(normaliseText(v ?? '')).replace(/[\s-]/g, ''),
			z.string().min(1, `${M}.staffNumber.empty`).regex(/^\d{10}$/, `${M}.staffNumber.format`)
		),
		deskId: choice(
			config.desks.map((desk) => desk.id),
			`${M}.desk.empty`,
			`${M}.desk.unknown`
		)
	});
}
