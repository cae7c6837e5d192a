import { intlLocale, type Locale } from '$lib/i18n/locales';

const TIME_ZONE = 'Asia/Tokyo';

/**
 * A time of day. Easy Japanese writes 午前/午後 rather than the 24-hour clock (annex 6),
 * so it always uses the 12-hour form.
 */
export function formatTime(iso: string | Date, locale: Locale): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		hour: 'numeric',
		minute: '2-digit',
		hour12: locale !== 'en' ? locale === 'easy' : false,
		timeZone: TIME_ZONE
	}).format(new Date(iso));
}

/** A calendar date, e.g. 2026年12月1日(火) / Tuesday 1 December 2026. */
export function formatDate(iso: string | Date, locale: Locale): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		weekday: locale === 'en' ? 'long' : 'short',
		timeZone: TIME_ZONE
	}).format(new Date(iso));
}
