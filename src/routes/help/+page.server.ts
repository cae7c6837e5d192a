import { cityConfig } from '$lib/server/config/load-city-config';
import { localName } from '$lib/server/config/city';
import type { Desk } from '$lib/server/config/city-config.schema';
import type { Locale } from '$lib/i18n';
import { withArabicChome } from './easy-address';
import type { PageServerLoad } from './$types';

/** A phone number as dialled from anywhere: 03-3993-1111 → +81-3-3993-1111 (a tel: URI, RFC 3966). */
function telUri(phone: string): string {
	return `tel:+81-${phone.replace(/^0/, '')}`;
}

function phoneLink(phone: string | undefined) {
	return phone ? { text: phone, href: telUri(phone) } : null;
}

/** Easy Japanese shows the Japanese address (what the post office needs), with the 丁目 in digits. */
function addressIn(address: { ja: string; en: string }, locale: Locale): string {
	if (locale === 'en') return address.en;
	return locale === 'easy' ? withArabicChome(address.ja) : address.ja;
}

function deskView(desk: Desk, locale: Locale) {
	return {
		id: desk.id,
		name: localName(desk.name, locale),
		phone: phoneLink(desk.contact.phone),
		fax: desk.contact.fax ?? null,
		email: desk.contact.email ?? null
	};
}

/** Everything the help page shows comes from the city's configuration, in the page's language. */
export const load: PageServerLoad = ({ locals }) => {
	const config = cityConfig();
	const locale = locals.locale;
	const { help } = config;
	// The help contact has no fax field yet; show one as soon as the configuration gains it.
	const fax = 'fax' in help && typeof help.fax === 'string' ? help.fax : null;

	const libraryDesk = (locationId: string) =>
		config.desks.find((desk) => desk.kind === 'library' && desk.locationId === locationId);
	const places = config.locations.map((location) => ({
		id: location.id,
		kind: location.kind,
		name: localName(location.name, locale),
		address: addressIn(location.address, locale),
		phone: phoneLink(libraryDesk(location.id)?.contact.phone)
	}));
	const desksOfKind = (kind: Desk['kind']) =>
		config.desks.filter((desk) => desk.kind === kind).map((desk) => deskView(desk, locale));

	return {
		contact: {
			phone: phoneLink(help.phone)!,
			email: help.email,
			fax,
			hours: localName(help.hours, locale)
		},
		libraries: places.filter((place) => place.kind === 'library'),
		pickupWindows: places.filter((place) => place.kind === 'pickup_window'),
		desks: {
			policy: desksOfKind('policy'),
			welfare: desksOfKind('welfare'),
			health: desksOfKind('health')
		}
	};
};
