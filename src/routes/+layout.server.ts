import { actForSelf, isActingFor, timeLeft } from '$lib/server/auth/session.service';
import type { LayoutServerLoad } from './$types';

/** What every page needs: language, display preferences and who is signed in (no personal details). */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	// Reading the path makes this load run again on every navigation, so the acting-for banner follows a
	// grant that was ended elsewhere (by the patron, in another tab, by staff) on the very next page.
	void url.pathname;
	let session = locals.session;
	// A proxy whose grant has ended goes back to acting for themselves, and the page says why.
	let proxyEnded = false;
	if (session && isActingFor(session) && !session.proxy) {
		session = await actForSelf(session, 'grant_ended');
		proxyEnded = true;
	}
	return {
		locale: locals.locale,
		preferences: locals.preferences,
		viewer: session
			? {
					actorName: session.actor.name,
					subjectName: session.subject.name,
					actingFor: isActingFor(session),
					role: session.actor.role,
					/** For SubjectField: forms say whom they were rendered for. */
					subjectId: session.subject.id,
					proxyEnded,
					/**
					 * For the timeout warning (SessionTimeout.svelte): how long the session has left, not when it
					 * ends, so a device whose clock is wrong still counts down right. A new object on every load,
					 * so the warning restarts its count even when two loads give the same number.
					 */
					session: { remainingMs: timeLeft(session) }
				}
			: null
	};
};
