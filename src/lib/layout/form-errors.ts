import { translate, type Locale } from '$lib/i18n';
import { page } from '$app/state';
import { DEFAULT_LOCALE } from '$lib/i18n/locales';

interface FailureLike {
	errors?: Record<string, string>;
	order?: string[];
	values?: Record<string, string | string[]>;
}

/** The error summary entries of a failed form, translated, in the order of the fields on the page. */
export function summaryOf(form: FailureLike | null | undefined, params: Record<string, unknown> = {}) {
	if (!form?.errors) return [];
	const locale = (page.data?.locale as Locale) ?? DEFAULT_LOCALE;
	const order = form.order ?? Object.keys(form.errors);
	return order
		.filter((fieldId) => form.errors![fieldId])
		.map((fieldId) => ({ fieldId, message: translate(locale, form.errors![fieldId], params) }));
}

/**
 * What a page needs from a failed form: the summary, each field's translated error, and the
 * values the person typed (WCAG 3.3.7), falling back to `defaults` (e.g. prefilled from the account).
 */
export function formState(
	form: FailureLike | null | undefined,
	defaults: Record<string, string | string[] | undefined> = {},
	params: Record<string, unknown> = {}
) {
	const summary = summaryOf(form, params);
	return {
		summary,
		hasErrors: summary.length > 0,
		error: (id: string) => summary.find((e) => e.fieldId === id)?.message,
		value: (id: string): string => {
			const v = form?.values?.[id] ?? defaults[id];
			return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
		},
		values: (id: string): string[] => {
			const v = form?.values ? form.values[id] : defaults[id];
			return v === undefined ? [] : Array.isArray(v) ? v : [v];
		}
	};
}
