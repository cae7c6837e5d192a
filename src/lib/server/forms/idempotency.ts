import { db } from '$lib/server/db';
import { randomUUID } from 'node:crypto';

/** A fresh token for a form's hidden `__submission` field. */
export function newSubmissionToken(): string {
	return randomUUID();
}

const TOKEN = /^[0-9a-f-]{36}$/;

/**
 * Runs `work` once per submission token: a double click, a resubmitted page or a retry after a
 * lost response all get the first result back instead of creating a second request.
 * The token is claimed before the work; if the work fails the claim is released, and a submission
 * that was waiting for it (or a later retry) claims it and runs the work itself.
 */
export async function once<T extends Record<string, unknown>>(
	token: unknown,
	action: string,
	work: () => Promise<T>
): Promise<{ result: T; repeated: boolean }> {
	if (typeof token !== 'string' || !TOKEN.test(token)) return { result: await work(), repeated: false };
	for (;;) {
		if (await claim(token, action)) {
			try {
				const result = await work();
				await db().updateTable('form_submissions').set({ result: JSON.stringify(result) }).where('token', '=', token).execute();
				return { result, repeated: false };
			} catch (e) {
				await db().deleteFrom('form_submissions').where('token', '=', token).execute();
				throw e;
			}
		}
		const outcome = await waitForResult<T>(token);
		if (outcome.released) continue;
		return { result: outcome.result, repeated: true };
	}
}

async function claim(token: string, action: string): Promise<boolean> {
	const claimed = await db()
		.insertInto('form_submissions')
		.values({ token, action, account_id: null, result: JSON.stringify({ pending: true }) })
		.onConflict((oc) => oc.column('token').doNothing())
		.returning('token')
		.executeTakeFirst();
	return claimed !== undefined;
}

/** The first submission's result, or `released` when it failed and gave its claim back. */
async function waitForResult<T>(token: string): Promise<{ released: true } | { released: false; result: T }> {
	for (let i = 0; i < 300; i++) {
		const row = await db().selectFrom('form_submissions').select('result').where('token', '=', token).executeTakeFirst();
		if (!row) return { released: true };
		const result = row.result as Record<string, unknown>;
		if (!result.pending) return { released: false, result: result as T };
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('The first submission of this form is still being processed');
}
