import { randomInt } from 'node:crypto';
import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/audit.repository';
import { hashPassword } from '$lib/server/auth/password';
import { once } from '$lib/server/forms/idempotency';
import type { GroupInput } from './group.schema';
import * as repo from './groups.repository';

/**
 * Letters and digits that cannot be mistaken for one another when read aloud, printed or copied by hand
 * (no 0/o, 1/l/i): the password is handed over on paper or read out by a blind librarian.
 */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random initial password: three groups of four, e.g. `k7mq-3tzp-x9aw` (about 59 bits). */
export function generateInitialPassword(): string {
	const group = () => Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
	return [group(), group(), group()].join('-');
}

export interface RegisteredGroup {
	accountId: number;
	cardNumber: string;
	/**
	 * The initial password, to be shown once and handed over. Null when a repeated submission found a
	 * group that may already have its password (see `reissueInitialPassword`).
	 */
	initialPassword: string | null;
	/** The submission had already been handled: no second group was created. */
	repeated: boolean;
}

/** How long after registration a repeated submission may still replace the unseen initial password. */
const REISSUE_WINDOW_MS = 30 * 60 * 1000;

/**
 * Registers a group for group lending (N lending rules art. 4, form 3), done by a librarian at the
 * counter: an active account of kind `group` with its form 3 details, in one transaction. A group may
 * then hold up to `holds.maxActivePerGroup` reservations (the holds service applies it).
 *
 * A double submit (same `submissionToken`) creates one group. The password is never stored in clear,
 * not even in the idempotency record, so the repeated request cannot return the first password: when the
 * group is minutes old and nobody has signed in to it, it gets a new password, which is the one shown
 * (the first response, which held the old one, was abandoned by the browser).
 */
export async function register(staffId: number, input: GroupInput, submissionToken: unknown, now = new Date()): Promise<RegisteredGroup> {
	const initialPassword = generateInitialPassword();
	const { result, repeated } = await once(submissionToken, 'groups.register', () => create(staffId, input, initialPassword, now));
	if (!repeated) return { ...result, initialPassword, repeated };
	return { ...result, initialPassword: await reissueInitialPassword(staffId, result.accountId, now), repeated };
}

async function create(staffId: number, input: GroupInput, password: string, now: Date) {
	const passwordHash = await hashPassword(password);
	const account = await db().transaction().execute(async (trx) => {
		const created = await repo.insertAccount(trx, {
			card_number: await repo.nextCardNumber(trx),
			password_hash: passwordHash,
			role: 'patron',
			kind: 'group',
			// Registered at the counter with form 3 in hand: active at once, no provisional step.
			status: 'active',
			name: input.name,
			name_kana: input.nameKana,
			birth_year: null,
			phone: input.phone,
			phone_kind: null,
			email: null,
			postal_code: input.postalCode,
			address: input.address,
			category: null,
			previous_card_number: null,
			id_document: null,
			workplace_id: null,
			// The reservation form starts with the group's home library.
			preferred_pickup_id: input.homeLibraryId,
			confirmed_at: now,
			confirmed_by: staffId
		});
		await repo.insertGroup(trx, {
			account_id: created.id,
			group_type: input.groupType,
			representative: input.representative,
			contact_person: input.contactPerson,
			members: input.members,
			purpose: input.purpose,
			home_library_id: input.homeLibraryId
		});
		return created;
	});
	// Codes only: names, addresses and the purpose stay out of the log.
	await audit.record({
		actorId: staffId,
		subjectId: account.id,
		action: 'groups.register',
		targetType: 'account',
		targetId: account.id,
		detail: { groupType: input.groupType, homeLibraryId: input.homeLibraryId }
	});
	return { accountId: account.id, cardNumber: account.card_number };
}

/**
 * Replaces the initial password of a group registered moments ago that nobody has signed in to,
 * and returns the new one; null (nothing changed) otherwise, so an old form resubmitted days later
 * never locks a group out.
 */
export async function reissueInitialPassword(staffId: number, accountId: number, now = new Date()): Promise<string | null> {
	const group = await repo.findGroup(db(), accountId);
	if (!group) return null;
	if (now.getTime() - new Date(group.created_at).getTime() > REISSUE_WINDOW_MS) return null;
	if (await repo.hasSignedIn(db(), accountId)) return null;
	const password = generateInitialPassword();
	await repo.setPasswordHash(db(), accountId, await hashPassword(password));
	await audit.record({ actorId: staffId, subjectId: accountId, action: 'groups.reissue_initial_password', targetType: 'account', targetId: accountId });
	return password;
}

/** What the confirmation page shows about a group: no contact details. */
export async function findSummary(accountId: number) {
	const group = await repo.findGroup(db(), accountId);
	return group && {
		accountId: group.id,
		cardNumber: group.card_number,
		name: group.name,
		nameKana: group.name_kana,
		groupType: group.group_type,
		members: group.members,
		homeLibraryId: group.home_library_id
	};
}
