import { z } from 'zod';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import { addressSchema, FORGED } from '$lib/server/reading-services/application.forms';
import { normaliseText } from '$lib/server/forms/form';
import { parseTypedDate, unreadableDateKey } from '$lib/components/date-input';
import { addDays, today } from '$lib/server/time/calendar';
import { METHODS, RETURN_METHODS, TIMES_OF_DAY, returnFits, type Method, type ReturnMethod, type TimeOfDay } from '$lib/home-delivery/options';

/**
 * The home delivery forms, one schema per page, shared by the actions and their tests. Messages are i18n
 * keys. A value no page offers (an item id that is not a number, a method the portal does not know) is a
 * tampered form and gets the reading-services wording for it (`reading:errors.forged`); a method the
 * portal knows but the city does not offer says so. Whether an item exists, may be lent to this patron
 * and can travel by the chosen method is the service's to check (it needs the database).
 */

const E = 'delivery:new';
export { FORGED };

/** Longest catalogue query on the items page (as the search page). */
export const QUERY_MAX = 200;

/** One value from `allowed`: nothing chosen gets `emptyKey`; a known value the city does not offer gets `notOfferedKey`; anything else is forged. */
function choice<T extends string>(known: readonly T[], offered: readonly T[], emptyKey: string, notOfferedKey = FORGED) {
	return z
		.string({ error: emptyKey })
		.superRefine((value, ctx) => {
			if (value === '') ctx.addIssue({ code: 'custom', message: emptyKey });
			else if (!(known as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', message: FORGED });
			else if (!(offered as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', message: notOfferedKey });
		})
		.transform((value) => value as T);
}

/** The items page: catalogue record ids, at least one, at most the configured number; repeats count once. */
export function itemsSchema(config: CityConfig) {
	const max = config.homeDelivery.maxItems;
	return z.object({
		items: z
			.array(z.string())
			.superRefine((values, ctx) => {
				if (values.some((v) => !/^\d{1,9}$/.test(v) || Number(v) === 0)) ctx.addIssue({ code: 'custom', message: FORGED });
				else if (values.length === 0) ctx.addIssue({ code: 'custom', message: `${E}.items.errors.empty` });
				else if (new Set(values).size > max) ctx.addIssue({ code: 'custom', message: `${E}.items.errors.tooMany` });
			})
			.transform((values) => [...new Set(values.map(Number))])
	});
}
export const ITEMS_ARRAYS = ['items'];

/** The catalogue search on the items page (a GET parameter): trimmed, at most `QUERY_MAX` characters. */
export function searchQueryOf(params: URLSearchParams): string {
	const q = String(normaliseText(params.get('q') ?? ''));
	return [...q].slice(0, QUERY_MAX).join('');
}

/** A typed day in the window the city allows (from `earliestDays` to `latestDays` ahead); messages under `prefix`. */
function dayInWindow(prefix: string, config: CityConfig, now: Date, required: boolean) {
	const day = today(now);
	const earliest = addDays(day, config.homeDelivery.earliestDays);
	const latest = addDays(day, config.homeDelivery.latestDays);
	return z.preprocess(
		(v) => normaliseText(v ?? ''),
		z.string().transform((value, ctx) => {
			if (value === '') {
				if (required) ctx.addIssue({ code: 'custom', message: `${prefix}.empty` });
				return undefined;
			}
			const parsed = parseTypedDate(value);
			if (!parsed) ctx.addIssue({ code: 'custom', message: unreadableDateKey(value, `${prefix}.format`, `${prefix}.notReal`) });
			else if (parsed < day) ctx.addIssue({ code: 'custom', message: `${prefix}.past` });
			else if (parsed < earliest) ctx.addIssue({ code: 'custom', message: `${prefix}.tooSoon` });
			else if (parsed > latest) ctx.addIssue({ code: 'custom', message: `${prefix}.tooFar` });
			else return parsed;
			return z.NEVER;
		})
	);
}

/** The first and last day a patron may ask for, for the page's hint and messages. */
export function dayWindow(config: CityConfig, now = new Date()): { earliest: string; latest: string } {
	const day = today(now);
	return { earliest: addDays(day, config.homeDelivery.earliestDays), latest: addDays(day, config.homeDelivery.latestDays) };
}

/**
 * The details page: how (a method the city offers), where (an address in the city, prefilled from the
 * account), when (a first and an optional second choice of day, morning or afternoon) and how items come
 * back. Collection at the door needs delivery by a visit: the answers would contradict each other.
 */
export function detailsSchema(config: CityConfig, now = new Date()) {
	const D = `${E}.details.errors`;
	const address = addressSchema(config);
	return z
		.object({
			method: choice(
				METHODS,
				config.homeDelivery.methods.map((m) => m.id),
				`${D}.method.empty`,
				`${D}.method.notOffered`
			),
			deliveryPostalCode: address.shape.deliveryPostalCode,
			deliveryAddress: address.shape.deliveryAddress,
			preferredOn: dayInWindow(`${D}.preferredOn`, config, now, true),
			alternativeOn: dayInWindow(`${D}.alternativeOn`, config, now, false),
			timeOfDay: choice(TIMES_OF_DAY, TIMES_OF_DAY, `${D}.timeOfDay.empty`),
			returnMethod: choice(RETURN_METHODS, config.homeDelivery.returnMethods, `${D}.returnMethod.empty`, `${D}.returnMethod.notOffered`)
		})
		.superRefine((data, ctx) => {
			if (data.alternativeOn && data.alternativeOn === data.preferredOn) {
				ctx.addIssue({ code: 'custom', path: ['alternativeOn'], message: `${D}.alternativeOn.same` });
			}
			// Only between two valid answers: an empty or forged method has its own message already.
			const valid = METHODS.includes(data.method) && RETURN_METHODS.includes(data.returnMethod);
			if (valid && !returnFits(data.method, data.returnMethod)) {
				ctx.addIssue({ code: 'custom', path: ['returnMethod'], message: `${D}.returnMethod.collectionNeedsVisit` });
			}
		});
}

export type Details = {
	method: Method;
	deliveryPostalCode: string;
	deliveryAddress: string;
	preferredOn: string;
	alternativeOn?: string;
	timeOfDay: TimeOfDay;
	returnMethod: ReturnMethod;
};

/** The cancel and staff step forms carry the request only in the URL; dispatch adds the tracking number. */
export const TRACKING_MAX = 30;

/**
 * Dispatch: a postal request needs Japan Post's tracking number (お問い合わせ番号: 11 to 13 digits, often
 * written in groups with hyphens); a visit needs none, and one typed anyway is not kept.
 */
export function dispatchSchema(postal: boolean) {
	const S = 'delivery:staff.errors.trackingNumber';
	return z.object({
		trackingNumber: z.preprocess(
			(v) => String(normaliseText(v ?? '')).replace(/[\s‐－ー―−]/g, '-'),
			z.string().transform((value, ctx) => {
				if (!postal) return null;
				if (value === '') ctx.addIssue({ code: 'custom', message: `${S}.empty` });
				else if (value.length > TRACKING_MAX || !/^[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*$/.test(value) || value.replace(/-/g, '').length < 8) {
					ctx.addIssue({ code: 'custom', message: `${S}.format` });
				} else return value.toUpperCase();
				return z.NEVER;
			})
		)
	});
}
