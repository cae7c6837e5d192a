import type { Locale } from '$lib/i18n/locales';
import type { DisplayPreferences } from '$lib/preferences';
import type { SessionContext } from '$lib/server/auth/session.service';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			preferences: DisplayPreferences;
			/** Who is signed in and whose account is being acted on; null when signed out. */
			session: SessionContext | null;
		}
		interface Error {
			message: string;
			/** i18n key, so the error page can speak the user's language. */
			key?: string;
			/** Values the message interpolates, already in the user's language (e.g. a proxy's scopes). */
			values?: Record<string, string | number>;
		}
	}
}

export {};
