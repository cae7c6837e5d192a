import { error, type RequestEvent } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { ACTIVE_HOLD_STATUSES } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, locationById, type NameLocale } from '$lib/server/config/city';
import type { SessionContext } from '$lib/server/auth/session.service';
import { requireScope } from '$lib/server/auth/guards';
import type { ProxyScope } from '$lib/proxy-scopes';
import type { Acting } from '$lib/server/holds/holds.service';
import * as holdsRepository from '$lib/server/holds/holds.repository';
import { parseId } from '$lib/server/holds/holds.forms';
import { daysBetween, today } from '$lib/server/time/calendar';
import type { DoneAction, HoldView } from '$lib/holds/hold-text';

export type { HoldView };

/** How long `listForPatron` keeps showing ended holds (its SQL says 90 days); the page tells the patron. */
export const CLOSED_HOLDS_SHOWN_DAYS = 90;

/**
 * The guard for a page's load: the patron, or a proxy with `scope`. Given without the request on
 * purpose: after a form action (without JavaScript) the load runs on the same, already read request,
 * which `requireScope`'s stale-form check cannot clone; that check belongs to the action anyway.
 */
export function requireScopeForLoad(event: Pick<RequestEvent, 'locals' | 'url'>, scope: ProxyScope): Promise<SessionContext> {
	return requireScope({ locals: event.locals, url: event.url }, scope);
}

/** Who acts and for whom: the signed-in person, on the account in the session (a proxy may act for a patron). */
export function actingOf(session: SessionContext): Acting {
	return { actorId: session.actor.id, patronId: session.subject.id };
}

type Row = Awaited<ReturnType<typeof holdsRepository.listForPatron>>[number];

function toView(row: Row, locale: NameLocale, day: string): HoldView {
	const location = locationById(cityConfig(), row.pickup_location_id);
	const active = ACTIVE_HOLD_STATUSES.includes(row.status);
	return {
		id: row.id,
		recordId: row.record_id,
		title: row.title,
		author: row.author,
		language: row.language,
		format: row.format,
		status: row.status,
		active,
		position: Number(row.position),
		// A place removed from the configuration still shows its id rather than nothing.
		pickup: {
			id: row.pickup_location_id,
			name: location ? localName(location.name, locale) : row.pickup_location_id,
			window: location?.kind === 'pickup_window'
		},
		suspendedUntil: row.status === 'waiting' && row.suspended_until && row.suspended_until > day ? row.suspended_until : null,
		pickupBy: row.status === 'ready' || row.status === 'lapsed' ? row.pickup_by : null,
		daysLeft: row.status === 'ready' && row.pickup_by ? daysBetween(day, row.pickup_by) : null,
		placedAt: new Date(row.placed_at).toISOString(),
		closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null
	};
}

/** The patron's holds, newest first: active ones and those ended in the last 90 days. */
export async function listHoldViews(patronId: number, locale: NameLocale, now = new Date()): Promise<HoldView[]> {
	const day = today(now);
	const rows = await holdsRepository.listForPatron(db(), patronId);
	return rows.map((row) => toView(row, locale, day));
}

/** The patron's active hold of a title, if they have one (the item page then shows it instead of the form). */
export async function activeHoldView(patronId: number, recordId: number, locale: NameLocale, now = new Date()): Promise<HoldView | null> {
	const day = today(now);
	const rows = await holdsRepository.listForPatron(db(), patronId, recordId);
	return rows.map((row) => toView(row, locale, day)).find((hold) => hold.active) ?? null;
}

/**
 * The patron's own hold named in the URL, or 404. Another patron's hold and a malformed id get the
 * same answer as a hold that does not exist, so the page never reveals that someone else's exists.
 */
export async function ownHoldView(patronId: number, idParam: string, locale: NameLocale): Promise<HoldView> {
	const id = parseId(idParam);
	const hold = id === null ? undefined : (await listHoldViews(patronId, locale)).find((h) => h.id === id);
	if (!hold) error(404, { message: 'not found', key: 'errors:notFound' });
	return hold;
}

/** The hold id from the URL for an action, or 404 (the service then checks that it is the patron's own). */
export function holdIdOr404(idParam: string): number {
	const id = parseId(idParam);
	if (id === null) error(404, { message: 'not found', key: 'errors:notFound' });
	return id;
}

/** Where a hold action page goes when it succeeds: My reservations, confirming what was done to which hold. */
export function doneHref(action: DoneAction, holdId: number): string {
	return `/account/reservations?done=${action}&hold=${holdId}`;
}
