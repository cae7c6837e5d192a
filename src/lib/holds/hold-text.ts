import type { Format, HoldStatus } from '$lib/server/db/schema';

/**
 * What the reservation pages say about a hold, as message keys and values, so the list, the
 * confirmation banner and the small action pages word a status the same way in every language.
 * (Only types come from the server schema; this module runs in the browser too.)
 */

/** One hold as the reservation pages show it: facts only; the page words them in its language. */
export interface HoldView {
	id: number;
	recordId: number;
	title: string;
	author: string;
	/** The record's language (ja, en, zh …), for `lang` on its title and author. */
	language: string;
	format: Format;
	status: HoldStatus;
	active: boolean;
	/** Place in the title's queue (1 = next); meaningful while active. */
	position: number;
	pickup: { id: string; name: string; window: boolean };
	/** Set only while a pause is still running: the day the hold starts again (YYYY-MM-DD). */
	suspendedUntil: string | null;
	/** Last day to collect a ready (or lapsed) hold, YYYY-MM-DD. */
	pickupBy: string | null;
	/** For a ready hold, whole days from today until `pickupBy`. */
	daysLeft: number | null;
	placedAt: string;
	closedAt: string | null;
}

export interface Message {
	key: string;
	values: Record<string, string | number>;
}

/** The status in words: position while waiting, the restart day while paused, the last day while ready. */
export function statusMessage(hold: HoldView, formatDate: (iso: string) => string): Message {
	const date = (iso: string | null) => (iso ? formatDate(iso) : '');
	switch (hold.status) {
		case 'waiting':
			return hold.suspendedUntil
				? { key: 'holds:status.suspended', values: { date: date(hold.suspendedUntil), position: hold.position } }
				: { key: 'holds:status.waiting', values: { position: hold.position } };
		case 'in_transit':
			return { key: 'holds:status.inTransit', values: {} };
		case 'ready': {
			const days = hold.daysLeft ?? 0;
			// The nightly job lapses it after the last day; until it has run, say the day has passed.
			if (days < 0) return { key: 'holds:status.readyOverdue', values: { date: date(hold.pickupBy) } };
			if (days === 0) return { key: 'holds:status.readyToday', values: { date: date(hold.pickupBy) } };
			return { key: 'holds:status.ready', values: { date: date(hold.pickupBy), count: days } };
		}
		case 'collected':
			return { key: 'holds:status.collected', values: { date: date(hold.closedAt) } };
		case 'lapsed':
			return { key: 'holds:status.lapsed', values: { date: date(hold.pickupBy ?? hold.closedAt) } };
		case 'cancelled':
			return { key: 'holds:status.cancelled', values: { date: date(hold.closedAt) } };
	}
}

/** The confirmation after reserving: the queue position, or that a free copy is on its way or ready. */
export function placedMessage(hold: HoldView, formatDate: (iso: string) => string): Message {
	const values = { title: hold.title, location: hold.pickup.name };
	if (hold.status === 'ready') return { key: 'holds:placed.ready', values: { ...values, date: hold.pickupBy ? formatDate(hold.pickupBy) : '' } };
	if (hold.status === 'in_transit') return { key: 'holds:placed.inTransit', values };
	return { key: 'holds:placed.waiting', values: { ...values, position: hold.position } };
}

/** What the patron just did to a hold, confirmed on My reservations after the action page. */
export const DONE_ACTIONS = ['cancelled', 'pickup', 'suspended', 'resumed'] as const;
export type DoneAction = (typeof DONE_ACTIONS)[number];

/**
 * Whether the hold is as the action leaves it, so a confirmation reloaded later (after a resume in another
 * tab, a proxy's cancel, the end of a pause) never states something that is no longer true.
 */
export function doneFits(done: DoneAction, hold: HoldView): boolean {
	switch (done) {
		case 'cancelled':
			return hold.status === 'cancelled';
		case 'suspended':
			return hold.suspendedUntil !== null;
		case 'resumed':
			return hold.active && hold.suspendedUntil === null;
		case 'pickup':
			return hold.active;
	}
}

/** The confirmation after cancelling, moving, pausing or resuming a hold: names the hold, and the new place or day. */
export function doneMessage(done: DoneAction, hold: HoldView, formatDate: (iso: string) => string): Message {
	const values = { title: hold.title, location: hold.pickup.name, date: hold.suspendedUntil ? formatDate(hold.suspendedUntil) : '' };
	return { key: `holds:done.${done}`, values };
}

/** Why a hold can no longer be changed, for the action pages of an ended hold. */
export function closedMessage(hold: HoldView): Message | null {
	if (hold.status === 'cancelled' || hold.status === 'collected' || hold.status === 'lapsed') {
		return { key: `holds:closed.${hold.status}`, values: { title: hold.title } };
	}
	return null;
}
