import * as accounts from '$lib/server/accounts/accounts.repository';
import * as sessions from './sessions.repository';
import * as audit from '$lib/server/audit/audit.repository';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { start } from './session.service';

/** After this many failures in a row, each further try must wait a little longer. */
export const SLOW_DOWN_AFTER = 3;
/** After this many failures the card is locked for LOCK_MINUTES. */
export const LOCK_AFTER = 6;
export const LOCK_MINUTES = 15;
const FAILURE_MEMORY_MS = 60 * 60 * 1000;

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; accountId: number }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'wait' | 'locked'; until: Date }
	| { ok: false; reason: 'provisional' };

/** Card numbers are typed in many ways: full-width digits, spaces, hyphens. */
export function normaliseCardNumber(input: string): string {
	return input.normalize('NFKC').replace(/[\s\-‐－ー―]/g, '');
}

function waitAfter(failures: number): number {
	// 3 failures: 10 s, 4: 20 s, 5: 40 s; then the lock.
	return failures >= SLOW_DOWN_AFTER ? 10_000 * 2 ** (failures - SLOW_DOWN_AFTER) : 0;
}

/**
 * Checks a card number and password. Failures are counted per typed card number whether
 * or not the card exists, and an unknown card costs the same hash, so neither the answer
 * nor its timing tells anyone which card numbers exist.
 */
export async function signIn(cardNumberInput: string, password: string, now = new Date()): Promise<SignInResult> {
	const cardNumber = normaliseCardNumber(cardNumberInput);
	const throttle = await sessions.findThrottle(cardNumber);
	const recent = throttle && now.getTime() - new Date(throttle.last_failure_at).getTime() < FAILURE_MEMORY_MS;
	if (recent && throttle.locked_until && new Date(throttle.locked_until) > now) {
		const reason = throttle.failures >= LOCK_AFTER ? 'locked' : 'wait';
		return { ok: false, reason, until: new Date(throttle.locked_until) };
	}

	const account = await accounts.findByCardNumber(cardNumber);
	const valid = await verifyPassword(password, account?.password_hash ?? (await DUMMY_HASH_PROMISE));
	if (!account || !valid || account.status === 'deregistered') {
		const failures = (recent ? throttle.failures : 0) + 1;
		const delay = failures >= LOCK_AFTER ? LOCK_MINUTES * 60_000 : waitAfter(failures);
		const lockedUntil = delay ? new Date(now.getTime() + delay) : null;
		await sessions.saveThrottle({ card_number: cardNumber, failures, last_failure_at: now, locked_until: lockedUntil });
		if (account) await audit.record({ actorId: null, subjectId: account.id, action: 'auth.sign_in_failed' });
		if (lockedUntil && failures >= LOCK_AFTER) return { ok: false, reason: 'locked', until: lockedUntil };
		return { ok: false, reason: 'invalid' };
	}
	if (account.status === 'provisional') return { ok: false, reason: 'provisional' };

	await sessions.clearThrottle(cardNumber);
	const session = await start(account.id);
	await audit.record({ actorId: account.id, subjectId: account.id, action: 'auth.sign_in' });
	return { ok: true, ...session, accountId: account.id };
}
