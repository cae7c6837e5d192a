import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/server/forms/form';
import { loadCityConfig } from '$lib/server/config/load-city-config';
import { changePickupSchema, parseId, pickupChoices, reserveSchema, suspendSchema } from './holds.forms';

function formOf(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	return form;
}

describe('reserve and change-pickup forms', () => {
	it('need a place to collect from', () => {
		expect(parseForm(reserveSchema, formOf({}))).toEqual({ ok: false, errors: { pickup: 'holds:reserve.errors.pickupEmpty' } });
		expect(parseForm(reserveSchema, formOf({ pickup: ' ' }))).toEqual({ ok: false, errors: { pickup: 'holds:reserve.errors.pickupEmpty' } });
		expect(parseForm(changePickupSchema, formOf({}))).toEqual({ ok: false, errors: { pickup: 'holds:pickup.errors.empty' } });
	});

	it('pass any place on to the service, which alone knows which places exist', () => {
		expect(parseForm(reserveSchema, formOf({ pickup: 'nowhere' }))).toEqual({ ok: true, data: { pickup: 'nowhere' } });
	});
});

describe('pause form', () => {
	it('reads the restart date as people type it', () => {
		for (const typed of ['2026/12/1', '２０２６－１２－０１', '2026年12月1日', '令和8年12月1日']) {
			expect(parseForm(suspendSchema, formOf({ until: typed })), typed).toEqual({ ok: true, data: { until: '2026-12-01' } });
		}
	});

	it('says whether the date is missing or not a date', () => {
		expect(parseForm(suspendSchema, formOf({ until: '' }))).toEqual({ ok: false, errors: { until: 'holds:suspend.errors.empty' } });
		expect(parseForm(suspendSchema, formOf({}))).toEqual({ ok: false, errors: { until: 'holds:suspend.errors.empty' } });
		expect(parseForm(suspendSchema, formOf({ until: '2026/2/30' }))).toEqual({ ok: false, errors: { until: 'holds:suspend.errors.notReal' } });
		expect(parseForm(suspendSchema, formOf({ until: 'next week' }))).toEqual({ ok: false, errors: { until: 'holds:suspend.errors.format' } });
	});
});

describe('ids in URLs', () => {
	it('accepts plain positive numbers that fit an integer column, and nothing else', () => {
		expect(parseId('1')).toBe(1);
		expect(parseId('999999999')).toBe(999999999);
		for (const bad of ['0', '01', '-1', '1.5', '1e3', 'abc', '', ' 1', '9999999999', '2147483648']) expect(parseId(bad), bad).toBeNull();
	});
});

describe('pickup choices', () => {
	it('lists libraries first, then pickup windows, named in the reader\'s language', () => {
		const config = loadCityConfig(''); // Nerima's bundled file, whatever CITY_CONFIG says
		const ja = pickupChoices(config, 'ja');
		const firstWindow = ja.findIndex((c) => c.window);
		expect(firstWindow).toBeGreaterThan(0);
		expect(ja.slice(firstWindow).every((c) => c.window)).toBe(true);
		expect(ja.find((c) => c.value === 'hikarigaoka')?.label).toBe('光が丘図書館');
		expect(pickupChoices(config, 'en').find((c) => c.value === 'hikarigaoka')?.label).toBe('Hikarigaoka Library');
	});
});
