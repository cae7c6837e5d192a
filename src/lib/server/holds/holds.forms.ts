import { z } from 'zod';
import { parseTypedDate, unreadableDateKey } from '$lib/components/date-input';
import { localName, pickupLocations, type NameLocale } from '$lib/server/config/city';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import type { PatronTransition, PlaceRefusal } from './holds.service';

/**
 * The patron's hold forms (reserve, change pickup, pause): one schema per form, shared by the actions
 * and their tests. Messages are i18n keys; the rules themselves (which places exist, how far ahead a
 * pause may go) are the service's, and its refusals are mapped to keys here.
 */

/** The reserve form on an item page: where to collect. */
export const RESERVE_FIELDS = ['pickup'];
export const reserveSchema = z.object({
	pickup: z.string({ error: 'holds:reserve.errors.pickupEmpty' }).trim().min(1, 'holds:reserve.errors.pickupEmpty')
});

/** Each refusal of `holds.place` as a message on the pickup field (the form's only field). */
export const PLACE_REFUSAL_KEYS: Record<PlaceRefusal, string> = {
	not_found: 'holds:reserve.errors.notFound',
	not_lendable: 'holds:reserve.errors.notLendable',
	registration_required: 'holds:reserve.errors.registrationRequired',
	duplicate: 'holds:reserve.errors.duplicate',
	limit: 'holds:reserve.errors.limit',
	unknown_location: 'holds:reserve.errors.unknownLocation'
};

/** The change-pickup form. */
export const PICKUP_FIELDS = ['pickup'];
export const changePickupSchema = z.object({
	pickup: z.string({ error: 'holds:pickup.errors.empty' }).trim().min(1, 'holds:pickup.errors.empty')
});

/** The pause form: the day the hold starts again, typed as people type dates (see DateInput). */
export const SUSPEND_FIELDS = ['until'];
export const suspendSchema = z.object({
	until: z
		.string({ error: 'holds:suspend.errors.empty' })
		.trim()
		.min(1, 'holds:suspend.errors.empty')
		.transform((text, ctx) => {
			const iso = parseTypedDate(text);
			if (!iso) {
				ctx.addIssue({ code: 'custom', message: unreadableDateKey(text, 'holds:suspend.errors.format', 'holds:suspend.errors.notReal') });
				return z.NEVER;
			}
			return iso;
		})
});

/** Refusals of `holds.suspend` that are about the typed date. */
export const SUSPEND_DATE_REFUSAL_KEYS: Partial<Record<Exclude<PatronTransition, { ok: true }>['reason'], string>> = {
	date_past: 'holds:suspend.errors.past',
	date_too_far: 'holds:suspend.errors.tooFar'
};

/**
 * A hold or record id from the URL. Anything but a plain positive number is "not found" (never a
 * database error): at most nine digits, so it always fits PostgreSQL's integer.
 */
export function parseId(param: string): number | null {
	return /^[1-9]\d{0,8}$/.test(param) ? Number(param) : null;
}

/** One place to collect from, for a Radios group: the page adds the translated hint for pickup windows. */
export interface PickupChoice {
	value: string;
	label: string;
	window: boolean;
}

/** Every library, then every pickup window, named in the page's language. */
export function pickupChoices(config: CityConfig, locale: NameLocale): PickupChoice[] {
	return pickupLocations(config).map((location) => ({
		value: location.id,
		label: localName(location.name, locale),
		window: location.kind === 'pickup_window'
	}));
}
