import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, startOfDay, today } from './calendar';

describe('calendar days in Tokyo', () => {
	it('today is the Tokyo date, whatever the server clock zone', () => {
		expect(today(new Date('2026-11-21T15:00:00Z'))).toBe('2026-11-22');
		expect(today(new Date('2026-11-21T14:59:59Z'))).toBe('2026-11-21');
	});

	it('a day starts at midnight in Tokyo', () => {
		expect(startOfDay('2026-11-22').toISOString()).toBe('2026-11-21T15:00:00.000Z');
		expect(today(startOfDay('2026-11-22'))).toBe('2026-11-22');
	});

	it('adds days and months the way a pickup deadline or an expiry reads', () => {
		expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
		expect(daysBetween('2026-11-22', '2026-11-29')).toBe(7);
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2026-11-22', 24)).toBe('2028-11-22');
	});
});
