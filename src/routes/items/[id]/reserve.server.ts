import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as accounts from '$lib/server/accounts/accounts.repository';
import * as holds from '$lib/server/holds/holds.service';
import { requireScope } from '$lib/server/auth/guards';
import { isActingFor } from '$lib/server/auth/session.service';
import { scopeAllows } from '$lib/proxy-scopes';
import { cityConfig } from '$lib/server/config/load-city-config';
import { echoValues, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import {
	parseId,
	pickupChoices,
	PLACE_REFUSAL_KEYS,
	reserveSchema,
	RESERVE_FIELDS,
	type PickupChoice
} from '$lib/server/holds/holds.forms';
import type { PlaceRefusal } from '$lib/server/holds/holds.service';
import { activeHoldView, type HoldView } from '$lib/server/holds/hold-views';

/**
 * The reserve form of the item page (`?/reserve`), kept beside the page so the page's own load and
 * actions stay about the item. The page spreads `loadReserveForm` into its data and registers `reserve`.
 */

/** What the reserve section needs: who is looking, and for a patron the places and their last choice. */
export interface ReserveFormData {
	/** 'not-allowed': a proxy whose grant does not include reservations. */
	viewer: 'signed-out' | 'staff' | 'not-allowed' | 'patron';
	/** Whose account the reservation is for (a proxy sees the name of the person they act for). */
	subjectName: string | null;
	choices: PickupChoice[];
	preferredPickup: string | null;
	/** One-time token: a double-clicked button places one hold (with `holds.place` refusing duplicates too). */
	submission: string | null;
	/** The patron's active hold of this title: shown instead of a form that could only refuse a second one. */
	current: HoldView | null;
	/** Active holds and the limit: at the limit the page says so instead of offering a form that would refuse. */
	allowance: { active: number; limit: number } | null;
}

type ItemEvent = RequestEvent<{ id: string }>;

function itemPath(event: Pick<ItemEvent, 'params'>): string {
	return `/items/${event.params.id}`;
}

/** The reserve form's data, for the item page's load. */
export async function loadReserveForm(event: Pick<ItemEvent, 'params' | 'locals'>): Promise<ReserveFormData> {
	const session = event.locals.session;
	const none = { subjectName: session?.subject.name ?? null, choices: [], preferredPickup: null, submission: null, current: null, allowance: null };
	if (!session) return { viewer: 'signed-out', ...none };
	if (session.subject.role !== 'patron') return { viewer: 'staff', ...none };
	if (isActingFor(session) && !scopeAllows(session.proxy?.scopes ?? [], 'reservations')) return { viewer: 'not-allowed', ...none };
	const recordId = parseId(event.params.id);
	const [account, current, allowance] = await Promise.all([
		accounts.findById(session.subject.id),
		recordId === null ? null : activeHoldView(session.subject.id, recordId, event.locals.locale),
		holds.holdAllowance(session.subject.id)
	]);
	return {
		viewer: 'patron',
		subjectName: session.subject.name,
		choices: pickupChoices(cityConfig(), event.locals.locale),
		// The place chosen last time (holds.place remembers it), so a regular reserves in one step (WCAG 3.3.7).
		preferredPickup: account?.preferred_pickup_id ?? null,
		submission: newSubmissionToken(),
		current,
		allowance
	};
}

/** A refused reservation: the reason on the pickup field, the choice kept, and a fresh token for the retry. */
function refused(form: FormData, status: number, errorKey: string, extra: { reason?: PlaceRefusal; limit?: number } = {}) {
	return fail(status, {
		values: echoValues(form),
		errors: { pickup: errorKey },
		order: RESERVE_FIELDS,
		reason: extra.reason ?? null,
		limit: extra.limit ?? null,
		// The token of this attempt is spent (its result is stored); without a new one a retry after,
		// say, cancelling another hold would only get this refusal back.
		submission: newSubmissionToken()
	});
}

/** `?/reserve`: places a hold on this item for the signed-in patron, then confirms on My reservations. */
export async function reserve(event: ItemEvent) {
	const recordId = parseId(event.params.id);
	if (recordId === null) error(404, { message: 'not found', key: 'errors:notFound' });
	// Signed out (e.g. the session expired while the page was open): sign in, then back to this item.
	if (!event.locals.session) redirect(303, `/sign-in?return=${encodeURIComponent(itemPath(event))}`);
	// The patron, or a proxy whose grant includes reservations (checked again here: the grant may have ended).
	const session = await requireScope(event, 'reservations');

	const form = await event.request.formData();
	const parsed = parseForm(reserveSchema, form);
	if (!parsed.ok) return refused(form, 400, parsed.errors.pickup ?? 'holds:reserve.errors.pickupEmpty');

	const acting = { actorId: session.actor.id, patronId: session.subject.id };
	const { result } = await once(form.get('__submission'), 'holds.place', () => holds.place(acting, recordId, parsed.data.pickup));
	if (result.ok) redirect(303, `/account/reservations?placed=${result.holdId}`);
	// 409 Conflict for "already reserved": the request was fine, the state of the account refuses it.
	const status = result.reason === 'duplicate' ? 409 : 400;
	return refused(form, status, PLACE_REFUSAL_KEYS[result.reason], { reason: result.reason, limit: result.limit });
}
