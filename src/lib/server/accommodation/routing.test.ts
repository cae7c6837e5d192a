import { describe, expect, it } from 'vitest';
import exampleTownJson from '$lib/server/config/cities/example-town.json';
import nerimaJson from '$lib/server/config/cities/nerima.json';
import { parseCityConfig } from '$lib/server/config/load-city-config';
import { SERVICE_KINDS } from '$lib/accommodation/options';
import { desksOfWorkplace, policyDeskId, routeRequest } from './routing';

/**
 * The routing rules, driven by the configuration files themselves: every library, area and kind each
 * file lists is routed, so a new library or office in a file is tested without a new test.
 */
const cities = [
	['nerima', parseCityConfig(nerimaJson, 'nerima.json')],
	['example-town', parseCityConfig(exampleTownJson, 'example-town.json')]
] as const;

describe.each(cities)('routing in %s', (_, config) => {
	const libraries = config.locations.filter((location) => location.kind === 'library');
	const windows = config.locations.filter((location) => location.kind === 'pickup_window');
	const fallback = config.routing.fallbackDeskId;

	it.each(libraries.map((l) => l.id))('sends library services and events at %s to that library\'s desk', (locationId) => {
		for (const serviceKind of ['library', 'event'] as const) {
			const route = routeRequest(config, { serviceKind, locationId });
			const desk = config.desks.find((d) => d.id === route.deskId)!;
			expect(route.rule).toBe('library_location');
			expect(desk.kind).toBe('library');
			expect(desk.locationId).toBe(locationId);
		}
	});

	it('sends a pickup window, an event elsewhere, the website and an unknown location to the fallback desk', () => {
		for (const locationId of [...windows.map((w) => w.id), 'elsewhere', 'atlantis', undefined]) {
			expect(routeRequest(config, { serviceKind: 'library', locationId })).toEqual({ deskId: fallback, rule: 'fallback' });
			expect(routeRequest(config, { serviceKind: 'event', locationId })).toEqual({ deskId: fallback, rule: 'fallback' });
		}
		expect(routeRequest(config, { serviceKind: 'website' })).toEqual({ deskId: fallback, rule: 'fallback' });
		// The website is a library service, but a location given with it is not the place of the barrier.
		expect(routeRequest(config, { serviceKind: 'website', locationId: libraries[0].id }).rule).toBe('fallback');
	});

	it.each(config.areas.map((a) => a.id))('sends welfare and health in area %s to the offices the routing table names', (areaId) => {
		const welfare = routeRequest(config, { serviceKind: 'welfare', areaId });
		expect(welfare).toEqual({ deskId: config.routing.welfare[areaId], rule: 'welfare_area' });
		expect(config.desks.find((d) => d.id === welfare.deskId)?.kind).toBe('welfare');
		const health = routeRequest(config, { serviceKind: 'health', areaId });
		expect(health).toEqual({ deskId: config.routing.health[areaId], rule: 'health_area' });
		expect(config.desks.find((d) => d.id === health.deskId)?.kind).toBe('health');
	});

	it('sends welfare and health with an unknown area, and every other service, to the fallback desk', () => {
		for (const areaId of ['unknown', 'atlantis', 'constructor', '__proto__', undefined, null]) {
			expect(routeRequest(config, { serviceKind: 'welfare', areaId })).toEqual({ deskId: fallback, rule: 'fallback' });
			expect(routeRequest(config, { serviceKind: 'health', areaId })).toEqual({ deskId: fallback, rule: 'fallback' });
		}
		expect(routeRequest(config, { serviceKind: 'other', locationId: libraries[0].id, areaId: config.areas[0].id })).toEqual({ deskId: fallback, rule: 'fallback' });
	});

	it('routes every kind of service to a desk that exists', () => {
		for (const serviceKind of SERVICE_KINDS) {
			for (const place of [...config.locations.map((l) => ({ locationId: l.id })), ...config.areas.map((a) => ({ areaId: a.id })), {}]) {
				const { deskId } = routeRequest(config, { serviceKind, ...place });
				expect(config.desks.some((desk) => desk.id === deskId), `${serviceKind} ${JSON.stringify(place)}`).toBe(true);
			}
		}
	});

	it('aggregates at the policy desk, which is of kind "policy"', () => {
		expect(config.desks.find((d) => d.id === policyDeskId(config))?.kind).toBe('policy');
	});

	it('finds the desks a staff member works at from their workplace', () => {
		expect(desksOfWorkplace(config, policyDeskId(config))).toEqual([policyDeskId(config)]);
		const library = libraries[0];
		const libraryDesk = config.desks.find((d) => d.locationId === library.id)!.id;
		expect(desksOfWorkplace(config, library.id)).toEqual([libraryDesk]);
		expect(desksOfWorkplace(config, libraryDesk)).toEqual([libraryDesk]);
		for (const window of windows) expect(desksOfWorkplace(config, window.id)).toEqual([]);
		expect(desksOfWorkplace(config, null)).toEqual([]);
		expect(desksOfWorkplace(config, 'atlantis')).toEqual([]);
	});
});

describe('routing in Nerima, by name', () => {
	const [, nerima] = cities[0];

	it('follows the offices of DOMAIN §6: Kita goes to the Nerima welfare office and the Kita health centre', () => {
		expect(routeRequest(nerima, { serviceKind: 'welfare', areaId: 'kita' }).deskId).toBe('welfare-nerima');
		expect(routeRequest(nerima, { serviceKind: 'health', areaId: 'kita' }).deskId).toBe('health-kita');
		expect(routeRequest(nerima, { serviceKind: 'welfare', areaId: 'seki' }).deskId).toBe('welfare-shakujii');
		expect(routeRequest(nerima, { serviceKind: 'health', areaId: 'seki' }).deskId).toBe('health-seki');
		expect(routeRequest(nerima, { serviceKind: 'library', locationId: 'minami-oizumi-annex' }).deskId).toBe('library-minami-oizumi-annex');
		expect(routeRequest(nerima, { serviceKind: 'other' }).deskId).toBe('disability-policy');
	});
});
