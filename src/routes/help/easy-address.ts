/**
 * Addresses for Easy Japanese. The city's configuration has one Japanese address per place, written
 * the official way with kanji numerals (光が丘四丁目1番5号). Easy Japanese writes numbers in digits
 * (N 対応要領 annex 6), and 光が丘4丁目1番5号 is the same address to the post office, so only the
 * number before 丁目 changes: place names that contain numerals (八丁堀, 三田, 四谷) stay as they are.
 */

const DIGITS: Record<string, number> = {
	〇: 0,
	一: 1,
	二: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};

/** A kanji number from 1 to 99 (一, 十, 十二, 二十, 二十三) as a number; undefined for anything else. */
export function kanjiNumberValue(kanji: string): number | undefined {
	const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(kanji);
	if (!match || kanji === '') return undefined;
	const [, tensDigit, ten, ones] = match;
	if (!ten) return tensDigit && !ones ? DIGITS[tensDigit] : undefined;
	return (tensDigit ? DIGITS[tensDigit] : 1) * 10 + (ones ? DIGITS[ones] : 0);
}

/** 東京都練馬区光が丘四丁目1番5号 → 東京都練馬区光が丘4丁目1番5号. */
export function withArabicChome(address: string): string {
	return address.replace(/([一二三四五六七八九十]+)丁目/g, (whole, kanji: string) => {
		const value = kanjiNumberValue(kanji);
		return value === undefined ? whole : `${value}丁目`;
	});
}
