import { describe, expect, it } from 'vitest';
import {
	buildSearchText,
	isbn10CheckDigit,
	isbn10To13,
	isbn13CheckDigit,
	isbn13To10,
	isbnSearchKeys,
	isValidIsbn13,
	normaliseForSearch as n,
	normaliseIsbn,
	SEARCH_TEXT_SEPARATOR,
	splitSubjects
} from './normalise';

describe('normaliseForSearch', () => {
	it('folds full-width Latin letters and digits to ASCII', () => {
		expect(n('ＡＢＣ１２３')).toBe('abc123');
		expect(n('ｌｉｂｒａｒｙ')).toBe(n('Library'));
		expect(n('第３巻')).toBe(n('第3巻'));
	});

	it('turns half-width katakana into hiragana, composing voiced marks', () => {
		expect(n('ﾊﾘｰ･ﾎﾟｯﾀｰ')).toBe('はりーぽったー');
		expect(n('ｶﾞｯｺｳ')).toBe('がっこう');
		expect(n('ﾊﾟﾝ')).toBe(n('パン'));
	});

	it('makes katakana and hiragana equal', () => {
		expect(n('ハリー')).toBe(n('はりー'));
		expect(n('ヴァイオリン')).toBe('ゔぁいおりん');
		expect(n('ヽヾ')).toBe('ゝゞ');
		// Small ヶ/ヵ are variants of ケ/カ in place names and counters.
		expect(n('霞ヶ関')).toBe(n('霞ケ関'));
		expect(n('三ヵ月')).toBe(n('三カ月'));
	});

	it('folds case', () => {
		expect(n('LIBRARY')).toBe('library');
		expect(n('The Cat')).toBe(n('the cat'));
		expect(n('ΣΟΦΟΣ')).toBe(n('σοφος'));
	});

	it('removes all whitespace, including the ideographic space', () => {
		expect(n('ノルウェイの 森')).toBe(n('ノルウェイの森'));
		expect(n('ノルウェイの\u3000森')).toBe(n('ノルウェイの森'));
		expect(n(' 山田\t太郎\n')).toBe('山田太郎');
		expect(n('\u00a0a\u2003b')).toBe('ab');
	});

	it('removes punctuation and symbols but keeps + and #', () => {
		expect(n('ハリー・ポッター')).toBe(n('ハリーポッター'));
		expect(n('「夢」〜ゆめ〜、です。')).toBe('夢ゆめです');
		expect(n('しらべよう！星座')).toBe(n('しらべよう星座'));
		expect(n('Q&A')).toBe('qa');
		expect(n('★きらきら♪')).toBe('きらきら');
		expect(n('C++ 入門')).toBe('c++入門');
		expect(n('C#')).toBe('c#');
	});

	it('keeps the long vowel mark after kana, and reads hyphens typed after kana as ー', () => {
		expect(n('コーヒー')).toBe('こーひー');
		expect(n('コーヒー')).not.toBe(n('コヒ'));
		expect(n('ビール')).not.toBe(n('ビル'));
		expect(n('コ-ヒ-')).toBe(n('コーヒー'));
		expect(n('コ－ヒ－')).toBe(n('コーヒー')); // full-width hyphen-minus
		expect(n('らーめん')).toBe(n('ラーメン'));
	});

	it('treats ー and hyphens after non-kana as separators (an IME types ー for -)', () => {
		expect(n('CDーROM')).toBe(n('CD-ROM'));
		expect(n('CD-ROM')).toBe('cdrom');
		expect(n('978ー4ー06')).toBe('978406');
		expect(n('ー')).toBe('');
		expect(n('e-mail')).toBe('email');
	});

	it('folds common old and variant kanji, but not distinct name characters', () => {
		expect(n('齋藤')).toBe(n('斎藤'));
		expect(n('髙橋')).toBe(n('高橋'));
		expect(n('圖書館')).toBe(n('図書館'));
		expect(n('宮﨑')).toBe(n('宮崎'));
		expect(n('斉藤')).not.toBe(n('斎藤'));
	});

	it('unfolds compatibility characters', () => {
		expect(n('①')).toBe('1');
		expect(n('㈱練馬')).toBe('株練馬');
		expect(n('Ⅲ')).toBe('iii');
	});

	it('composes decomposed accents and keeps them', () => {
		expect(n('e\u0301cole')).toBe(n('école'));
		expect(n('Nguyễn Văn An')).toBe('nguyễnvănan');
		expect(n('école')).not.toBe(n('ecole'));
	});

	it('handles Hangul and characters outside the BMP', () => {
		expect(n('고양이 이야기')).toBe('고양이이야기');
		expect(n('😀猫𠮷')).toBe('猫𠮷'); // emoji dropped, extension-B kanji kept
	});

	it('removes control and format characters, so the field separator never survives', () => {
		expect(n(`a${SEARCH_TEXT_SEPARATOR}b`)).toBe('ab');
		expect(n('ab\u200bc\u00ad\ufeff')).toBe('abc');
	});

	it('is idempotent', () => {
		for (const s of ['ﾊﾘｰ･ﾎﾟｯﾀｰ', 'コ-ヒ-', 'CDーROM', 'ＡＢＣ', '齋藤 髙橋', 'e\u0301', 'ΣΟΦΟΣ', 'İstanbul', '霞ヶ関'])
			expect(n(n(s))).toBe(n(s));
	});

	it('returns the empty string for text with nothing searchable', () => {
		expect(n('')).toBe('');
		expect(n(' 　・、。!?')).toBe('');
	});
});

describe('ISBN', () => {
	it('computes check digits', () => {
		expect(isbn13CheckDigit('978030640615')).toBe('7');
		expect(isbn13CheckDigit('978316148410')).toBe('0');
		expect(isbn10CheckDigit('030640615')).toBe('2');
		expect(isbn10CheckDigit('080442957')).toBe('X');
	});

	it('converts between ISBN-10 and ISBN-13', () => {
		expect(isbn10To13('0306406152')).toBe('9780306406157');
		expect(isbn10To13('080442957X')).toBe('9780804429573');
		expect(isbn13To10('9780306406157')).toBe('0306406152');
		expect(isbn13To10('9780804429573')).toBe('080442957X');
		// 979 ISBNs have no ISBN-10.
		expect(isbn13To10('9791032305690')).toBeNull();
	});

	it('normalises ISBN-13 with or without hyphens and spaces', () => {
		expect(normaliseIsbn('978-0-306-40615-7')).toBe('9780306406157');
		expect(normaliseIsbn('9780306406157')).toBe('9780306406157');
		expect(normaliseIsbn(' 978 0 306 40615 7 ')).toBe('9780306406157');
		expect(normaliseIsbn('ISBN 978-3-16-148410-0')).toBe('9783161484100');
		expect(normaliseIsbn('ISBN-13: 978-3-16-148410-0')).toBe('9783161484100');
		expect(normaliseIsbn('isbn9783161484100')).toBe('9783161484100');
	});

	it('normalises ISBN-10 to the 978 ISBN-13', () => {
		expect(normaliseIsbn('0-306-40615-2')).toBe('9780306406157');
		expect(normaliseIsbn('0306406152')).toBe('9780306406157');
		expect(normaliseIsbn('0-8044-2957-X')).toBe('9780804429573');
		expect(normaliseIsbn('0-8044-2957-x')).toBe('9780804429573');
		expect(normaliseIsbn('ISBN-10: 0-306-40615-2')).toBe('9780306406157');
	});

	it('accepts full-width digits and the separators a Japanese IME produces', () => {
		expect(normaliseIsbn('９７８－０－３０６－４０６１５－７')).toBe('9780306406157');
		expect(normaliseIsbn('978ー0ー306ー40615ー7')).toBe('9780306406157');
		expect(normaliseIsbn('ＩＳＢＮ０‐３０６‐４０６１５‐２')).toBe('9780306406157');
	});

	it('does not mistake an ISBN-10 starting with 10 or 13 for a label', () => {
		const isbn10 = '104012345' + isbn10CheckDigit('104012345');
		expect(normaliseIsbn(`ISBN ${isbn10}`)).toBe(isbn10To13(isbn10));
		expect(normaliseIsbn(`ISBN-10 ${isbn10}`)).toBe(isbn10To13(isbn10));
	});

	it('rejects wrong check digits, wrong lengths, junk and non-book EANs', () => {
		expect(normaliseIsbn('978-0-306-40615-8')).toBeNull();
		expect(normaliseIsbn('0-306-40615-3')).toBeNull();
		expect(normaliseIsbn('0-306-40615-X')).toBeNull();
		expect(normaliseIsbn('978030640615')).toBeNull();
		expect(normaliseIsbn('97803064061570')).toBeNull();
		expect(normaliseIsbn('978.0.306.40615.7')).toBeNull();
		expect(normaliseIsbn('X306406152')).toBeNull();
		expect(normaliseIsbn('')).toBeNull();
		expect(normaliseIsbn('ノルウェイの森')).toBeNull();
		// A valid EAN-13 (a JAN code for groceries) that is not a book number.
		expect(normaliseIsbn('4901234567894')).toBeNull();
		expect(isValidIsbn13('4901234567894')).toBe(false);
	});

	it('gives both search keys for 978 ISBNs and one for 979', () => {
		expect(isbnSearchKeys('9780306406157')).toEqual(['9780306406157', '0306406152']);
		expect(isbnSearchKeys('9791032305690')).toEqual(['9791032305690']);
	});
});

describe('buildSearchText', () => {
	const record = {
		title: 'ノルウェイの森 上',
		title_reading: 'のるうぇいのもり じょう',
		author: 'ハルキ・テスト',
		author_reading: 'はるき てすと',
		publisher: '練馬書房',
		subjects: '小説; 日本文学',
		isbn: '9780306406157'
	};
	const text = buildSearchText(record);
	const segments = text.split(SEARCH_TEXT_SEPARATOR);

	it('holds every field normalised, each subject and both ISBN forms as their own segment', () => {
		expect(segments).toEqual([
			'のるうぇいの森上',
			'のるうぇいのもりじょう',
			'はるきてすと',
			'練馬書房',
			'小説',
			'日本文学',
			'9780306406157',
			'0306406152'
		]);
	});

	it('finds queries written in any width, script or spacing', () => {
		for (const q of ['ノルウェイの 森', 'のるうぇいのもり', 'ﾉﾙｳｪｲ', 'ハルキ テスト', '978-0-306-40615-7', '0-306-40615-2'])
			expect(text.includes(n(q)), q).toBe(true);
	});

	it('never matches a query across two fields', () => {
		// "上" ends the title and "のる" starts the reading; "文学" then "978" are adjacent fields.
		expect(text.includes(n('上のる'))).toBe(false);
		expect(text.includes(n('文学978'))).toBe(false);
		expect(text.includes(n('小説日本文学'))).toBe(false);
	});

	it('leaves out empty and repeated segments and a missing ISBN', () => {
		const t = buildSearchText({ ...record, title: 'ねこ', title_reading: 'ねこ', isbn: null, subjects: '' });
		expect(t.split(SEARCH_TEXT_SEPARATOR)).toEqual(['ねこ', 'はるきてすと', '練馬書房']);
	});
});

describe('splitSubjects', () => {
	it('splits on semicolons and trims', () => {
		expect(splitSubjects('小説; 日本文学;;  点字 ')).toEqual(['小説', '日本文学', '点字']);
		expect(splitSubjects('')).toEqual([]);
	});
});
