/**
 * Home delivery (宅配・郵送貸出: N disability services rules art. 2(2); M 3-(1)-③; DOMAIN §5), the part
 * shared by the server (validation, storage) and the pages (option lists, labels), so it holds no server
 * code. Messages live under `delivery:` in the locale files.
 */

/**
 * Where a request is in its life. `packed` is a step staff record, not a status the patron waits on: a
 * packed request is still `accepted` until it goes out. `return_due` starts a few days before the return
 * day (configuration), set by the scheduled job. `cancelled` only before dispatch.
 */
export const STATUSES = ['requested', 'accepted', 'dispatched', 'delivered', 'return_due', 'returned', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** The statuses of the timeline the patron sees, in order (cancelled replaces the rest when it happens). */
export const TIMELINE: readonly Status[] = ['requested', 'accepted', 'dispatched', 'delivered', 'return_due', 'returned'];

/** A request the patron may still cancel: nothing has left the library yet. */
export const CANCELLABLE: readonly Status[] = ['requested', 'accepted'];
/** Requests still in progress (not returned, not cancelled). */
export const OPEN: readonly Status[] = ['requested', 'accepted', 'dispatched', 'delivered', 'return_due'];
/** Items are with the patron. */
export const OUT: readonly Status[] = ['delivered', 'return_due'];

/** What happened, recorded with who and when: every status change, and packing. */
export const EVENT_KINDS = ['requested', 'accepted', 'packed', 'dispatched', 'delivered', 'return_due', 'returned', 'cancelled'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * How items travel. Japan Post carries braille (点字郵便物) free, and "specified recorded materials" for
 * visually impaired people (特定録音物等郵便物, recordings or braille paper sent by a library) free; other
 * items go by ordinary post; or staff or a volunteer bring them. The city configuration says which it
 * offers and which item formats each may carry.
 */
export const METHODS = ['post_braille', 'post_recorded', 'post', 'visit'] as const;
export type Method = (typeof METHODS)[number];

/** Postal methods need a tracking number at dispatch; a visit does not. */
export function isPostal(method: Method): boolean {
	return method !== 'visit';
}

/** How items come back: by post (a label is enclosed), collected at a visit, or brought to a library. */
export const RETURN_METHODS = ['post', 'collection', 'counter'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

/** Collection needs someone to come: only with delivery by a visit. */
export function returnFits(method: Method, returnMethod: ReturnMethod): boolean {
	return returnMethod !== 'collection' || method === 'visit';
}

/** When in the day the patron can receive the items. */
export const TIMES_OF_DAY = ['morning', 'afternoon', 'any'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** The answers of a request being filled in (kept in the patron's draft until sent). */
export interface DeliveryAnswers {
	/** Catalogue record ids, chosen from the patron's reservations or from the catalogue. */
	items?: number[];
	method?: Method;
	deliveryPostalCode?: string;
	deliveryAddress?: string;
	/** The day the patron would like the items (YYYY-MM-DD), and a second choice. */
	preferredOn?: string;
	alternativeOn?: string;
	timeOfDay?: TimeOfDay;
	returnMethod?: ReturnMethod;
}

/** The pages of a request: the items, then how and when, then check and send. */
export const STEPS = ['items', 'details'] as const;
export type Step = (typeof STEPS)[number];

/** The fields of the details page, in page order (for the error summary and the check page). */
export const DETAIL_FIELDS = ['method', 'deliveryPostalCode', 'deliveryAddress', 'preferredOn', 'alternativeOn', 'timeOfDay', 'returnMethod'] as const;

/** HD-2026-000123: what the patron quotes on the phone. */
export const REFERENCE_PATTERN = /^HD-\d{4}-\d{6}$/;
