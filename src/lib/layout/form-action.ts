import { page } from '$app/state';

/**
 * The `action` of a form that posts to its own page's default action: the page's own query (or a bare
 * "?"), which the browser resolves against the page without its fragment.
 *
 * A form without an `action` posts to the document's URL fragment and all. After the skip link that
 * URL ends in `#main`, the answer page opens at `#main`, and a browser never autofocuses while the URL
 * points at an element: without JavaScript the error summary would not take focus (seen in Chromium).
 */
export function ownPageAction(): string {
	return page.url.search || '?';
}
