import { error, fail, redirect } from '@sveltejs/kit';
import { echoValues, formFailure, parseForm } from '$lib/server/forms/form';
import { newSubmissionToken, once } from '$lib/server/forms/idempotency';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import type { DeskActionResult } from '$lib/server/accommodation/accommodation.service';
import { messageSchema } from '$lib/server/accommodation/accommodation.forms';
import type { RequestAnswers } from '$lib/accommodation/options';
import { deskNames } from '../../../accommodation/accommodation.server';
import { placeOf, referenceOr404, requireDeskStaff } from '../desk.server';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['acknowledged', 'messaged', 'transferred'] as const;

/**
 * One request at the desk. The handling desk sees everything: who asked and how to reach them, the case, the
 * messages, the reasons of transfers. The Disability Policy Division sees other desks' requests without who
 * asked and without the messages (art. 6-3). Opening it is logged by the service and shown to the person;
 * what is revealed below is what that reader may see.
 */
export const load: PageServerLoad = async (event) => {
	const staff = await requireDeskStaff(event);
	const reference = referenceOr404(event.params.reference);
	const view = await accommodation.openForStaff(staff, reference);
	if (!view) error(404, { message: 'not found', key: 'errors:notFound' });
	const locale = event.locals.locale;
	const answers: RequestAnswers = { ...(view.details?.reveal() ?? {}), ...(view.identity?.reveal() ?? {}), answerBy: view.answerBy ?? undefined };
	const done = event.url.searchParams.get('done');
	return {
		request: {
			reference: view.reference,
			status: view.status,
			serviceKind: view.serviceKind,
			deskId: view.deskId,
			routedDeskId: view.routedDeskId,
			submittedAt: view.submittedAt.toISOString(),
			ackDueAt: view.ackDueAt.toISOString(),
			overdue: view.status === 'received' && Date.now() > view.ackDueAt.getTime(),
			acknowledgedAt: view.acknowledgedAt?.toISOString() ?? null,
			acknowledgedBy: view.acknowledgedBy,
			answerBy: view.answerBy,
			needsReply: view.needsReply,
			outcome: view.outcome,
			factors: view.factors,
			differentialTreatment: view.differentialTreatment,
			justifiedReasons: view.justifiedReasons,
			explanation: view.explanation?.reveal() ?? null,
			closedAt: view.closedAt?.toISOString() ?? null,
			erasedAt: view.erasedAt?.toISOString() ?? null,
			fromAccount: view.fromAccount,
			messageCount: view.messageCount
		},
		access: view.access,
		answers,
		place: placeOf(view, locale),
		history: view.history.map((entry) => ({
			at: entry.at.toISOString(),
			kind: entry.kind,
			deskId: entry.deskId,
			byRequester: entry.byRequester,
			actorName: entry.actorName,
			body: entry.body?.reveal() ?? null,
			detail: entry.detail
		})),
		may: {
			acknowledge: view.mayAcknowledge,
			message: view.mayMessage,
			transfer: view.mayTransfer,
			outcome: view.mayRecordOutcome
		},
		needsManager: view.needsManager,
		desks: deskNames(locale),
		submission: newSubmissionToken(),
		done: DONE.find((d) => d === done) ?? null
	};
};

/** A refused desk action, as an error summary entry pointing at the control it came from. */
function refused(form: FormData, field: string, result: Exclude<DeskActionResult, { ok: true }>) {
	if (result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
	return fail(409, { values: echoValues(form), errors: { [field]: `accommodation:staff.request.errors.${result.reason}` }, order: [field] });
}

export const actions: Actions = {
	/** A responsible manager of the handling desk records that the request has been checked (art. 4). */
	acknowledge: async (event) => {
		const staff = await requireDeskStaff(event);
		const reference = referenceOr404(event.params.reference);
		const form = await event.request.formData();
		const result = await accommodation.acknowledge(staff, reference);
		if (!result.ok) return refused(form, 'acknowledge', result);
		redirect(303, `/staff/accommodation/${reference}?done=acknowledged`);
	},
	/** A message to the person (constructive dialogue); a double click sends one. */
	message: async (event) => {
		const staff = await requireDeskStaff(event);
		const reference = referenceOr404(event.params.reference);
		const form = await event.request.formData();
		const parsed = parseForm(messageSchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['message']);
		const { result } = await once(form.get('__submission'), 'accommodation.desk_message', () => accommodation.sendMessage(staff, reference, parsed.data.message));
		if (!result.ok) return refused(form, 'message', result);
		redirect(303, `/staff/accommodation/${reference}?done=messaged`);
	}
};
