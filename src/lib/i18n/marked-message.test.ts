import { describe, expect, it } from 'vitest';
import type { TOptions } from 'i18next';
import { translate } from './index';
import { markedMessage } from './marked-message';

describe('markedMessage', () => {
	it('keeps the translated sentence whole and marks the values in another language', () => {
		const t = (key: string, options?: TOptions) => translate('en', key, options);
		const parts = markedMessage(t, 'catalogue:search.result.available', { count: 2, n: '2', format: 'Audio book (DAISY)' }, {
			title: { text: '銀河鉄道の夜', lang: 'ja' },
			author: { text: '宮沢 賢治', lang: 'ja' }
		});
		expect(parts).toEqual([
			{ text: '銀河鉄道の夜', lang: 'ja' },
			{ text: ' — ' },
			{ text: '宮沢 賢治', lang: 'ja' },
			{ text: ', Audio book (DAISY), 2 available' }
		]);
	});

	it('gives the same text as plain interpolation', () => {
		const t = (key: string, options?: TOptions) => translate('ja', key, options);
		const vars = { count: 3, n: '3', format: '図書' };
		const parts = markedMessage(t, 'catalogue:search.result.allOutQueue', vars, { title: { text: 'Emma' }, author: { text: 'Jane Austen', lang: 'en' } });
		expect(parts.map((p) => p.text).join('')).toBe(t('catalogue:search.result.allOutQueue', { ...vars, title: 'Emma', author: 'Jane Austen' }));
	});
});
