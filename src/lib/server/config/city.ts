import type { CityConfig, CityLocation, Desk, LocalizedText } from './city-config.schema';

/** The locales a configured name exists in: Japanese, English and Easy Japanese. */
export type NameLocale = keyof LocalizedText;

/** The library or pickup window with this id, or undefined (ids may come from a form). */
export function locationById(config: CityConfig, id: string): CityLocation | undefined {
	return config.locations.find((location) => location.id === id);
}

/**
 * Every place a patron can collect a hold: libraries first, then pickup windows, each in file order,
 * so the choice list reads the same way in every page and language.
 */
export function pickupLocations(config: CityConfig): CityLocation[] {
	return [
		...config.locations.filter((location) => location.kind === 'library'),
		...config.locations.filter((location) => location.kind === 'pickup_window')
	];
}

/** The consultation or library desk with this id, or undefined. */
export function deskById(config: CityConfig, id: string): Desk | undefined {
	return config.desks.find((desk) => desk.id === id);
}

/**
 * The library or pickup window a staff member works at: their workplace if it is one, or the library of
 * a library desk named as the workplace; null for a consultation desk, or no workplace.
 */
export function workplaceLocation(config: CityConfig, workplaceId: string | null): string | null {
	if (!workplaceId) return null;
	if (locationById(config, workplaceId)) return workplaceId;
	const desk = deskById(config, workplaceId);
	return desk?.kind === 'library' && desk.locationId ? desk.locationId : null;
}

/** A configured name in the reader's locale. */
export function localName(named: LocalizedText, locale: NameLocale): string {
	return named[locale];
}

/**
 * Whether a postal code belongs to the city. Accepts what people type: 〒, full-width digits,
 * any dash or none, since only the seven digits matter.
 */
export function isPostalCodeInCity(config: CityConfig, postalCode: string): boolean {
	const digits = postalCode.normalize('NFKC').replace(/\D/g, '');
	if (digits.length !== 7) return false;
	return config.registration.postalCodePrefixes.some((prefix) => digits.startsWith(prefix));
}
