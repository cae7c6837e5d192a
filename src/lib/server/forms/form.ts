import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';

/** Field id → i18n message key. */
export type FieldErrors = Record<string, string>;

export interface FormFailure {
	values: Record<string, string | string[]>;
	errors: FieldErrors;
	/** Field ids in page order, so the error summary lists them as the form does. */
	order: string[];
}

/** Fields whose values are never sent back to the browser (re-typing a password is the safe exception to 3.3.7). */
const NEVER_ECHO = /password/i;

/** Every submitted value as the person typed it (lists for repeated names), minus secrets. */
export function echoValues(form: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		if (NEVER_ECHO.test(key) || key.startsWith('__')) continue;
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = all.length > 1 ? all : (all[0] ?? '');
	}
	return values;
}

/** Parses a form with a schema whose messages are i18n keys; the first issue per field wins. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	arrays: string[] = []
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
	const raw: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = arrays.includes(key) ? all : all[0];
	}
	for (const key of arrays) raw[key] ??= [];
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

/** A 400 with the person's values and the errors, for the page to show (nothing typed is lost). */
export function formFailure(form: FormData, errors: FieldErrors, order: string[]): ActionFailure<FormFailure> {
	const sorted = [...order.filter((f) => f in errors), ...Object.keys(errors).filter((f) => !order.includes(f))];
	return fail(400, { values: echoValues(form), errors, order: sorted });
}

/** Text as people type it on Japanese keyboards: NFKC (full-width digits and letters, half-width kana) and trimmed. */
export function normaliseText(value: unknown): unknown {
	return typeof value === 'string' ? value.normalize('NFKC').trim() : value;
}

/** A required text field with a maximum length; messages are keys under `prefix`. */
export function requiredText(prefix: string, max: number) {
	return z.preprocess(
		(v) => normaliseText(v ?? ''),
		z.string().min(1, `${prefix}.empty`).max(max, `${prefix}.tooLong`)
	);
}

/** An optional text field: empty becomes undefined. */
export function optionalText(prefix: string, max: number) {
	return z.preprocess(
		(v) => {
			const text = normaliseText(v ?? '');
			return text === '' ? undefined : text;
		},
		z.string().max(max, `${prefix}.tooLong`).optional()
	);
}
