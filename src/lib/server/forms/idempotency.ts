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
 * The token is claimed before the work; if the work fails the claim is released so a retry may run.
 */
export async function once<T extends Record<string, unknown>>(
	token: unknown,
	action: string,
	work: () => Promise<T>
): Promise<{ result: T; repeated: boolean }> {
	if (typeof token !== 'string' || !TOKEN.test(token)) return { result: await work(), repeated: false };
	const claimed = await db()
		.insertInto('form_submissions')
		.values({ token, action, account_id: null, result: JSON.stringify({ pending: true }) })
		.onConflict((oc) => oc.column('token').doNothing())
		.returning('token')
		.executeTakeFirst();
	if (!claimed) return { result: await waitForResult<T>(token), repeated: true };
	try {
		const result = await work();
		await db().updateTable('form_submissions').set({ result: JSON.stringify(result) }).where('token', '=', token).execute();
		return { result, repeated: false };
	} catch (e) {
		await db().deleteFrom('form_submissions').where('token', '=', token).execute();
		throw e;
	}
}

async function waitForResult<T>(token: string): Promise<T> {
	for (let i = 0; i < 50; i++) {
		const row = await db().selectFrom('form_submissions').select('result').where('token', '=', token).executeTakeFirst();
		const result = row?.result as Record<string, unknown> | undefined;
		if (result && !result.pending) return result as T;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('The first submission of this form is still being processed');
}
