import { error, fail, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import * as accounts from '$lib/server/accounts/accounts.repository';
import * as audit from '$lib/server/audit/audit.repository';
import * as proxies from '$lib/server/proxies/proxies.service';
import { parseId } from '$lib/server/proxies/proxies.forms';
import { toGrantView, toLogEntries } from '$lib/server/proxies/proxies.views';
import type { Actions, PageServerLoad } from './$types';

const LOG_LINES = 50;

async function patronOr404(idParam: string) {
	const id = parseId(idParam);
	const account = id === null ? undefined : await accounts.findSummary(id);
	if (!account || account.role !== 'patron') error(404, { message: 'not found', key: 'errors:notFound' });
	return account;
}

/** A patron's proxies (both ways) and what each proxy did, for staff. Every look is written to the audit log. */
export const load: PageServerLoad = async (event) => {
	const session = requireStaff(event, ['librarian', 'desk_officer']);
	const patron = await patronOr404(event.params.id);
	const [given, held] = await Promise.all([proxies.grantsOfPatron(patron.id), proxies.grantsAsProxy(patron.id)]);
	const logs = await Promise.all(given.map((grant) => proxies.activityOf(grant, LOG_LINES)));
	await audit.record({ actorId: session.actor.id, subjectId: patron.id, action: 'proxies.staff_view' });
	return {
		patron: { id: patron.id, name: patron.name, cardNumber: patron.cardNumber },
		given: given.map((grant, index) => ({ ...toGrantView(grant, 'staff'), log: toLogEntries(logs[index], 'staff') })),
		held: held.map((grant) => toGrantView(grant, 'staff')),
		mayEnd: session.actor.role !== 'desk_officer',
		done: event.url.searchParams.get('done') === 'recorded' ? 'recorded' : event.url.searchParams.get('done') === 'ended' ? 'ended' : null
	};
};

export const actions: Actions = {
	/** A librarian ends a grant (the patron asked at the counter or by phone, or the evidence lapsed). */
	end: async (event) => {
		const session = requireStaff(event, ['librarian']);
		const patron = await patronOr404(event.params.id);
		const form = await event.request.formData();
		const grantId = parseId(form.get('grantId'));
		const grant = grantId === null ? undefined : await proxies.findGrant(grantId);
		// Only a grant of this patron (either side) can be ended from this patron's page.
		if (!grant || (grant.patron_id !== patron.id && grant.proxy_id !== patron.id)) {
			return fail(404, { values: {}, errors: { given: 'proxies:errors.grantNotFound' }, order: ['given'] });
		}
		const result = await proxies.endByStaff(session.actor.id, grant.id);
		if (!result.ok) return fail(400, { values: {}, errors: { given: 'proxies:errors.alreadyEnded' }, order: ['given'] });
		redirect(303, `/staff/proxies/patrons/${patron.id}?done=ended`);
	}
};
