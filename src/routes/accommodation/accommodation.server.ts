import { error, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { requireScope } from '$lib/server/auth/guards';
import { isActingFor, type SessionContext } from '$lib/server/auth/session.service';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName, locationById } from '$lib/server/config/city';
import * as accommodation from '$lib/server/accommodation/accommodation.service';
import type { RequesterView } from '$lib/server/accommodation/accommodation.service';
import { ELSEWHERE, REFERENCE_PATTERN, UNKNOWN_AREA, type RequestAnswers } from '$lib/accommodation/options';
import type { Locale } from '$lib/i18n';

type GuardEvent = Pick<RequestEvent, 'locals' | 'url'> & Partial<Pick<RequestEvent, 'request'>>;

/**
 * Who is asking. Anyone may: signed out (null), a patron or their proxy (checked like every patron page: a
 * proxy needs the `accommodation` scope), or staff taking a request down for someone who phoned or came in.
 * Loads pass no request (after a form post without JavaScript the load runs on the already-read request,
 * which the stale-form check cannot clone; the action has checked it).
 */
export async function intakeSession(event: GuardEvent): Promise<SessionContext | null> {
	const session = event.locals.session;
	if (!session) return null;
	if (session.subject.role === 'patron') return requireScope(event, 'accommodation');
	return session;
}

/** Who sends the request: the signed-in account, and the patron whose account will show it. */
export function submitterOf(session: SessionContext | null): accommodation.Submitter {
	if (!session) return { actorId: null, patronId: null };
	return { actorId: session.actor.id, patronId: session.subject.role === 'patron' ? session.subject.id : null };
}

/** The draft's token from its cookie (the value is checked by the service before use). */
export function draftToken(cookies: Cookies): string | undefined {
	return cookies.get(accommodation.DRAFT_COOKIE);
}

/** Keeps the draft's token in an HttpOnly cookie limited to the request pages, for as long as drafts are kept. */
export function rememberDraft(event: Pick<RequestEvent, 'cookies' | 'url'>, token: string): void {
	event.cookies.set(accommodation.DRAFT_COOKIE, token, {
		path: '/accommodation',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:' || event.url.hostname !== 'localhost',
		maxAge: accommodation.DRAFT_KEPT_HOURS * 3600
	});
}

export function forgetDraft(cookies: Cookies): void {
	cookies.delete(accommodation.DRAFT_COOKIE, { path: '/accommodation' });
}

/** A reference number from the URL, or 404 (another person's request gets the same answer as none). */
export function referenceOr404(param: string): string {
	if (!REFERENCE_PATTERN.test(param)) error(404, { message: 'not found', key: 'errors:notFound' });
	return param;
}

export function notFound(): never {
	error(404, { message: 'not found', key: 'errors:notFound' });
}

/** Answers as form values (strings), for prefilling a page. */
export function answersAsValues(answers: Partial<RequestAnswers>): Record<string, string | string[] | undefined> {
	const values: Record<string, string | string[] | undefined> = {};
	for (const [key, value] of Object.entries(answers)) {
		if (key === 'saved') continue;
		values[key] = Array.isArray(value) ? value.map(String) : value === undefined ? undefined : String(value);
	}
	return values;
}

/** Every desk's name in the reader's language, for pages that name desks (routing, transfers, history). */
export function deskNames(locale: Locale): Record<string, string> {
	return Object.fromEntries(cityConfig().desks.map((desk) => [desk.id, localName(desk.name, locale)]));
}

/** The contact of a desk, for the person who wants to phone or write instead. */
export function deskContact(deskId: string) {
	const desk = cityConfig().desks.find((d) => d.id === deskId);
	return desk ? { phone: desk.contact.phone ?? null, fax: desk.contact.fax ?? null, email: desk.contact.email ?? null } : null;
}

/** The place of a request in the reader's language: a library, an area, "elsewhere", "I do not know", or null. */
export function placeName(answers: Pick<RequestAnswers, 'locationId' | 'areaId'>, locale: Locale, labels: { elsewhere: string; unknownArea: string }): string | null {
	const config = cityConfig();
	if (answers.locationId === ELSEWHERE) return labels.elsewhere;
	if (answers.locationId) {
		const location = locationById(config, answers.locationId);
		return location ? localName(location.name, locale) : answers.locationId;
	}
	if (answers.areaId === UNKNOWN_AREA) return labels.unknownArea;
	if (answers.areaId) {
		const area = config.areas.find((a) => a.id === answers.areaId);
		return area ? localName(area.name, locale) : answers.areaId;
	}
	return null;
}

/**
 * The person's view of their request as plain page data. What they wrote, the messages and the explanation
 * are revealed here on purpose: this is their own request (opened by its private link, or by their account),
 * on a page that is never cached.
 */
export function toRequesterPage(view: RequesterView) {
	return {
		reference: view.reference,
		status: view.status,
		serviceKind: view.serviceKind,
		deskId: view.deskId,
		submittedAt: view.submittedAt.toISOString(),
		acknowledgedAt: view.acknowledgedAt?.toISOString() ?? null,
		closedAt: view.closedAt?.toISOString() ?? null,
		erasedAt: view.erasedAt?.toISOString() ?? null,
		answerBy: view.answerBy,
		outcome: view.outcome,
		factors: view.factors,
		differentialTreatment: view.differentialTreatment,
		justifiedReasons: view.justifiedReasons,
		explanation: view.explanation?.reveal() ?? null,
		answers: { ...(view.details?.reveal() ?? {}), ...(view.identity?.reveal() ?? {}), answerBy: view.answerBy ?? undefined } as RequestAnswers,
		history: view.history.map((entry) => ({
			at: entry.at.toISOString(),
			kind: entry.kind,
			deskId: entry.deskId,
			byRequester: entry.byRequester,
			actorName: null,
			body: entry.body?.reveal() ?? null,
			detail: entry.detail
		})),
		access: view.access.map((entry) => ({ at: entry.at.toISOString(), deskId: entry.deskId, scope: entry.scope }))
	};
}

export type RequesterPage = ReturnType<typeof toRequesterPage>;

/** Whether the signed-in person acts for someone else (their account shows the request under that name). */
export function actingFor(session: SessionContext | null): boolean {
	return Boolean(session && isActingFor(session));
}
