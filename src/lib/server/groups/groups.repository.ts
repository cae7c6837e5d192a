import { sql, type Kysely } from 'kysely';
import type { Database, NewAccount, PatronGroupsTable } from '$lib/server/db/schema';

/** Any query executor: the pool or a transaction (a group is created in one transaction). */
type Ex = Kysely<Database>;

/** Issues the next card number from the database sequence (safe with several app instances). */
export async function nextCardNumber(ex: Ex): Promise<string> {
	const { rows } = await sql<{ n: string }>`select nextval('card_number_seq')::text as n`.execute(ex);
	return rows[0].n;
}

export async function insertAccount(ex: Ex, account: NewAccount) {
	return ex.insertInto('accounts').values(account).returning(['id', 'card_number', 'created_at']).executeTakeFirstOrThrow();
}

export async function insertGroup(ex: Ex, group: PatronGroupsTable): Promise<void> {
	await ex.insertInto('patron_groups').values(group).execute();
}

/** A group account with its form 3 details, or undefined if the id is not a group. */
export async function findGroup(ex: Ex, accountId: number) {
	return ex
		.selectFrom('accounts as a')
		.innerJoin('patron_groups as g', 'g.account_id', 'a.id')
		.select([
			'a.id', 'a.card_number', 'a.name', 'a.name_kana', 'a.status', 'a.kind', 'a.created_at', 'a.confirmed_by',
			'g.group_type', 'g.members', 'g.home_library_id'
		])
		.where('a.id', '=', accountId)
		.where('a.kind', '=', 'group')
		.executeTakeFirst();
}

export async function setPasswordHash(ex: Ex, accountId: number, passwordHash: string): Promise<void> {
	await ex.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
}

/** Whether anyone has ever signed in to the account (the audit log records every sign-in). */
export async function hasSignedIn(ex: Ex, accountId: number): Promise<boolean> {
	const row = await ex
		.selectFrom('audit_log')
		.select('id')
		.where('subject_id', '=', accountId)
		.where('action', '=', 'auth.sign_in')
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}
