import { sql } from 'kysely';
import { db } from '$lib/server/db';
import * as accounts from '$lib/server/accounts/accounts.repository';
import * as audit from '$lib/server/audit/audit.repository';
import { hashPassword } from '$lib/server/auth/password';
import type { RegistrationInput } from './registration.schema';

/** Issues the next card number from the database sequence (safe with several app instances). */
async function nextCardNumber(): Promise<string> {
	const { rows } = await sql<{ n: string }>`select nextval('card_number_seq')::text as n`.execute(db());
	return rows[0].n;
}

/**
 * Creates a provisional account from online registration (art. 2-5). The patron cannot sign in
 * until a librarian confirms it, having seen an identity document at a counter.
 */
export async function registerOnline(input: RegistrationInput): Promise<{ accountId: number; cardNumber: string }> {
	const account = await accounts.insert({
		card_number: await nextCardNumber(),
		password_hash: await hashPassword(input.password),
		role: 'patron',
		status: 'provisional',
		name: input.name,
		name_kana: input.nameKana,
		birth_year: input.birthYear,
		phone: input.phone,
		phone_kind: input.phoneKind,
		email: input.email ?? null,
		postal_code: input.postalCode,
		address: input.address,
		category: input.category,
		previous_card_number: input.previousCardNumber ?? null,
		id_document: null,
		workplace_id: null,
		preferred_pickup_id: null,
		confirmed_at: null,
		confirmed_by: null
	});
	await audit.record({ actorId: null, subjectId: account.id, action: 'patrons.register_online' });
	return { accountId: account.id, cardNumber: account.card_number };
}

export const ID_DOCUMENTS = ['drivers_licence', 'my_number_card', 'other'] as const;
export type IdDocument = (typeof ID_DOCUMENTS)[number];

/** A librarian confirms a provisional registration after seeing an identity document (form 1). */
export async function confirm(
	staffId: number,
	accountId: number,
	idDocument: IdDocument
): Promise<'confirmed' | 'not_found' | 'already_confirmed'> {
	const account = await accounts.findById(accountId);
	if (!account || account.role !== 'patron') return 'not_found';
	// Only a still-provisional account is changed, so two librarians confirming at once record one confirmation.
	const changed = await accounts.activateProvisional(accountId, { id_document: idDocument, confirmed_at: new Date(), confirmed_by: staffId });
	if (!changed) return 'already_confirmed';
	await audit.record({ actorId: staffId, subjectId: accountId, action: 'patrons.confirm_registration', detail: { idDocument } });
	return 'confirmed';
}
