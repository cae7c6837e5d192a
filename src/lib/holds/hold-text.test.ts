import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n';
import { closedMessage, doneFits, doneMessage, placedMessage, statusMessage, type HoldView } from './hold-text';

const base: HoldView = {
	id: 7,
	recordId: 1,
	title: '銀河鉄道の夜',
	language: 'ja',
	author: '宮沢 賢治',
	format: 'print',
	status: 'waiting',
	active: true,
	position: 3,
	pickup: { id: 'hikarigaoka', name: '光が丘図書館', window: false },
	suspendedUntil: null,
	pickupBy: null,
	daysLeft: null,
	placedAt: '2026-11-20T01:00:00.000Z',
	closedAt: null
};
const day = (iso: string) => iso.slice(5, 10).replace('-', '/');
const ja = (m: { key: string; values: Record<string, string | number> }) => translate('ja', m.key, m.values);
const en = (m: { key: string; values: Record<string, string | number> }) => translate('en', m.key, m.values);

describe('what a hold\'s status says', () => {
	it('gives the position while waiting, and keeps it while paused', () => {
		expect(ja(statusMessage(base, day))).toBe('順番待ち：3番目');
		expect(ja(statusMessage({ ...base, suspendedUntil: '2026-12-01' }, day))).toBe('一時停止中：12/01から再開します。順番はそのままです（3番目）。');
	});

	it('gives the last day and the days left while ready, in whole sentences with plurals', () => {
		const ready = { ...base, status: 'ready' as const, pickupBy: '2026-11-24' };
		expect(ja(statusMessage({ ...ready, daysLeft: 2 }, day))).toBe('受け取れます。11/24までに受け取ってください（あと2日）。');
		expect(en(statusMessage({ ...ready, daysLeft: 1 }, day))).toBe('Ready to collect. Please collect it by 11/24 (1 day left).');
		expect(en(statusMessage({ ...ready, daysLeft: 2 }, day))).toBe('Ready to collect. Please collect it by 11/24 (2 days left).');
		expect(ja(statusMessage({ ...ready, daysLeft: 0 }, day))).toBe('受け取れます。今日（11/24）までに受け取ってください。');
		expect(statusMessage({ ...ready, daysLeft: -1 }, day).key).toBe('holds:status.readyOverdue');
	});

	it('dates ended holds', () => {
		const closed = { ...base, active: false, closedAt: '2026-11-21T03:00:00.000Z' };
		expect(ja(statusMessage({ ...closed, status: 'cancelled' }, day))).toBe('取り消しました（11/21）。');
		expect(ja(statusMessage({ ...closed, status: 'lapsed', pickupBy: '2026-11-20' }, day))).toBe('受け取り期限の11/20を過ぎたため、予約は終わりました。');
		expect(closedMessage({ ...closed, status: 'collected' })?.key).toBe('holds:closed.collected');
		expect(closedMessage(base)).toBeNull();
	});
});

describe('the confirmation after reserving', () => {
	it('states the position and the pickup place', () => {
		expect(ja(placedMessage(base, day))).toBe('「銀河鉄道の夜」を予約しました。順番は3番目です。受け取り場所：光が丘図書館');
		expect(translate('easy', placedMessage(base, day).key, placedMessage(base, day).values)).toBe(
			'「銀河鉄道の夜」を よやく しました。あなたの 順番は 3ばんめ です。受け取る 場所：光が丘図書館'
		);
	});

	it('says a free copy is on its way, or ready by a date, instead of a position', () => {
		expect(ja(placedMessage({ ...base, status: 'in_transit', position: 1 }, day))).toBe('「銀河鉄道の夜」を予約しました。資料を光が丘図書館へ運んでいます。届くまでお待ちください。');
		expect(en(placedMessage({ ...base, status: 'ready', position: 1, pickupBy: '2026-11-27' }, day))).toBe(
			'You have reserved “銀河鉄道の夜”. It is ready to collect at 光が丘図書館. Please collect it by 11/27.'
		);
	});
});

describe('the confirmation after changing a reservation', () => {
	it('names the hold, and the new place or the day it starts again', () => {
		expect(ja(doneMessage('cancelled', { ...base, status: 'cancelled', active: false }, day))).toBe('「銀河鉄道の夜」の予約を取り消しました。');
		expect(ja(doneMessage('pickup', base, day))).toBe('「銀河鉄道の夜」の受け取り場所を光が丘図書館に変えました。');
		expect(en(doneMessage('suspended', { ...base, suspendedUntil: '2026-12-10' }, day))).toBe(
			'Your reservation of “銀河鉄道の夜” is paused. It starts again on 12/10, and you keep your place in the queue.'
		);
		expect(translate('easy', doneMessage('resumed', base, day).key, doneMessage('resumed', base, day).values)).toBe('「銀河鉄道の夜」の よやくを また はじめました。');
	});
});

describe('a confirmation is shown only while it is still true', () => {
	it('needs the hold as the action left it', () => {
		const cancelled = { ...base, status: 'cancelled' as const, active: false };
		const paused = { ...base, suspendedUntil: '2026-12-10' };
		expect(doneFits('cancelled', cancelled)).toBe(true);
		expect(doneFits('cancelled', base)).toBe(false);
		expect(doneFits('suspended', paused)).toBe(true);
		// Resumed in another tab, or the pause is over: "paused until …" would be untrue (and have no date).
		expect(doneFits('suspended', base)).toBe(false);
		expect(doneFits('resumed', base)).toBe(true);
		expect(doneFits('resumed', paused)).toBe(false);
		expect(doneFits('pickup', base)).toBe(true);
		expect(doneFits('pickup', cancelled)).toBe(false);
	});
});
