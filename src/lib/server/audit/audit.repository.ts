import { db } from '$lib/server/db';

export interface AuditEntry {
	actorId: number | null;
	subjectId: number | null;
	/** Dotted verb, e.g. `auth.sign_in`, `accounts.confirm`. */
	action: string;
	targetType?: string;
	targetId?: string | number;
	/** Never put special-care personal data here: the log is read more widely than the data. */
	detail?: Record<string, unknown>;
}

/** Records who did what to whose account, and when. */
export async function record(entry: AuditEntry): Promise<void> {
	await db()
		.insertInto('audit_log')
		.values({
			actor_id: entry.actorId,
			subject_id: entry.subjectId,
			action: entry.action,
			target_type: entry.targetType ?? null,
			target_id: entry.targetId === undefined ? null : String(entry.targetId),
			detail: JSON.stringify(entry.detail ?? {})
		})
		.execute();
}

export async function listForSubject(subjectId: number, limit = 100) {
	return db()
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor_id', 'subject_id', 'action', 'target_type', 'target_id'])
		.where('subject_id', '=', subjectId)
		.orderBy('at', 'desc')
		.limit(limit)
		.execute();
}
