// The reserve section as the server sends it, in the states where it must not offer a form that could
// only be refused: the title already reserved, and the limit of active reservations reached.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import type { HoldView } from '$lib/holds/hold-text';
import ReserveForm from './ReserveForm.svelte';

// Outside a request there is no SvelteKit page: give the component (and `t`) the one it reads.
vi.mock('$app/state', () => ({ page: { data: { locale: 'ja', preferences: { furigana: 'off' } }, url: new URL('http://localhost/items/1') } }));

const reserve: ComponentProps<typeof ReserveForm>['reserve'] = {
	viewer: 'patron',
	subjectName: '練馬 花子',
	choices: [{ value: 'nerima', label: '練馬図書館', window: false }],
	preferredPickup: 'nerima',
	submission: 'token',
	current: null,
	allowance: { active: 3, limit: 10 }
};

const waiting: HoldView = {
	id: 7, recordId: 1, title: '銀河鉄道の夜', author: '宮沢 賢治', language: 'ja', format: 'print', status: 'waiting', active: true,
	position: 2, pickup: { id: 'nerima', name: '練馬図書館', window: false }, suspendedUntil: null, pickupBy: null, daysLeft: null,
	placedAt: '2026-11-20T01:00:00.000Z', closedAt: null
};

const markup = (props: Partial<typeof reserve>, form: ComponentProps<typeof ReserveForm>['form'] = null) =>
	render(ReserveForm, { props: { reserve: { ...reserve, ...props }, form, mayBorrow: true } }).body.replace(/<!--[^]*?-->/g, '');

describe('the reserve section', () => {
	it('offers the form below the limit', () => {
		expect(markup({})).toContain('id="reserve-form"');
	});

	it('at the limit, says so and links to My reservations instead of offering the form', () => {
		const out = markup({ allowance: { active: 10, limit: 10 } });
		expect(out).not.toContain('id="reserve-form"');
		expect(out).toMatch(/<p id="limit-reached">予約できるのは10件までで、いまは10件予約しています。/);
		expect(out).toContain('<a href="/account/reservations">予約の確認へ</a>');
	});

	it('for a title already reserved, shows that reservation and where to change it', () => {
		const out = markup({ current: waiting });
		expect(out).not.toContain('id="reserve-form"');
		expect(out).toMatch(/<div class="card" id="already-reserved">\s*<h3 class="card__title">この資料は予約済みです<\/h3>\s*<p>順番待ち：2番目<\/p>\s*<p>受け取り場所：練馬図書館<\/p>/);
		expect(out).toContain('受け取り場所の変更は');
		expect(markup({ current: { ...waiting, status: 'ready', pickupBy: '2026-12-10', daysLeft: 3 } satisfies HoldView })).toContain('取り消しは、予約の確認ページでできます。');
	});

	it('after a refusal from another tab, shows the form with its error, not the reservation', () => {
		const refused = { values: { pickup: 'nerima' }, errors: { pickup: 'holds:reserve.errors.duplicate' }, order: ['pickup'], reason: 'duplicate', submission: 'next' };
		const out = markup({ current: waiting }, refused);
		expect(out).toContain('id="reserve-form"');
		expect(out).toContain('この資料は、すでに予約しています');
	});
});
