import { z } from 'zod';
import { normaliseText, optionalText, requiredText } from '$lib/server/forms/form';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import { isPostalCodeInCity } from '$lib/server/config/city';

const E = 'register:errors';

/** Field order on the page, for the error summary. */
export const REGISTRATION_FIELDS = [
	'name', 'nameKana', 'birthYear', 'category', 'postalCode', 'address',
	'phone', 'phoneKind', 'email', 'previousCardNumber', 'password', 'agree'
];
export const PHONE_KINDS = ['home', 'mobile', 'fax', 'call_through'] as const;

/** フリガナ: hiragana is accepted and stored as katakana, as on form 1. */
export function toKatakana(text: string): string {
	return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Online registration (N lending rules art. 2, form 1), with the city's eligibility rules (art. 2-5). */
export function registrationSchema(config: CityConfig, today = new Date()) {
	const year = today.getFullYear();
	return z
		.object({
			name: requiredText(`${E}.name`, 60),
			nameKana: z.preprocess(
				(v) => toKatakana(String(normaliseText(v ?? ''))).replace(/\s+/g, ' '),
				z.string().min(1, `${E}.nameKana.empty`).max(60, `${E}.nameKana.tooLong`)
					.regex(/^[\u30A0-\u30FF ]+$/, `${E}.nameKana.format`)
			),
			birthYear: z.preprocess(
				(v) => String(normaliseText(v ?? '')).replace(/年$/, ''),
				z.string().min(1, `${E}.birthYear.empty`).regex(/^\d{4}$/, `${E}.birthYear.format`)
					.transform(Number)
					.refine((y) => y >= year - 120 && y <= year, `${E}.birthYear.range`)
					.refine((y) => year - y >= config.registration.minimumAgeYears, `${E}.birthYear.tooYoung`)
			),
			category: z.enum(['0', '1', '2'], { error: `${E}.category.empty` })
				.refine((c) => (config.registration.onlineCategories as string[]).includes(c), `${E}.category.notOnline`),
			postalCode: z.preprocess(
				(v) => String(normaliseText(v ?? '')).replace(/^〒/, '').replace(/[‐－ー―−]/g, '-'),
				z.string().min(1, `${E}.postalCode.empty`).regex(/^\d{3}-?\d{4}$/, `${E}.postalCode.format`)
					.refine((p) => isPostalCodeInCity(config, p), `${E}.postalCode.outside`)
					.transform((p) => p.replace(/^(\d{3})-?(\d{4})$/, '$1-$2'))
			),
			address: requiredText(`${E}.address`, 200).refine(
				(a) => a.includes(config.registration.addressMustContain),
				`${E}.address.outside`
			),
			phone: z.preprocess(
				(v) => String(normaliseText(v ?? '')).replace(/[‐－ー―−]/g, '-'),
				z.string().min(1, `${E}.phone.empty`).regex(/^0[\d-]{9,12}$/, `${E}.phone.format`)
					.refine((p) => /^\d{10,11}$/.test(p.replace(/-/g, '')), `${E}.phone.format`)
			),
			phoneKind: z.enum(PHONE_KINDS, { error: `${E}.phoneKind.empty` }),
			email: optionalText(`${E}.email`, 200).refine(
				(e) => e === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e),
				`${E}.email.format`
			),
			previousCardNumber: z.preprocess(
				(v) => {
					const text = String(normaliseText(v ?? '')).replace(/[\s-]/g, '');
					return text === '' ? undefined : text;
				},
				z.string().regex(/^\d{10}$/, `${E}.previousCardNumber.format`).optional()
			),
			password: z.string({ error: `${E}.password.empty` }).min(1, `${E}.password.empty`)
				.min(10, `${E}.password.tooShort`).max(200, `${E}.password.tooLong`),
			agree: z.literal('yes', { error: `${E}.agree.empty` })
		});
}
export type RegistrationInput = z.infer<ReturnType<typeof registrationSchema>>;
