import { createHash, randomInt } from 'node:crypto';
import { db } from '$lib/server/db';
import type { ProxyEndReason, ProxyRelationship, ProxyScope } from '$lib/server/db/schema';
import * as accounts from '$lib/server/accounts/accounts.repository';
import * as audit from '$lib/server/audit/audit.repository';
import { addDays, today } from '$lib/server/time/calendar';
import { sortScopes } from '$lib/proxy-scopes';
import * as repo from './proxies.repository';
import type { ActivityRow, GrantRow, GrantWithNames } from './proxies.repository';

/**
 * Proxies: who may act for a patron, and what they may do (issue 4; DOMAIN §1, §6).
 *
 * A patron invites a registered patron by card number or by a one-time code; the invitee accepts. Staff
 * record a proxy established at the counter (with the evidence seen) for a patron who may never sign in.
 * Either side, or staff, can end a grant at any time; the session guard reads the grant on every request.
 *
 * Privacy: an invitation by card number never tells the patron whether that card exists. The invitation
 * is stored with the number as typed and shown back as such; only the invitee, on signing in, sees it.
 */

/** How long an invitation (by card or code) can be accepted. Also said on the invite page. */
export const INVITATION_VALID_DAYS = 7;
/** Wrong one-time codes a person may type in `CODE_THROTTLE_MINUTES` before they must wait. */
export const CODE_THROTTLE_LIMIT = 5;
export const CODE_THROTTLE_MINUTES = 15;
/** The furthest end date a patron may choose (five years); longer needs a new grant. */
export const MAX_GRANT_DAYS = 5 * 366;
/** How long ended grants stay listed. */
const ENDED_SHOWN_DAYS = 365;
/** Lines of a proxy log shown on a page. */
export const ACTIVITY_LIMIT = 200;

export const RELATIONSHIPS: readonly ProxyRelationship[] = ['family', 'supporter', 'caregiver', 'legal_representative', 'other'];
/** What staff may have seen before recording a proxy (N lending rules form 1: 委任状 and the proxy's ID). */
export const EVIDENCE = ['letter_of_authorisation', 'proxy_id_document', 'patron_id_document', 'guardianship_certificate', 'other'] as const;
export type Evidence = (typeof EVIDENCE)[number];

/** The authority a proxy session runs under: read afresh on every request. */
export interface ProxyAuthority {
	grantId: number;
	scopes: ProxyScope[];
	endsOn: string | null;
}

/** Who is doing something: the signed-in account. */
export interface Actor {
	id: number;
	cardNumber: string;
}

export type GrantState = 'invited' | 'invitation_expired' | 'active' | 'expired' | 'ended';

/** What a grant is now, from its stored status and the date: an end date or invitation expiry passes by itself. */
export function stateOf(grant: Pick<GrantRow, 'status' | 'ends_on' | 'invite_expires_at'>, now = new Date()): GrantState {
	if (grant.status === 'ended') return 'ended';
	if (grant.status === 'invited') {
		return grant.invite_expires_at && new Date(grant.invite_expires_at) <= now ? 'invitation_expired' : 'invited';
	}
	return grant.ends_on && grant.ends_on < today(now) ? 'expired' : 'active';
}

// ----- one-time codes ---------------------------------------------------------------------------

/** Twelve digits: easy to read out, to type on a phone keypad, and to hear from a screen reader. */
const CODE_DIGITS = 12;

/** A new one-time code, e.g. "4821-0937-5516". */
export function newInviteCode(): string {
	let digits = '';
	for (let i = 0; i < CODE_DIGITS; i++) digits += String(randomInt(10));
	return formatCode(digits);
}

/** Groups of four, as shown to people and as they may type it. */
export function formatCode(digits: string): string {
	return digits.replace(/(\d{4})(?=\d)/g, '$1-');
}

/** The digits of a typed code (full-width digits, spaces and any dashes allowed), or null if it cannot be one. */
export function normaliseCode(typed: string): string | null {
	const digits = typed.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30fc]/g, '');
	return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** Only this is stored: the code itself is shown once. */
export function hashCode(digits: string): string {
	return createHash('sha256').update(`proxy-invite:${digits}`).digest('hex');
}

// ----- checks shared by the forms ---------------------------------------------------------------

export type EndDateProblem = 'past' | 'too_far';

/** An optional last day: not before today, not beyond five years. */
export function checkEndDate(endsOn: string | null, now = new Date()): EndDateProblem | null {
	if (endsOn === null) return null;
	const day = today(now);
	if (endsOn < day) return 'past';
	if (endsOn > addDays(day, MAX_GRANT_DAYS)) return 'too_far';
	return null;
}

// ----- patron-granted proxies -------------------------------------------------------------------

export type InviteInput = { scopes: ProxyScope[]; endsOn: string | null } & (
	| { method: 'card'; cardNumber: string }
	| { method: 'code' }
);

export type InviteResult =
	| { ok: true; grantId: number; method: 'card'; cardNumber: string; expiresAt: Date }
	| { ok: true; grantId: number; method: 'code'; code: string; expiresAt: Date }
	| { ok: false; reason: 'self' | 'already_invited' | EndDateProblem };

/**
 * A patron invites someone to act for them. By card: the invitation is kept under the number as typed;
 * whether such a card exists is not checked here, so the answer is the same either way. By code: a
 * one-time code is returned once; only its hash is kept.
 */
export async function invite(patron: Actor, input: InviteInput, now = new Date()): Promise<InviteResult> {
	const endProblem = checkEndDate(input.endsOn, now);
	if (endProblem) return { ok: false, reason: endProblem };
	const scopes = sortScopes(input.scopes);
	const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000);

	if (input.method === 'card') {
		// The patron knows their own number: saying so reveals nothing.
		if (input.cardNumber === patron.cardNumber) return { ok: false, reason: 'self' };
		// The patron's own open invitation to the same number is on their list already.
		if (await repo.findPendingCardInvitation(db(), patron.id, input.cardNumber, now)) return { ok: false, reason: 'already_invited' };
		const grantId = await repo.insertGrant(db(), {
			patronId: patron.id,
			proxyId: null,
			origin: 'patron',
			status: 'invited',
			scopes,
			invitedCardNumber: input.cardNumber,
			inviteExpiresAt: expiresAt,
			endsOn: input.endsOn,
			createdBy: patron.id
		});
		await audit.record({ actorId: patron.id, subjectId: patron.id, action: 'proxies.invite', targetType: 'proxy_grant', targetId: grantId, detail: { method: 'card', scopes } });
		return { ok: true, grantId, method: 'card', cardNumber: input.cardNumber, expiresAt };
	}

	const code = newInviteCode();
	const grantId = await repo.insertGrant(db(), {
		patronId: patron.id,
		proxyId: null,
		origin: 'patron',
		status: 'invited',
		scopes,
		inviteCodeHash: hashCode(normaliseCode(code)!),
		inviteExpiresAt: expiresAt,
		endsOn: input.endsOn,
		createdBy: patron.id
	});
	await audit.record({ actorId: patron.id, subjectId: patron.id, action: 'proxies.invite', targetType: 'proxy_grant', targetId: grantId, detail: { method: 'code', scopes } });
	return { ok: true, grantId, method: 'code', code, expiresAt };
}

export type AcceptRefusal = 'not_found' | 'self' | 'expired' | 'used' | 'no_longer_valid' | 'already_accepted' | 'wait';
export type AcceptResult = { ok: true; grantId: number; patronName: string } | { ok: false; reason: AcceptRefusal };

/** Makes an invitation a grant in force for `proxy`; a grant already in force between the two is replaced. */
async function activate(grant: GrantRow, proxy: Actor, now: Date, trx: Parameters<typeof repo.updateGrant>[0]): Promise<AcceptResult> {
	// Through the transaction: the embedded database has one connection, so the pool would wait for ever.
	const patron = await repo.findPatron(trx, grant.patron_id);
	if (!patron || patron.status !== 'active' || patron.role !== 'patron') return { ok: false, reason: 'no_longer_valid' };
	await repo.endActiveBetween(trx, grant.patron_id, proxy.id, proxy.id, 'replaced', now);
	await repo.updateGrant(trx, grant.id, { status: 'active', proxy_id: proxy.id, accepted_at: now });
	return { ok: true, grantId: grant.id, patronName: patron.name };
}

function refusalFor(grant: GrantRow, proxy: Actor, now: Date): AcceptRefusal | null {
	if (grant.patron_id === proxy.id) return 'self';
	if (grant.status === 'active') return grant.proxy_id === proxy.id ? 'already_accepted' : 'used';
	if (grant.status === 'ended') return 'no_longer_valid';
	if (stateOf(grant, now) === 'invitation_expired') return 'expired';
	return null;
}

/** The invitee accepts an invitation addressed to their card number (listed on their proxy page). */
export async function acceptInvitation(proxy: Actor, grantId: number, now = new Date()): Promise<AcceptResult> {
	const result = await db().transaction().execute(async (trx): Promise<AcceptResult> => {
		const grant = await repo.lockGrant(trx, grantId);
		// Someone else's invitation answers as if it did not exist.
		if (!grant || (grant.invited_card_number !== proxy.cardNumber && grant.proxy_id !== proxy.id)) return { ok: false, reason: 'not_found' };
		const refusal = refusalFor(grant, proxy, now);
		if (refusal) return { ok: false, reason: refusal };
		return activate(grant, proxy, now, trx);
	});
	if (result.ok) await recordAcceptance(proxy.id, grantId, 'card');
	return result;
}

/** The invitee types a one-time code they were given. Wrong codes are counted: after five in 15 minutes, wait. */
export async function acceptCode(proxy: Actor, typedCode: string, now = new Date()): Promise<AcceptResult> {
	const since = new Date(now.getTime() - CODE_THROTTLE_MINUTES * 60_000);
	if ((await repo.countRejectedCodes(db(), proxy.id, since)) >= CODE_THROTTLE_LIMIT) return { ok: false, reason: 'wait' };
	const digits = normaliseCode(typedCode);
	const result = await db().transaction().execute(async (trx): Promise<AcceptResult> => {
		const grant = digits ? await repo.lockGrantByCodeHash(trx, hashCode(digits)) : undefined;
		if (!grant) return { ok: false, reason: 'not_found' };
		const refusal = refusalFor(grant, proxy, now);
		if (refusal) return { ok: false, reason: refusal };
		return activate(grant, proxy, now, trx);
	});
	if (result.ok) await recordAcceptance(proxy.id, result.grantId, 'code');
	else if (result.reason === 'not_found') await audit.record({ actorId: proxy.id, subjectId: proxy.id, action: 'proxies.code_rejected' });
	return result;
}

async function recordAcceptance(proxyId: number, grantId: number, method: 'card' | 'code') {
	const grant = await repo.findGrant(db(), grantId);
	await audit.record({ actorId: proxyId, subjectId: grant!.patron_id, action: 'proxies.accept', targetType: 'proxy_grant', targetId: grantId, detail: { method } });
}

export type EndResult = { ok: true; reason: ProxyEndReason } | { ok: false; reason: 'not_found' | 'already_ended' };

async function endGrant(
	grantId: number,
	endedBy: number,
	may: (grant: GrantRow) => ProxyEndReason | null,
	auditAction: string,
	now: Date
): Promise<EndResult> {
	const result = await db().transaction().execute(async (trx): Promise<EndResult & { patronId?: number }> => {
		const grant = await repo.lockGrant(trx, grantId);
		const reason = grant ? may(grant) : null;
		if (!grant || !reason) return { ok: false, reason: 'not_found' };
		if (grant.status === 'ended') return { ok: false, reason: 'already_ended' };
		await repo.updateGrant(trx, grantId, { status: 'ended', ended_at: now, ended_by: endedBy, end_reason: reason });
		return { ok: true, reason, patronId: grant.patron_id };
	});
	if (result.ok) {
		await audit.record({ actorId: endedBy, subjectId: result.patronId!, action: auditAction, targetType: 'proxy_grant', targetId: grantId, detail: { reason: result.reason } });
	}
	return result.ok ? { ok: true, reason: result.reason } : result;
}

/** The patron ends a grant (or cancels an invitation that nobody has accepted yet). */
export function revoke(patron: Actor, grantId: number, now = new Date()): Promise<EndResult> {
	return endGrant(grantId, patron.id, (g) => (g.patron_id !== patron.id ? null : g.status === 'invited' ? 'cancelled' : 'revoked'), 'proxies.revoke', now);
}

/** The proxy stops being a proxy. */
export function withdraw(proxy: Actor, grantId: number, now = new Date()): Promise<EndResult> {
	return endGrant(grantId, proxy.id, (g) => (g.proxy_id === proxy.id && g.status !== 'invited' ? 'withdrawn' : null), 'proxies.withdraw', now);
}

/** The invitee says no to an invitation addressed to their card. */
export function decline(proxy: Actor, grantId: number, now = new Date()): Promise<EndResult> {
	return endGrant(grantId, proxy.id, (g) => (g.status !== 'active' && g.invited_card_number === proxy.cardNumber && g.proxy_id === null ? 'declined' : null), 'proxies.decline', now);
}

/** Staff end a grant, e.g. when the patron asks at the counter or by phone. */
export function endByStaff(staffId: number, grantId: number, now = new Date()): Promise<EndResult> {
	return endGrant(grantId, staffId, () => 'ended_by_staff', 'proxies.end_by_staff', now);
}

export type ChangeScopesResult = { ok: true } | { ok: false; reason: 'not_found' | 'already_ended' };

/** The patron changes what a proxy may do; it applies from the proxy's next request. */
export async function changeScopes(patron: Actor, grantId: number, scopes: ProxyScope[], now = new Date()): Promise<ChangeScopesResult> {
	const sorted = sortScopes(scopes);
	const result = await db().transaction().execute(async (trx): Promise<ChangeScopesResult> => {
		const grant = await repo.lockGrant(trx, grantId);
		if (!grant || grant.patron_id !== patron.id) return { ok: false, reason: 'not_found' };
		if (stateOf(grant, now) === 'ended' || stateOf(grant, now) === 'expired') return { ok: false, reason: 'already_ended' };
		await repo.updateGrant(trx, grantId, { scopes: sorted });
		return { ok: true };
	});
	if (result.ok) {
		await audit.record({ actorId: patron.id, subjectId: patron.id, action: 'proxies.change_scopes', targetType: 'proxy_grant', targetId: grantId, detail: { scopes: sorted } });
	}
	return result;
}

// ----- staff-established proxies ----------------------------------------------------------------

export interface EstablishInput {
	patronCardNumber: string;
	proxyCardNumber: string;
	relationship: ProxyRelationship;
	scopes: ProxyScope[];
	evidence: Evidence[];
	evidenceNote: string | null;
	evidenceSeenOn: string;
	endsOn: string | null;
}

export type EstablishRefusal = 'patron_not_found' | 'proxy_not_found' | 'same_person' | 'seen_in_future' | EndDateProblem;
export type EstablishResult = { ok: true; grantId: number; patronId: number } | { ok: false; reason: EstablishRefusal };

/**
 * A librarian records a proxy established at the counter, after seeing the evidence (委任状, the proxy's
 * ID…). In force at once; the represented patron needs no login. Staff may know which cards exist.
 */
export async function establishByStaff(staffId: number, input: EstablishInput, now = new Date()): Promise<EstablishResult> {
	const patron = await accounts.findByCardNumber(input.patronCardNumber);
	if (!patron || patron.role !== 'patron' || patron.status !== 'active') return { ok: false, reason: 'patron_not_found' };
	const proxy = await accounts.findByCardNumber(input.proxyCardNumber);
	if (!proxy || proxy.role !== 'patron' || proxy.status !== 'active' || proxy.kind === 'group') return { ok: false, reason: 'proxy_not_found' };
	if (patron.id === proxy.id) return { ok: false, reason: 'same_person' };
	if (input.evidenceSeenOn > today(now)) return { ok: false, reason: 'seen_in_future' };
	const endProblem = checkEndDate(input.endsOn, now);
	if (endProblem) return { ok: false, reason: endProblem };

	const grantId = await db().transaction().execute(async (trx) => {
		await repo.endActiveBetween(trx, patron.id, proxy.id, staffId, 'replaced', now);
		return repo.insertGrant(trx, {
			patronId: patron.id,
			proxyId: proxy.id,
			origin: 'staff',
			status: 'active',
			scopes: sortScopes(input.scopes),
			relationship: input.relationship,
			evidence: [...new Set(input.evidence)],
			evidenceNote: input.evidenceNote,
			evidenceSeenOn: input.evidenceSeenOn,
			endsOn: input.endsOn,
			createdBy: staffId,
			acceptedAt: now
		});
	});
	await audit.record({
		actorId: staffId,
		subjectId: patron.id,
		action: 'proxies.establish',
		targetType: 'proxy_grant',
		targetId: grantId,
		detail: { proxyId: proxy.id, scopes: sortScopes(input.scopes), evidence: input.evidence }
	});
	return { ok: true, grantId, patronId: patron.id };
}

// ----- acting for someone -----------------------------------------------------------------------

/** The grant under which `proxyId` may act for `patronId` today, or null. */
export async function authorityFor(proxyId: number, patronId: number, now = new Date()): Promise<ProxyAuthority | null> {
	const grant = await repo.findGrantInForce(db(), patronId, proxyId, today(now));
	return grant ? { grantId: grant.id, scopes: sortScopes(grant.scopes), endsOn: grant.ends_on } : null;
}

export type StartActingResult = { ok: true; patronName: string } | { ok: false; reason: 'not_allowed' };

/**
 * Checks that `proxyId` may act for `patronId` now and records the switch. The caller then changes the
 * session's subject. An id the proxy holds no grant for is "not allowed", whether or not it exists.
 */
export async function startActing(proxyId: number, patronId: number, now = new Date()): Promise<StartActingResult> {
	if (proxyId === patronId) return { ok: false, reason: 'not_allowed' };
	const authority = await authorityFor(proxyId, patronId, now);
	if (!authority) return { ok: false, reason: 'not_allowed' };
	const patron = await accounts.findSummary(patronId);
	await audit.record({ actorId: proxyId, subjectId: patronId, action: 'proxies.act_for', targetType: 'proxy_grant', targetId: authority.grantId });
	return { ok: true, patronName: patron!.name };
}

/** Records that a proxy went back to acting for themselves (by choice, or because the grant ended). */
export async function recordStopActing(proxyId: number, formerSubjectId: number, why: 'chosen' | 'grant_ended'): Promise<void> {
	await audit.record({ actorId: proxyId, subjectId: formerSubjectId, action: why === 'chosen' ? 'proxies.stop_acting' : 'proxies.returned_to_self' });
}

/** Records that a proxy reached for something outside their grant (shown in the patron's log). */
export async function recordRefusal(proxyId: number, patronId: number, scope: ProxyScope): Promise<void> {
	await audit.record({ actorId: proxyId, subjectId: patronId, action: 'proxies.out_of_scope', detail: { scope } });
}

// ----- lists and logs ---------------------------------------------------------------------------

/** The patron's grants: who may act for them, open invitations, and grants ended in the last year. */
export function grantsOfPatron(patronId: number, now = new Date()): Promise<GrantWithNames[]> {
	return repo.listForPatron(db(), patronId, new Date(now.getTime() - ENDED_SHOWN_DAYS * 86_400_000));
}

/** The grants under which this person acts for others, and those ended in the last year. */
export function grantsAsProxy(proxyId: number, now = new Date()): Promise<GrantWithNames[]> {
	return repo.listForProxy(db(), proxyId, new Date(now.getTime() - ENDED_SHOWN_DAYS * 86_400_000));
}

/** Open invitations addressed to this person's card number. */
export function invitationsFor(proxy: Actor, now = new Date()): Promise<GrantWithNames[]> {
	return repo.listInvitationsForCard(db(), proxy.cardNumber, now);
}

export async function findGrant(grantId: number): Promise<GrantWithNames | undefined> {
	return repo.findGrantWithNames(db(), grantId);
}

/** Everything the grant's proxy did for its patron (all their grants together), newest first. */
export async function activityOf(grant: Pick<GrantRow, 'patron_id' | 'proxy_id'>, limit = ACTIVITY_LIMIT): Promise<ActivityRow[]> {
	if (grant.proxy_id === null) return [];
	return repo.listActivity(db(), grant.patron_id, grant.proxy_id, limit);
}

/** Who receives a patron's notices besides the patron: proxies whose grant in force includes `receive_notices`. */
export function noticeRecipients(patronId: number, now = new Date()) {
	return repo.listNoticeRecipients(db(), patronId, today(now));
}

export type { ActivityRow, GrantWithNames };
