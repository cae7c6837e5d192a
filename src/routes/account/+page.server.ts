import { requireScope } from '$lib/server/auth/guards';
import * as accounts from '$lib/server/accounts/accounts.repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// A proxy sees the account's details with the "see loans and reservations" scope (or `reservations`).
	const session = await requireScope(event, 'view_loans_reservations');
	const account = await accounts.findById(session.subject.id);
	return {
		account: account && {
			name: account.name,
			nameKana: account.name_kana,
			cardNumber: account.card_number,
			email: account.email,
			phone: account.phone,
			address: account.address,
			postalCode: account.postal_code
		}
	};
};
