import { db } from '$lib/server/db';
import type { Account, AccountUpdate, NewAccount, Role } from '$lib/server/db/schema';

/** The columns everyone may see about an account in a session: no contact or personal details. */
export interface AccountSummary {
	id: number;
	cardNumber: string;
	name: string;
	role: Role;
	status: Account['status'];
}

const SUMMARY_COLUMNS = ['id', 'card_number', 'name', 'role', 'status'] as const;

function toSummary(row: Pick<Account, (typeof SUMMARY_COLUMNS)[number]>): AccountSummary {
	return { id: row.id, cardNumber: row.card_number, name: row.name, role: row.role, status: row.status };
}

export async function findByCardNumber(cardNumber: string): Promise<Account | undefined> {
	return db().selectFrom('accounts').selectAll().where('card_number', '=', cardNumber).executeTakeFirst();
}

export async function findSummary(id: number): Promise<AccountSummary | undefined> {
	const row = await db().selectFrom('accounts').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
	return row && toSummary(row);
}

export async function findById(id: number): Promise<Account | undefined> {
	return db().selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insert(account: NewAccount): Promise<Account> {
	return db().insertInto('accounts').values(account).returningAll().executeTakeFirstOrThrow();
}

export async function update(id: number, changes: AccountUpdate): Promise<void> {
	await db().updateTable('accounts').set(changes).where('id', '=', id).execute();
}

export async function count(): Promise<number> {
	const row = await db().selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listProvisional(): Promise<Account[]> {
	return db().selectFrom('accounts').selectAll().where('status', '=', 'provisional').orderBy('created_at').execute();
}

/** The highest card number issued so far, for issuing the next one. */
export async function maxCardNumber(): Promise<string | undefined> {
	const row = await db()
		.selectFrom('accounts')
		.select((eb) => eb.fn.max('card_number').as('max'))
		.where('role', '=', 'patron')
		.executeTakeFirst();
	return row?.max ?? undefined;
}

/** Activates a provisional account; false if it was not provisional (already confirmed by someone). */
export async function activateProvisional(id: number, changes: AccountUpdate): Promise<boolean> {
	const result = await db()
		.updateTable('accounts')
		.set({ ...changes, status: 'active' })
		.where('id', '=', id)
		.where('status', '=', 'provisional')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
