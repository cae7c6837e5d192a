import { db } from '$lib/server/db';
import { cityConfig } from '$lib/server/config/load-city-config';
import { today } from '$lib/server/time/calendar';
import { SERVICE_KINDS, type Outcome, type RequestStatus, type ServiceKind } from '$lib/accommodation/options';
import * as repo from './accommodation.repository';

/**
 * Monthly statistics for the Disability Policy Division (art. 6-3; DOMAIN §7: the monthly report): for the
 * requests received in a month, counts by desk and by kind of service, outcomes, late acknowledgements,
 * and the median time to acknowledgement and to outcome. Counts and times only: no reference numbers, no
 * names, nothing anyone wrote. The desk is the one handling the request now (after any transfer).
 */

export interface StatisticsRow {
	/** A desk id or a kind of service; `total` for the whole month. */
	key: string;
	received: number;
	acknowledged: number;
	/** Acknowledged after the first deadline, or not yet acknowledged and past it. */
	acknowledgedLate: number;
	open: number;
	provided: number;
	alternativeAgreed: number;
	declined: number;
	/** Median hours from arrival to the first acknowledgement (one decimal), null when none. */
	medianHoursToAcknowledgement: number | null;
	/** Median days from arrival to the outcome (one decimal), null when none closed. */
	medianDaysToOutcome: number | null;
}

export interface MonthlyStatistics {
	month: string;
	byDesk: StatisticsRow[];
	byKind: StatisticsRow[];
	total: StatisticsRow;
}

/** What the statistics read of a request: dates, desk, kind, status, outcome. */
export interface StatisticsInput {
	current_desk_id: string;
	service_kind: ServiceKind;
	status: RequestStatus;
	outcome: Outcome | null;
	submitted_at: Date | string;
	first_ack_due_at: Date | string;
	first_acknowledged_at: Date | string | null;
	closed_at: Date | string | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
	return typeof value === 'string' && MONTH.test(value);
}

/** The month (YYYY-MM) of a moment in the city. */
export function monthOf(now = new Date()): string {
	return today(now).slice(0, 7);
}

/** The first instant of a month and of the next one, in the city's time zone (Tokyo, no daylight saving). */
export function monthBounds(month: string): { from: Date; to: Date } {
	const [, y, m] = MONTH.exec(month)!;
	const year = Number(y);
	const next = Number(m) === 12 ? `${year + 1}-01` : `${year}-${String(Number(m) + 1).padStart(2, '0')}`;
	return { from: new Date(`${month}-01T00:00:00+09:00`), to: new Date(`${next}-01T00:00:00+09:00`) };
}

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return Math.round(value * 10) / 10;
}

const time = (value: Date | string) => new Date(value).getTime();

function rowOf(key: string, rows: StatisticsInput[], now: Date): StatisticsRow {
	const acknowledged = rows.filter((r) => r.first_acknowledged_at !== null);
	const closed = rows.filter((r) => r.closed_at !== null);
	return {
		key,
		received: rows.length,
		acknowledged: acknowledged.length,
		acknowledgedLate: rows.filter((r) =>
			r.first_acknowledged_at === null ? now.getTime() > time(r.first_ack_due_at) : time(r.first_acknowledged_at) > time(r.first_ack_due_at)
		).length,
		open: rows.filter((r) => r.status !== 'closed').length,
		provided: rows.filter((r) => r.outcome === 'provided').length,
		alternativeAgreed: rows.filter((r) => r.outcome === 'alternative_agreed').length,
		declined: rows.filter((r) => r.outcome === 'declined').length,
		medianHoursToAcknowledgement: median(acknowledged.map((r) => (time(r.first_acknowledged_at!) - time(r.submitted_at)) / 3_600_000)),
		medianDaysToOutcome: median(closed.map((r) => (time(r.closed_at!) - time(r.submitted_at)) / 86_400_000))
	};
}

/** The statistics of some requests: a row for every desk (in configuration order) and every kind, and a total. */
export function summarise(month: string, rows: StatisticsInput[], deskIds: string[], now = new Date()): MonthlyStatistics {
	return {
		month,
		byDesk: deskIds.map((desk) => rowOf(desk, rows.filter((r) => r.current_desk_id === desk), now)),
		byKind: SERVICE_KINDS.map((kind) => rowOf(kind, rows.filter((r) => r.service_kind === kind), now)),
		total: rowOf('total', rows, now)
	};
}

/** The statistics of the requests received in `month` (YYYY-MM). */
export async function monthlyStatistics(month: string, now = new Date()): Promise<MonthlyStatistics> {
	const { from, to } = monthBounds(month);
	const rows = await repo.listForStatistics(db(), from, to);
	return summarise(month, rows, cityConfig().desks.map((desk) => desk.id), now);
}

/** The months that can be shown, newest first: from the first request's month (or this month) to this month, at most 36. */
export async function monthsAvailable(now = new Date()): Promise<string[]> {
	const first = await repo.firstSubmittedAt(db());
	const last = monthOf(now);
	const start = first ? monthOf(first) : last;
	const months: string[] = [];
	let [year, month] = last.split('-').map(Number);
	while (months.length < 36) {
		const value = `${year}-${String(month).padStart(2, '0')}`;
		months.push(value);
		if (value <= start) break;
		month -= 1;
		if (month === 0) {
			month = 12;
			year -= 1;
		}
	}
	return months;
}

/** The CSV columns, in order; the header row gives them in the reader's language. */
export const CSV_COLUMNS = [
	'section',
	'id',
	'name',
	'received',
	'acknowledged',
	'acknowledgedLate',
	'open',
	'provided',
	'alternativeAgreed',
	'declined',
	'medianHoursToAcknowledgement',
	'medianDaysToOutcome'
] as const;

function csvCell(value: string | number | null): string {
	if (value === null) return '';
	const text = String(value);
	// Quote every text cell; a leading = + - @ would make a spreadsheet run it as a formula.
	if (typeof value === 'number') return text;
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The statistics as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel on Japanese Windows reads it).
 * `label` names a column, a section, a desk or a kind in the reader's language.
 */
export function statisticsCsv(
	stats: MonthlyStatistics,
	label: { column: (name: (typeof CSV_COLUMNS)[number]) => string; section: (name: 'desk' | 'kind' | 'total') => string; desk: (id: string) => string; kind: (kind: string) => string; total: string }
): string {
	const lines = [CSV_COLUMNS.map((c) => csvCell(label.column(c))).join(',')];
	const line = (section: 'desk' | 'kind' | 'total', row: StatisticsRow, name: string) =>
		[
			csvCell(label.section(section)),
			csvCell(row.key),
			csvCell(name),
			row.received,
			row.acknowledged,
			row.acknowledgedLate,
			row.open,
			row.provided,
			row.alternativeAgreed,
			row.declined,
			csvCell(row.medianHoursToAcknowledgement),
			csvCell(row.medianDaysToOutcome)
		].join(',');
	for (const row of stats.byDesk) lines.push(line('desk', row, label.desk(row.key)));
	for (const row of stats.byKind) lines.push(line('kind', row, label.kind(row.key)));
	lines.push(line('total', stats.total, label.total));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
