import { z } from 'zod';
import { normaliseText, requiredText } from '$lib/server/forms/form';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import { isPostalCodeInCity } from '$lib/server/config/city';

const E = 'staff:groups.errors';

/** Kinds of group that may register for group lending (N lending rules art. 4). */
export const GROUP_TYPES = [
	'kindergarten',
	'school_class',
	'nursery',
	'after_school_club',
	'welfare_facility',
	'community_bunko',
	'other_approved'
] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** Field order on the page, for the error summary. */
export const GROUP_FIELDS = [
	'name', 'nameKana', 'groupType', 'postalCode', 'address', 'phone',
	'representative', 'contactPerson', 'members', 'purpose', 'homeLibraryId'
];

/** Largest group the form accepts: a welfare facility may have a few hundred people; more is a typing slip. */
export const MAX_MEMBERS = 9999;

const DASHES = /[‐－ー―−]/g;

/** Hiragana is accepted and stored as katakana, as on the paper form. */
function toKatakana(text: string): string {
	return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** The libraries a group may name as its home library (where it borrows and returns). */
export function groupLibraryIds(config: CityConfig): string[] {
	return config.locations.filter((l) => l.kind === 'library').map((l) => l.id);
}

/**
 * Group registration by staff (N lending rules art. 4, form 3). Staff type what is on the paper form,
 * so the schema accepts full-width digits, hiragana readings and any dash, as the patron form does.
 * Groups are in the ward (art. 4): the postal code must be the city's, the same rule as online registration.
 */
export function groupSchema(config: CityConfig) {
	const libraries = groupLibraryIds(config);
	return z.object({
		name: requiredText(`${E}.name`, 100),
		nameKana: z.preprocess(
			(v) => toKatakana(String(normaliseText(v ?? ''))).replace(/\s+/g, ' '),
			// Class names carry numbers ("3ネン2クミ"), so digits and Latin letters are allowed beside katakana.
			z.string().min(1, `${E}.nameKana.empty`).max(100, `${E}.nameKana.tooLong`)
				.regex(/^[\u30A0-\u30FF0-9A-Za-z ]+$/, `${E}.nameKana.format`)
		),
		groupType: z.enum(GROUP_TYPES, { error: `${E}.groupType.empty` }),
		postalCode: z.preprocess(
			(v) => String(normaliseText(v ?? '')).replace(/^〒/, '').replace(DASHES, '-'),
			z.string().min(1, `${E}.postalCode.empty`).regex(/^\d{3}-?\d{4}$/, `${E}.postalCode.format`)
				.refine((p) => isPostalCodeInCity(config, p), `${E}.postalCode.outside`)
				.transform((p) => p.replace(/^(\d{3})-?(\d{4})$/, '$1-$2'))
		),
		address: requiredText(`${E}.address`, 200),
		phone: z.preprocess(
			(v) => String(normaliseText(v ?? '')).replace(DASHES, '-'),
			z.string().min(1, `${E}.phone.empty`).regex(/^0[\d-]{9,12}$/, `${E}.phone.format`)
				.refine((p) => /^\d{10,11}$/.test(p.replace(/-/g, '')), `${E}.phone.format`)
		),
		representative: requiredText(`${E}.representative`, 60),
		contactPerson: requiredText(`${E}.contactPerson`, 60),
		members: z.preprocess(
			(v) => String(normaliseText(v ?? '')).replace(/[,\s]/g, '').replace(/人$/, ''),
			z.string().min(1, `${E}.members.empty`).regex(/^\d+$/, `${E}.members.format`)
				.transform(Number)
				.refine((n) => n >= 1 && n <= MAX_MEMBERS, `${E}.members.range`)
		),
		purpose: requiredText(`${E}.purpose`, 500),
		homeLibraryId: z.string({ error: `${E}.homeLibraryId.empty` })
			.refine((id) => libraries.includes(id), `${E}.homeLibraryId.empty`)
	});
}
export type GroupInput = z.infer<ReturnType<typeof groupSchema>>;
