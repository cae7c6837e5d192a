import { isActingFor } from '$lib/server/auth/session.service';
import { scopeAllows } from '$lib/proxy-scopes';
import { holdAllowance } from '$lib/server/holds/holds.service';
import { parseId } from '$lib/server/holds/holds.forms';
import { CLOSED_HOLDS_SHOWN_DAYS, listHoldViews, requireScopeForLoad } from '$lib/server/holds/hold-views';
import { DONE_ACTIONS, doneFits, type DoneAction } from '$lib/holds/hold-text';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// A proxy may see the list with either reservations scope, and change holds only with `reservations`.
	const session = await requireScopeForLoad(event, 'view_loans_reservations');
	const [holds, allowance] = await Promise.all([listHoldViews(session.subject.id, event.locals.locale), holdAllowance(session.subject.id)]);

	// ?placed=<holdId> after reserving: confirm with the hold's current queue position. An id that is
	// not one of this patron's active holds shows nothing (and reveals nothing).
	const placedId = parseId(event.url.searchParams.get('placed') ?? '');
	const placed = placedId === null ? null : (holds.find((hold) => hold.id === placedId && hold.active) ?? null);
	// ?done=<action>&hold=<holdId> after cancelling, moving, pausing or resuming: confirmed with the title
	// (the hold action pages redirect here). A hold that is not this patron's, or no longer as the action
	// left it, confirms nothing.
	const doneParam = event.url.searchParams.get('done') ?? '';
	const action = (DONE_ACTIONS as readonly string[]).includes(doneParam) ? (doneParam as DoneAction) : null;
	const doneId = parseId(event.url.searchParams.get('hold') ?? '');
	const doneHold = doneId === null ? undefined : holds.find((hold) => hold.id === doneId);
	const done = action && doneHold && doneFits(action, doneHold) ? { action, hold: doneHold } : null;

	return {
		holds,
		mayChange: !isActingFor(session) || scopeAllows(session.proxy?.scopes ?? [], 'reservations'),
		placed,
		done,
		limit: allowance.limit,
		closedShownDays: CLOSED_HOLDS_SHOWN_DAYS
	};
};
