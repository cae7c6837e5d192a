import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import UpdateNotice from './UpdateNotice.svelte';

describe('UpdateNotice on the server', () => {
	const { body } = render(UpdateNotice, {
		props: { message: '新しいバージョンがあります。', buttonLabel: '再読み込み' }
	});

	it('renders an empty status region, so that its first change is announced', () => {
		expect(body).toMatch(/<div role="status"[^>]*>(<!--[^>]*-->)*<\/div>/);
	});

	it('shows neither message nor button until an update is found', () => {
		expect(body).not.toContain('新しいバージョンがあります。');
		expect(body).not.toContain('<button');
	});
});
