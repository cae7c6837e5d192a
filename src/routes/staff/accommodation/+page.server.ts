import { cityConfig } from '$lib/server/config/load-city-config';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import type { QueueItem, QueueScope } from '$lib/server/accommodation/accommodation.service';
import { deskNames } from '../../accommodation/accommodation.server';
import { placeOf, requireDeskStaff } from './desk.server';
import type { PageServerLoad } from './$types';

const DONE = ['transferred', 'closed'] as const;

/**
 * The desk's queue: open requests with their age, overdue acknowledgements first, and those closed in the
 * last 30 days. No names or anything anyone wrote: each request's page has those, and opening it is logged.
 * The Disability Policy Division (and administrators) may show every desk, or any one desk.
 */
export const load: PageServerLoad = async (event) => {
	const staff = await requireDeskStaff(event);
	const everyDesk = accommodation.seesEveryDesk(staff);
	const config = cityConfig();
	const asked = event.url.searchParams.get('desk') ?? '';
	let scope: QueueScope = { kind: 'mine' };
	if (everyDesk && (asked === 'all' || (asked === '' && staff.deskIds.length === 0))) scope = { kind: 'all' };
	else if (everyDesk && config.desks.some((desk) => desk.id === asked)) scope = { kind: 'desk', deskId: asked };
	const queue = await accommodation.queueOf(staff, scope);
	const locale = event.locals.locale;
	const toItem = (item: QueueItem) => ({
		reference: item.reference,
		status: item.status,
		serviceKind: item.serviceKind,
		place: placeOf(item, locale),
		deskId: item.deskId,
		submittedAt: item.submittedAt.toISOString(),
		ageHours: item.ageHours,
		ackDueAt: item.ackDueAt.toISOString(),
		overdue: item.overdue,
		answerBy: item.answerBy,
		needsReply: item.needsReply,
		outcome: item.outcome,
		closedAt: item.closedAt?.toISOString() ?? null
	});
	const done = event.url.searchParams.get('done');
	return {
		open: queue.open.map(toItem),
		closed: queue.closed.map(toItem),
		scope: scope.kind === 'desk' ? scope.deskId : scope.kind,
		everyDesk,
		admin: staff.admin,
		ownDesks: staff.deskIds,
		deskOptions: config.desks.map((desk) => desk.id),
		desks: deskNames(locale),
		acknowledgeHours: config.accommodation.acknowledgeWithinHours,
		done: DONE.find((d) => d === done) ?? null,
		reference: event.url.searchParams.get('reference')
	};
};
