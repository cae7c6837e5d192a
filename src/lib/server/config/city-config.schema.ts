import { z } from 'zod';
import { FORMATS } from '../db/schema';
import { METHODS, RETURN_METHODS } from '$lib/home-delivery/options';

// One schema describes every city: a second city is a second JSON file, never new code (STYLE rule 14).
// Objects are strict so a misspelt key ("pickupPeriodDay") fails loudly instead of silently falling back.
// Messages are for the operator who edits the file, in English, and read after the field path.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Hyphenated Japanese numbers: 03-3993-1111, 090-1234-5678, 0120-123-456.
const PHONE = /^0\d{1,4}-\d{1,4}-\d{3,4}$/;
// Easy Japanese writes numbers in Arabic digits (N 対応要領 annex 6): kanji numerals are a mistake here.
const KANJI_NUMERALS = /[〇一二三四五六七八九十百千万]/;

/** A whole number in a range; one message for every way it can be wrong, so operators see the rule. */
function wholeNumber(min: number, max?: number) {
	const rule =
		max === undefined
			? `must be a whole number of at least ${min}`
			: `must be a whole number from ${min} to ${max}`;
	// Returning undefined for a missing value lets the parse-level map say "is required".
	const error = (issue: { input?: unknown }) => (issue.input === undefined ? undefined : rule);
	const base = z.number({ error }).int({ error }).min(min, { error });
	return max === undefined ? base : base.max(max, { error });
}

const text = z.string().trim().min(1, { error: 'must not be empty' });

const slug = z.string().regex(SLUG, {
	error: 'must be a lowercase id such as "hikarigaoka" (letters a to z, digits and single hyphens)'
});

const phone = z.string().regex(PHONE, {
	error: 'must be a Japanese phone number with hyphens, such as 03-3993-1111'
});

const email = z.email({ error: 'must be an email address' });

const easyText = text.refine((value) => !KANJI_NUMERALS.test(value), {
	error: 'must not contain kanji numerals: Easy Japanese writes numbers as 1, 2, 3'
});

/** A name in the portal's three locales: Japanese, English and Easy Japanese (やさしい日本語). */
export const localizedTextSchema = z.strictObject({ ja: text, en: text, easy: easyText });

/** A postal address. Easy Japanese shows the Japanese one: it is what the post office needs. */
export const addressSchema = z.strictObject({ ja: text, en: text });

/** A library (holds a collection) or a pickup window (hands out reserved items only), DOMAIN.md §8. */
export const locationSchema = z
	.strictObject({
		id: slug,
		kind: z.enum(['library', 'pickup_window']),
		name: localizedTextSchema,
		address: addressSchema,
		holdsCollection: z.boolean()
	})
	.refine((location) => !(location.kind === 'pickup_window' && location.holdsCollection), {
		path: ['holdsCollection'],
		error: 'must be false for a pickup window: pickup windows hold no collection'
	});

/** Kinds of desk: the policy division, welfare offices, health centres and library desks. */
export const DESK_KINDS = ['policy', 'welfare', 'health', 'library'] as const;

/** How a desk is reached: at least one way, as consultations come by phone, fax or email (art. 6). */
export const contactSchema = z
	.strictObject({ phone: phone.optional(), fax: phone.optional(), email: email.optional() })
	.refine((contact) => contact.phone || contact.fax || contact.email, {
		error: 'must give at least one of phone, fax or email'
	});

/** A consultation desk of N 対応要領 art. 6, or a library's own desk. */
export const deskSchema = z
	.strictObject({
		id: slug,
		kind: z.enum(DESK_KINDS),
		name: localizedTextSchema,
		/** The area the office stands in; routing decides every area it serves, this one included. */
		area: slug.optional(),
		/** Library desks only: the library the desk belongs to. */
		locationId: slug.optional(),
		contact: contactSchema
	})
	.superRefine((desk, ctx) => {
		if (desk.kind === 'library' && desk.locationId === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['locationId'],
				message: 'is required for a library desk'
			});
		}
		if (desk.kind !== 'library' && desk.locationId !== undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['locationId'],
				message: 'is only allowed on a desk of kind "library"'
			});
		}
	});

/** A district used to route welfare and health consultations to the office that serves it. */
export const areaSchema = z.strictObject({ id: slug, name: localizedTextSchema });

const areaToDesk = z.record(slug, slug);

/** Where a consultation goes, by kind of service and place (N 対応要領 art. 6). */
export const routingSchema = z.strictObject({
	/** Library services go to the library desk of the location concerned. */
	library: z.literal('location', {
		error: (issue) => (issue.input === undefined ? undefined : 'must be "location"')
	}),
	welfare: areaToDesk,
	health: areaToDesk,
	/** Where a request goes when no rule applies: in Nerima the Disability Policy Division. */
	fallbackDeskId: slug,
	/** Every request is also visible here: consultations are aggregated centrally (art. 6-3). */
	policyDeskId: slug
});

/** Reservation rules the head librarian sets (N lending rules art. 3–4). */
export const holdsSchema = z.strictObject({
	/** Days a ready item waits at the pickup location before the hold lapses. */
	pickupPeriodDays: wholeNumber(1, 30),
	maxActivePerPatron: wholeNumber(1),
	/** Nerima: 300 reservations at once per group (art. 4). */
	maxActivePerGroup: wholeNumber(1),
	/** Longest time a patron may pause a hold without losing their place. */
	maxSuspendDays: wholeNumber(0)
});

/** Patron categories of form 1: 0 ward resident, 1 commuter or student, 2 adjacent city. */
export const PATRON_CATEGORIES = ['0', '1', '2'] as const;

/** Online self-registration rules (N lending rules art. 2-5). */
export const registrationSchema = z.strictObject({
	/** Categories that may register online; others register at a counter. Nerima: only '0' ward residents. */
	onlineCategories: z.array(z.enum(PATRON_CATEGORIES)),
	/** Youngest age allowed to register online (middle-school age: 12). */
	minimumAgeYears: wholeNumber(0, 120),
	/** Leading digits of the city's postal codes, without hyphen: "176" matches 176-0001. */
	postalCodePrefixes: z
		.array(z.string().regex(/^\d{1,7}$/, { error: 'must be 1 to 7 digits, such as "176"' }))
		.min(1, { error: 'must list at least one postal code prefix' }),
	/** Text every in-city address contains, such as 練馬区. */
	addressMustContain: text
});

/** Disability reading services (N disability services rules; DOMAIN.md §4). */
export const readingServicesSchema = z.strictObject({
	/** A registration lapses after this many months without use (Nerima: two years). */
	registrationValidityMonths: wholeNumber(1, 120),
	/** How long special care-required personal information (要配慮個人情報) is kept once no longer needed. */
	sensitiveDataRetentionMonths: wholeNumber(1, 120)
});

/** One way of delivering: which of the portal's methods, and the item formats it may carry (omitted: any). */
export const deliveryMethodSchema = z.strictObject({
	id: z.enum(METHODS),
	formats: z.array(z.enum(FORMATS)).min(1, { error: 'must list at least one format, or be left out for any format' }).optional()
});

/** Home delivery (N disability services rules art. 2(2); DOMAIN §5): what the city offers and its periods. */
export const homeDeliverySchema = z
	.strictObject({
		/** The ways items are delivered, in the order the form offers them. Japan Post's free categories carry only some formats. */
		methods: z.array(deliveryMethodSchema).min(1, { error: 'must list at least one delivery method' }),
		/** How items may come back. */
		returnMethods: z.array(z.enum(RETURN_METHODS)).min(1, { error: 'must list at least one return method' }),
		/** Titles in one request. */
		maxItems: wholeNumber(1, 50),
		/** The first day a patron may ask for: staff need time to pack (days from today). */
		earliestDays: wholeNumber(0, 30),
		/** The last day a patron may ask for (days from today). */
		latestDays: wholeNumber(1, 365),
		/** Days the items stay with the patron, from delivery to the return day. */
		loanDays: wholeNumber(1, 120),
		/** The request shows "return due" this many days before the return day. */
		returnNoticeDays: wholeNumber(0, 30),
		/** The library that handles a request when the patron's usual place is a pickup window (no collection). */
		fallbackLibraryId: slug
	})
	.superRefine((delivery, ctx) => {
		delivery.methods.forEach((method, index) => {
			if (delivery.methods.findIndex((m) => m.id === method.id) !== index) {
				ctx.addIssue({ code: 'custom', path: ['methods', index, 'id'], message: `duplicate method "${method.id}"` });
			}
		});
		if (delivery.latestDays < delivery.earliestDays) {
			ctx.addIssue({ code: 'custom', path: ['latestDays'], message: 'must be at least earliestDays' });
		}
	});

/** Reasonable accommodation requests (N 対応要領 art. 4: a responsible manager checks promptly). */
export const accommodationSchema = z.strictObject({
	acknowledgeWithinHours: wholeNumber(1, 720),
	/** Months after a request is closed until who asked, the case, the messages and the explanation are erased. */
	closedRequestRetentionMonths: wholeNumber(1, 120)
});

/** The contact shown on the consistent "ご相談・お問い合わせ" help page. */
export const helpSchema = z.strictObject({
	phone,
	email,
	hours: localizedTextSchema
});

/** Ids in a list must be unique; the error names the second one and where the first was. */
function uniqueIds(items: { id: string }[], ctx: z.RefinementCtx, label: string) {
	const seen = new Map<string, number>();
	items.forEach((item, index) => {
		const first = seen.get(item.id);
		if (first === undefined) seen.set(item.id, index);
		else
			ctx.addIssue({
				code: 'custom',
				path: [index, 'id'],
				message: `duplicate ${label} id "${item.id}" (also at index ${first})`
			});
	});
}

const locationsSchema = z
	.array(locationSchema)
	.superRefine((locations, ctx) => {
		uniqueIds(locations, ctx, 'location');
		if (!locations.some((location) => location.kind === 'library')) {
			ctx.addIssue({ code: 'custom', message: 'must include at least one library' });
		}
	});

const desksSchema = z.array(deskSchema).superRefine((desks, ctx) => {
	uniqueIds(desks, ctx, 'desk');
	const policy = desks.filter((desk) => desk.kind === 'policy').length;
	if (policy !== 1) {
		ctx.addIssue({
			code: 'custom',
			message: `must include exactly one desk of kind "policy" (found ${policy})`
		});
	}
});

const areasSchema = z
	.array(areaSchema)
	.min(1, { error: 'must list at least one area' })
	.superRefine((areas, ctx) => uniqueIds(areas, ctx, 'area'));

const formatsSchema = z
	.array(z.enum(FORMATS))
	.min(1, { error: 'must list at least one format' })
	.superRefine((formats, ctx) => {
		formats.forEach((format, index) => {
			if (formats.indexOf(format) !== index) {
				ctx.addIssue({ code: 'custom', path: [index], message: `duplicate format "${format}"` });
			}
		});
	});

function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

const cityConfigObject = z.strictObject({
	id: slug,
	name: localizedTextSchema,
	timeZone: z.string().refine(isTimeZone, {
		error: 'must be an IANA time zone such as "Asia/Tokyo"'
	}),
	wardName: localizedTextSchema,
	locations: locationsSchema,
	desks: desksSchema,
	areas: areasSchema,
	routing: routingSchema,
	holds: holdsSchema,
	formats: formatsSchema,
	registration: registrationSchema,
	readingServices: readingServicesSchema,
	homeDelivery: homeDeliverySchema,
	accommodation: accommodationSchema,
	help: helpSchema
});

type CityConfigShape = z.output<typeof cityConfigObject>;

// Zod skips the reference check while any field has the wrong shape (missing, text for a number),
// so it can trust the types; an operator sees shape errors first, reference errors on the next run.
/** The whole city configuration, with every cross-reference (routing, desks, areas, locations) checked. */
export const cityConfigSchema = cityConfigObject.superRefine((config, ctx) =>
	checkReferences(config, ctx)
);

/** Every id one part of the file names must exist in another part, with the right kind. */
function checkReferences(config: CityConfigShape, ctx: z.RefinementCtx) {
	const locations = new Map(config.locations.map((location) => [location.id, location]));
	const desks = new Map(config.desks.map((desk) => [desk.id, desk]));
	const areaIds = new Set(config.areas.map((area) => area.id));
	const issue = (path: (string | number)[], message: string) =>
		ctx.addIssue({ code: 'custom', path, message });

	config.desks.forEach((desk, index) => {
		if (desk.area !== undefined && !areaIds.has(desk.area)) {
			issue(['desks', index, 'area'], `names unknown area "${desk.area}"`);
		} else if (desk.area !== undefined && (desk.kind === 'welfare' || desk.kind === 'health')) {
			// An office's own area must route to it, or the routing table and the desk list disagree.
			// A route to a missing or wrong-kind desk is reported once, on the route, below.
			const routed = config.routing[desk.kind][desk.area];
			if (routed !== desk.id && desks.get(routed)?.kind === desk.kind) {
				const message = `is "${desk.area}", but routing.${desk.kind}.${desk.area} is "${routed}"`;
				issue(['desks', index, 'area'], message);
			}
		}
		if (desk.locationId !== undefined) {
			const location = locations.get(desk.locationId);
			if (!location) {
				issue(['desks', index, 'locationId'], `names unknown location "${desk.locationId}"`);
			} else if (location.kind !== 'library') {
				issue(
					['desks', index, 'locationId'],
					`names "${desk.locationId}", which is a ${location.kind}, not a library`
				);
			}
		}
	});

	// routing.library is "location": that only works if every library has exactly one desk.
	for (const location of config.locations) {
		if (location.kind !== 'library') continue;
		const count = config.desks.filter((desk) => desk.locationId === location.id).length;
		if (count !== 1) {
			issue(
				['desks'],
				`must include exactly one library desk for location "${location.id}" (found ${count})`
			);
		}
	}

	for (const kind of ['welfare', 'health'] as const) {
		const map = config.routing[kind];
		// Total over the areas: a request from any area has somewhere to go without the fallback.
		for (const area of config.areas) {
			if (!Object.hasOwn(map, area.id)) {
				issue(['routing', kind, area.id], 'is required: every area needs a desk');
			}
		}
		for (const [areaId, deskId] of Object.entries(map)) {
			if (!areaIds.has(areaId)) issue(['routing', kind, areaId], `names unknown area "${areaId}"`);
			const desk = desks.get(deskId);
			if (!desk) issue(['routing', kind, areaId], `names unknown desk "${deskId}"`);
			else if (desk.kind !== kind) {
				const message = `names desk "${deskId}" of kind "${desk.kind}", not "${kind}"`;
				issue(['routing', kind, areaId], message);
			}
		}
	}

	const fallbackLibrary = locations.get(config.homeDelivery.fallbackLibraryId);
	if (!fallbackLibrary?.holdsCollection) {
		issue(['homeDelivery', 'fallbackLibraryId'], `names "${config.homeDelivery.fallbackLibraryId}", which is not a library with a collection`);
	}

	if (!desks.has(config.routing.fallbackDeskId)) {
		issue(['routing', 'fallbackDeskId'], `names unknown desk "${config.routing.fallbackDeskId}"`);
	}
	const policyDeskId = config.routing.policyDeskId;
	const policy = desks.get(policyDeskId);
	if (!policy) issue(['routing', 'policyDeskId'], `names unknown desk "${policyDeskId}"`);
	else if (policy.kind !== 'policy') {
		const message = `names desk "${policyDeskId}" of kind "${policy.kind}", not "policy"`;
		issue(['routing', 'policyDeskId'], message);
	}
}

/** A validated city configuration: libraries, desks, routing, periods and limits (DOMAIN.md §2–§8). */
export type CityConfig = CityConfigShape;
export type LocalizedText = z.output<typeof localizedTextSchema>;
export type CityLocation = z.output<typeof locationSchema>;
export type Desk = z.output<typeof deskSchema>;
export type DeskKind = (typeof DESK_KINDS)[number];
export type Area = z.output<typeof areaSchema>;
