import { sql } from 'kysely';
import { databaseKind, db } from '$lib/server/db';
import { allocateWaiting, lapseUncollected } from '$lib/server/holds/holds.service';
import { log } from '$lib/server/log';
import { eraseSensitiveData, lapseExpired } from '$lib/server/reading-services/reading-services.service';
import { cleanUp as cleanUpAccommodation } from '$lib/server/accommodation/accommodation.service';
import { markReturnsDue } from '$lib/server/home-delivery/home-delivery.service';

/** Each job holds a PostgreSQL advisory lock while it runs, so with several app instances only one runs it. */
const JOBS: { name: string; lockId: number; run: () => Promise<number> }[] = [
	{ name: 'holds.lapse_uncollected', lockId: 727101, run: () => lapseUncollected() },
	{ name: 'holds.allocate_waiting', lockId: 727102, run: () => allocateWaiting() },
	{ name: 'reading_services.lapse_expired', lockId: 727201, run: () => lapseExpired() },
	{ name: 'reading_services.erase_sensitive_data', lockId: 727202, run: () => eraseSensitiveData() },
	{ name: 'accommodation.clean_up', lockId: 727301, run: () => cleanUpAccommodation() },
	{ name: 'home_delivery.mark_returns_due', lockId: 727401, run: () => markReturnsDue() }
];

/** Runs every job once, each under its lock; a job another instance is running is skipped. */
export async function runJobsOnce(): Promise<Record<string, number | 'skipped'>> {
	const outcome: Record<string, number | 'skipped'> = {};
	for (const job of JOBS) {
		// The embedded database has one connection and one process: no lock needed, and holding
		// the only connection for it would starve the job itself.
		if (databaseKind() === 'pglite') {
			outcome[job.name] = await job.run();
			continue;
		}
		const result = await db()
			.connection()
			.execute(async (conn) => {
				const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${job.lockId}) as locked`.execute(conn);
				if (!rows[0].locked) return 'skipped' as const;
				try {
					return await job.run();
				} finally {
					await sql`select pg_advisory_unlock(${job.lockId})`.execute(conn);
				}
			});
		outcome[job.name] = result;
	}
	return outcome;
}

let timer: NodeJS.Timeout | undefined;

/** Starts the periodic jobs (every 15 minutes by default, JOB_INTERVAL_SECONDS to change; 0 turns them off). */
export function startScheduler(): void {
	const seconds = Number(process.env.JOB_INTERVAL_SECONDS ?? 900);
	if (!seconds || timer) return;
	const tick = () =>
		runJobsOnce()
			.then((outcome) => log.info('scheduled jobs ran', outcome))
			.catch((error) => log.error('scheduled jobs failed', { error }));
	timer = setInterval(tick, seconds * 1000);
	timer.unref();
	void tick();
}
