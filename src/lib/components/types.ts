import type { Rich } from '$lib/i18n';
/** Types shared by the form and banner components. */

/** A heading level for components that can render their title as a heading. */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** One option of Radios or Checkboxes. */
export interface ChoiceOption {
	value: string;
	/** Translated option label (`Rich` from `tr()` for furigana). */
	label: string | Rich;
	/** Translated hint for this option only, linked by the input's `aria-describedby`. */
	hint?: string | Rich;
	/** Language of the label when it differs from the page, e.g. each language named in itself. */
	lang?: string;
}

/** One row of a SummaryList: a question and the answer given. */
export interface SummaryRow {
	/** Stable key; also the `data-answer` attribute of the value, for tests. */
	key: string;
	/** Translated question, the row's `dt`. */
	label: string;
	/** The answer, translated or as typed: none, one paragraph, or a list. */
	values: string[];
	/** Free text as typed: keep its line breaks. */
	text?: boolean;
	/** The values are the lines of one answer (an address): one paragraph, not a list. */
	lines?: boolean;
	/** Where the row's change link goes; no link without it. */
	changeHref?: string;
}
