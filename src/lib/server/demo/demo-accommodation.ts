import type { Transaction } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { deskById } from '$lib/server/config/city';
import { addDays, addMonths, today } from '$lib/server/time/calendar';
import * as repo from '$lib/server/accommodation/accommodation.repository';
import { newToken, sealing, type CaseDetails, type Identity } from '$lib/server/accommodation/accommodation.service';
import { routeRequest } from '$lib/server/accommodation/routing';
import type { BurdenFactor, Outcome } from '$lib/accommodation/options';
import { checkKeyMatchesDatabase } from '$lib/server/reading-services/reading-services.service';

/**
 * Demo reasonable-accommodation requests, so the desk console has something in every state: the demo desk
 * officer (Disability Policy Division) and the demo librarian (Nerima Library's desk) are responsible managers
 * of their desks; 練馬 花子 has an acknowledged request with messages on her account; one request without an
 * account waits at the division; one at Hikarigaoka Library is past its acknowledgement deadline; two are
 * closed (one declined with its grounds), with anonymised cases to search; and 練馬 花子 has one closed longer
 * ago than the retention period, whose details were erased when it ended. Follow links are made and thrown
 * away: only their hashes are stored, so nobody can open these requests without an account.
 */
export async function seedDemoAccommodation(trx: Transaction<Database>, now = new Date()): Promise<void> {
	const config = cityConfig();
	const [hanako, officer, librarian] = await Promise.all(
		['1000000001', '9000000002', '9000000001'].map((card) => trx.selectFrom('accounts').select('id').where('card_number', '=', card).executeTakeFirst())
	);
	if (!hanako || !officer || !librarian) return;
	// `npm run seed` does not pass through the server's start-up check: never seal with a key the data does not use.
	await checkKeyMatchesDatabase(trx);

	if (deskById(config, config.routing.policyDeskId)) await repo.addManager(trx, officer.id, config.routing.policyDeskId, null);
	if (deskById(config, 'library-nerima')) await repo.addManager(trx, librarian.id, 'library-nerima', null);

	const hours = (n: number) => new Date(now.getTime() - n * 3_600_000);
	const due = (at: Date) => new Date(at.getTime() + config.accommodation.acknowledgeWithinHours * 3_600_000);

	async function request(spec: {
		identity: Identity;
		details: CaseDetails;
		patronId: number | null;
		submittedAt: Date;
		answerBy?: string;
	}) {
		const route = routeRequest(config, spec.details);
		const reference = await repo.nextReference(trx, Number(today(spec.submittedAt).slice(0, 4)));
		const row = await repo.insertRequest(trx, {
			reference,
			followTokenHash: sealing.followTokenHash(newToken()),
			serviceKind: spec.details.serviceKind,
			locationId: spec.details.locationId ?? null,
			areaId: spec.details.areaId ?? null,
			routingRule: route.rule,
			deskId: route.deskId,
			patronId: spec.patronId,
			submittedBy: spec.patronId,
			identitySealed: sealing.identity(reference, spec.identity),
			caseSealed: sealing.details(reference, spec.details),
			answerBy: spec.answerBy ?? null,
			submittedAt: spec.submittedAt,
			ackDueAt: due(spec.submittedAt)
		});
		await repo.insertEvent(trx, { requestId: row.id, actorId: spec.patronId, deskId: route.deskId, kind: 'submitted', detail: { deskId: route.deskId, rule: route.rule }, at: spec.submittedAt });
		return row;
	}

	async function acknowledge(row: repo.RequestRow, by: number, at: Date) {
		await repo.updateRequest(trx, row.id, { status: 'acknowledged', acknowledged_at: at, acknowledged_by: by, first_acknowledged_at: at });
		await repo.insertEvent(trx, { requestId: row.id, actorId: by, deskId: row.current_desk_id, kind: 'acknowledged', at });
	}

	async function close(row: repo.RequestRow, by: number, at: Date, outcome: Outcome, factors: BurdenFactor[], explanation: string, summary: string, accommodations: string[]) {
		await repo.updateRequest(trx, row.id, {
			status: 'closed',
			outcome,
			outcome_factors: factors,
			explanation_sealed: sealing.explanation(row.reference, explanation),
			closed_at: at,
			closed_by: by
		});
		await repo.insertEvent(trx, { requestId: row.id, actorId: by, deskId: row.current_desk_id, kind: 'outcome', detail: { outcome, factors, differentialTreatment: false, justifiedReasons: [] }, at });
		await repo.insertCase(trx, {
			closedOn: today(at),
			deskId: row.current_desk_id,
			serviceKind: row.service_kind,
			accommodations,
			outcome,
			factors,
			differentialTreatment: false,
			justifiedReasons: [],
			summary
		});
	}

	// Closed 5 weeks ago: large print provided at Nerima Library.
	const largePrint = await request({
		identity: { who: 'self', name: '豊玉 一子', replyMethod: 'large_print_letter', postalCode: '176-0012', address: '東京都練馬区豊玉北六丁目8番1号' },
		details: { serviceKind: 'library', locationId: 'nerima', barrier: '館内の案内表示の字が小さく、読めません。', accommodations: ['large_print'] },
		patronId: null,
		submittedAt: hours(40 * 24)
	});
	await acknowledge(largePrint, librarian.id, hours(40 * 24 - 3));
	await close(largePrint, librarian.id, hours(37 * 24), 'provided', [], '拡大文字の館内案内を作りました。カウンターでお渡しします。', '館内案内の字が小さく読めないとの申出。拡大文字の案内を作成し、カウンターで配布。', ['large_print']);

	// Declined 12 days ago at a welfare office, with its grounds and an alternative offered in the explanation.
	const welfare = await request({
		identity: { who: 'someone_else', relationship: 'family', name: '北町 二郎', replyMethod: 'phone', phone: '03-3990-1234' },
		details: { serviceKind: 'welfare', areaId: 'kita', barrier: '母が車椅子で、相談の日に家まで来てほしい。', accommodations: ['companion'], accommodationOther: '自宅での相談' },
		patronId: null,
		submittedAt: hours(20 * 24)
	});
	// The division's officer stands in for the welfare office's manager in the demo (it has no staff of its own).
	await acknowledge(welfare, officer.id, hours(20 * 24 - 5));
	await close(
		welfare,
		officer.id,
		hours(12 * 24),
		'declined',
		['feasibility', 'cost'],
		'ご自宅への訪問は、担当職員の人数から当面お受けできません。電話とファックスでのご相談、または送迎のある日時でのご来所をご提案します。',
		'自宅での相談を希望。職員体制と費用から訪問は困難と判断し、電話・ファックス相談と送迎付き来所を提案。',
		['companion']
	);

	// 練馬 花子, closed a month longer ago than the retention period: a reader for a form at Nerima Library,
	// provided after messages both ways; erased the day after the period ended, as the clean-up job does
	// (accommodation.service cleanUp), so its history says the messages' text was erased.
	const retention = config.accommodation.closedRequestRetentionMonths;
	const erasedClosedAt = new Date(`${addMonths(today(now), -(retention + 1))}T15:00:00+09:00`);
	const erasedSubmittedAt = new Date(erasedClosedAt.getTime() - 3 * 86_400_000);
	const later = (at: Date, hoursAfter: number) => new Date(at.getTime() + hoursAfter * 3_600_000);
	const erasedRequest = await request({
		identity: { who: 'self', name: '練馬 花子', replyMethod: 'email', email: 'hanako@example.jp' },
		details: { serviceKind: 'library', locationId: 'nerima', barrier: '利用登録の申込書の字が読めません。', accommodations: ['reading_aloud'] },
		patronId: hanako.id,
		submittedAt: erasedSubmittedAt
	});
	await acknowledge(erasedRequest, librarian.id, later(erasedSubmittedAt, 2));
	const erasedMessages: [kind: 'desk_message' | 'requester_message', by: number, text: string, at: Date][] = [
		['desk_message', librarian.id, '来館される日時を教えてください。', later(erasedSubmittedAt, 24)],
		['requester_message', hanako.id, '金曜日の午前にうかがいます。', later(erasedSubmittedAt, 30)]
	];
	for (const [kind, by, text, at] of erasedMessages) {
		await repo.insertEvent(trx, { requestId: erasedRequest.id, actorId: by, deskId: erasedRequest.current_desk_id, kind, bodySealed: sealing.message(erasedRequest.reference, text), at });
	}
	await close(erasedRequest, librarian.id, erasedClosedAt, 'provided', [], '職員が申込書を読み上げ、代筆しました。', '申込書が読めないとの申出。職員が読み上げと代筆で対応。', ['reading_aloud']);
	const erasedOn = addDays(addMonths(today(erasedClosedAt), retention), 1);
	await repo.eraseRequest(trx, erasedRequest.id, new Date(`${erasedOn}T03:00:00+09:00`));

	// 練馬 花子: an event at Nerima Library, acknowledged, with messages both ways (she wrote last).
	const hanakoRequest = await request({
		identity: { who: 'self', name: '練馬 花子', replyMethod: 'email', email: 'hanako@example.jp' },
		details: {
			serviceKind: 'event',
			locationId: 'nerima',
			occasion: '読み聞かせ講演会（午後2時から）',
			barrier: '耳が聞こえにくく、講演の声が聞き取れません。',
			accommodations: ['sign_language', 'seat_near_screen']
		},
		patronId: hanako.id,
		submittedAt: hours(4 * 24)
	});
	await acknowledge(hanakoRequest, librarian.id, hours(4 * 24 - 2));
	await repo.insertEvent(trx, {
		requestId: hanakoRequest.id,
		actorId: librarian.id,
		deskId: hanakoRequest.current_desk_id,
		kind: 'desk_message',
		bodySealed: sealing.message(hanakoRequest.reference, '手話通訳者の手配を進めています。前方の席もご用意できます。要約筆記でもよろしいですか。'),
		at: hours(3 * 24)
	});
	await repo.insertEvent(trx, {
		requestId: hanakoRequest.id,
		actorId: hanako.id,
		deskId: hanakoRequest.current_desk_id,
		kind: 'requester_message',
		bodySealed: sealing.message(hanakoRequest.reference, '要約筆記でも大丈夫です。前方の席をお願いします。'),
		at: hours(2 * 24)
	});
	await repo.updateRequest(trx, hanakoRequest.id, { needs_reply: true });

	// Past its acknowledgement deadline at Hikarigaoka Library (no responsible manager there in the demo).
	await request({
		identity: { who: 'self', name: '光が丘 三郎', replyMethod: 'phone', phone: '03-3979-0000' },
		details: { serviceKind: 'library', locationId: 'hikarigaoka', barrier: '車椅子で入口の段差を越えられません。', accommodations: ['step_help'] },
		patronId: null,
		submittedAt: hours(config.accommodation.acknowledgeWithinHours + 6)
	});

	// Waiting at the division: something outside the library, asked for someone else.
	await request({
		identity: { who: 'someone_else', relationship: 'supporter', personName: '石神井 四郎', name: '支援 五子', replyMethod: 'fax', fax: '03-3996-0000' },
		details: { serviceKind: 'other', barrier: '区の説明会で、知的障害のある方にも分かる資料がほしい。', accommodations: ['plain_words', 'picture_cards', 'explain_slowly'] },
		patronId: null,
		submittedAt: hours(2),
		answerBy: today(new Date(now.getTime() + 10 * 86_400_000))
	});
}
