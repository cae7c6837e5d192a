import { redirect } from '@sveltejs/kit';
import { cityConfig } from '$lib/server/config/load-city-config';
import { localName } from '$lib/server/config/city';
import { catalogue, PAGE_SIZE } from '$lib/server/catalogue/catalogue.service';
import { AUDIENCES, collectionLibraries, parseSearchParams, SEARCH_LANGUAGES } from '$lib/server/catalogue/search-form';
import { isAccessibleFormat, mayBorrowFormat } from '$lib/server/holds/holds.service';
import type { Format } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

/**
 * `/search` is a GET form, so every search has a URL and works without JavaScript; SvelteKit runs the
 * same form as a client-side navigation when JavaScript is on.
 *
 * A query over 200 characters re-renders the page with the error summary, the field's error and the text
 * kept, with status 200, not 400: a load function can set a status only by throwing `error()`, which would
 * replace this page (and the typed text) with the error page. Nothing is stored or changed by a search, so
 * the status matters less than keeping the person's words and the form in front of them.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const config = cityConfig();
	const form = parseSearchParams(url.searchParams, config);
	const options = {
		formats: config.formats,
		audiences: AUDIENCES,
		languages: SEARCH_LANGUAGES,
		libraries: collectionLibraries(config).map((library) => ({ value: library.id, label: localName(library.name, locals.locale) }))
	};
	if (form.state !== 'search') {
		const failure = form.state === 'invalid' ? { values: { q: form.values.q }, errors: form.errors, order: form.order } : null;
		return { ...options, values: form.values, failure, result: null };
	}

	const { query } = form;
	const found = await catalogue.search(query);
	const lastPage = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
	if (found.total > 0 && query.page > lastPage) {
		const to = new URL(url);
		to.searchParams.set('page', String(lastPage));
		redirect(303, `${to.pathname}${to.search}`);
	}

	// Whether the patron whose account is in use may borrow each accessible format on this page
	// (reading-service type 1 registration, N disability rules art. 4-2); unknown when signed out.
	const session = locals.session;
	const patronId = session?.subject.role === 'patron' ? session.subject.id : null;
	const eligibility: Partial<Record<Format, boolean>> = {};
	if (patronId !== null) {
		for (const format of new Set(found.hits.map((hit) => hit.format).filter(isAccessibleFormat))) {
			eligibility[format] = await mayBorrowFormat(patronId, format);
		}
	}

	const from = (query.page - 1) * PAGE_SIZE + 1;
	return {
		...options,
		values: form.values,
		failure: null,
		result: {
			q: query.q,
			total: found.total,
			capped: found.capped,
			page: query.page,
			lastPage,
			from,
			to: from + found.hits.length - 1,
			subjectName: patronId !== null ? session!.subject.name : null,
			hits: found.hits.map((hit) => ({
				id: hit.id,
				title: hit.title,
				author: hit.author,
				publisher: hit.publisher,
				year: hit.year,
				language: hit.language,
				format: hit.format,
				lendable: hit.lendable,
				available: hit.available,
				copies: hit.copies,
				holds: hit.holds,
				accessible: isAccessibleFormat(hit.format),
				/** For accessible formats: true/false for a signed-in patron, null when nobody is signed in. */
				mayBorrow: isAccessibleFormat(hit.format) ? (eligibility[hit.format] ?? null) : true
			}))
		}
	};
};
