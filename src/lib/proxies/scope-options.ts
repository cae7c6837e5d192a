import { t } from '$lib/i18n';

/** The scopes as checkbox options, each with its one-line explanation, in the page's language. */
export function scopeOptions(scopes: readonly string[]) {
	return scopes.map((value) => ({ value, label: t(`proxies:scopes.${value}.label`), hint: t(`proxies:scopes.${value}.hint`) }));
}
