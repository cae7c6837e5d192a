/**
 * Furigana markup in message files: `{漢字|かんじ}`. Plain text drops the reading;
 * HTML shows it as `<ruby>` when the patron turned furigana on.
 *
 * Accessibility policy: the reading is shown, not spoken. Chromium puts `<rt>` into the
 * accessible name ("予約 よやく する"), so the reading would be read twice and a control's
 * name would stop matching its label (WCAG 2.5.3). `rt` therefore carries aria-hidden, and
 * tests assert that names read as the plain text.
 */
const RUBY = /\{([^{}|]+)\|([^{}|]+)\}/g;

export function stripRuby(text: string): string {
	return text.replace(RUBY, '$1');
}

/** `text` must already be HTML-escaped except for the ruby markup. */
export function rubyToHtml(text: string, furigana: boolean): string {
	return text.replace(RUBY, (_, base: string, reading: string) =>
		furigana ? `<ruby>${base}<rp>(</rp><rt aria-hidden="true">${reading}</rt><rp>)</rp></ruby>` : base
	);
}
