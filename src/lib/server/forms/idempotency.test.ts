import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '$lib/server/db/test-database';
import type { Connection } from '$lib/server/db/connection';
import { newSubmissionToken, once } from './idempotency';

let connection: Connection;
beforeAll(async () => {
	connection = await openTestDatabase();
});
afterAll(() => connection.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('once: one submission token, one piece of work', () => {
	it('a double click runs the work once and gives both clicks its result', async () => {
		const token = newSubmissionToken();
		let runs = 0;
		const work = async () => {
			runs += 1;
			await pause(50);
			return { reference: `R-${runs}` };
		};
		const [first, second] = await Promise.all([once(token, 'test.double', work), once(token, 'test.double', work)]);
		expect(runs).toBe(1);
		expect(first.result).toEqual({ reference: 'R-1' });
		expect(second.result).toEqual({ reference: 'R-1' });
		expect([first.repeated, second.repeated].sort()).toEqual([false, true]);
	});

	it('a later resubmission of the same page gets the first result back', async () => {
		const token = newSubmissionToken();
		await once(token, 'test.resubmit', async () => ({ reference: 'A' }));
		const again = await once(token, 'test.resubmit', async () => ({ reference: 'B' }));
		expect(again).toEqual({ result: { reference: 'A' }, repeated: true });
	});

	it('when the first attempt fails, the one waiting for it runs the work itself instead of failing', async () => {
		const token = newSubmissionToken();
		let attempts = 0;
		const work = async () => {
			attempts += 1;
			await pause(50);
			if (attempts === 1) throw new Error('the database went away');
			return { reference: 'saved' };
		};
		const [first, second] = await Promise.allSettled([once(token, 'test.retry', work), once(token, 'test.retry', work)]);
		expect(first.status).toBe('rejected');
		expect(second).toEqual({ status: 'fulfilled', value: { result: { reference: 'saved' }, repeated: false } });
		expect(attempts).toBe(2);
	});

	it('a missing or malformed token still runs the work (it simply cannot be deduplicated)', async () => {
		expect((await once(undefined, 'test.none', async () => ({ ok: true }))).result).toEqual({ ok: true });
		expect((await once('not-a-token', 'test.none', async () => ({ ok: true }))).result).toEqual({ ok: true });
	});
});
