import type { CityConfig, Desk } from '$lib/server/config/city-config.schema';
import { AREA_KINDS, LOCATION_KINDS, type ServiceKind } from '$lib/accommodation/options';

/**
 * Where a reasonable-accommodation request goes (N 対応要領 art. 6; issue 6 §2). Pure: the rules are the
 * city configuration's `routing`, so a second city is a second file, and the tests drive it from the files.
 *
 * - Library services (a library, an event or lecture there, the library website) go to the desk of the
 *   library concerned (`routing.library: "location"`). A pickup window or the website has no desk of its own.
 * - Welfare services go to the General Welfare Office for the area (`routing.welfare`), health services to
 *   the Health Consultation Centre for the area (`routing.health`).
 * - Anything else, and anything the rules cannot place (an unknown area, a location without a desk), goes to
 *   `routing.fallbackDeskId` (in Nerima the Disability Policy Division).
 *
 * Every request is visible to `routing.policyDeskId` as well, whatever desk handles it (art. 6-3): that is
 * an access rule (`accessOf` in the service), not a second route.
 */

export interface RoutingInput {
	serviceKind: ServiceKind;
	locationId?: string | null;
	areaId?: string | null;
}

/** Which rule placed a request: recorded with it, so a misroute can be traced to the rule and the file. */
export type RoutingRule = 'library_location' | 'welfare_area' | 'health_area' | 'fallback';

export interface Route {
	deskId: string;
	rule: RoutingRule;
}

/** The desk of a library location, or undefined (a pickup window, an unknown id). */
export function libraryDeskOf(config: CityConfig, locationId: string): Desk | undefined {
	return config.desks.find((desk) => desk.kind === 'library' && desk.locationId === locationId);
}

/** The desk a request goes to, and the rule that chose it. */
export function routeRequest(config: CityConfig, input: RoutingInput): Route {
	const fallback: Route = { deskId: config.routing.fallbackDeskId, rule: 'fallback' };
	if (LOCATION_KINDS.includes(input.serviceKind) && input.locationId) {
		const desk = libraryDeskOf(config, input.locationId);
		return desk ? { deskId: desk.id, rule: 'library_location' } : fallback;
	}
	if (AREA_KINDS.includes(input.serviceKind) && input.areaId) {
		const kind = input.serviceKind as 'welfare' | 'health';
		// Own keys only: an area id such as "constructor" must not find Object.prototype's.
		const table = config.routing[kind];
		const deskId = Object.hasOwn(table, input.areaId) ? table[input.areaId] : undefined;
		return deskId ? { deskId, rule: kind === 'welfare' ? 'welfare_area' : 'health_area' } : fallback;
	}
	return fallback;
}

/** The desk every request is aggregated at (art. 6-3). */
export function policyDeskId(config: CityConfig): string {
	return config.routing.policyDeskId;
}

/**
 * The desks a staff member works at: a desk officer's workplace is a desk; a librarian's is a library,
 * whose desk they staff (or a library desk named directly). Administrators run the system and staff no desk.
 */
export function desksOfWorkplace(config: CityConfig, workplaceId: string | null): string[] {
	if (!workplaceId) return [];
	if (config.desks.some((desk) => desk.id === workplaceId)) return [workplaceId];
	const desk = libraryDeskOf(config, workplaceId);
	return desk ? [desk.id] : [];
}
