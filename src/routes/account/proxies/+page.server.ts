import { requireSelf } from '$lib/server/auth/guards';
import * as proxies from '$lib/server/proxies/proxies.service';
import { toGrantView } from '$lib/server/proxies/proxies.views';
import type { PageServerLoad } from './$types';

/** Outcomes the detail page's actions redirect here with. */
const DONE = ['revoked', 'cancelled'] as const;
type Done = (typeof DONE)[number];

/** Who may act for the patron, open invitations, and what ended lately. Only the patron sees this page. */
export const load: PageServerLoad = async (event) => {
	const session = await requireSelf(event);
	const grants = (await proxies.grantsOfPatron(session.subject.id)).map((grant) => toGrantView(grant, 'patron'));
	const doneParam = event.url.searchParams.get('done');
	return {
		active: grants.filter((g) => g.state === 'active'),
		invited: grants.filter((g) => g.state === 'invited'),
		past: grants.filter((g) => g.state !== 'active' && g.state !== 'invited'),
		done: (DONE as readonly string[]).includes(doneParam ?? '') ? (doneParam as Done) : null
	};
};
