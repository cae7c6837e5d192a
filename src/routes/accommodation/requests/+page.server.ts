import { requireScope } from '$lib/server/auth/guards';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import { deskNames } from '../accommodation.server';
import type { PageServerLoad } from './$types';

/** A signed-in patron's requests (or, for a proxy in scope, the patron's): newest first, no sealed data. */
export const load: PageServerLoad = async (event) => {
	const session = await requireScope({ locals: event.locals, url: event.url }, 'accommodation');
	const rows = await accommodation.listForPatron({ actorId: session.actor.id, patronId: session.subject.id });
	return {
		requests: rows.map((row) => ({
			reference: row.reference,
			status: row.status,
			serviceKind: row.service_kind,
			deskId: row.current_desk_id,
			submittedAt: new Date(row.submitted_at).toISOString(),
			outcome: row.outcome
		})),
		desks: deskNames(event.locals.locale)
	};
};
