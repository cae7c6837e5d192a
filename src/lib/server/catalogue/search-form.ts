/**
 * The search form's one schema: reads the GET parameters of `/search`, validates them and echoes them back,
 * shared by the page's `load` and its tests. Only the query text can be wrong in a way the person can fix
 * (too long); filter values come from checkboxes and selects, so an unknown one (an old bookmark, a forged
 * URL) is dropped silently rather than reported.
 */
import { FORMATS, type Format } from '$lib/server/db/schema';
import type { CityConfig } from '$lib/server/config/city-config.schema';
import type { SearchQuery } from './catalogue.port';
import { MAX_QUERY_LENGTH, PAGE_SIZE } from './catalogue.service';

export const AUDIENCES = ['adult', 'young_adult', 'children'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Languages a patron can filter by: those the collection holds in quantity (Japanese, English) and the
 * languages of Nerima's largest foreign-resident communities. Material languages are ISO 639-1 codes.
 */
export const SEARCH_LANGUAGES = ['ja', 'en', 'zh', 'ko', 'vi', 'pt', 'es'] as const;

/** The last page reachable: results are counted (and paged) up to the count cap. */
export const MAX_PAGE = 50;

/** What the form shows again: exactly what was asked (WCAG 3.3.7). */
export interface SearchValues {
	q: string;
	format: Format[];
	audience: string;
	language: string;
	at: string;
}

export type SearchForm =
	| { state: 'empty'; values: SearchValues }
	| { state: 'invalid'; values: SearchValues; errors: Record<string, string>; order: string[] }
	| { state: 'search'; values: SearchValues; query: SearchQuery };

/** Libraries whose shelves the "available at" filter can look at: those holding a collection. */
export function collectionLibraries(config: CityConfig) {
	return config.locations.filter((location) => location.kind === 'library' && location.holdsCollection);
}

/** Parses `?q=…&format=…&audience=…&language=…&at=…&page=…`. */
export function parseSearchParams(params: URLSearchParams, config: CityConfig): SearchForm {
	const offered = new Set<string>(config.formats);
	const libraries = new Set(collectionLibraries(config).map((location) => location.id));
	const q = params.get('q') ?? '';
	const values: SearchValues = {
		q,
		format: [...new Set(params.getAll('format'))].filter((f): f is Format => offered.has(f) && (FORMATS as readonly string[]).includes(f)),
		audience: pick(params.get('audience'), AUDIENCES),
		language: pick(params.get('language'), SEARCH_LANGUAGES),
		at: libraries.has(params.get('at') ?? '') ? params.get('at')! : ''
	};
	// Characters as the person sees them (code points), so 200 kanji from outside the BMP count as 200.
	if ([...q].length > MAX_QUERY_LENGTH) {
		return { state: 'invalid', values, errors: { q: 'catalogue:search.errors.tooLong' }, order: ['q'] };
	}
	if (q.trim() === '') return { state: 'empty', values };
	const page = Number(params.get('page') ?? '1');
	return {
		state: 'search',
		values,
		query: {
			q: q.trim(),
			formats: values.format.length ? values.format : undefined,
			audience: (values.audience || undefined) as Audience | undefined,
			language: values.language || undefined,
			availableAt: values.at || undefined,
			page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
			pageSize: PAGE_SIZE
		}
	};
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
	return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}
