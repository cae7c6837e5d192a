import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { requireStaff } from '$lib/server/auth/guards';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, pickupLocations } from '$lib/server/config/city';
import { db } from '$lib/server/db';
import type { HoldStatus } from '$lib/server/db/schema';
import * as holds from '$lib/server/holds/holds.service';
import * as holdsRepo from '$lib/server/holds/holds.repository';
import { daysBetween, startOfDay, today } from '$lib/server/time/calendar';
import type { Actions, PageServerLoad } from './$types';

/** Ready holds whose last pickup day is at most this many days away are listed as expiring soon. */
const EXPIRING_WITHIN_DAYS = 2;

type ShelfRow = Awaited<ReturnType<typeof holdsRepo.listAtLocation>>[number];

/**
 * A hold as the shelf list shows it. Only the last four digits of the card number leave the server:
 * enough to match the card a patron shows at the counter, not enough to sign in or look someone up.
 */
function toItem(row: ShelfRow) {
	const card = row.card_number;
	return {
		id: row.id,
		title: row.title,
		format: row.format,
		cardLast4: card.slice(-4),
		cardMask: '*'.repeat(Math.max(card.length - 4, 0)),
		name: row.name,
		shelfMark: row.shelf_mark,
		copyId: row.copy_id,
		pickupBy: row.pickup_by,
		readyAt: row.ready_at ? new Date(row.ready_at).toISOString() : null
	};
}

/** The location in the URL if it is a pickup location, else the staff member's workplace, else the first one. */
async function chosenLocation(event: Pick<RequestEvent, 'url'>, staffId: number): Promise<string> {
	const locations = pickupLocations(cityConfig());
	const requested = event.url.searchParams.get('location');
	if (requested && locations.some((l) => l.id === requested)) return requested;
	const workplace = (await accounts.findById(staffId))?.workplace_id;
	return locations.find((l) => l.id === workplace)?.id ?? locations[0].id;
}

export const load: PageServerLoad = async (event) => {
	const session = requireStaff(event, ['librarian']);
	const locale = event.locals.locale;
	const locationId = await chosenLocation(event, session.actor.id);
	const day = today();
	const [arriving, ready, lapsed] = await Promise.all([
		holdsRepo.listAtLocation(db(), locationId, ['in_transit']),
		holdsRepo.listAtLocation(db(), locationId, ['ready']),
		holdsRepo.listAtLocation(db(), locationId, ['lapsed'], startOfDay(day))
	]);
	const daysLeft = (row: ShelfRow) => (row.pickup_by ? daysBetween(day, row.pickup_by) : Number.POSITIVE_INFINITY);
	const readyItems = ready.map((row) => ({ ...toItem(row), daysLeft: daysLeft(row) }));
	// The lapse job passes a lapsed hold's copy to the next patron in the queue; if that patron collects
	// here too, the copy stays on this shelf under the new reservation, and the list says so.
	const nextHoldOfCopy = new Map(ready.filter((r) => r.copy_id !== null).map((r) => [r.copy_id, r.id]));
	const params = event.url.searchParams;
	const done = params.get('received') ? 'received' : params.get('collected') ? 'collected' : null;
	const doneHoldId = done ? (params.get(done) ?? '') : '';

	return {
		locationId,
		locationName: localName(pickupLocations(cityConfig()).find((l) => l.id === locationId)!.name, locale),
		locations: pickupLocations(cityConfig()).map((l) => ({ id: l.id, name: localName(l.name, locale) })),
		today: day,
		arriving: arriving.map(toItem),
		expiring: readyItems.filter((item) => item.daysLeft <= EXPIRING_WITHIN_DAYS),
		ready: readyItems.filter((item) => item.daysLeft > EXPIRING_WITHIN_DAYS),
		lapsedToday: lapsed.map((row) => ({ ...toItem(row), nextHoldId: row.copy_id === null ? null : (nextHoldOfCopy.get(row.copy_id) ?? null) })),
		done: done && /^\d+$/.test(doneHoldId)
			? { kind: done, holdId: doneHoldId, item: readyItems.find((item) => String(item.id) === doneHoldId) ?? null }
			: null
	};
};

const holdForm = z.object({ holdId: z.coerce.number().int().positive() });

/** The message key for a hold that was not in the state the button expected (a second click, a colleague, a lapse). */
function problemKey(action: 'receive' | 'collect', status: HoldStatus | undefined): string {
	const P = 'staff:holdShelf.problems';
	if (!status) return `${P}.notFound`;
	if (status === 'collected') return `${P}.alreadyCollected`;
	if (status === 'lapsed' || status === 'cancelled') return `${P}.closed`;
	if (status === 'waiting') return `${P}.notArrived`;
	if (action === 'receive' && status === 'ready') return `${P}.alreadyReceived`;
	if (action === 'collect' && status === 'in_transit') return `${P}.notReceived`;
	return `${P}.notFound`;
}

function transition(action: 'receive' | 'collect') {
	return async (event: RequestEvent) => {
		const session = requireStaff(event, ['librarian']);
		const locationId = await chosenLocation(event, session.actor.id);
		const parsed = holdForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { problem: problemKey(action, undefined), holdId: '', section: 'arriving' });
		const { holdId } = parsed.data;
		const result = action === 'receive' ? await holds.receiveAtPickup(session.actor.id, holdId) : await holds.collect(session.actor.id, holdId);
		if (!result.ok) {
			// Look at the hold as it is now, so the message says what actually happened to it.
			const current = await holdsRepo.findHold(db(), holdId);
			return fail(result.reason === 'not_found' ? 404 : 409, {
				problem: problemKey(action, current?.status),
				holdId: String(holdId),
				// The error's link leads to the list the hold is in now (received by a colleague: the shelf).
				section: current?.status === 'ready' ? 'ready' : current?.status === 'in_transit' ? 'arriving' : action === 'receive' ? 'arriving' : 'ready'
			});
		}
		redirect(303, `/staff/hold-shelf?${new URLSearchParams({ location: locationId, [action === 'receive' ? 'received' : 'collected']: String(holdId) })}`);
	};
}

export const actions: Actions = {
	receive: transition('receive'),
	collect: transition('collect')
};
