import { readFileSync } from 'node:fs';
import type { LanguageCode } from './languages';

/**
 * The portal's own messages, read from its locale files, so tests assert what a person sees and hears in
 * each language without copying the wording. Keys are `namespace:path` (`holds:done.cancelled`); a key
 * without a namespace is in `common`, as for `t()`.
 */

type Messages = Record<string, unknown>;
const files = new Map<string, Messages>();

/** The raw message: interpolations left as `{{name}}`, furigana markup removed (as `t()` shows it). */
function rawMessage(lang: LanguageCode, key: string): string {
	const [namespace, path] = key.includes(':') ? key.split(':') : ['common', key];
	const file = `${lang}/${namespace}`;
	if (!files.has(file)) {
		files.set(file, JSON.parse(readFileSync(new URL(`../../src/lib/i18n/locales/${file}.json`, import.meta.url), 'utf8')));
	}
	let value: unknown = files.get(file);
	for (const part of path.split('.')) value = (value as Messages | undefined)?.[part];
	if (typeof value !== 'string') throw new Error(`No message "${key}" in ${lang}`);
	return value.replace(/\{([^|{}]+)\|[^{}]+\}/g, '$1');
}

/** A message with its values filled in (a value not given stays `{{name}}`). */
export function message(lang: LanguageCode, key: string, values: Record<string, string | number> = {}): string {
	return rawMessage(lang, key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/**
 * A pattern for a message as shown: given values are matched literally (or by their own pattern), numbers
 * (position, count, limit) as digits, any other interpolation as some text.
 */
export function messagePattern(lang: LanguageCode, key: string, values: Record<string, string | RegExp> = {}): RegExp {
	const source = rawMessage(lang, key)
		.split(/(\{\{\w+\}\})/)
		.map((part) => {
			const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
			if (!name) return escape(part);
			const value = values[name];
			if (value instanceof RegExp) return `(?:${value.source})`;
			if (typeof value === 'string') return escape(value);
			return name === 'position' || name === 'count' || name === 'limit' ? '\\d+' : '.+?';
		})
		.join('');
	return new RegExp(source);
}

/** Text made safe to put into a RegExp. */
export function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
