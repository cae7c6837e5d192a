/** Display preferences, kept in a cookie and applied by the server so they work without JavaScript and never flash. */
export const TEXT_SIZES = ['100', '125', '150', '175', '200'] as const;
export const THEMES = ['default', 'high-contrast', 'dark'] as const;
export const MOTIONS = ['standard', 'reduce'] as const;
export const FURIGANA = ['off', 'on'] as const;

export interface DisplayPreferences {
	textSize: (typeof TEXT_SIZES)[number];
	theme: (typeof THEMES)[number];
	motion: (typeof MOTIONS)[number];
	furigana: (typeof FURIGANA)[number];
}

export const DEFAULT_PREFERENCES: DisplayPreferences = {
	textSize: '100',
	theme: 'default',
	motion: 'standard',
	furigana: 'off'
};

export const PREFERENCES_COOKIE = 'display';

function pick<T extends readonly string[]>(allowed: T, value: unknown, fallback: T[number]): T[number] {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? value : fallback;
}

/** Reads the cookie (`size.theme.motion.furigana`); anything unknown falls back to the default. */
export function parsePreferences(cookie: string | undefined): DisplayPreferences {
	const [textSize, theme, motion, furigana] = (cookie ?? '').split('.');
	return {
		textSize: pick(TEXT_SIZES, textSize, DEFAULT_PREFERENCES.textSize),
		theme: pick(THEMES, theme, DEFAULT_PREFERENCES.theme),
		motion: pick(MOTIONS, motion, DEFAULT_PREFERENCES.motion),
		furigana: pick(FURIGANA, furigana, DEFAULT_PREFERENCES.furigana)
	};
}

export function serialisePreferences(p: DisplayPreferences): string {
	return [p.textSize, p.theme, p.motion, p.furigana].join('.');
}

/** Validates submitted form values; returns null for any value outside the allowed lists. */
export function preferencesFromForm(form: FormData): DisplayPreferences | null {
	const values = {
		textSize: form.get('textSize'),
		theme: form.get('theme'),
		motion: form.get('motion'),
		furigana: form.get('furigana')
	};
	const ok =
		(TEXT_SIZES as readonly unknown[]).includes(values.textSize) &&
		(THEMES as readonly unknown[]).includes(values.theme) &&
		(MOTIONS as readonly unknown[]).includes(values.motion) &&
		(FURIGANA as readonly unknown[]).includes(values.furigana);
	return ok ? (values as DisplayPreferences) : null;
}
