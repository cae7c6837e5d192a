import { error, redirect } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { formFailure, parseForm } from '$lib/server/forms/form';
import * as readingServices from '$lib/server/reading-services/reading-services.service';
import type { ApplicationView } from '$lib/server/reading-services/reading-services.service';
import { replySchema } from '$lib/server/reading-services/application.forms';
import { actingOf, idOr404, requireReadingScope } from './reading-services.server';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['replied', 'withdrawn'] as const;

/**
 * Plain data for the page. Questions, answers and reasons are revealed here on purpose: this is the
 * patron's own record (a proxy's view was logged by the service), and the page is never cached.
 */
function toPage(view: ApplicationView) {
	return {
		id: view.id,
		reference: view.reference,
		status: view.status,
		submittedAt: view.submittedAt.toISOString(),
		decidedAt: view.decidedAt?.toISOString() ?? null,
		endedAt: view.endedAt?.toISOString() ?? null,
		expiresOn: view.expiresOn,
		lastUsedOn: view.lastUsedOn,
		erased: view.erased,
		grantedTypes: view.grantedTypes,
		history: view.history.map((entry) => ({
			at: entry.at.toISOString(),
			kind: entry.kind,
			actorName: entry.actorName,
			actorRole: entry.actorRole,
			actedBySelf: entry.actedBySelf,
			body: entry.body?.reveal() ?? null,
			detail: entry.detail as { types?: number[]; expiresOn?: string; by?: string }
		}))
	};
}

/** The patron's reading services: registration in force, application being decided (with its messages), history, who looked. */
export const load: PageServerLoad = async (event) => {
	const session = await requireReadingScope(event);
	const status = await readingServices.statusOf(actingOf(session));
	const done = event.url.searchParams.get('done');
	return {
		open: status.open && toPage(status.open),
		current: status.current && toPage(status.current),
		answers: status.answers?.reveal() ?? null,
		past: status.past.map(toPage),
		hasDraft: status.hasDraft,
		access: status.access.map((entry) => ({
			id: String(entry.id),
			at: new Date(entry.at).toISOString(),
			purpose: entry.purpose,
			viewerName: entry.viewer_name,
			viewerRole: entry.viewer_role,
			reference: entry.reference
		})),
		pending: event.url.searchParams.has('pending'),
		done: DONE.find((d) => d === done) ?? null
	};
};

export const actions: Actions = {
	/** The patron answers the library's question. */
	reply: async (event) => {
		const session = await requireScope(event, 'reading_services');
		const form = await event.request.formData();
		const id = idOr404(String(form.get('applicationId') ?? ''));
		const parsed = parseForm(replySchema, form);
		if (!parsed.ok) return formFailure(form, parsed.errors, ['reply']);
		const result = await readingServices.reply(actingOf(session), id, parsed.data.reply);
		if (!result.ok && result.reason === 'not_found') error(404, { message: 'not found', key: 'errors:notFound' });
		// Already answered (another tab) or decided meanwhile: the page as it is now says which.
		redirect(303, result.ok ? '/reading-services?done=replied' : '/reading-services');
	}
};
