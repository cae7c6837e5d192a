import { randomBytes } from 'node:crypto';
import type { NewAccount } from '$lib/server/db/schema';

/**
 * The demo accounts listed in the README. Passwords are public on purpose: demo data is only
 * loaded into an empty database, and never when SEED_DEMO=false.
 */
export const DEMO_ACCOUNTS: (Omit<NewAccount, 'password_hash'> & { password: string })[] = [
	{
		card_number: '1000000001', password: 'hanako-demo-2026', role: 'patron', status: 'active',
		name: '練馬 花子', name_kana: 'ネリマ ハナコ', birth_year: 1988, phone: '090-1234-5678', phone_kind: 'mobile',
		email: 'hanako@example.jp', postal_code: '176-0012', address: '東京都練馬区豊玉北六丁目8番1号', category: '0',
		preferred_pickup_id: 'nerima', previous_card_number: null, id_document: 'drivers_licence', workplace_id: null,
		confirmed_at: new Date('2024-04-01T10:00:00+09:00'), confirmed_by: null
	},
	{
		card_number: '1000000002', password: 'ichiro-demo-2026', role: 'patron', status: 'active',
		name: '佐藤 一郎', name_kana: 'サトウ イチロウ', birth_year: 1946, phone: '03-3990-0000', phone_kind: 'home',
		email: null, postal_code: '179-0072', address: '東京都練馬区光が丘四丁目1番5号', category: '0',
		preferred_pickup_id: 'hikarigaoka', previous_card_number: null, id_document: 'my_number_card', workplace_id: null,
		confirmed_at: new Date('2023-06-10T10:00:00+09:00'), confirmed_by: null
	},
	{
		card_number: '1000000003', password: 'misaki-demo-2026', role: 'patron', status: 'active',
		name: '佐藤 美咲', name_kana: 'サトウ ミサキ', birth_year: 1975, phone: '080-5555-0101', phone_kind: 'mobile',
		email: 'misaki@example.jp', postal_code: '179-0072', address: '東京都練馬区光が丘二丁目3番1号', category: '0',
		preferred_pickup_id: 'hikarigaoka', previous_card_number: null, id_document: 'drivers_licence', workplace_id: null,
		confirmed_at: new Date('2023-06-10T10:00:00+09:00'), confirmed_by: null
	},
	{
		card_number: '9000000001', password: 'librarian-demo-2026', role: 'librarian', status: 'active',
		name: '図書館 司書', name_kana: 'トショカン シショ', birth_year: null, phone: null, phone_kind: null, email: null,
		postal_code: null, address: null, category: null, preferred_pickup_id: null, previous_card_number: null,
		id_document: null, workplace_id: 'nerima', confirmed_at: new Date('2020-04-01T09:00:00+09:00'), confirmed_by: null
	},
	{
		card_number: '9000000002', password: 'desk-demo-2026', role: 'desk_officer', status: 'active',
		name: '相談 窓口', name_kana: 'ソウダン マドグチ', birth_year: null, phone: null, phone_kind: null, email: null,
		postal_code: null, address: null, category: null, preferred_pickup_id: null, previous_card_number: null,
		id_document: null, workplace_id: 'disability-policy', confirmed_at: new Date('2020-04-01T09:00:00+09:00'), confirmed_by: null
	},
	{
		card_number: '9000000003', password: 'admin-demo-2026', role: 'admin', status: 'active',
		name: '管理 者', name_kana: 'カンリ シャ', birth_year: null, phone: null, phone_kind: null, email: null,
		postal_code: null, address: null, category: null, preferred_pickup_id: null, previous_card_number: null,
		id_document: null, workplace_id: null, confirmed_at: new Date('2020-04-01T09:00:00+09:00'), confirmed_by: null
	},
	// Proxies of 佐藤 一郎 in every state the authorization tests need (grants: demo-proxies.ts).
	{
		card_number: '1000000004', password: 'ken-demo-2026', role: 'patron', status: 'active',
		name: '山田 健', name_kana: 'ヤマダ ケン', birth_year: 1980, phone: '080-5555-0104', phone_kind: 'mobile',
		email: null, postal_code: '179-0072', address: '東京都練馬区光が丘三丁目1番1号', category: '0',
		preferred_pickup_id: 'hikarigaoka', previous_card_number: null, id_document: 'drivers_licence', workplace_id: null,
		confirmed_at: new Date('2024-05-01T10:00:00+09:00'), confirmed_by: null
	},
	{
		card_number: '1000000005', password: 'yumi-demo-2026', role: 'patron', status: 'active',
		name: '鈴木 由美', name_kana: 'スズキ ユミ', birth_year: 1985, phone: '080-5555-0105', phone_kind: 'mobile',
		email: null, postal_code: '176-0012', address: '東京都練馬区豊玉北五丁目1番1号', category: '0',
		preferred_pickup_id: 'nerima', previous_card_number: null, id_document: 'drivers_licence', workplace_id: null,
		confirmed_at: new Date('2024-05-01T10:00:00+09:00'), confirmed_by: null
	},
	{
		card_number: '1000000006', password: 'makoto-demo-2026', role: 'patron', status: 'active',
		name: '高橋 誠', name_kana: 'タカハシ マコト', birth_year: 1970, phone: '080-5555-0106', phone_kind: 'mobile',
		email: null, postal_code: '178-0063', address: '東京都練馬区東大泉一丁目1番1号', category: '0',
		preferred_pickup_id: 'oizumi', previous_card_number: null, id_document: 'my_number_card', workplace_id: null,
		confirmed_at: new Date('2024-05-01T10:00:00+09:00'), confirmed_by: null
	},
	// A patron who does not use the portal: her daughter-in-law 美咲 acts for her, recorded at the counter.
	// Her password is random and known to nobody (the account exists for counter use; she never signs in).
	{
		card_number: '1000000007', password: randomBytes(24).toString('base64url'), role: 'patron', status: 'active',
		name: '佐藤 ハル', name_kana: 'サトウ ハル', birth_year: 1938, phone: '03-3990-0000', phone_kind: 'home',
		email: null, postal_code: '179-0072', address: '東京都練馬区光が丘四丁目1番5号', category: '0',
		preferred_pickup_id: 'hikarigaoka', previous_card_number: null, id_document: 'my_number_card', workplace_id: null,
		confirmed_at: new Date('2022-04-01T10:00:00+09:00'), confirmed_by: null
	},
	// Registered for reading services (1) and (2) (demo-reading-services.ts): asks for home delivery of DAISY
	// and braille items. The home delivery journey tests sign in as him, so no other test meets his requests.
	{
		card_number: '1000000008', password: 'noboru-demo-2026', role: 'patron', status: 'active',
		name: '中村 登', name_kana: 'ナカムラ ノボル', birth_year: 1941, phone: '03-3991-0008', phone_kind: 'home',
		email: null, postal_code: '176-0012', address: '東京都練馬区豊玉北五丁目2番3号', category: '0',
		preferred_pickup_id: 'nerima', previous_card_number: null, id_document: 'my_number_card', workplace_id: null,
		confirmed_at: new Date('2024-06-01T10:00:00+09:00'), confirmed_by: null
	}
];
