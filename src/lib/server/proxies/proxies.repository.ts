import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ProxyEndReason, ProxyGrantsTable, ProxyScope } from '$lib/server/db/schema';

/** Any query executor: the pool or a transaction. Changes to a grant run in one transaction with a row lock. */
type Ex = Kysely<Database>;

export type GrantRow = Selectable<ProxyGrantsTable>;

export async function insertGrant(
	ex: Ex,
	grant: {
		patronId: number;
		proxyId: number | null;
		origin: 'patron' | 'staff';
		status: 'invited' | 'active';
		scopes: ProxyScope[];
		invitedCardNumber?: string | null;
		inviteCodeHash?: string | null;
		inviteExpiresAt?: Date | null;
		relationship?: GrantRow['relationship'];
		evidence?: string[];
		evidenceNote?: string | null;
		evidenceSeenOn?: string | null;
		endsOn: string | null;
		createdBy: number;
		acceptedAt?: Date | null;
	}
): Promise<number> {
	const row = await ex
		.insertInto('proxy_grants')
		.values({
			patron_id: grant.patronId,
			proxy_id: grant.proxyId,
			origin: grant.origin,
			status: grant.status,
			scopes: grant.scopes,
			invited_card_number: grant.invitedCardNumber ?? null,
			invite_code_hash: grant.inviteCodeHash ?? null,
			invite_expires_at: grant.inviteExpiresAt ?? null,
			relationship: grant.relationship ?? null,
			evidence: grant.evidence ?? [],
			evidence_note: grant.evidenceNote ?? null,
			evidence_seen_on: grant.evidenceSeenOn ?? null,
			ends_on: grant.endsOn,
			created_by: grant.createdBy,
			accepted_at: grant.acceptedAt ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function findGrant(ex: Ex, id: number): Promise<GrantRow | undefined> {
	return ex.selectFrom('proxy_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks a grant for a change: accepting, ending and changing scopes of one grant happen one at a time. */
export async function lockGrant(ex: Ex, id: number): Promise<GrantRow | undefined> {
	return ex.selectFrom('proxy_grants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function lockGrantByCodeHash(ex: Ex, hash: string): Promise<GrantRow | undefined> {
	return ex.selectFrom('proxy_grants').selectAll().where('invite_code_hash', '=', hash).forUpdate().executeTakeFirst();
}

export async function updateGrant(
	ex: Ex,
	id: number,
	changes: Partial<Pick<GrantRow, 'status' | 'proxy_id' | 'scopes' | 'accepted_at' | 'ended_at' | 'ended_by' | 'end_reason'>>
): Promise<void> {
	await ex.updateTable('proxy_grants').set(changes).where('id', '=', id).execute();
}

/** Ends the grant in force between a patron and a proxy, if any (a new grant replaces it). */
export async function endActiveBetween(ex: Ex, patronId: number, proxyId: number, endedBy: number, reason: ProxyEndReason, now: Date) {
	await ex
		.updateTable('proxy_grants')
		.set({ status: 'ended', ended_at: now, ended_by: endedBy, end_reason: reason })
		.where('patron_id', '=', patronId)
		.where('proxy_id', '=', proxyId)
		.where('status', '=', 'active')
		.execute();
}

/**
 * The grant that lets `proxyId` act for `patronId` today: active, not past its last day, and both
 * accounts still active patrons. Read on every request of a proxy session (session.service.resume).
 */
export async function findGrantInForce(ex: Ex, patronId: number, proxyId: number, day: string) {
	return ex
		.selectFrom('proxy_grants as g')
		.innerJoin('accounts as p', 'p.id', 'g.patron_id')
		.innerJoin('accounts as x', 'x.id', 'g.proxy_id')
		.select(['g.id', 'g.scopes', 'g.ends_on'])
		.where('g.patron_id', '=', patronId)
		.where('g.proxy_id', '=', proxyId)
		.where('g.status', '=', 'active')
		.where((eb) => eb.or([eb('g.ends_on', 'is', null), eb('g.ends_on', '>=', day)]))
		.where('p.role', '=', 'patron')
		.where('p.status', '=', 'active')
		.where('x.status', '=', 'active')
		.executeTakeFirst();
}

/** A patron's name and status, read inside a grant's transaction. */
export async function findPatron(ex: Ex, id: number) {
	return ex.selectFrom('accounts').select(['id', 'name', 'status', 'role']).where('id', '=', id).executeTakeFirst();
}

/** Pending card invitations from this patron to this typed card number. */
export async function findPendingCardInvitation(ex: Ex, patronId: number, cardNumber: string, now: Date) {
	return ex
		.selectFrom('proxy_grants')
		.select('id')
		.where('patron_id', '=', patronId)
		.where('invited_card_number', '=', cardNumber)
		.where('status', '=', 'invited')
		.where('invite_expires_at', '>', now)
		.executeTakeFirst();
}

const GRANT_WITH_NAMES = [
	'g.id',
	'g.patron_id',
	'g.proxy_id',
	'g.origin',
	'g.status',
	'g.scopes',
	'g.invited_card_number',
	'g.invite_code_hash',
	'g.invite_expires_at',
	'g.relationship',
	'g.evidence',
	'g.evidence_note',
	'g.evidence_seen_on',
	'g.ends_on',
	'g.created_at',
	'g.created_by',
	'g.accepted_at',
	'g.ended_at',
	'g.ended_by',
	'g.end_reason',
	'patron.name as patron_name',
	'patron.card_number as patron_card_number',
	'proxy.name as proxy_name',
	'proxy.card_number as proxy_card_number',
	'creator.name as created_by_name',
	'creator.role as created_by_role'
] as const;

function grantsWithNames(ex: Ex) {
	return ex
		.selectFrom('proxy_grants as g')
		.innerJoin('accounts as patron', 'patron.id', 'g.patron_id')
		.leftJoin('accounts as proxy', 'proxy.id', 'g.proxy_id')
		.innerJoin('accounts as creator', 'creator.id', 'g.created_by')
		.select(GRANT_WITH_NAMES);
}

export type GrantWithNames = NonNullable<Awaited<ReturnType<typeof findGrantWithNames>>>;

export async function findGrantWithNames(ex: Ex, id: number) {
	return grantsWithNames(ex).where('g.id', '=', id).executeTakeFirst();
}

/** Every grant a patron has given or that was recorded for them, newest first (ended ones for a year). */
export async function listForPatron(ex: Ex, patronId: number, endedSince: Date) {
	return grantsWithNames(ex)
		.where('g.patron_id', '=', patronId)
		.where((eb) => eb.or([eb('g.status', '!=', 'ended'), eb('g.ended_at', '>=', endedSince)]))
		.orderBy('g.created_at', 'desc')
		.orderBy('g.id', 'desc')
		.execute();
}

/** The grants under which this person acts (or acted) for others, newest first (ended ones for a year). */
export async function listForProxy(ex: Ex, proxyId: number, endedSince: Date) {
	return grantsWithNames(ex)
		.where('g.proxy_id', '=', proxyId)
		.where('g.status', '!=', 'invited')
		.where((eb) => eb.or([eb('g.status', '!=', 'ended'), eb('g.ended_at', '>=', endedSince)]))
		.orderBy('g.created_at', 'desc')
		.orderBy('g.id', 'desc')
		.execute();
}

/** Open invitations addressed to a card number (the invitee sees who invited them). */
export async function listInvitationsForCard(ex: Ex, cardNumber: string, now: Date) {
	return grantsWithNames(ex)
		.where('g.invited_card_number', '=', cardNumber)
		.where('g.status', '=', 'invited')
		.where('g.invite_expires_at', '>', now)
		.where('patron.status', '=', 'active')
		.orderBy('g.created_at', 'desc')
		.execute();
}

/** The proxies who receive a patron's notices today (for the notifications domain). */
export async function listNoticeRecipients(ex: Ex, patronId: number, day: string) {
	return ex
		.selectFrom('proxy_grants as g')
		.innerJoin('accounts as x', 'x.id', 'g.proxy_id')
		.select(['x.id', 'x.name', 'x.email'])
		.where('g.patron_id', '=', patronId)
		.where('g.status', '=', 'active')
		.where(sql<boolean>`'receive_notices' = any(g.scopes)`)
		.where((eb) => eb.or([eb('g.ends_on', 'is', null), eb('g.ends_on', '>=', day)]))
		.where('x.status', '=', 'active')
		.orderBy('x.id')
		.execute();
}

/** How many wrong one-time codes this person typed since a moment (from the audit log): the code throttle. */
export async function countRejectedCodes(ex: Ex, actorId: number, since: Date): Promise<number> {
	const row = await ex
		.selectFrom('audit_log')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('actor_id', '=', actorId)
		.where('action', '=', 'proxies.code_rejected')
		.where('at', '>=', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** One line of a proxy's log: an audit entry, or a change to one of the patron's reservations. */
export interface ActivityRow {
	at: Date;
	source: 'audit' | 'hold';
	action: string;
	target_type: string | null;
	target_id: string | null;
	/** Reservations only: the title, for the patron's own view (staff views leave it out). */
	title: string | null;
	/** A refusal's scope (`proxies.out_of_scope`). */
	scope: string | null;
}

/**
 * Everything `proxyId` did for `patronId`, newest first. Reservations keep their full history in
 * `hold_events` (with the actor), so they come from there; the audit log gives everything else. Audit
 * entries for holds are left out so nothing is listed twice.
 */
export async function listActivity(ex: Ex, patronId: number, proxyId: number, limit: number): Promise<ActivityRow[]> {
	const { rows } = await sql<ActivityRow & { seq: string }>`
		select * from (
			select a.at, a.id as seq, 'audit' as source, a.action, a.target_type, a.target_id, null::text as title, a.detail->>'scope' as scope
			from audit_log a
			where a.subject_id = ${patronId} and a.actor_id = ${proxyId} and a.action not like 'holds.%'
			union all
			select e.at, e.id as seq, 'hold' as source, e.reason as action, 'hold' as target_type, e.hold_id::text as target_id, r.title, null::text as scope
			from hold_events e
			join holds h on h.id = e.hold_id
			join catalogue_records r on r.id = h.record_id
			where h.patron_id = ${patronId} and e.actor_id = ${proxyId}
		) activity
		-- Entries of one table written in the same millisecond keep the order they were written in.
		order by at desc, seq desc
		limit ${limit}`.execute(ex);
	return rows.map(({ seq: _seq, ...row }) => ({ ...row, at: new Date(row.at) }));
}
