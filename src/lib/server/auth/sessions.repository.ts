import { db } from '$lib/server/db';

export async function insert(session: { idHash: string; actorId: number; subjectId: number; expiresAt: Date }) {
	await db()
		.insertInto('sessions')
		.values({
			id_hash: session.idHash,
			actor_id: session.actorId,
			subject_id: session.subjectId,
			expires_at: session.expiresAt
		})
		.execute();
}

export async function find(idHash: string) {
	return db()
		.selectFrom('sessions')
		.select(['id_hash', 'actor_id', 'subject_id', 'expires_at'])
		.where('id_hash', '=', idHash)
		.where('expires_at', '>', new Date())
		.executeTakeFirst();
}

export async function extend(idHash: string, expiresAt: Date) {
	await db().updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function setSubject(idHash: string, subjectId: number) {
	await db().updateTable('sessions').set({ subject_id: subjectId }).where('id_hash', '=', idHash).execute();
}

/** Changes the subject only if it is still `fromSubjectId`; false if another request changed it first. */
export async function replaceSubject(idHash: string, fromSubjectId: number, toSubjectId: number): Promise<boolean> {
	const result = await db()
		.updateTable('sessions')
		.set({ subject_id: toSubjectId })
		.where('id_hash', '=', idHash)
		.where('subject_id', '=', fromSubjectId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function remove(idHash: string) {
	await db().deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function removeExpired() {
	await db().deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
}

export async function findThrottle(cardNumber: string) {
	return db().selectFrom('sign_in_throttle').selectAll().where('card_number', '=', cardNumber).executeTakeFirst();
}

export async function saveThrottle(row: { card_number: string; failures: number; last_failure_at: Date; locked_until: Date | null }) {
	await db()
		.insertInto('sign_in_throttle')
		.values(row)
		.onConflict((oc) => oc.column('card_number').doUpdateSet(row))
		.execute();
}

export async function clearThrottle(cardNumber: string) {
	await db().deleteFrom('sign_in_throttle').where('card_number', '=', cardNumber).execute();
}
