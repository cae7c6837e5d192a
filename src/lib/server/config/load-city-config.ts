import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { cityConfigSchema, type CityConfig } from './city-config.schema';
// Imported, not read from disk: adapter-node bundles server code into build/server/chunks, where a
// path relative to import.meta.url no longer points at this folder. The bundler inlines the JSON.
import nerima from './cities/nerima.json';

/** One problem in a configuration file: the field's path (`holds.pickupPeriodDays`) and what is wrong. */
export interface CityConfigIssue {
	path: string;
	message: string;
}

/** A city configuration that cannot be used; the message names every bad field, one per line. */
export class CityConfigError extends Error {
	readonly source: string;
	readonly issues: readonly CityConfigIssue[];

	constructor(source: string, issues: CityConfigIssue[]) {
		super(
			issues
				.map((issue) =>
					[`city configuration ${source}`, issue.path, issue.message].filter(Boolean).join(': ')
				)
				.join('\n')
		);
		this.name = 'CityConfigError';
		this.source = source;
		this.issues = issues;
	}
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	array: 'a list',
	object: 'an object',
	record: 'an object'
};

/**
 * Wording for Zod's generic issues, used where a schema gives no message of its own.
 * Schema-level messages (ranges, ids, formats) take precedence over this map.
 */
const describe: z.core.$ZodErrorMap = (issue) => {
	switch (issue.code) {
		case 'invalid_type':
			if (issue.input === undefined) return 'is required';
			return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
		case 'invalid_value':
			return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
		case 'too_small':
			if (issue.origin === 'string') return 'must not be empty';
			if (issue.origin === 'array') return `must have at least ${issue.minimum} entries`;
			return undefined;
		case 'invalid_key':
			return `is not a valid key: ${issue.issues[0]?.message ?? 'wrong format'}`;
		default:
			return undefined;
	}
};

/** `['locations', 3, 'id']` becomes `locations[3].id`, the way an operator finds it in the file. */
function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((segment, index) =>
			typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`
		)
		.join('');
}

function toIssues(error: z.ZodError): CityConfigIssue[] {
	return error.issues.flatMap((issue) => {
		// Zod reports unknown keys on their parent object; naming each key is what helps a typo.
		if (issue.code === 'unrecognized_keys') {
			return issue.keys.map((key) => ({
				path: formatPath([...issue.path, key]),
				message: 'is not a known field'
			}));
		}
		return [{ path: formatPath(issue.path), message: issue.message }];
	});
}

// The configuration is shared by every request: freezing it turns an accidental write into an error.
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

/** Validates parsed JSON as a city configuration; throws CityConfigError naming every bad field. */
export function parseCityConfig(json: unknown, source: string): CityConfig {
	const result = cityConfigSchema.safeParse(json, { error: describe });
	if (!result.success) throw new CityConfigError(source, toIssues(result.error));
	return deepFreeze(result.data);
}

/**
 * Loads the city configuration from `path` (relative to the working directory), else Nerima's bundled file.
 * An empty CITY_CONFIG counts as unset, as container environments often pass empty variables.
 */
export function loadCityConfig(
	path: string | undefined = process.env.CITY_CONFIG || undefined
): CityConfig {
	if (!path) return parseCityConfig(nerima, 'nerima.json');
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const message = `cannot be read (${(error as Error).message})`;
		throw new CityConfigError(path, [{ path: '', message }]);
	}
	let json: unknown;
	try {
		// Editors on Japanese Windows often save UTF-8 with a byte-order mark, which JSON.parse rejects.
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const message = `is not valid JSON (${(error as Error).message})`;
		throw new CityConfigError(path, [{ path: '', message }]);
	}
	return parseCityConfig(json, path);
}

let cached: CityConfig | undefined;

/** The running city's configuration, loaded and validated once per process (CITY_CONFIG or Nerima). */
export function cityConfig(): CityConfig {
	cached ??= loadCityConfig();
	return cached;
}
