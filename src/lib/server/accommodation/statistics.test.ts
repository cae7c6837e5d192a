import { describe, expect, it } from 'vitest';
import { isMonth, monthBounds, statisticsCsv, summarise, type StatisticsInput } from './statistics';

const at = (text: string) => new Date(`${text}+09:00`);

function request(values: Partial<StatisticsInput> & Pick<StatisticsInput, 'submitted_at'>): StatisticsInput {
	const submitted = new Date(values.submitted_at);
	return {
		current_desk_id: 'library-nerima',
		service_kind: 'library',
		status: 'received',
		outcome: null,
		first_ack_due_at: new Date(submitted.getTime() + 24 * 3_600_000),
		first_acknowledged_at: null,
		closed_at: null,
		...values
	};
}

describe('monthly statistics', () => {
	const rows: StatisticsInput[] = [
		// Acknowledged after 2 hours, provided after 3 days.
		request({ submitted_at: at('2026-03-02T10:00:00'), first_acknowledged_at: at('2026-03-02T12:00:00'), status: 'closed', outcome: 'provided', closed_at: at('2026-03-05T10:00:00') }),
		// Acknowledged after 30 hours (late), declined after 5 days, at the health centre.
		request({
			submitted_at: at('2026-03-10T09:00:00'),
			first_acknowledged_at: at('2026-03-11T15:00:00'),
			status: 'closed',
			outcome: 'declined',
			closed_at: at('2026-03-15T09:00:00'),
			current_desk_id: 'health-kita',
			service_kind: 'health'
		}),
		// Never acknowledged, past its deadline.
		request({ submitted_at: at('2026-03-20T09:00:00') }),
		// Acknowledged after 4 hours, still open.
		request({ submitted_at: at('2026-03-25T09:00:00'), first_acknowledged_at: at('2026-03-25T13:00:00'), status: 'acknowledged', service_kind: 'event' })
	];
	const stats = summarise('2026-03', rows, ['disability-policy', 'library-nerima', 'health-kita'], at('2026-04-01T09:00:00'));

	it('counts by desk, in configuration order, every desk listed even with nothing', () => {
		expect(stats.byDesk.map((r) => [r.key, r.received])).toEqual([
			['disability-policy', 0],
			['library-nerima', 3],
			['health-kita', 1]
		]);
		expect(stats.byDesk[0]).toMatchObject({ medianHoursToAcknowledgement: null, medianDaysToOutcome: null });
	});

	it('counts by kind, outcome, open and late acknowledgements, with median times', () => {
		expect(stats.byKind.find((r) => r.key === 'library')).toMatchObject({ received: 2, provided: 1, open: 1 });
		expect(stats.byKind.find((r) => r.key === 'event')).toMatchObject({ received: 1, open: 1, acknowledged: 1 });
		expect(stats.byKind.map((r) => r.key)).toEqual(['library', 'event', 'website', 'welfare', 'health', 'other']);
		expect(stats.total).toMatchObject({
			received: 4,
			acknowledged: 3,
			acknowledgedLate: 2,
			open: 2,
			provided: 1,
			alternativeAgreed: 0,
			declined: 1,
			medianHoursToAcknowledgement: 4,
			medianDaysToOutcome: 4
		});
	});

	it('writes a CSV with a byte-order mark and no personal data, safe to open in a spreadsheet', () => {
		const csv = statisticsCsv(stats, {
			column: (c) => c,
			section: (s) => s,
			desk: (id) => (id === 'library-nerima' ? '=練馬図書館 "窓口"' : id),
			kind: (k) => k,
			total: '合計'
		});
		expect(csv.startsWith('\uFEFF"section","id","name","received"')).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(1 + 3 + 6 + 1);
		expect(lines).toContain(`"desk","library-nerima","'=練馬図書館 ""窓口""",3,2,1,2,1,0,0,3,3`);
		expect(lines.at(-1)).toBe('"total","total","合計",4,3,2,2,1,0,1,4,4');
	});

	it('reads months in the city\'s time zone', () => {
		expect(isMonth('2026-03')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(isMonth('2026-3')).toBe(false);
		expect(monthBounds('2026-12')).toEqual({ from: new Date('2026-11-30T15:00:00Z'), to: new Date('2026-12-31T15:00:00Z') });
	});
});
