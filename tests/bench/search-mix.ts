/**
 * The fixed query mix of the search benchmarks: `/search` query strings, as the search form sends them, each
 * with its class. The search bench parses them with the page's own `parseSearchParams`; the HTTP bench
 * requests them. Every query is in the catalogue of any size the benchmarks load (the spotlight records and
 * the first generated records are always there), except the no-hit ones.
 */
import { DEMO_ISBN10, DEMO_SPOTLIGHT_RECORDS, generateRecord } from '$lib/server/catalogue/generate-records';
import { isbn13To10 } from '$lib/server/catalogue/normalise';

export interface MixQuery {
	class: string;
	label: string;
	/** The query string of `/search?…`. */
	search: string;
}

/** An ISBN-13 of a generated record near the start (present at every size), and its ISBN-10. */
function generatedIsbn(): { isbn13: string; isbn10: string } {
	for (let i = 0; ; i++) {
		const record = generateRecord(1, i);
		const isbn10 = record.isbn && isbn13To10(record.isbn);
		if (record.isbn && isbn10) return { isbn13: record.isbn, isbn10 };
	}
}

const hyphenate13 = (s: string) => `${s.slice(0, 3)}-${s[3]}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s[12]}`;
const hyphenate10 = (s: string) => `${s[0]}-${s.slice(1, 5)}-${s.slice(5, 9)}-${s[9]}`;

function q(text: string, extra: Record<string, string> = {}): string {
	return new URLSearchParams({ q: text, ...extra }).toString();
}

export function searchMix(): MixQuery[] {
	const spotlightIsbn = DEMO_SPOTLIGHT_RECORDS[0].isbn!;
	const generated = generatedIsbn();
	const mix: [cls: string, label: string, search: string][] = [
		['1 char kanji', '猫', q('猫')],
		['1 char kanji', '本 (capped)', q('本')],
		['1 char kanji', '森', q('森')],
		['1 char kana', 'の (capped)', q('の')],
		['1 char kana', 'ぬ', q('ぬ')],
		['2 chars kanji', '歴史', q('歴史')],
		['2 chars kanji', '料理', q('料理')],
		['2 chars kanji', '点字', q('点字')],
		['2 chars kana', 'ねこ', q('ねこ')],
		['2 chars kana', 'くま', q('くま')],
		['3+ chars Japanese', '図書館', q('図書館')],
		['3+ chars Japanese', '銀河鉄道の夜', q('銀河鉄道の夜')],
		['3+ chars Japanese', 'さくら', q('さくら')],
		['3+ chars Japanese', 'りょうり', q('りょうり')],
		['3+ chars Japanese', '宮沢賢治 銀河 (two terms)', q('宮沢賢治 銀河')],
		['katakana/hiragana', 'ネコ (katakana)', q('ネコ')],
		['katakana/hiragana', 'ﾈｺ (half-width)', q('ﾈｺ')],
		['katakana/hiragana', 'コーヒー (katakana)', q('コーヒー')],
		['katakana/hiragana', 'こーひー (hiragana)', q('こーひー')],
		['romaji', 'tokyo', q('tokyo')],
		['romaji', 'Kenji', q('Kenji')],
		['romaji', 'KYOTO (upper case)', q('KYOTO')],
		['English', 'the', q('the')],
		['English', 'garden', q('garden')],
		['English', 'lighthouse', q('lighthouse')],
		['English', 'Pride and Prejudice', q('Pride and Prejudice')],
		['ISBN', 'ISBN-13 with hyphens', q(hyphenate13(spotlightIsbn))],
		['ISBN', 'ISBN-13 without hyphens', q(generated.isbn13)],
		['ISBN', 'ISBN-10 with hyphens', q(hyphenate10(DEMO_ISBN10))],
		['ISBN', 'ISBN-10 without hyphens', q(generated.isbn10)],
		['author', '宮沢 賢治', q('宮沢 賢治')],
		['author', '夏目漱石', q('夏目漱石')],
		['author', 'みうら (reading)', q('みうら')],
		['author', '村上', q('村上')],
		['author', 'Jane Austen', q('Jane Austen')],
		['filter', 'の + braille', q('の', { format: 'braille' })],
		['filter', '歴史 + DAISY', q('歴史', { format: 'audio_daisy' })],
		['filter', '猫 + on the shelf at 練馬', q('猫', { at: 'nerima' })],
		['filter', '図書館 + on the shelf at 大泉', q('図書館', { at: 'oizumi' })],
		['filter', 'くま + children + ja', q('くま', { audience: 'children', language: 'ja' })],
		['paging', 'の, page 50', q('の', { page: '50' })],
		['no hit', '鰻 (1 char)', q('鰻')],
		['no hit', 'ゑゑ (2 chars)', q('ゑゑ')],
		['no hit', 'ゐゑゐ (3 chars)', q('ゐゑゐ')],
		['no hit', 'zqxj', q('zqxj')],
		['no hit', 'valid ISBN not held', q('978-0-00-000000-2')]
	];
	return mix.map(([cls, label, search]) => ({ class: cls, label, search }));
}

/** Deterministic shuffle (mulberry32), so rounds do not always run the queries in the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
	let state = seed | 0;
	const next = () => {
		let t = (state = (state + 0x6d2b79f5) | 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
