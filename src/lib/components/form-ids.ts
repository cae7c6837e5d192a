/**
 * Id conventions shared by every form component, so that `aria-describedby`, the error summary's
 * `href="#<id>"` and the tests all agree (GOV.UK Frontend uses the same suffixes).
 */

/** The id of a field's hint paragraph. */
export function hintId(id: string): string {
	return `${id}-hint`;
}

/** The id of a field's error message paragraph. */
export function errorId(id: string): string {
	return `${id}-error`;
}

/** The id of one radio or checkbox option's own hint ("-item-hint" so it never clashes with the group hint). */
export function itemHintId(inputId: string): string {
	return `${inputId}-item-hint`;
}

/** The id of the n-th (0-based) input of a radios/checkboxes group: the first gets the group id itself. */
export function optionInputId(id: string, index: number): string {
	return index === 0 ? id : `${id}-${index + 1}`;
}

/** Join the ids that exist into an `aria-describedby` value, or undefined so the attribute is left out. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
	const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
	return present.length > 0 ? present.join(' ') : undefined;
}
