import type { ProxyEndReason, ProxyRelationship } from '$lib/server/db/schema';
import type { ProxyScope } from '$lib/proxy-scopes';
import { stateOf, type ActivityRow, type GrantState, type GrantWithNames } from './proxies.service';

/**
 * What the pages show of a grant and of a proxy log, as plain data (dates as ISO strings). Each audience
 * sees only what it needs:
 * - `patron` (the represented patron): the proxy's name once they accepted; a card invitation as the number
 *   the patron typed; never the proxy's card number (it is the proxy's, not the patron's, to share).
 * - `proxy`: the represented patron's name; nothing about how the invitation was made.
 * - `staff`: everything, including both card numbers, the evidence and who recorded it.
 */
export type Audience = 'patron' | 'proxy' | 'staff';

export interface GrantView {
	id: number;
	state: GrantState;
	origin: 'patron' | 'staff';
	/** How it came about: a card invitation, a one-time code, or recorded by staff. */
	method: 'card' | 'code' | 'staff';
	patronId: number;
	patronName: string;
	patronCardNumber: string | null;
	proxyName: string | null;
	proxyCardNumber: string | null;
	invitedCardNumber: string | null;
	scopes: ProxyScope[];
	endsOn: string | null;
	inviteExpiresAt: string | null;
	createdAt: string;
	acceptedAt: string | null;
	endedAt: string | null;
	endReason: ProxyEndReason | null;
	relationship: ProxyRelationship | null;
	evidence: string[];
	evidenceNote: string | null;
	evidenceSeenOn: string | null;
	recordedBy: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function toGrantView(grant: GrantWithNames, audience: Audience, now = new Date()): GrantView {
	const staff = audience === 'staff';
	const method = grant.origin === 'staff' ? 'staff' : grant.invited_card_number !== null ? 'card' : 'code';
	return {
		id: grant.id,
		state: stateOf(grant, now),
		origin: grant.origin,
		method,
		patronId: grant.patron_id,
		patronName: grant.patron_name,
		patronCardNumber: staff ? grant.patron_card_number : null,
		// Before acceptance the patron sees the number they typed, never a name: that would tell them who holds it.
		proxyName: grant.proxy_id !== null && grant.status !== 'invited' ? grant.proxy_name : null,
		proxyCardNumber: staff ? grant.proxy_card_number : null,
		invitedCardNumber: audience === 'proxy' ? null : grant.invited_card_number,
		scopes: grant.scopes,
		endsOn: grant.ends_on,
		inviteExpiresAt: iso(grant.invite_expires_at),
		createdAt: iso(grant.created_at)!,
		acceptedAt: iso(grant.accepted_at),
		endedAt: iso(grant.ended_at),
		endReason: grant.end_reason,
		relationship: grant.relationship,
		evidence: audience === 'proxy' ? [] : grant.evidence,
		evidenceNote: staff ? grant.evidence_note : null,
		evidenceSeenOn: audience === 'proxy' ? null : grant.evidence_seen_on,
		recordedBy: staff && grant.origin === 'staff' ? grant.created_by_name : null
	};
}

/** One line of a proxy log: a message key under `proxies:log.actions` and its values. */
export interface LogEntry {
	at: string;
	key: string;
	values: Record<string, string>;
}

/** Audit actions with a sentence of their own; any other is "other", with its code. */
const AUDIT_ACTIONS = new Set([
	'proxies.accept',
	'proxies.act_for',
	'proxies.stop_acting',
	'proxies.returned_to_self',
	'proxies.out_of_scope',
	'proxies.withdraw',
	'proxies.decline',
	'reading_services.submit',
	'reading_services.reply',
	'reading_services.withdraw',
	'accommodation.submit',
	'accommodation.requester_message',
	'home_delivery.request',
	'home_delivery.cancel'
]);
/** Reservation changes a proxy can make (hold_events reasons). */
const HOLD_ACTIONS = new Set(['placed', 'cancelled_by_patron', 'pickup_changed', 'suspended', 'resumed']);

/**
 * The log as sentences. Staff see what was done but not which title (reading records stay with the
 * patron: 図書館の自由に関する宣言, privacy of what people read); the reservation number is enough there.
 */
export function toLogEntries(rows: ActivityRow[], audience: Audience): LogEntry[] {
	return rows.map((row) => {
		const values: Record<string, string> = { action: row.action };
		let key: string;
		if (row.source === 'hold') {
			const action = HOLD_ACTIONS.has(row.action) ? row.action : 'other';
			if (audience === 'staff') {
				key = `proxies:log.actions.hold_${action}_ref`;
				values.ref = row.target_id ?? '';
			} else {
				key = `proxies:log.actions.hold_${action}_title`;
				values.title = row.title ?? '';
			}
		} else {
			key = `proxies:log.actions.${AUDIT_ACTIONS.has(row.action) ? row.action.replace('.', '_') : 'other'}`;
		}
		if (row.scope) values.scope = row.scope;
		return { at: row.at.toISOString(), key, values };
	});
}
