/**
 * The built-in catalogue: search over the portal's own tables, as a `CataloguePort`.
 *
 * A query is normalised the way `search_text` was (`normaliseForSearch`: NFKC, width, case, katakana →
 * hiragana, spaces and punctuation dropped), then split at the spaces the person typed into terms that must
 * all match, so 「宮沢賢治 銀河」 finds the book by both words and 「ノルウェイの 森」 still finds
 * 「ノルウェイの森」. A valid ISBN-10 or ISBN-13, with or without hyphens, is an exact ISBN match.
 */
import { db } from '$lib/server/db';
import { cityConfig } from '$lib/server/config/load-city-config';
import type { CataloguePort, CatalogueRecord, CopySummary, SearchHit, SearchQuery, SearchResult } from './catalogue.port';
import * as repo from './catalogue.repository';
import { normaliseForSearch, normaliseIsbn, splitSubjects } from './normalise';

/** Longest query accepted, in characters as typed; longer ones are refused with a message (and match nothing here). */
export const MAX_QUERY_LENGTH = 200;
/** Results are counted up to this many; beyond it the page says "more than 1,000". */
export const COUNT_CAP = 1_000;
/** Results per page. */
export const PAGE_SIZE = 20;
/** Terms beyond this many add little and cost an index scan each: the longest ones are kept. */
const MAX_TERMS = 8;

/** A query ready for the repository: normalised terms, the whole normalised phrase, or an ISBN. */
export interface PreparedQuery {
	terms: string[];
	phrase: string;
	isbn: string | null;
}

/**
 * Normalises what the person typed. Terms that are part of a longer term are dropped (they cannot narrow
 * the result), and so are repeats. An empty result (`phrase === ''` and no ISBN) means "nothing to look for".
 */
export function prepareQuery(q: string): PreparedQuery {
	const isbn = normaliseIsbn(q);
	if (isbn) return { terms: [], phrase: isbn, isbn };
	const phrase = normaliseForSearch(q);
	const unique = [...new Set(q.split(/\s+/).map(normaliseForSearch).filter((t) => t !== ''))];
	const terms = unique
		.filter((t) => !unique.some((other) => other !== t && other.includes(t)))
		.sort((a, b) => b.length - a.length)
		.slice(0, MAX_TERMS);
	return { terms, phrase, isbn: null };
}

function toRecord(row: NonNullable<Awaited<ReturnType<typeof repo.findRecord>>>): CatalogueRecord {
	return {
		id: row.id,
		title: row.title,
		titleReading: row.title_reading,
		author: row.author,
		authorReading: row.author_reading,
		publisher: row.publisher,
		year: row.year,
		isbn: row.isbn,
		subjects: splitSubjects(row.subjects),
		language: row.language,
		audience: row.audience,
		format: row.format,
		lendable: row.lendable
	};
}

const EMPTY: SearchResult = { hits: [], total: 0, capped: false };

/** Position of each location in the city configuration, so copies list in the same order on every page. */
function locationOrder(): Map<string, number> {
	return new Map(cityConfig().locations.map((location, index) => [location.id, index]));
}

/** The catalogue over the portal's own tables (PGlite or PostgreSQL). */
export const builtInCatalogue: CataloguePort = {
	async search(query: SearchQuery): Promise<SearchResult> {
		// Characters as seen (code points), as the search form counts them.
		if ([...query.q].length > MAX_QUERY_LENGTH) return EMPTY;
		const prepared = prepareQuery(query.q);
		if (!prepared.isbn && prepared.terms.length === 0) return EMPTY;
		const pageSize = Math.max(1, Math.floor(query.pageSize));
		const page = Math.max(1, Math.floor(query.page));
		const found = await repo.searchPage(
			db(),
			{
				...prepared,
				formats: query.formats,
				audience: query.audience,
				language: query.language,
				availableAt: query.availableAt,
				cap: COUNT_CAP + 1
			},
			(page - 1) * pageSize,
			Math.min(page * pageSize, COUNT_CAP)
		);
		const capped = found.total > COUNT_CAP;
		const total = Math.min(found.total, COUNT_CAP);
		const hits: SearchHit[] = found.hits.map((row) => ({ ...toRecord(row), available: row.available, copies: row.copies, holds: row.holds }));
		return { hits, total, capped };
	},

	async getRecord(id: number): Promise<CatalogueRecord | undefined> {
		const row = await repo.findRecord(db(), id);
		return row && toRecord(row);
	},

	async copiesOf(recordId: number): Promise<CopySummary[]> {
		const order = locationOrder();
		const rows = await repo.copiesOf(db(), recordId);
		return rows
			.map((row) => ({ id: row.id, locationId: row.location_id, shelfMark: row.shelf_mark, status: row.status }))
			// A location missing from the configuration (a closed branch) goes last rather than failing.
			.sort((a, b) => (order.get(a.locationId) ?? 1e6) - (order.get(b.locationId) ?? 1e6) || a.id - b.id);
	},

	async queueLength(recordId: number): Promise<number> {
		return repo.countActiveHolds(db(), recordId);
	}
};

/** The catalogue the portal uses. A connector to a city's own library system would be chosen here. */
export const catalogue: CataloguePort = builtInCatalogue;
