import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireStaff } from '$lib/server/auth/guards';
import * as accounts from '$lib/server/accounts/accounts.repository';
import { confirm, ID_DOCUMENTS } from '$lib/server/patrons/registration.service';
import { echoValues, parseForm } from '$lib/server/forms/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, ['librarian']);
	const pending = await accounts.listProvisional();
	return {
		pending: pending.map((a) => ({
			id: a.id,
			cardNumber: a.card_number,
			name: a.name,
			nameKana: a.name_kana,
			birthYear: a.birth_year,
			address: `〒${a.postal_code} ${a.address}`,
			phone: a.phone,
			createdAt: new Date(a.created_at).toISOString()
		}))
	};
};

const confirmSchema = z.object({
	accountId: z.coerce.number({ error: 'staff:registrations.errors.unknown' }).int('staff:registrations.errors.unknown').positive('staff:registrations.errors.unknown'),
	idDocument: z.enum(ID_DOCUMENTS, { error: 'staff:registrations.errors.idDocument' })
});

export const actions: Actions = {
	confirm: async (event) => {
		const session = requireStaff(event, ['librarian']);
		const form = await event.request.formData();
		const parsed = parseForm(confirmSchema, form);
		const accountId = String(form.get('accountId') ?? '');
		if (!parsed.ok) {
			const field = parsed.errors.idDocument ? `idDocument-${accountId}` : 'form';
			return fail(400, { accountId, values: echoValues(form), errors: { [field]: parsed.errors.idDocument ?? parsed.errors.accountId }, order: [field] });
		}
		const outcome = await confirm(session.actor.id, parsed.data.accountId, parsed.data.idDocument);
		if (outcome === 'not_found') return fail(404, { accountId, values: echoValues(form), errors: { form: 'staff:registrations.errors.unknown' }, order: ['form'] });
		redirect(303, `/staff/registrations?${outcome === 'confirmed' ? 'confirmed' : 'already'}=1`);
	}
};
