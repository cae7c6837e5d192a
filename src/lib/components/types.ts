/** Types shared by the form and banner components. */

/** A heading level for components that can render their title as a heading. */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** One option of Radios or Checkboxes. */
export interface ChoiceOption {
	value: string;
	/** Translated option label. */
	label: string;
	/** Translated hint for this option only, linked by the input's `aria-describedby`. */
	hint?: string;
	/** Language of the label when it differs from the page, e.g. each language named in itself. */
	lang?: string;
}
