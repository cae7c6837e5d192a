import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { ACCOMMODATIONS, OUTCOMES, SERVICE_KINDS, type Outcome, type ServiceKind } from '$lib/accommodation/options';
import { deskNames } from '../../../accommodation/accommodation.server';
import { requireDeskStaff } from '../desk.server';
import type { PageServerLoad } from './$types';

const pickFrom = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
	value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * Closed cases as examples for later ones (art. 6-3), searchable by the staff of every desk: the summary a
 * desk wrote for this purpose, the kind of service, the accommodations asked for and the outcome, with its
 * grounds. Nothing that leads back to a request or a person. A plain GET form: the search is in the URL.
 */
export const load: PageServerLoad = async (event) => {
	await requireDeskStaff(event);
	const params = event.url.searchParams;
	const q = (params.get('q') ?? '').slice(0, 200);
	const filters = {
		words: accommodation.searchWords(q),
		serviceKind: pickFrom<ServiceKind>(SERVICE_KINDS, params.get('kind')),
		accommodation: pickFrom(ACCOMMODATIONS, params.get('accommodation')),
		outcome: pickFrom<Outcome>(OUTCOMES, params.get('outcome'))
	};
	const searched = [...params.keys()].length > 0;
	const found = await accommodation.searchCases(filters);
	return {
		searched,
		q,
		kind: filters.serviceKind ?? '',
		accommodation: filters.accommodation ?? '',
		outcome: filters.outcome ?? '',
		total: found.total,
		cases: found.rows.map((row) => ({
			id: row.id,
			closedOn: row.closed_on,
			deskId: row.desk_id,
			serviceKind: row.service_kind,
			accommodations: row.accommodations,
			outcome: row.outcome,
			factors: row.outcome_factors,
			differentialTreatment: row.differential_treatment,
			justifiedReasons: row.justified_reasons,
			summary: row.summary
		})),
		desks: deskNames(event.locals.locale)
	};
};
