/**
 * Reasonable-accommodation requests (合理的配慮の申出: N 対応要領 art. 3, 6 and its annex; DOMAIN §6), the
 * part shared by the server (validation, routing, storage) and the pages (option lists, labels), so it holds
 * no server code. Messages live under `accommodation:` in the locale files.
 */

/** Who needs the accommodation: the person asking, or someone they support (annex 4(3)). */
export const WHO = ['self', 'someone_else'] as const;
export type Who = (typeof WHO)[number];

/** Who may express the need for someone (annex 4(3)): family, supporters, caregivers, legal representatives. */
export const RELATIONSHIPS = ['family', 'supporter', 'caregiver', 'legal_representative', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * The service the barrier is met in. Library services (a library, an event or lecture, the website) go to
 * the library concerned; welfare and health services to the office for the area; anything else to the
 * Disability Policy Division (art. 6; routing lives in the city configuration).
 */
export const SERVICE_KINDS = ['library', 'event', 'website', 'welfare', 'health', 'other'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Kinds whose place is a library location (`locationId`). */
export const LOCATION_KINDS: readonly ServiceKind[] = ['library', 'event'];
/** Kinds whose place is an area (`areaId`). */
export const AREA_KINDS: readonly ServiceKind[] = ['welfare', 'health'];
/** An event or lecture held somewhere other than a library. */
export const ELSEWHERE = 'elsewhere';
/** Someone who does not know their area: the fallback desk finds the right office. */
export const UNKNOWN_AREA = 'unknown';

/**
 * The accommodations the annex gives as examples (annex 6), offered as choices in three groups, as the
 * annex lists them: communication, the physical environment, and flexible rules and practices.
 */
export const ACCOMMODATION_GROUPS = {
	communication: [
		'sign_language',
		'written_conversation',
		'reading_aloud',
		'writing_help',
		'large_print',
		'braille',
		'text_data_in_advance',
		'picture_cards',
		'explain_slowly',
		'plain_words'
	],
	physical: ['step_help', 'help_reaching_shelves', 'guided_walking', 'seat_near_door', 'seat_near_screen', 'rest_space'],
	rules: ['go_first', 'wait_seated', 'separate_room', 'companion', 'drop_off_near_entrance']
} as const;
export type AccommodationGroup = keyof typeof ACCOMMODATION_GROUPS;
export const ACCOMMODATION_GROUP_NAMES = Object.keys(ACCOMMODATION_GROUPS) as AccommodationGroup[];
export const ACCOMMODATIONS = Object.values(ACCOMMODATION_GROUPS).flat();
export type Accommodation = (typeof ACCOMMODATIONS)[number];

/** How the desk replies (art. 6-2: phone, fax, email, and the means the person needs). */
export const REPLY_METHODS = ['phone', 'fax', 'email', 'braille_letter', 'large_print_letter', 'in_person', 'supporter'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];

/** The contact detail each reply method needs (letters need a postal address). */
export const REPLY_NEEDS: Record<ReplyMethod, readonly ('phone' | 'fax' | 'email' | 'postalCode' | 'address' | 'supporterContact')[]> = {
	phone: ['phone'],
	fax: ['fax'],
	email: ['email'],
	braille_letter: ['postalCode', 'address'],
	large_print_letter: ['postalCode', 'address'],
	in_person: [],
	supporter: ['supporterContact']
};

/** Everything the person answers. Identity and contact details and the case itself are sealed at rest. */
export interface RequestAnswers {
	who?: Who;
	relationship?: Relationship;
	/** The name of the person who needs the accommodation, when someone asks for them (optional). */
	personName?: string;
	serviceKind?: ServiceKind;
	/** A library or pickup window, or `elsewhere` for an event not held in a library. */
	locationId?: string;
	/** An area of the city, or `unknown`. */
	areaId?: string;
	/** The day of the visit or event (optional). */
	visitDate?: string;
	/** The event, lecture or occasion in the person's words (optional). */
	occasion?: string;
	/** The barrier in the person's own words. */
	barrier?: string;
	accommodations?: Accommodation[];
	/** Any other accommodation, in the person's words. */
	accommodationOther?: string;
	replyMethod?: ReplyMethod;
	/** The name to reply to. */
	name?: string;
	phone?: string;
	fax?: string;
	email?: string;
	postalCode?: string;
	address?: string;
	/** Who the supporter is and how to reach them, when the reply goes through them. */
	supporterContact?: string;
	/** The day the person needs an answer by (optional). */
	answerBy?: string;
	/** Pages saved so far: pages whose every question is optional count as answered once saved. */
	saved?: Step[];
}

/** The pages of the request, in order. Some apply only to some answers (see `stepsFor`). */
export const STEPS = ['who', 'supporter', 'service', 'place', 'when', 'barrier', 'accommodations', 'reply', 'deadline'] as const;
export type Step = (typeof STEPS)[number];

export function isStep(value: unknown): value is Step {
	return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

/**
 * The pages these answers need: the supporter's relationship only when asking for someone else; the place
 * only for services that have one (a library, an area); the day only where there is a visit (not the website).
 */
export function stepsFor(answers: RequestAnswers): Step[] {
	return STEPS.filter((step) => {
		if (step === 'supporter') return answers.who === 'someone_else';
		if (step === 'place') return answers.serviceKind !== undefined && [...LOCATION_KINDS, ...AREA_KINDS].includes(answers.serviceKind);
		if (step === 'when') return answers.serviceKind !== 'website';
		return true;
	});
}

/** Whether a page has been answered. */
export function isAnswered(step: Step, answers: RequestAnswers): boolean {
	switch (step) {
		case 'who':
			return answers.who !== undefined;
		case 'supporter':
			return answers.relationship !== undefined;
		case 'service':
			return answers.serviceKind !== undefined;
		case 'place':
			return answers.serviceKind !== undefined && LOCATION_KINDS.includes(answers.serviceKind) ? answers.locationId !== undefined : answers.areaId !== undefined;
		case 'when':
		case 'deadline':
			return (answers.saved ?? []).includes(step);
		case 'barrier':
			return Boolean(answers.barrier);
		case 'accommodations':
			return (answers.accommodations?.length ?? 0) > 0 || Boolean(answers.accommodationOther);
		case 'reply':
			return answers.replyMethod !== undefined && Boolean(answers.name);
	}
}

/** The first page that still needs an answer, or null when every page that applies is answered. */
export function firstUnanswered(answers: RequestAnswers): Step | null {
	return stepsFor(answers).find((step) => !isAnswered(step, answers)) ?? null;
}

/** A request's status, as the desk and the person see it. */
export const STATUSES = ['received', 'acknowledged', 'closed'] as const;
export type RequestStatus = (typeof STATUSES)[number];

/** How a request ends (issue 6): provided, an alternative agreed in dialogue (annex 4(2)), or declined. */
export const OUTCOMES = ['provided', 'alternative_agreed', 'declined'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The undue-burden factors of annex 5: impact on the service, feasibility, cost. */
export const BURDEN_FACTORS = ['service_impact', 'feasibility', 'cost'] as const;
export type BurdenFactor = (typeof BURDEN_FACTORS)[number];

/**
 * The viewpoints of annex 2 for a justified reason to treat someone differently: the rights and interests
 * of the person and of third parties (safety, property, preventing harm) and keeping the purpose, content
 * and function of the service.
 */
export const JUSTIFIED_REASONS = ['safety', 'property', 'preventing_harm', 'service_function'] as const;
export type JustifiedReason = (typeof JUSTIFIED_REASONS)[number];

/** What the history of a request records. */
export const EVENT_KINDS = ['submitted', 'acknowledged', 'requester_message', 'desk_message', 'transferred', 'outcome'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Longest free text accepted: the barrier, a message. */
export const LONG_TEXT_MAX = 2000;
/** Shorter free text: an occasion, a reason, a summary. */
export const SHORT_TEXT_MAX = 1000;

/** A reference number as shown to people: AC-2026-000123. */
export const REFERENCE_PATTERN = /^AC-\d{4}-\d{6}$/;
