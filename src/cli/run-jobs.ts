/** `npm run jobs`: runs the scheduled jobs once (lapse uncollected holds, pass copies on), e.g. from cron. */
import { startDatabase, stopDatabase } from '$lib/server/db';
import { runJobsOnce } from '$lib/server/jobs/scheduler';

await startDatabase();
try {
	console.log(JSON.stringify(await runJobsOnce()));
} finally {
	await stopDatabase();
}
