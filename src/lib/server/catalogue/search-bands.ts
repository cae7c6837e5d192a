/**
 * Search bands: fixed ranges of record id, each with its own partial GIN index over `search_text` (trigrams)
 * and `short_grams` (migration 0010_search_bands; one index over both columns since 0011_search_title_keys).
 * The general match of a search asks them in order and stops
 * at the cap, so a common word builds the bitmap of one band instead of the whole catalogue's.
 *
 * The predicate text is part of each index's definition: the query must repeat it exactly (constants, not
 * parameters) for the planner to prove that the partial index applies. Changing these ranges needs a new
 * migration that builds the matching indexes.
 */

/** Ids per band. */
export const SEARCH_BAND_SIZE = 400_000;
/** Bands of `SEARCH_BAND_SIZE` ids; the last one is open-ended. */
export const SEARCH_BAND_COUNT = 5;

export interface SearchBand {
	/** `b0`, `b1`, …: the suffix of the band's index names. */
	name: string;
	/** The band's condition on an id column, as SQL text with constants. */
	predicate(column: string): string;
}

export const SEARCH_BANDS: readonly SearchBand[] = Array.from({ length: SEARCH_BAND_COUNT }, (_, i) => {
	const low = i * SEARCH_BAND_SIZE;
	const high = (i + 1) * SEARCH_BAND_SIZE;
	const last = i === SEARCH_BAND_COUNT - 1;
	return {
		name: `b${i}`,
		predicate: (column: string) =>
			i === 0 ? `${column} <= ${high}` : last ? `${column} > ${low}` : `${column} > ${low} and ${column} <= ${high}`
	};
});
