/** Calendar days in the city's time zone: pickup deadlines and suspensions are days, not instants. */
const TIME_ZONE = 'Asia/Tokyo';

/** Today's date (YYYY-MM-DD) in Tokyo. */
export function today(now: Date = new Date(), timeZone = TIME_ZONE): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The instant a calendar day (YYYY-MM-DD) begins in Tokyo (no daylight saving there). */
export function startOfDay(date: string): Date {
	return new Date(`${date}T00:00:00+09:00`);
}

/** A date (YYYY-MM-DD) plus a number of days. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A date (YYYY-MM-DD) plus whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(d, lastDay));
	return first.toISOString().slice(0, 10);
}
