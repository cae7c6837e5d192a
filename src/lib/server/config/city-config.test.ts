import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import nerimaJson from './cities/nerima.json';
import exampleTownJson from './cities/example-town.json';
import {
	CityConfigError,
	cityConfig,
	loadCityConfig,
	parseCityConfig
} from './load-city-config';

const EXAMPLE_TOWN_PATH = fileURLToPath(new URL('./cities/example-town.json', import.meta.url));

// A mutable copy of the Nerima file; each invalid case breaks one thing in it.
// `any` so each case can break any field without a cast.
type Json = Record<string, any>;
const nerimaCopy = (): Json => structuredClone(nerimaJson) as Json;

/** The CityConfigError thrown for `json`, so a test can read its message and issues. */
function rejection(json: unknown): CityConfigError {
	try {
		parseCityConfig(json, 'nerima.json');
	} catch (error) {
		if (error instanceof CityConfigError) return error;
		throw error;
	}
	throw new Error('expected the configuration to be rejected');
}

describe('Nerima configuration', () => {
	const config = parseCityConfig(nerimaJson, 'nerima.json');

	it('has 13 libraries and 3 pickup windows, in the order of DOMAIN.md §8, with its exact addresses', () => {
		expect(config.locations.map((location) => [location.kind, location.address.ja])).toEqual([
			['library', '東京都練馬区光が丘四丁目1番5号'],
			['library', '東京都練馬区豊玉北六丁目8番1号'],
			['library', '東京都練馬区石神井台一丁目16番31号'],
			['library', '東京都練馬区平和台一丁目36番17号'],
			['library', '東京都練馬区大泉学園町二丁目21番17号'],
			['library', '東京都練馬区関町南三丁目11番2号'],
			['library', '東京都練馬区貫井一丁目36番16号'],
			['library', '東京都練馬区大泉町一丁目3番18号'],
			['library', '東京都練馬区小竹町二丁目43番1号'],
			['library', '東京都練馬区南大泉一丁目44番7号'],
			['library', '東京都練馬区南大泉三丁目17番20号'],
			['library', '東京都練馬区春日町五丁目31番2-201号'],
			['library', '東京都練馬区南田中五丁目15番22号'],
			['pickup_window', '東京都練馬区石神井町七丁目1番2号'],
			['pickup_window', '東京都練馬区東大泉一丁目28番1号'],
			['pickup_window', '東京都練馬区豊玉北二丁目22番15号 豊玉リサイクルセンター内']
		]);
		expect(config.locations.find((l) => l.id === 'minami-oizumi-annex')?.name.ja).toBe(
			'南大泉図書館分室'
		);
		// Pickup windows hand out holds but have no shelves of their own.
		for (const location of config.locations) {
			expect(location.holdsCollection).toBe(location.kind === 'library');
		}
	});

	it('has the policy division, 4 welfare offices, 6 health centres and one desk per library', () => {
		const ofKind = (kind: string) => config.desks.filter((desk) => desk.kind === kind);
		expect(ofKind('policy').map((desk) => desk.name.ja)).toEqual(['福祉部障害者施策推進課']);
		expect(ofKind('welfare').map((desk) => desk.name.ja)).toEqual([
			'練馬総合福祉事務所',
			'光が丘総合福祉事務所',
			'石神井総合福祉事務所',
			'大泉総合福祉事務所'
		]);
		expect(ofKind('health').map((desk) => desk.name.ja)).toEqual([
			'豊玉保健相談所',
			'北保健相談所',
			'光が丘保健相談所',
			'石神井保健相談所',
			'大泉保健相談所',
			'関保健相談所'
		]);
		const libraryIds = config.locations.filter((l) => l.kind === 'library').map((l) => l.id);
		expect(ofKind('library').map((desk) => desk.locationId)).toEqual(libraryIds);
		expect(config.desks).toHaveLength(1 + 4 + 6 + 13);
		// The main line only: the file must not carry invented direct numbers.
		const phones = new Set(config.desks.map((desk) => desk.contact.phone));
		expect(phones).toEqual(new Set(['03-3993-1111']));
	});

	it('routes welfare and health from every area, and sends everything to the policy division', () => {
		const areaIds = config.areas.map((area) => area.id);
		expect(Object.keys(config.routing.welfare).sort()).toEqual([...areaIds].sort());
		expect(Object.keys(config.routing.health).sort()).toEqual([...areaIds].sort());
		expect(new Set(Object.values(config.routing.welfare))).toEqual(
			new Set(['welfare-nerima', 'welfare-hikarigaoka', 'welfare-shakujii', 'welfare-oizumi'])
		);
		expect(new Set(Object.values(config.routing.health)).size).toBe(6);
		expect(config.routing.policyDeskId).toBe('disability-policy');
		expect(config.routing.fallbackDeskId).toBe('disability-policy');
	});

	it('carries the limits and rules of the Nerima regulations', () => {
		expect(config.holds).toEqual({
			pickupPeriodDays: 7,
			maxActivePerPatron: 10,
			maxActivePerGroup: 300,
			maxSuspendDays: 365
		});
		expect(config.registration.onlineCategories).toEqual(['0']);
		expect(config.registration.minimumAgeYears).toBe(12);
		expect(config.registration.postalCodePrefixes).toEqual(['176', '177', '178', '179']);
		expect(config.readingServices.registrationValidityMonths).toBe(24);
	});

	it('is frozen, so no request can change it for the others', () => {
		expect(() => {
			(config.holds as { pickupPeriodDays: number }).pickupPeriodDays = 1;
		}).toThrow(TypeError);
	});
});

describe('a second city', () => {
	it('needs only a second file', () => {
		const town = parseCityConfig(exampleTownJson, 'example-town.json');
		expect(town.id).toBe('example-town');
		expect(town.locations.filter((location) => location.kind === 'library')).toHaveLength(2);
		expect(town.holds.pickupPeriodDays).toBe(10);
	});
});

describe('invalid configurations are rejected, naming the field', () => {
	it('says what is wrong with a number, in the documented wording', () => {
		const json = nerimaCopy();
		json.holds.pickupPeriodDays = 31;
		expect(rejection(json).message).toBe(
			'city configuration nerima.json: holds.pickupPeriodDays: must be a whole number from 1 to 30'
		);
	});

	it.each([0, 7.5, '7', null])('rejects pickupPeriodDays %j', (value) => {
		const json = nerimaCopy();
		json.holds.pickupPeriodDays = value;
		expect(rejection(json).issues).toEqual([
			{ path: 'holds.pickupPeriodDays', message: 'must be a whole number from 1 to 30' }
		]);
	});

	it('rejects a missing field', () => {
		const json = nerimaCopy();
		delete json.holds.maxActivePerGroup;
		delete json.locations[2].address;
		expect(rejection(json).issues).toEqual([
			{ path: 'locations[2].address', message: 'is required' },
			{ path: 'holds.maxActivePerGroup', message: 'is required' }
		]);
	});

	it('rejects a misspelt field rather than ignoring it', () => {
		const json = nerimaCopy();
		json.holds.pickupPeriodDay = json.holds.pickupPeriodDays;
		delete json.holds.pickupPeriodDays;
		expect(rejection(json).message).toContain('holds.pickupPeriodDay: is not a known field');
		expect(rejection(json).message).toContain('holds.pickupPeriodDays: is required');
	});

	it('rejects an unknown desk in routing', () => {
		const json = nerimaCopy();
		json.routing.welfare.kita = 'welfare-kita';
		json.routing.fallbackDeskId = 'nobody';
		expect(rejection(json).issues).toEqual([
			{ path: 'routing.welfare.kita', message: 'names unknown desk "welfare-kita"' },
			{ path: 'routing.fallbackDeskId', message: 'names unknown desk "nobody"' }
		]);
	});

	it('rejects routing to a desk of the wrong kind', () => {
		const json = nerimaCopy();
		json.routing.health.seki = 'welfare-shakujii';
		json.routing.policyDeskId = 'welfare-nerima';
		expect(rejection(json).issues).toEqual([
			{
				path: 'routing.health.seki',
				message: 'names desk "welfare-shakujii" of kind "welfare", not "health"'
			},
			{
				path: 'routing.policyDeskId',
				message: 'names desk "welfare-nerima" of kind "welfare", not "policy"'
			}
		]);
	});

	it('rejects a routing map that misses an area or names an unknown one', () => {
		const json = nerimaCopy();
		delete json.routing.health.oizumi;
		json.routing.welfare.atlantis = 'welfare-nerima';
		expect(rejection(json).issues).toEqual([
			{ path: 'routing.welfare.atlantis', message: 'names unknown area "atlantis"' },
			{ path: 'routing.health.oizumi', message: 'is required: every area needs a desk' }
		]);
	});

	it('rejects a desk whose own area routes elsewhere', () => {
		const json = nerimaCopy();
		json.routing.health.kita = 'health-toyotama';
		expect(rejection(json).issues).toEqual([
			{ path: 'desks[6].area', message: 'is "kita", but routing.health.kita is "health-toyotama"' }
		]);
	});

	it('rejects a duplicate location id', () => {
		const json = nerimaCopy();
		json.locations[4].id = 'hikarigaoka';
		const { message } = rejection(json);
		expect(message).toContain(
			'locations[4].id: duplicate location id "hikarigaoka" (also at index 0)'
		);
	});

	it('rejects two policy desks', () => {
		const json = nerimaCopy();
		json.desks[1].kind = 'policy';
		delete json.desks[1].area;
		expect(rejection(json).message).toContain(
			'desks: must include exactly one desk of kind "policy" (found 2)'
		);
	});

	it('rejects an unknown format and a duplicate one', () => {
		const json = nerimaCopy();
		json.formats = ['print', 'vhs', 'print'];
		expect(rejection(json).issues.map((issue) => issue.path)).toEqual(['formats[1]']);
		expect(rejection(json).issues[0].message).toMatch(/^must be one of "print", "large_print"/);
		json.formats = ['print', 'braille', 'print'];
		expect(rejection(json).issues).toEqual([
			{ path: 'formats[2]', message: 'duplicate format "print"' }
		]);
		json.formats = [];
		expect(rejection(json).issues).toEqual([
			{ path: 'formats', message: 'must list at least one format' }
		]);
	});

	it('requires a library, and a desk for each library', () => {
		const noLibrary = nerimaCopy();
		noLibrary.locations = noLibrary.locations.filter(
			(location: Json) => location.kind !== 'library'
		);
		expect(rejection(noLibrary).message).toContain('locations: must include at least one library');

		const noDesk = nerimaCopy();
		noDesk.desks = noDesk.desks.filter((desk: Json) => desk.id !== 'library-kotake');
		expect(rejection(noDesk).issues).toEqual([
			{
				path: 'desks',
				message: 'must include exactly one library desk for location "kotake" (found 0)'
			}
		]);
	});

	it('rejects a library desk at a pickup window, and a pickup window with a collection', () => {
		const json = nerimaCopy();
		json.desks.at(-1).locationId = 'toyotama';
		json.locations.at(-1).holdsCollection = true;
		expect(rejection(json).issues).toEqual([
			{
				path: 'locations[15].holdsCollection',
				message: 'must be false for a pickup window: pickup windows hold no collection'
			},
			{
				path: 'desks[23].locationId',
				message: 'names "toyotama", which is a pickup_window, not a library'
			},
			// Moving the desk left its own library without one.
			{
				path: 'desks',
				message: 'must include exactly one library desk for location "minami-tanaka" (found 0)'
			}
		]);
	});

	it('rejects kanji numerals in Easy Japanese, a bad time zone, phone and email', () => {
		const json = nerimaCopy();
		json.help.hours.easy = '午前九時から';
		json.timeZone = 'Tokyo';
		json.desks[0].contact.phone = '3993-1111';
		json.help.email = 'library at nerima';
		expect(rejection(json).issues.map((issue) => issue.path)).toEqual([
			'timeZone',
			'desks[0].contact.phone',
			'help.email',
			'help.hours.easy'
		]);
	});

	it('is not fooled by something that is not an object', () => {
		expect(rejection([]).message).toBe('city configuration nerima.json: must be an object');
	});

	it('lists every bad field at once, one per line', () => {
		const json = nerimaCopy();
		json.holds.pickupPeriodDays = 0;
		json.registration.onlineCategories = ['0', '3'];
		json.readingServices.registrationValidityMonths = 'two years';
		expect(rejection(json).message.split('\n')).toEqual([
			'city configuration nerima.json: holds.pickupPeriodDays: must be a whole number from 1 to 30',
			'city configuration nerima.json: registration.onlineCategories[1]: must be one of "0", "1", "2"',
			'city configuration nerima.json: readingServices.registrationValidityMonths: must be a whole number from 1 to 120'
		]);
	});
});

describe('loading', () => {
	const dir = mkdtempSync(join(tmpdir(), 'city-config-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	afterEach(() => vi.unstubAllEnvs());

	it('defaults to the bundled Nerima file', () => {
		vi.stubEnv('CITY_CONFIG', '');
		expect(loadCityConfig().id).toBe('nerima');
	});

	it('reads the file CITY_CONFIG names', () => {
		vi.stubEnv('CITY_CONFIG', EXAMPLE_TOWN_PATH);
		expect(loadCityConfig().id).toBe('example-town');
	});

	it('reads a file saved with a byte-order mark', () => {
		const path = join(dir, 'bom.json');
		writeFileSync(path, '\uFEFF' + JSON.stringify(exampleTownJson));
		expect(loadCityConfig(path).id).toBe('example-town');
	});

	it('names the file when it is missing, not JSON, or invalid', () => {
		const missing = join(dir, 'missing.json');
		expect(() => loadCityConfig(missing)).toThrow(
			new RegExp(`^city configuration ${missing}: cannot be read`)
		);
		const broken = join(dir, 'broken.json');
		writeFileSync(broken, '{ "id": ');
		expect(() => loadCityConfig(broken)).toThrow(/broken\.json: is not valid JSON/);
		const invalid = join(dir, 'invalid.json');
		writeFileSync(invalid, JSON.stringify({ ...exampleTownJson, formats: ['vhs'] }));
		expect(() => loadCityConfig(invalid)).toThrow(/invalid\.json: formats\[0\]: must be one of/);
	});

	it('caches the running configuration', () => {
		expect(cityConfig()).toBe(cityConfig());
	});
});
