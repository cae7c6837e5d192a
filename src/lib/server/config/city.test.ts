import { describe, expect, it } from 'vitest';
import exampleTownJson from './cities/example-town.json';
import nerimaJson from './cities/nerima.json';
import { deskById, isPostalCodeInCity, localName, locationById, pickupLocations, workplaceLocation } from './city';
import { parseCityConfig } from './load-city-config';

const nerima = parseCityConfig(nerimaJson, 'nerima.json');

describe('city helpers', () => {
	it('finds a location or desk by id, and nothing for an unknown id', () => {
		expect(locationById(nerima, 'toyotama')?.kind).toBe('pickup_window');
		expect(locationById(nerima, 'atlantis')).toBeUndefined();
		expect(deskById(nerima, 'health-seki')?.name.en).toBe('Seki Health Consultation Center');
		expect(deskById(nerima, 'atlantis')).toBeUndefined();
	});

	it('finds where a staff member works: a library or window, the library of a library desk, else nothing', () => {
		expect(workplaceLocation(nerima, 'hikarigaoka')).toBe('hikarigaoka');
		expect(workplaceLocation(nerima, 'toyotama')).toBe('toyotama');
		expect(workplaceLocation(nerima, 'library-hikarigaoka')).toBe('hikarigaoka');
		expect(workplaceLocation(nerima, 'disability-policy')).toBeNull();
		expect(workplaceLocation(nerima, null)).toBeNull();
		expect(workplaceLocation(nerima, 'atlantis')).toBeNull();
	});

	it('lists libraries first, then pickup windows, each in file order', () => {
		const mixed = parseCityConfig(
			{
				...exampleTownJson,
				locations: [
					{
						id: 'station',
						kind: 'pickup_window',
						name: { ja: '駅受取窓口', en: 'Station Pickup Window', easy: 'えき うけとり まどぐち' },
						address: { ja: 'みどり町駅前1番', en: '1 Ekimae, Midori Town' },
						holdsCollection: false
					},
					...exampleTownJson.locations
				]
			},
			'mixed.json'
		);
		expect(pickupLocations(mixed).map((location) => location.id)).toEqual([
			'central',
			'riverside',
			'station'
		]);
		expect(pickupLocations(nerima)).toHaveLength(16);
		expect(pickupLocations(nerima).slice(-3).map((location) => location.id)).toEqual([
			'shakujii-koen-station',
			'oizumi-gakuen-station',
			'toyotama'
		]);
	});

	it('names a place in each locale', () => {
		const annex = locationById(nerima, 'minami-oizumi-annex')!;
		expect(localName(annex.name, 'ja')).toBe('南大泉図書館分室');
		expect(localName(annex.name, 'en')).toBe('Minami-Oizumi Library Annex');
		expect(localName(annex.name, 'easy')).toBe('みなみおおいずみ としょかん ぶんしつ');
	});

	it('recognises the ward postal codes as people type them', () => {
		expect(isPostalCodeInCity(nerima, '176-0001')).toBe(true);
		expect(isPostalCodeInCity(nerima, '〒１７９－００７２')).toBe(true);
		expect(isPostalCodeInCity(nerima, '1780063')).toBe(true);
		expect(isPostalCodeInCity(nerima, '160-0022')).toBe(false);
		expect(isPostalCodeInCity(nerima, '176')).toBe(false);
	});
});
