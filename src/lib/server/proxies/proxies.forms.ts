import { z } from 'zod';
import { parseTypedDate, unreadableDateKey } from '$lib/components/date-input';
import { normaliseCardNumber } from '$lib/server/auth/sign-in.service';
import { normaliseText } from '$lib/server/forms/form';
import { isProxyScope, type ProxyScope } from '$lib/proxy-scopes';
import type { ProxyRelationship } from '$lib/server/db/schema';
import {
	EVIDENCE,
	RELATIONSHIPS,
	type AcceptRefusal,
	type EndDateProblem,
	type EstablishRefusal,
	type Evidence,
	type InviteResult
} from './proxies.service';

/**
 * The proxy forms: one schema per form, shared by the actions and their tests. Messages are i18n keys;
 * the rules (who may be invited, which dates) are the service's, and its refusals map to keys here.
 */

const E = 'proxies:errors';

/** A card number as people type it (full-width, spaces, dashes), then exactly ten digits. */
function cardNumber(emptyKey: string) {
	return z.preprocess(
		(v) => normaliseCardNumber(String(v ?? '')),
		z.string().min(1, emptyKey).regex(/^\d{10}$/, `${E}.cardFormat`)
	);
}

/** At least one scope, every one of them known (anything else is a forged or stale form). */
const scopes = z
	.array(z.string())
	.min(1, `${E}.scopesEmpty`)
	.refine((values) => values.every(isProxyScope), `${E}.scopesUnknown`)
	.transform((values) => [...new Set(values)] as ProxyScope[]);

/** An optional date typed as people type dates; empty means "no end date". */
function optionalDate(formatKey: string, notRealKey: string) {
	return z.preprocess(
		(v) => normaliseText(v ?? ''),
		z.string().transform((text, ctx) => {
			if (text === '') return null;
			const iso = parseTypedDate(text);
			if (!iso) {
				ctx.addIssue({ code: 'custom', message: unreadableDateKey(text, formatKey, notRealKey) });
				return z.NEVER;
			}
			return iso;
		})
	);
}

/** An id from a hidden field or the URL: anything but a plain positive number is "not found", never a 500. */
export function parseId(value: unknown): number | null {
	return typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

// ----- the patron's invitation ------------------------------------------------------------------

export const INVITE_FIELDS = ['method', 'cardNumber', 'scopes', 'endsOn'];
export const inviteSchema = z
	.object({
		method: z.enum(['card', 'code'], { error: `${E}.methodEmpty` }),
		cardNumber: z.preprocess((v) => normaliseCardNumber(String(v ?? '')), z.string()),
		scopes,
		endsOn: optionalDate(`${E}.endsOnFormat`, `${E}.endsOnNotReal`)
	})
	.superRefine((value, ctx) => {
		if (value.method !== 'card') return;
		if (value.cardNumber === '') ctx.addIssue({ code: 'custom', path: ['cardNumber'], message: `${E}.cardEmpty` });
		else if (!/^\d{10}$/.test(value.cardNumber)) ctx.addIssue({ code: 'custom', path: ['cardNumber'], message: `${E}.cardFormat` });
	});
export type InviteForm = z.infer<typeof inviteSchema>;

/** Each refusal of `proxies.invite`, as a field and a message. */
export const INVITE_REFUSALS: Record<Extract<InviteResult, { ok: false }>['reason'], { field: string; key: string }> = {
	self: { field: 'cardNumber', key: `${E}.inviteSelf` },
	already_invited: { field: 'cardNumber', key: `${E}.alreadyInvited` },
	past: { field: 'endsOn', key: `${E}.endsOnPast` },
	too_far: { field: 'endsOn', key: `${E}.endsOnTooFar` }
};

// ----- changing scopes --------------------------------------------------------------------------

export const SCOPES_FIELDS = ['scopes'];
export const scopesSchema = z.object({ scopes });

// ----- accepting a one-time code ----------------------------------------------------------------

export const CODE_FIELDS = ['code'];
export const codeSchema = z.object({
	code: z.preprocess((v) => normaliseText(v ?? ''), z.string().min(1, `${E}.codeEmpty`).max(40, `${E}.codeNotFound`))
});

/** Each refusal of accepting an invitation, as a message (on the code field, or the invitation list). */
export const ACCEPT_REFUSAL_KEYS: Record<AcceptRefusal, string> = {
	not_found: `${E}.codeNotFound`,
	self: `${E}.acceptSelf`,
	expired: `${E}.codeExpired`,
	used: `${E}.codeUsed`,
	no_longer_valid: `${E}.invitationWithdrawn`,
	already_accepted: `${E}.alreadyAccepted`,
	wait: `${E}.codeWait`
};

// ----- staff-established proxies ----------------------------------------------------------------

export const ESTABLISH_FIELDS = ['patronCardNumber', 'proxyCardNumber', 'relationship', 'scopes', 'evidence', 'evidenceNote', 'evidenceSeenOn', 'endsOn'];
export const establishSchema = z.object({
	patronCardNumber: cardNumber(`${E}.patronCardEmpty`),
	proxyCardNumber: cardNumber(`${E}.proxyCardEmpty`),
	relationship: z.enum(RELATIONSHIPS as [ProxyRelationship, ...ProxyRelationship[]], { error: `${E}.relationshipEmpty` }),
	scopes,
	evidence: z
		.array(z.string())
		.min(1, `${E}.evidenceEmpty`)
		.refine((values) => values.every((v) => (EVIDENCE as readonly string[]).includes(v)), `${E}.evidenceUnknown`)
		.transform((values) => [...new Set(values)] as Evidence[]),
	evidenceNote: z.preprocess(
		(v) => {
			const text = normaliseText(v ?? '');
			return text === '' ? null : text;
		},
		z.string().max(200, `${E}.evidenceNoteTooLong`).nullable()
	),
	evidenceSeenOn: optionalDate(`${E}.seenOnFormat`, `${E}.seenOnNotReal`).refine((v) => v !== null, `${E}.seenOnEmpty`).transform((v) => v!),
	endsOn: optionalDate(`${E}.endsOnFormat`, `${E}.endsOnNotReal`)
});

export const ESTABLISH_REFUSALS: Record<EstablishRefusal, { field: string; key: string }> = {
	patron_not_found: { field: 'patronCardNumber', key: `${E}.patronNotFound` },
	proxy_not_found: { field: 'proxyCardNumber', key: `${E}.proxyNotFound` },
	same_person: { field: 'proxyCardNumber', key: `${E}.samePerson` },
	seen_in_future: { field: 'evidenceSeenOn', key: `${E}.seenOnFuture` },
	past: { field: 'endsOn', key: `${E}.endsOnPast` },
	too_far: { field: 'endsOn', key: `${E}.endsOnTooFar` }
} satisfies Record<EstablishRefusal | EndDateProblem, unknown>;

// ----- staff lookup -----------------------------------------------------------------------------

export const FIND_FIELDS = ['cardNumber'];
export const findSchema = z.object({ cardNumber: cardNumber(`${E}.cardEmpty`) });
