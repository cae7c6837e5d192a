import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ProxyScope } from '$lib/proxy-scopes';
import type { AccessPurpose, ApplicationStatus, EventKind } from '$lib/reading-services';
import type * as Accommodation from '$lib/accommodation/options';
import type * as Delivery from '$lib/home-delivery/options';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

/** Roles an account may hold. Patrons use the portal; the others are registered staff (N system rules art. 5). */
export type Role = 'patron' | 'librarian' | 'desk_officer' | 'admin';
export type AccountKind = 'individual' | 'group';
export type AccountStatus = 'provisional' | 'active' | 'deregistered';
/** Patron category of form 1: 0 ward resident, 1 commuter/student in the ward, 2 adjacent city. */
export type PatronCategory = '0' | '1' | '2';

export interface AccountsTable {
	id: Generated<number>;
	/** Card number (patrons) or staff number (staff): what the person types to sign in. */
	card_number: string;
	password_hash: string;
	role: Role;
	status: AccountStatus;
	name: string;
	name_kana: string;
	birth_year: number | null;
	phone: string | null;
	phone_kind: string | null;
	email: string | null;
	postal_code: string | null;
	address: string | null;
	category: PatronCategory | null;
	previous_card_number: string | null;
	id_document: string | null;
	/** Staff only: the library or desk the staff member works at. */
	workplace_id: string | null;
	preferred_pickup_id: string | null;
	/** A group (school class, nursery, care home…: art. 4) may hold up to the group limit. */
	kind: ColumnType<AccountKind, AccountKind | undefined, AccountKind>;
	created_at: Timestamp;
	confirmed_at: Timestamp | null;
	confirmed_by: number | null;
}

export interface SessionsTable {
	/** SHA-256 of the cookie token: a leaked table does not yield usable cookies. */
	id_hash: string;
	actor_id: number;
	subject_id: number;
	created_at: Timestamp;
	expires_at: Timestamp;
}

/** Failed sign-ins per typed card number, kept whether or not the card exists (no enumeration). */
export interface SignInThrottleTable {
	card_number: string;
	failures: number;
	last_failure_at: Timestamp;
	locked_until: Timestamp | null;
}

export interface AuditLogTable {
	id: Generated<string>;
	at: Timestamp;
	actor_id: number | null;
	subject_id: number | null;
	action: string;
	target_type: string | null;
	target_id: string | null;
	detail: Json<Record<string, unknown>>;
}

/** Idempotency keys of submitted forms: a double submit never creates two requests. */
export interface FormSubmissionsTable {
	token: string;
	account_id: number | null;
	action: string;
	result: Json<Record<string, unknown>>;
	created_at: Timestamp;
}

export interface Database {
	accounts: AccountsTable;
	sessions: SessionsTable;
	sign_in_throttle: SignInThrottleTable;
	audit_log: AuditLogTable;
	form_submissions: FormSubmissionsTable;
	catalogue_records: CatalogueRecordsTable;
	copies: CopiesTable;
	patron_groups: PatronGroupsTable;
	holds: HoldsTable;
	hold_events: HoldEventsTable;
	reading_service_grants: ReadingServiceGrantsTable;
	proxy_grants: ProxyGrantsTable;
	reading_service_applications: ReadingServiceApplicationsTable;
	reading_service_events: ReadingServiceEventsTable;
	reading_service_drafts: ReadingServiceDraftsTable;
	sensitive_access_log: SensitiveAccessLogTable;
	sensitive_data_key: SensitiveDataKeyTable;
	accommodation_requests: AccommodationRequestsTable;
	accommodation_events: AccommodationEventsTable;
	accommodation_drafts: AccommodationDraftsTable;
	accommodation_access_log: AccommodationAccessLogTable;
	accommodation_managers: AccommodationManagersTable;
	accommodation_cases: AccommodationCasesTable;
	home_delivery_requests: HomeDeliveryRequestsTable;
	home_delivery_items: HomeDeliveryItemsTable;
	home_delivery_events: HomeDeliveryEventsTable;
	home_delivery_drafts: HomeDeliveryDraftsTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;

/** Formats of DOMAIN.md §4 plus ordinary print and non-lendable reference (§3 art. 5). */
export const FORMATS = [
	'print',
	'large_print',
	'audio_daisy',
	'braille',
	'text_data',
	'll_book',
	'cloth_picture_book',
	'tactile_picture_book'
] as const;
export type Format = (typeof FORMATS)[number];
/** Formats lent only to patrons registered for reading service type 1 (N disability rules art. 4-2). */
export const ACCESSIBLE_FORMATS: readonly Format[] = [
	'large_print',
	'audio_daisy',
	'braille',
	'text_data',
	'll_book',
	'cloth_picture_book',
	'tactile_picture_book'
];

export interface CatalogueRecordsTable {
	id: Generated<number>;
	title: string;
	title_reading: string;
	author: string;
	author_reading: string;
	publisher: string;
	year: number | null;
	isbn: string | null;
	subjects: string;
	language: string;
	audience: 'adult' | 'young_adult' | 'children';
	format: Format;
	/** Rare, hard to replace, expensive or kept for preservation: viewable, never lent (art. 5). */
	lendable: boolean;
	/** Normalised text of title, readings, author, publisher, subjects and ISBN, for search. */
	search_text: string;
	/**
	 * Distinct 1- and 2-character grams of the normalised title, author, readings and subjects
	 * (`buildShortGrams`), GIN-indexed: serves the 1–2 character queries a trigram index cannot (0004_search).
	 */
	short_grams: ColumnType<string[], string[] | undefined, string[]>;
}

export type CopyStatus = 'on_shelf' | 'on_loan' | 'in_transit' | 'on_hold_shelf' | 'not_lendable';

export interface CopiesTable {
	id: Generated<number>;
	record_id: number;
	location_id: string;
	shelf_mark: string;
	status: CopyStatus;
}

/** Form 3 of the lending rules: what a group registration records beyond the account. */
export interface PatronGroupsTable {
	account_id: number;
	group_type: string;
	representative: string;
	contact_person: string;
	members: number;
	purpose: string;
	home_library_id: string;
}

export const HOLD_STATUSES = ['waiting', 'in_transit', 'ready', 'collected', 'lapsed', 'cancelled'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];
/** Holds that still count against the patron's limit and keep a place or a copy. */
export const ACTIVE_HOLD_STATUSES: readonly HoldStatus[] = ['waiting', 'in_transit', 'ready'];

export interface HoldsTable {
	id: Generated<number>;
	record_id: number;
	patron_id: number;
	/** Who placed it: the patron, a proxy acting for them, or staff. */
	placed_by: number;
	pickup_location_id: string;
	status: HoldStatus;
	copy_id: number | null;
	placed_at: Timestamp;
	/** A suspended hold keeps its place but is skipped until this date (exclusive). */
	suspended_until: ColumnType<string | null, string | null | undefined, string | null>;
	ready_at: Timestamp | null;
	/** Last day to collect; after it the hold lapses and the copy goes to the next patron. */
	pickup_by: ColumnType<string | null, string | null | undefined, string | null>;
	closed_at: Timestamp | null;
}

export interface HoldEventsTable {
	id: Generated<string>;
	hold_id: number;
	at: Timestamp;
	actor_id: number | null;
	from_status: HoldStatus | null;
	to_status: HoldStatus;
	reason: string;
	detail: Json<Record<string, unknown>>;
	notified_at: Timestamp | null;
}

/** A service type granted by staff review; expiry and withdrawal take it away again. */
export interface ReadingServiceGrantsTable {
	id: Generated<number>;
	patron_id: number;
	service_type: 1 | 2 | 3;
	granted_at: Timestamp;
	granted_by: number | null;
	expires_on: ColumnType<string, string, string>;
	withdrawn_at: Timestamp | null;
	/** The registration (approved application) that granted it (0006); null for grants made before. */
	application_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** What a proxy may do for a patron: the list lives in `$lib/proxy-scopes` (pages show it too). */
export { PROXY_SCOPES, type ProxyScope } from '$lib/proxy-scopes';
export type ProxyGrantStatus = 'invited' | 'active' | 'ended';
export type ProxyEndReason = 'revoked' | 'withdrawn' | 'declined' | 'cancelled' | 'ended_by_staff' | 'replaced';
export type ProxyRelationship = 'family' | 'supporter' | 'caregiver' | 'legal_representative' | 'other';

/** One grant of authority to act for a patron (0005_proxies). */
export interface ProxyGrantsTable {
	id: Generated<number>;
	/** The represented patron. */
	patron_id: number;
	/** The proxy; null while an invitation by one-time code has not been accepted. */
	proxy_id: number | null;
	origin: 'patron' | 'staff';
	status: ProxyGrantStatus;
	scopes: ColumnType<ProxyScope[], ProxyScope[], ProxyScope[]>;
	/** The card number the patron typed, as typed: shown back to them, never resolved to a name before acceptance. */
	invited_card_number: string | null;
	/** SHA-256 of a one-time code; the code itself is shown once and never stored. */
	invite_code_hash: string | null;
	invite_expires_at: Timestamp | null;
	relationship: ProxyRelationship | null;
	/** Staff-established: what was seen (委任状, the proxy's ID…). */
	evidence: ColumnType<string[], string[] | undefined, string[]>;
	evidence_note: string | null;
	evidence_seen_on: ColumnType<string | null, string | null | undefined, string | null>;
	/** Last day the grant is in force (inclusive); null: until ended. */
	ends_on: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: Timestamp;
	/** The patron who invited, or the staff member who recorded it. */
	created_by: number;
	accepted_at: Timestamp | null;
	ended_at: Timestamp | null;
	ended_by: number | null;
	end_reason: ProxyEndReason | null;
}

/**
 * A disability reading-services application; once approved, the registration (0006_reading_services).
 * `answers_sealed` is special care-required personal information, sealed by `$lib/server/crypto/sensitive`.
 */
export interface ReadingServiceApplicationsTable {
	id: Generated<number>;
	/** What the patron quotes: RS-2026-000123. */
	reference: string;
	patron_id: number;
	/** The patron, or a proxy acting for them. */
	submitted_by: number;
	status: ApplicationStatus;
	/** Sealed `ApplicationAnswers`; null once erased. */
	answers_sealed: string | null;
	submitted_at: Timestamp;
	decided_at: Timestamp | null;
	decided_by: number | null;
	/** Lapses after this day unless used (each use moves it on). */
	expires_on: ColumnType<string | null, string | null | undefined, string | null>;
	last_used_on: ColumnType<string | null, string | null | undefined, string | null>;
	ended_at: Timestamp | null;
	ended_by: number | null;
	erased_at: Timestamp | null;
}

/** The history of an application; `body_sealed` holds free text (questions, answers, reasons), sealed. */
export interface ReadingServiceEventsTable {
	id: Generated<string>;
	application_id: number;
	at: Timestamp;
	actor_id: number | null;
	kind: EventKind;
	body_sealed: string | null;
	detail: Json<Record<string, unknown>>;
}

/** The sealed answers of an application being filled in, one per patron. */
export interface ReadingServiceDraftsTable {
	patron_id: number;
	answers_sealed: string;
	updated_at: Timestamp;
	updated_by: number;
}

/** Who opened a patron's sealed reading-services data, when and why (DOMAIN §7: every disclosure recorded). */
export interface SensitiveAccessLogTable {
	id: Generated<string>;
	at: Timestamp;
	viewer_id: number;
	patron_id: number;
	application_id: number | null;
	purpose: AccessPurpose;
}

/** The fingerprint of the key the sensitive data is sealed with (one row). */
export interface SensitiveDataKeyTable {
	singleton: ColumnType<boolean, boolean | undefined, never>;
	key_id: string;
	recorded_at: Timestamp;
}

// ----- reasonable-accommodation requests (0007_accommodation; N 対応要領, DOMAIN §6) --------------------

/**
 * A reasonable-accommodation request. `identity_sealed`, `case_sealed` and `explanation_sealed` are sealed
 * by `$lib/server/crypto/sensitive` (who asked and how to reach them; the case in their words; the
 * explanation they read). The follow link's token is stored only as its SHA-256.
 */
export interface AccommodationRequestsTable {
	id: Generated<number>;
	/** What people quote: AC-2026-000123. Opens nothing by itself. */
	reference: string;
	follow_token_hash: string;
	status: Accommodation.RequestStatus;
	service_kind: Accommodation.ServiceKind;
	location_id: string | null;
	area_id: string | null;
	routing_rule: string;
	routed_desk_id: string;
	current_desk_id: string;
	patron_id: number | null;
	submitted_by: number | null;
	identity_sealed: string | null;
	case_sealed: string | null;
	answer_by: ColumnType<string | null, string | null | undefined, string | null>;
	submitted_at: Timestamp;
	ack_due_at: Timestamp;
	first_ack_due_at: Timestamp;
	acknowledged_at: Timestamp | null;
	acknowledged_by: number | null;
	first_acknowledged_at: Timestamp | null;
	needs_reply: ColumnType<boolean, boolean | undefined, boolean>;
	outcome: Accommodation.Outcome | null;
	outcome_factors: ColumnType<Accommodation.BurdenFactor[], Accommodation.BurdenFactor[] | undefined, Accommodation.BurdenFactor[]>;
	differential_treatment: ColumnType<boolean, boolean | undefined, boolean>;
	justified_reasons: ColumnType<Accommodation.JustifiedReason[], Accommodation.JustifiedReason[] | undefined, Accommodation.JustifiedReason[]>;
	explanation_sealed: string | null;
	closed_at: Timestamp | null;
	closed_by: number | null;
	/** When the sealed data (who asked, the case, the explanation, the messages) was erased after the retention period. */
	erased_at: Timestamp | null;
}

/** Every step of a request, with who and when; message bodies and transfer reasons are sealed. */
export interface AccommodationEventsTable {
	id: Generated<string>;
	request_id: number;
	at: Timestamp;
	actor_id: number | null;
	desk_id: string | null;
	kind: Accommodation.EventKind;
	body_sealed: string | null;
	detail: Json<Record<string, unknown>>;
}

/** A request being filled in, keyed by the SHA-256 of the draft cookie's token; answers sealed. */
export interface AccommodationDraftsTable {
	token_hash: string;
	answers_sealed: string | null;
	updated_at: Timestamp;
	/** Set once sent: the draft then only serves the confirmation page. */
	request_id: number | null;
	/** The follow link's token, sealed, kept briefly for the confirmation page. */
	follow_sealed: string | null;
}

/** Who opened a request's sealed data, when, from which desk and in what capacity. */
export interface AccommodationAccessLogTable {
	id: Generated<string>;
	at: Timestamp;
	viewer_id: number;
	request_id: number;
	desk_id: string | null;
	scope: 'handling' | 'oversight' | 'proxy';
}

/** Responsible managers (障害者サポート推進責任者, art. 4) of a desk: they acknowledge its requests. */
export interface AccommodationManagersTable {
	account_id: number;
	desk_id: string;
	designated_at: Timestamp;
	designated_by: number | null;
}

/** An anonymised closed case for reuse by desk staff (art. 6-3): no reference, no link to a person. */
export interface AccommodationCasesTable {
	id: Generated<number>;
	closed_on: ColumnType<string, string, string>;
	desk_id: string;
	service_kind: Accommodation.ServiceKind;
	accommodations: ColumnType<string[], string[] | undefined, string[]>;
	outcome: Accommodation.Outcome;
	outcome_factors: ColumnType<string[], string[] | undefined, string[]>;
	differential_treatment: ColumnType<boolean, boolean | undefined, boolean>;
	justified_reasons: ColumnType<string[], string[] | undefined, string[]>;
	summary: string;
}

// ----- home delivery (0008_home_delivery; N disability services rules art. 2(2), DOMAIN §5) ----------

type DateColumn = ColumnType<string, string, string>;
type OptionalDate = ColumnType<string | null, string | null | undefined, string | null>;

/** A home delivery request, handled by one library; every step also in `home_delivery_events`. */
export interface HomeDeliveryRequestsTable {
	id: Generated<number>;
	/** What the patron quotes: HD-2026-000123. */
	reference: string;
	patron_id: number;
	/** The patron, or a proxy acting for them. */
	requested_by: number;
	library_id: string;
	status: Delivery.Status;
	method: Delivery.Method;
	postal_code: string;
	address: string;
	preferred_on: DateColumn;
	alternative_on: OptionalDate;
	time_of_day: Delivery.TimeOfDay;
	return_method: Delivery.ReturnMethod;
	tracking_number: string | null;
	return_due_on: OptionalDate;
	requested_at: Timestamp;
	accepted_at: Timestamp | null;
	packed_at: Timestamp | null;
	dispatched_at: Timestamp | null;
	delivered_at: Timestamp | null;
	returned_at: Timestamp | null;
	cancelled_at: Timestamp | null;
}

/** A title asked for; `hold_id` when it came from one of the patron's reservations. */
export interface HomeDeliveryItemsTable {
	request_id: number;
	position: number;
	record_id: number;
	hold_id: number | null;
}

/** One step of a request: who (null: the scheduled job), when, what; `detail` holds no personal data. */
export interface HomeDeliveryEventsTable {
	id: Generated<string>;
	request_id: number;
	at: Timestamp;
	actor_id: number | null;
	kind: Delivery.EventKind;
	detail: Json<Record<string, unknown>>;
}

/** The answers of a request being filled in, one per patron; `request_id`: the last one sent (for the confirmation). */
export interface HomeDeliveryDraftsTable {
	patron_id: number;
	answers: Json<Delivery.DeliveryAnswers>;
	updated_at: Timestamp;
	updated_by: number;
	request_id: number | null;
}
