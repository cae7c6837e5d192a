/**
 * The answers of a disability reading-services application (N disability services rules art. 2–3;
 * DOMAIN §4), shared by the server (validation, storage) and the pages (option lists, labels), so it
 * holds no server code. Messages live under `reading:` in the locale files.
 */

/** (1) difficulty reading print, (2) difficulty visiting the library, (3) other needs the board approves. */
export const SERVICE_TYPES = [1, 2, 3] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** What the need rests on: a disability certificate (障害者手帳) or a consultation with staff. */
export const BASES = ['certificate', 'consultation'] as const;
export type Basis = (typeof BASES)[number];

/** The kinds of certificate in Japan: physical (身体障害者手帳), intellectual (療育手帳), mental (精神障害者保健福祉手帳). */
export const CERTIFICATE_KINDS = ['physical', 'intellectual', 'mental'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** How the certificate is shown, or where the consultation takes place (people who cannot visit use post, fax or a home visit). */
export const SHOWN_BY = ['counter', 'post', 'fax', 'home_visit'] as const;
export type ShownBy = (typeof SHOWN_BY)[number];

/** How the library should contact the patron about the service. */
export const CONTACT_METHODS = ['phone', 'email_plain', 'braille_letter', 'large_print_letter', 'proxy'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** Everything the patron answers; every field is special care-required personal information and is sealed at rest. */
export interface ApplicationAnswers {
	serviceTypes?: ServiceType[];
	/** What the patron needs under type (3), in their words. */
	otherNeed?: string;
	/** Formats wanted: only accessible formats the city offers. */
	formats?: string[];
	basis?: Basis;
	certificateKind?: CertificateKind;
	shownBy?: ShownBy;
	contactMethod?: ContactMethod;
	/** Anything else the patron wants staff to know (optional). */
	notes?: string;
	/** For postal service (type 2): where materials go. Prefilled from the account. */
	deliveryPostalCode?: string;
	deliveryAddress?: string;
}

/** The pages of the application, in order. Some apply only to some answers (see `stepsFor`). */
export const STEPS = ['types', 'formats', 'basis', 'certificate', 'shown-by', 'contact', 'address'] as const;
export type Step = (typeof STEPS)[number];

export function isStep(value: unknown): value is Step {
	return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

/**
 * The steps these answers need: formats only for types (1) or (3) (accessible formats are lent under
 * type 1, art. 4-2), the certificate's kind only when the basis is a certificate, the delivery address
 * only for type (2). Questions that do not apply are not asked, so answers cannot contradict them.
 */
export function stepsFor(answers: ApplicationAnswers): Step[] {
	const types = answers.serviceTypes ?? [];
	return STEPS.filter((step) => {
		if (step === 'formats') return types.includes(1) || types.includes(3);
		if (step === 'certificate') return answers.basis !== 'consultation';
		if (step === 'address') return types.includes(2);
		return true;
	});
}

/** Whether a step has been answered. */
export function isAnswered(step: Step, answers: ApplicationAnswers): boolean {
	switch (step) {
		case 'types':
			return (answers.serviceTypes?.length ?? 0) > 0;
		case 'formats':
			return answers.formats !== undefined;
		case 'basis':
			return answers.basis !== undefined;
		case 'certificate':
			return answers.certificateKind !== undefined;
		case 'shown-by':
			return answers.shownBy !== undefined;
		case 'contact':
			return answers.contactMethod !== undefined;
		case 'address':
			return Boolean(answers.deliveryPostalCode && answers.deliveryAddress);
	}
}

/** The first step that still needs an answer, or null when every applicable step is answered. */
export function firstUnanswered(answers: ApplicationAnswers): Step | null {
	return stepsFor(answers).find((step) => !isAnswered(step, answers)) ?? null;
}

/** The application's status, as staff and patron see it. */
export const APPLICATION_STATUSES = ['pending', 'info_requested', 'approved', 'declined', 'withdrawn', 'ended', 'expired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** Applications waiting for a decision: a patron has at most one. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['pending', 'info_requested'];

/** What the history of an application records. */
export const EVENT_KINDS = [
	'submitted',
	'info_requested',
	'answered',
	'approved',
	'declined',
	'withdrawn',
	'ended',
	'expired',
	'replaced',
	'erased'
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Why someone opened a record of sensitive data (shown to the patron on their status page). */
export const ACCESS_PURPOSES = ['review', 'service', 'proxy'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];
