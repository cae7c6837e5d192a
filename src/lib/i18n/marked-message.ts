import type { TOptions } from 'i18next';

/** A run of a translated sentence: plain text, or an interpolated value in its own language. */
export interface MessagePart {
	text: string;
	/** Set on a value whose language differs from the page's (a Japanese title on the English page). */
	lang?: string;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';
const MARKER = /\u0002(\w+)\u0003/g;

/**
 * A whole translated sentence, split where some interpolated values sit, so the page can wrap each of them
 * in `<span lang="…">` and a screen reader reads a Japanese title with a Japanese voice inside an English
 * sentence (WCAG 3.1.2). The sentence itself stays one message: word order is the translation's.
 *
 * `translate` is `t` from `$lib/i18n`; `marked` values take part in the sentence like any other variable.
 */
export function markedMessage(
	translate: (key: string, options?: TOptions) => string,
	key: string,
	options: TOptions,
	marked: Record<string, { text: string; lang?: string }>
): MessagePart[] {
	const placeholders = Object.fromEntries(Object.keys(marked).map((name) => [name, `${OPEN}${name}${CLOSE}`]));
	const sentence = translate(key, { ...options, ...placeholders });
	const parts: MessagePart[] = [];
	let last = 0;
	for (const match of sentence.matchAll(MARKER)) {
		if (match.index > last) parts.push({ text: sentence.slice(last, match.index) });
		const value = marked[match[1]];
		parts.push(value ? { text: value.text, lang: value.lang } : { text: match[0] });
		last = match.index + match[0].length;
	}
	if (last < sentence.length) parts.push({ text: sentence.slice(last) });
	return parts;
}
