/**
 * Catalogue queries: the only SQL over `catalogue_records` and `copies` outside the holds domain.
 *
 * Search is one statement (`searchPage`): the matching ids, at most `cap` of them, ranked (`rankedIds`), are
 * counted and one page of them is joined to its records with their copy and hold counts. Capping the
 * candidate set keeps a common word (の, 本, the) as fast as a rare one at 2 million records: nobody pages
 * through more than a thousand hits, and the page says "1,000件以上" instead of counting them all.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { ACTIVE_HOLD_STATUSES, type Database, type Format } from '$lib/server/db/schema';
import type { GeneratedCopy, NewCatalogueRecord } from './generate-records';
import { SHORT_GRAM_MAX, buildShortGrams, characterCount, facetKey, titleStartKey } from './short-grams';
import { buildSearchText } from './normalise';
import { SEARCH_BANDS } from './search-bands';

type Ex = Kysely<Database>;

/** What to look for, already normalised by the service. */
export interface SearchCriteria {
	/** Normalised terms (the query split at spaces), all of which must match. Empty with `isbn`. */
	terms: string[];
	/** The whole normalised query, for ranking exact and prefix title matches first. */
	phrase: string;
	/** ISBN-13 when the query is a valid ISBN: an exact match on the ISBN instead of text search. */
	isbn: string | null;
	formats?: Format[];
	audience?: Database['catalogue_records']['audience'];
	language?: string;
	/** Only titles with a copy on the shelf at this location. */
	availableAt?: string;
	/** How many ids to return at most (the count cap plus one, to know the cap was passed). */
	cap: number;
}

/** `\`, `%` and `_` are literal in the user's text: escape them for LIKE (whose default escape is `\`). */
export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, '\\$&');
}

/** The normalised title: the first segment of `search_text` (matches the expression index of 0004_search). */
const normalisedTitle = sql<string>`split_part(r.search_text, chr(1), 1)`;

/** One term of 3+ characters: a substring of `search_text` (trigram GIN). Short terms go with the facets. */
function longTermMatches(term: string): RawBuilder<boolean> {
	return sql<boolean>`r.search_text like ${'%' + escapeLike(term) + '%'}`;
}

/**
 * Keys that must all be in `short_grams` (1–2 character terms, audience, language, "on the shelf at") and
 * keys of which one must be (the formats), so the GIN index intersects their posting lists in one scan.
 * The "on the shelf at" key is kept by triggers on `copies` (migration 0009_search_availability).
 */
function gramConditions(c: SearchCriteria, shortTerms: string[]): RawBuilder<boolean>[] {
	const all = [...shortTerms];
	if (c.audience) all.push(facetKey('audience', c.audience));
	if (c.language) all.push(facetKey('language', c.language));
	if (c.availableAt) all.push(facetKey('at', c.availableAt));
	const conditions: RawBuilder<boolean>[] = [];
	if (all.length > 0) conditions.push(sql<boolean>`r.short_grams @> ${all}::text[]`);
	if (c.formats?.length) {
		const formats = c.formats.map((format) => facetKey('format', format));
		conditions.push(sql<boolean>`r.short_grams && ${formats}::text[]`);
	}
	return conditions;
}

/** All the filters (format, audience, language, available at) as SQL conditions on `r`. */
function filterConditions(c: SearchCriteria): RawBuilder<boolean>[] {
	return gramConditions(c, []);
}

function and(conditions: RawBuilder<boolean>[]): RawBuilder<boolean> {
	return conditions.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(conditions, sql` and `)}`;
}

/**
 * The rows of `catalogue_records r` (id, year, search_text) that satisfy `match`, asked band by band, lowest
 * ids first (search-bands.ts): a LIMIT above stops before the later bands are read.
 */
function banded(match: RawBuilder<boolean>): RawBuilder<unknown> {
	return sql`(${sql.join(
		SEARCH_BANDS.map((band) => sql`select r.id, r.year, r.search_text from catalogue_records r where ${match} and ${sql.raw(band.predicate('r.id'))}`),
		sql` union all `
	)}) r`;
}

/**
 * The SQL of the matching records' ids with their place `n` (1, 2, …), best first, at most `cap`. Rank: exact title (0), title prefix (1), another field
 * equal to the query: reading, author, subject (2), another field starting with it (3), the rest (4); then
 * newest first. Exact and prefix title matches are fetched through their own index before the capped
 * general match, so they are never lost behind the cap; the rest is ranked within the capped set only.
 *
 * When the title matches alone fill the cap, nothing of rank 2–4 can reach the list, so the general match is
 * skipped (a one-time filter on the count of title matches): at 2 million records that halves the rows read
 * for a common query such as 猫, ねこ or "the" (tests/bench/search.bench.ts). Exact titles are looked up on
 * their own (an equality probe of the same index), so they stay first even when the capped prefix matches
 * happen to leave them out. Candidates are merged by id (a record found twice keeps its best rank), so the
 * long `search_text` is neither hashed nor searched again for rows whose rank their index already gives.
 *
 * The general match asks the search bands (search-bands.ts, migration 0010) one after another, lowest ids
 * first, and stops at the cap: a common word is answered from the first band's partial indexes, so its
 * GIN bitmap holds a fifth of the catalogue's matches instead of all of them (歴史 at 2 million records:
 * about 17,000 row pointers instead of 86,000). Which rows fill the cap was already "whichever the scan met
 * first"; now it is the lowest ids.
 */
function rankedIds(c: SearchCriteria): RawBuilder<{ id: number; n: number }> | null {
	const filters = filterConditions(c);
	if (c.isbn !== null) {
		return sql`select r.id, row_number() over (order by r.year desc nulls last, r.id) as n from catalogue_records r
			where r.isbn = ${c.isbn} and ${and(filters)}
			order by n limit ${c.cap}`;
	}
	if (c.terms.length === 0 || c.phrase === '') return null;

	const phrase = c.phrase;
	const short = c.terms.filter((term) => characterCount(term) <= SHORT_GRAM_MAX);
	const long = c.terms.filter((term) => characterCount(term) > SHORT_GRAM_MAX);
	const match = and([...gramConditions(c, short), ...long.map(longTermMatches)]);
	// Rows of the title index rank 0 or 1 by construction; only the general match needs the full rank.
	const rank = sql<number>`case
		when ${normalisedTitle} = ${phrase} then 0
		when starts_with(${normalisedTitle}, ${phrase}) then 1
		when position(chr(1) || ${phrase} || chr(1) in chr(1) || r.search_text || chr(1)) > 0 then 2
		when position(chr(1) || ${phrase} in chr(1) || r.search_text) > 0 then 3
		else 4
	end`;
	// Without filters the title index alone answers "begins with"; with them, the title-start key and the
	// filters' keys are intersected in the search bands' index (0011), and the few rows both name are checked.
	// The filtered path checks the prefix with `left(…) =`, which the title index cannot serve: with LIKE (or
	// starts_with) the planner read every title beginning with the query once per band to check the keys.
	const titleHits =
		filters.length === 0
			? sql`catalogue_records r where ${normalisedTitle} like ${escapeLike(phrase) + '%'}`
			: sql`${banded(and(gramConditions(c, [titleStartKey(phrase)])))}
				where left(${normalisedTitle}, ${characterCount(phrase)}) = ${phrase}`;
	return sql`
		with exact_hits as (
			select r.id, r.year, 0 as rank from catalogue_records r
			where ${normalisedTitle} = ${phrase} and ${and(filters)}
			limit ${c.cap}
		),
		title_hits as materialized (
			select r.id, r.year, case when ${normalisedTitle} = ${phrase} then 0 else 1 end as rank from ${titleHits}
			limit ${c.cap}
		),
		other_hits as (
			select r.id, r.year, ${rank} as rank from (
				select * from ${banded(match)}
				where (select count(*) from title_hits) < ${c.cap}
				limit ${c.cap}
			) r
		),
		candidates as (
			select * from exact_hits union all select * from title_hits union all select * from other_hits
		)
		select id, row_number() over (order by min(rank), year desc nulls last, id) as n from candidates
		group by id, year
		order by n
		limit ${c.cap}`;
}

/** Record columns a page shows (not the search columns). */
const RECORD_COLUMNS = [
	'r.id',
	'r.title',
	'r.title_reading',
	'r.author',
	'r.author_reading',
	'r.publisher',
	'r.year',
	'r.isbn',
	'r.subjects',
	'r.language',
	'r.audience',
	'r.format',
	'r.lendable'
] as const;

/**
 * A hit as `searchPage` returns it: the record's columns, all its copies, its copies on the shelf (at the
 * "on the shelf at" library when the search has one, so a result never counts copies elsewhere as there),
 * and its active holds.
 */
export type HitRow = Omit<Selectable<Database['catalogue_records']>, 'search_text' | 'short_grams'> & {
	copies: number;
	available: number;
	holds: number;
};

/**
 * One page of a search in one statement: how many records match (counted up to `cap`) and the hits ranked
 * `from + 1` to `to` (1-based, inclusive), in rank order, each with its copy and hold counts. One round trip
 * instead of two (the ids, then the page): the ranked ids stay in the database.
 */
export async function searchPage(ex: Ex, c: SearchCriteria, from: number, to: number): Promise<{ total: number; hits: HitRow[] }> {
	const ranked = rankedIds(c);
	if (!ranked) return { total: 0, hits: [] };
	const { rows } = await sql<Omit<HitRow, 'id'> & { id: number | null; total: number; n: number | null }>`
		with ranked as materialized (${ranked})
		select t.total, p.* from (select count(*)::integer as total from ranked) t
		left join lateral (
			select ${sql.join(RECORD_COLUMNS.map((column) => sql.ref(column)))},
				cc.copies, cc.available,
				(select count(*)::integer from holds h
					where h.record_id = r.id and h.status in (${sql.join([...ACTIVE_HOLD_STATUSES])})) as holds,
				k.n
			from ranked k
			join catalogue_records r on r.id = k.id
			cross join lateral (
				select count(*)::integer as copies,
					(count(*) filter (where c.status = 'on_shelf' ${c.availableAt ? sql`and c.location_id = ${c.availableAt}` : sql``}))::integer as available
				from copies c where c.record_id = r.id
			) cc
			where k.n > ${from} and k.n <= ${to}
		) p on true
		order by p.n`.execute(ex);
	const total = rows[0]?.total ?? 0;
	const hits = rows.filter((row): row is typeof row & { id: number } => row.id !== null).map(({ total: _total, n: _n, ...row }) => row);
	return { total, hits };
}

/** One record, or undefined. */
export async function findRecord(ex: Ex, id: number) {
	return ex.selectFrom('catalogue_records as r').select(RECORD_COLUMNS).where('r.id', '=', id).executeTakeFirst();
}

/** The copies of a record. */
export async function copiesOf(ex: Ex, recordId: number) {
	return ex
		.selectFrom('copies')
		.select(['id', 'location_id', 'shelf_mark', 'status'])
		.where('record_id', '=', recordId)
		.orderBy('id')
		.execute();
}

/** Active holds (waiting, in transit, ready) on a record: the queue a new hold joins. */
export async function countActiveHolds(ex: Ex, recordId: number): Promise<number> {
	const row = await ex
		.selectFrom('holds')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('record_id', '=', recordId)
		.where('status', 'in', ACTIVE_HOLD_STATUSES)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** A record to store with its copies, each copy at a location id. */
export interface RecordWithCopies {
	record: NewCatalogueRecord;
	copies: (Omit<GeneratedCopy, 'locationIndex'> & { locationId: string })[];
}

/**
 * Inserts records and their copies with one multi-row INSERT for the records and one for the copies.
 * `search_text` and `short_grams` are computed here when missing, so no caller can store a record that
 * search cannot find. Keep batches to a few hundred records (PostgreSQL allows 65,535 parameters).
 */
export async function insertRecords(ex: Ex, batch: RecordWithCopies[]): Promise<number[]> {
	if (batch.length === 0) return [];
	// Ids are taken from the sequence first, so each copy knows its record without relying on the order
	// of RETURNING rows (which PostgreSQL does not promise).
	const { rows: taken } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('catalogue_records', 'id'))::integer as id
		from generate_series(1, ${batch.length})`.execute(ex);
	const ids = taken.map((r) => r.id);
	// Columns listed one by one: a GeneratedRecord passed as `record` also carries its `copies`.
	const rows = batch.map(({ record }, i) => ({
		id: ids[i],
		title: record.title,
		title_reading: record.title_reading,
		author: record.author,
		author_reading: record.author_reading,
		publisher: record.publisher,
		year: record.year,
		isbn: record.isbn,
		subjects: record.subjects,
		language: record.language,
		audience: record.audience,
		format: record.format,
		lendable: record.lendable,
		search_text: record.search_text || buildSearchText(record),
		short_grams: record.short_grams?.length ? record.short_grams : buildShortGrams(record)
	}));
	await ex.insertInto('catalogue_records').values(rows).execute();
	const copies = batch.flatMap(({ copies }, i) =>
		copies.map((c) => ({ record_id: ids[i], location_id: c.locationId, shelf_mark: c.shelfMark, status: c.status }))
	);
	for (let i = 0; i < copies.length; i += 1_000) {
		await ex.insertInto('copies').values(copies.slice(i, i + 1_000)).execute();
	}
	return ids;
}
