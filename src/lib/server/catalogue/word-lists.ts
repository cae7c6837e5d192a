/**
 * Word lists for the synthetic catalogue (`generate-records.ts`).
 *
 * Japanese entries are `表記:よみ` pairs, so a title and its reading are built together and the reading
 * is right by construction. An entry written only in kana has no `:よみ`; its reading is the entry in
 * hiragana. Readings are hiragana, ー and spaces only (tested). Words are joined only with particles or
 * after attributive forms (の, と, に, を, 小さな…), never compounded directly, so no sound change
 * (連濁: 本 + 棚 = ほんだな) can make a concatenated reading wrong.
 *
 * Title templates use `{LIST}` for a slot, `[表記:よみ]` for a literal that needs a reading, and plain kana
 * or punctuation otherwise (punctuation and spaces become a single space in the reading).
 */

/** A word and its reading in hiragana (for non-Japanese lists the reading is the word itself). */
export type Word = readonly [surface: string, reading: string];

/** Katakana → hiragana for readings (ー is kept). */
export function toHiragana(kana: string): string {
	let out = '';
	for (let i = 0; i < kana.length; i++) {
		const c = kana.charCodeAt(i);
		out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCharCode(c - 0x60) : kana[i];
	}
	return out;
}

/** Parses `表記:よみ 表記:よみ …`; `_` in an entry stands for a space. */
export function words(list: string): Word[] {
	return list
		.trim()
		.split(/\s+/)
		.map((entry) => {
			const [surface, reading] = entry.replaceAll('_', ' ').split(':');
			return [surface, reading || toHiragana(surface)] as const;
		});
}

/** Parses `表記:よみ:NDC …`. */
function topicsWithNdc(list: string) {
	return list
		.trim()
		.split(/\s+/)
		.map((entry) => {
			const [surface, reading, ndc] = entry.split(':');
			return [surface, reading || toHiragana(surface), ndc] as const;
		});
}

/** Parses a list of non-Japanese words separated by `|`; the reading is the word. */
export function plain(list: string): Word[] {
	return list
		.split('|')
		.map((w) => w.trim())
		.filter((w) => w !== '')
		.map((w) => [w, w] as const);
}

// ---------------------------------------------------------------------------------------------------------
// Japanese: general vocabulary for fiction titles

/** One-character nouns: short titles ("海", "猫と海") so one- and two-character queries have hits. */
export const JA_SHORT_NOUNS = words(`
猫:ねこ 犬:いぬ 海:うみ 空:そら 森:もり 本:ほん 夢:ゆめ 雨:あめ 月:つき 星:ほし 花:はな 風:かぜ 光:ひかり 影:かげ
川:かわ 山:やま 雪:ゆき 桜:さくら 鳥:とり 家:いえ 庭:にわ 町:まち 駅:えき 窓:まど 扉:とびら 鍵:かぎ 夏:なつ 冬:ふゆ
春:はる 秋:あき 夜:よる 朝:あさ 島:しま 港:みなと 旅:たび 歌:うた 声:こえ 色:いろ 青:あお 嘘:うそ 涙:なみだ 雲:くも
虹:にじ 波:なみ 砂:すな 石:いし 坂:さか 橋:はし 蛍:ほたる 鯨:くじら 狐:きつね 兎:うさぎ 熊:くま 雷:かみなり 嵐:あらし
氷:こおり 炎:ほのお 糸:いと 傘:かさ 靴:くつ 畑:はたけ 街:まち 恋:こい 愛:あい 心:こころ 命:いのち 空港:くうこう
`);

/** Longer nouns for fiction titles. */
export const JA_NOUNS = words(`
手紙:てがみ 時計:とけい 約束:やくそく 記憶:きおく 季節:きせつ 夜明け:よあけ 夕暮れ:ゆうぐれ 図書館:としょかん
書店:しょてん 喫茶店:きっさてん 灯台:とうだい 坂道:さかみち 路地:ろじ 教室:きょうしつ 屋上:おくじょう 列車:れっしゃ
物語:ものがたり 秘密:ひみつ 魔法:まほう 王国:おうこく 少年:しょうねん 少女:しょうじょ 先生:せんせい 祖母:そぼ
祖父:そふ 父:ちち 母:はは 姉:あね 弟:おとうと 友だち:ともだち 探偵:たんてい 迷宮:めいきゅう 硝子:がらす 銀河:ぎんが
宇宙:うちゅう 地図:ちず 時間:じかん 明日:あした 昨日:きのう 永遠:えいえん 奇跡:きせき 祈り:いのり 林檎:りんご
珈琲:こーひー 紅茶:こうちゃ 灯り:あかり 金魚:きんぎょ 向日葵:ひまわり 紫陽花:あじさい 帽子:ぼうし 椅子:いす
階段:かいだん 屋根:やね 神社:じんじゃ 祭り:まつり 花火:はなび 夕焼け:ゆうやけ 真夜中:まよなか 放課後:ほうかご
日曜日:にちようび 十月:じゅうがつ 三月:さんがつ 東京:とうきょう 練馬:ねりま 武蔵野:むさしの 京都:きょうと
鎌倉:かまくら 海辺:うみべ 岬:みさき 渚:なぎさ 庭園:ていえん 温室:おんしつ 観覧車:かんらんしゃ 遊園地:ゆうえんち
郵便局:ゆうびんきょく 古本屋:ふるほんや 写真館:しゃしんかん 映画館:えいがかん 博物館:はくぶつかん 天文台:てんもんだい
パン屋:ぱんや 花屋:はなや 本屋:ほんや 旅人:たびびと 王様:おうさま 魔女:まじょ 天使:てんし 怪物:かいぶつ 幽霊:ゆうれい
カフェ ピアノ ラジオ ノート ポスト ホテル レストラン ロボット ドラゴン オルゴール ランプ トランク カメラ
`);

/** Attributive words that precede a noun (小さな家). */
export const JA_ADJECTIVES = words(`
小さな:ちいさな 大きな:おおきな 青い:あおい 白い:しろい 赤い:あかい 黒い:くろい 静かな:しずかな 遠い:とおい
優しい:やさしい 懐かしい:なつかしい 眠れない:ねむれない 消えた:きえた 忘れられた:わすれられた 最後の:さいごの
最初の:さいしょの 秘密の:ひみつの 約束の:やくそくの はじめての 不思議な:ふしぎな 透明な:とうめいな 緑の:みどりの
金色の:きんいろの 銀色の:ぎんいろの 古い:ふるい 新しい:あたらしい 明るい:あかるい 長い:ながい 短い:みじかい
幸せな:しあわせな 真夜中の:まよなかの 雨の日の:あめのひの 星降る:ほしふる 眠る:ねむる 歌う:うたう 泣いた:ないた
笑う:わらう 走る:はしる 空飛ぶ:そらとぶ 迷子の:まいごの ひとりぼっちの 名前のない:なまえのない 夏の:なつの
冬の:ふゆの 午前零時の:ごぜんれいじの
`);

/** Plain adjectives only, for templates that already have a verb (猫と暮らす小さな家). */
export const JA_PLAIN_ADJECTIVES = words(`
小さな:ちいさな 大きな:おおきな 青い:あおい 白い:しろい 静かな:しずかな 遠い:とおい 優しい:やさしい 古い:ふるい
新しい:あたらしい 明るい:あかるい 不思議な:ふしぎな 懐かしい:なつかしい
`);

/** Verbs for "{N}と{V}{N}" (猫と暮らす家). */
export const JA_VERBS_WITH = words(`
暮らす:くらす 歩く:あるく 旅する:たびする 眠る:ねむる 踊る:おどる 生きる:いきる 話す:はなす 待つ:まつ
出会う:であう 過ごす:すごす
`);

/** Transitive verbs for "{N}を{V}{N}" (月を探す少女). */
export const JA_VERBS_OBJECT = words(`
探す:さがす 数える:かぞえる 見上げる:みあげる 待つ:まつ 描く:えがく 集める:あつめる 届ける:とどける 守る:まもる
売る:うる 作る:つくる 食べる:たべる 読む:よむ 書く:かく 追いかける:おいかける 忘れた:わすれた
`);

/** Intransitive verbs for "{N}に{V}{N}" (海に降る雪). */
export const JA_VERBS_PLACE = words(`
降る:ふる 眠る:ねむる 消える:きえる 帰る:かえる 咲く:さく 住む:すむ 浮かぶ:うかぶ 落ちる:おちる 溶ける:とける
響く:ひびく 還る:かえる
`);

/** Templates for Japanese fiction titles; N = JA_NOUNS or JA_SHORT_NOUNS, S = JA_SHORT_NOUNS only. */
export const JA_FICTION_TEMPLATES: readonly string[] = [
	'{N}の{N}',
	'{N}の{N}',
	'{ADJ}{N}',
	'{ADJ}{N}',
	'{N}と{N}',
	'{N}と{VW}{PADJ}{N}',
	'{N}と{VW}{N}',
	'{N}を{VO}{N}',
	'{N}に{VV}{N}',
	'{N}の{ADJ}{N}',
	'{N}[物語:ものがたり]',
	'{N}[日記:にっき]',
	'{ADJ}{N}たち',
	'さよなら、{N}',
	'{N}へ',
	'ようこそ、{N}へ',
	'{N}のある[風景:ふうけい]',
	'{N}が[見:み]える{N}',
	'{N}の{N} [上:じょう]',
	'{N}の{N} [下:げ]',
	'{N}の{N}：{ADJ}{N}',
	'{N}[殺人事件:さつじんじけん]',
	'{N}の[謎:なぞ]'
];

/** Hand-picked natural titles, drawn now and then so the familiar patterns occur in every catalogue. */
export const JA_CURATED_TITLES = words(`
夜明けの図書館:よあけのとしょかん 猫と暮らす小さな家:ねことくらすちいさないえ 海辺の図書館:うみべのとしょかん
雨の日の本屋:あめのひのほんや 星を数える夜:ほしをかぞえるよる 月曜日の図書室:げつようびのとしょしつ
坂の上の小さなカフェ:さかのうえのちいさなかふぇ 忘れられた手紙:わすれられたてがみ 遠い夏の約束:とおいなつのやくそく
夜の動物園:よるのどうぶつえん 光の庭:ひかりのにわ 風の歌:かぜのうた 青い鳥の秘密:あおいとりのひみつ
冬の灯台:ふゆのとうだい 古本屋の探偵:ふるほんやのたんてい 魔女の台所:まじょのだいどころ 春を待つ庭:はるをまつにわ
海の見える図書館:うみのみえるとしょかん 真夜中のパン屋:まよなかのぱんや 銀河の片隅で:ぎんがのかたすみで
ねこの手も借りたい:ねこのてもかりたい 空の果て:そらのはて 森の時計:もりのとけい 雪の降る町:ゆきのふるまち
虹のかなた:にじのかなた 夢見る本:ゆめみるほん 雨音:あまおと 夕凪:ゆうなぎ 海鳴り:うみなり 木漏れ日:こもれび
`);

/** Short title templates (one to four characters; never two nouns compounded, see the header). */
export const JA_SHORT_TEMPLATES: readonly string[] = ['{S}', '{S}', '{S}と{S}', '{S}の{S}', '{N}'];

/** Young-adult additions. */
export const JA_YA_TEMPLATES: readonly string[] = [
	'[放課後:ほうかご]の{N}',
	'[屋上:おくじょう]で{N}を{VO}',
	'{ADJ}{N}と[僕:ぼく]',
	'{N}と[私:わたし]の[夏休:なつやす]み',
	'[十七歳:じゅうななさい]の{N}'
];

// ---------------------------------------------------------------------------------------------------------
// Japanese authors

/** Common family names (苗字) with readings. */
export const JA_FAMILY_NAMES = words(`
佐藤:さとう 鈴木:すずき 高橋:たかはし 田中:たなか 伊藤:いとう 渡辺:わたなべ 山本:やまもと 中村:なかむら 小林:こばやし
加藤:かとう 吉田:よしだ 山田:やまだ 佐々木:ささき 山口:やまぐち 松本:まつもと 井上:いのうえ 木村:きむら 林:はやし
斎藤:さいとう 清水:しみず 山崎:やまざき 森:もり 池田:いけだ 橋本:はしもと 阿部:あべ 石川:いしかわ 山下:やました
中島:なかじま 石井:いしい 小川:おがわ 前田:まえだ 岡田:おかだ 長谷川:はせがわ 藤田:ふじた 後藤:ごとう 近藤:こんどう
村上:むらかみ 遠藤:えんどう 青木:あおき 坂本:さかもと 福田:ふくだ 太田:おおた 西村:にしむら 藤井:ふじい 金子:かねこ
岡本:おかもと 藤原:ふじわら 中野:なかの 三浦:みうら 原田:はらだ 中川:なかがわ 松田:まつだ 竹内:たけうち 小野:おの
田村:たむら 中山:なかやま 和田:わだ 石田:いしだ 森田:もりた 上田:うえだ 原:はら 内田:うちだ 柴田:しばた 酒井:さかい
宮崎:みやざき 横山:よこやま 高木:たかぎ 安藤:あんどう 宮本:みやもと 大野:おおの 小島:こじま 谷口:たにぐち 今井:いまい
工藤:くどう 高田:たかだ 増田:ますだ 丸山:まるやま 杉山:すぎやま 村田:むらた 大塚:おおつか 新井:あらい 小山:こやま
平野:ひらの 藤本:ふじもと 河野:こうの 上野:うえの 野口:のぐち 武田:たけだ 松井:まつい 千葉:ちば 岩崎:いわさき
菅原:すがわら 木下:きのした 久保:くぼ 佐野:さの 野村:のむら 松尾:まつお 市川:いちかわ 菊地:きくち 杉本:すぎもと
古川:ふるかわ 大西:おおにし 島田:しまだ 水野:みずの 桜井:さくらい 高野:たかの 吉川:よしかわ 山内:やまうち 西田:にしだ
飯田:いいだ 西川:にしかわ 小松:こまつ 北村:きたむら 安田:やすだ 五十嵐:いがらし 川口:かわぐち 平田:ひらた 関:せき
久保田:くぼた 服部:はっとり 東:あずま 岩田:いわた 土屋:つちや 川崎:かわさき 福島:ふくしま 本田:ほんだ 辻:つじ
樋口:ひぐち 秋山:あきやま 田口:たぐち 永井:ながい 山中:やまなか 中西:なかにし 吉村:よしむら 川上:かわかみ 大橋:おおはし
石原:いしはら 松岡:まつおか 浜田:はまだ 馬場:ばば 森本:もりもと 矢野:やの 浅野:あさの 松下:まつした 星野:ほしの
大久保:おおくぼ 吉岡:よしおか 小池:こいけ 野田:のだ 荒木:あらき 大谷:おおたに 内藤:ないとう 松浦:まつうら 熊谷:くまがい
黒田:くろだ 尾崎:おざき 永田:ながた 川村:かわむら 望月:もちづき 田辺:たなべ 松村:まつむら 荒井:あらい 宇野:うの
`);

/** Given names with readings; kana-only names read as written. */
export const JA_GIVEN_NAMES = words(`
太郎:たろう 一郎:いちろう 健太:けんた 翔太:しょうた 大輔:だいすけ 誠:まこと 浩:ひろし 隆:たかし 健一:けんいち
直樹:なおき 拓也:たくや 和也:かずや 翔:しょう 蓮:れん 悠人:ゆうと 陽翔:はると 湊:みなと 大和:やまと 修:おさむ
勇:いさむ 正人:まさと 哲也:てつや 俊介:しゅんすけ 亮:りょう 健:けん 学:まなぶ 実:みのる 清:きよし 信也:しんや
光太郎:こうたろう 晴彦:はるひこ 達也:たつや 秀樹:ひでき 康介:こうすけ 花子:はなこ 陽子:ようこ 恵子:けいこ 美穂:みほ
由美:ゆみ 直子:なおこ 裕子:ゆうこ 真由美:まゆみ 明美:あけみ 智子:ともこ 美咲:みさき 愛:あい 葵:あおい 結衣:ゆい
陽菜:ひな 凛:りん 美香:みか 香織:かおり 綾:あや 千尋:ちひろ 麻衣:まい 優子:ゆうこ 京子:きょうこ 和子:かずこ
幸子:さちこ 洋子:ようこ 紀子:のりこ 悦子:えつこ 美樹:みき 奈々:なな 遥:はるか 菜々子:ななこ 詩織:しおり さくら
ひかり あかり みどり かおる しずか 夏美:なつみ 冬彦:ふゆひこ 春樹:はるき 秋子:あきこ
`);

/** Katakana names for translated works (エマ・ブラウン / えま ぶらうん). */
export const JA_FOREIGN_GIVEN = words(`
エマ オリバー ソフィア トーマス アリス ジョージ ハンナ ルーシー ダニエル マリア ピーター アンナ ミハイル ハンス
クララ ジャック ローラ サミュエル イザベル レオ
`);
/** Katakana family names for translated works. */
export const JA_FOREIGN_FAMILY = words(`
ブラウン スミス ミラー ガルシア ロッシ シュミット マルタン イワノフ ヤンセン ハンセン ウィルソン テイラー モリス
ベイカー ターナー クラーク ベネット フィッシャー ノヴァク カーター
`);


// ---------------------------------------------------------------------------------------------------------
// Japanese non-fiction: NDC-like subject categories, topics and templates

const GENERIC_NONFICTION = [
	'はじめての{T}',
	'よくわかる{T}',
	'{T}[入門:にゅうもん]',
	'[図解:ずかい] {T}',
	'{T}のきほん',
	'やさしい{T}',
	'{T}[がわかる本:がわかるほん]'
];
const HOWTO = [
	'かんたん{T}',
	'[毎日:まいにち]の{T}',
	'[60歳:ろくじゅっさい]からの{T}',
	'{T}の[教科書:きょうかしょ]',
	'{T}のコツ',
	'[親子:おやこ]で[楽:たの]しむ{T}',
	'[今日:きょう]からはじめる{T}'
];
const KNOWLEDGE = [
	'{T}の[歴史:れきし]',
	'{T}の[世界:せかい]',
	'{T}のふしぎ',
	'[新:あたら]しい{T}',
	'{T}とは[何:なに]か',
	'[物語:ものがたり]で[読:よ]む{T}',
	'{T}を[知:し]る[本:ほん]',
	'{T}の[謎:なぞ]'
];

/** A non-fiction category: subject heading, NDC class for shelf marks, topics and title templates. */
export interface Category {
	subject: string;
	ndc: string;
	topics: Word[];
	templates: readonly string[];
	/** Editorial teams and societies that write in this field (編集部, 研究会), if any. */
	corporateAuthors?: Word[];
}

/** Non-fiction categories: NDC-like subject headings with their topics and title templates. */
export const JA_CATEGORIES: readonly Category[] = [
	{
		subject: '料理',
		corporateAuthors: words(`日本料理研究会:にほんりょうりけんきゅうかい 暮らしの知恵編集部:くらしのちえへんしゅうぶ`),
		ndc: '596',
		topics: words(`料理:りょうり 家庭料理:かていりょうり 和食:わしょく お弁当:おべんとう パン作り:ぱんづくり
			お菓子作り:おかしづくり スープ 野菜料理:やさいりょうり 魚料理:さかなりょうり 作り置き:つくりおき 発酵食品:はっこうしょくひん
			ごはん 鍋料理:なべりょうり`),
		templates: [...GENERIC_NONFICTION, ...HOWTO, '{T}の[基本:きほん]レシピ']
	},
	{
		subject: '歴史',
		ndc: '210',
		topics: words(`江戸時代:えどじだい 戦国時代:せんごくじだい 明治維新:めいじいしん 縄文時代:じょうもんじだい
			平安時代:へいあんじだい 鎌倉幕府:かまくらばくふ 昭和:しょうわ 城:しろ 古墳:こふん 日本史:にほんし 武士:ぶし 浮世絵:うきよえ`),
		templates: [...GENERIC_NONFICTION, ...KNOWLEDGE]
	},
	{
		subject: '歴史',
		ndc: '213.6',
		corporateAuthors: words(`練馬区:ねりまく 武蔵野郷土史研究会:むさしのきょうどしけんきゅうかい`),
		topics: words(`練馬:ねりま 武蔵野:むさしの 石神井:しゃくじい 大泉:おおいずみ 光が丘:ひかりがおか 江戸:えど 多摩:たま`),
		templates: ['{T}の[歴史:れきし]', '{T}の[昔:むかし]と[今:いま]', '{T}の[地名:ちめい]', '[写真:しゃしん]でみる{T}']
	},
	{
		subject: '地理・旅行',
		ndc: '291',
		topics: words(`京都:きょうと 北海道:ほっかいどう 沖縄:おきなわ 鎌倉:かまくら 奈良:なら 温泉:おんせん 東京:とうきょう
			信州:しんしゅう 四国:しこく 富士山:ふじさん`),
		templates: ['{T}を[歩:ある]く', '{T}さんぽ', '{T}の[旅:たび]', '{T}[散歩:さんぽ]ガイド', 'ひとり[旅:たび] {T}']
	},
	{
		subject: '科学',
		ndc: '400',
		corporateAuthors: words(`科学なぜなに編集室:かがくなぜなにへんしゅうしつ`),
		topics: words(`宇宙:うちゅう 量子:りょうし 元素:げんそ 天気:てんき 地球:ちきゅう 深海:しんかい 火山:かざん 地震:じしん
			微生物:びせいぶつ 鉱物:こうぶつ 星座:せいざ 物理:ぶつり 化学:かがく 生命:せいめい 進化:しんか 遺伝子:いでんし`),
		templates: [...GENERIC_NONFICTION, ...KNOWLEDGE]
	},
	{
		subject: '数学',
		ndc: '410',
		topics: words(`数学:すうがく 確率:かくりつ 統計:とうけい 微分積分:びぶんせきぶん 図形:ずけい 算数:さんすう`),
		templates: [...GENERIC_NONFICTION, ...KNOWLEDGE]
	},
	{
		subject: '医学・健康',
		corporateAuthors: words(`健康生活研究会:けんこうせいかつけんきゅうかい`),
		ndc: '490',
		topics: words(`睡眠:すいみん 認知症:にんちしょう 腰痛:ようつう 食事療法:しょくじりょうほう ストレッチ 健康:けんこう
			目の病気:めのびょうき 歯:は 栄養:えいよう 漢方:かんぽう`),
		templates: [...GENERIC_NONFICTION, ...HOWTO]
	},
	{
		subject: '福祉',
		corporateAuthors: words(`地域福祉研究会:ちいきふくしけんきゅうかい`),
		ndc: '369',
		topics: words(`介護:かいご 障害者福祉:しょうがいしゃふくし 高齢者福祉:こうれいしゃふくし バリアフリー ボランティア
			成年後見:せいねんこうけん 地域福祉:ちいきふくし 視覚障害:しかくしょうがい 手話:しゅわ 点字:てんじ 子育て支援:こそだてしえん`),
		templates: [...GENERIC_NONFICTION, '{T}の[現場:げんば]から', '{T}ハンドブック', '{T}[Q&A:きゅーあんどえー]']
	},
	{
		subject: '家事・暮らし',
		corporateAuthors: words(`暮らしの知恵編集部:くらしのちえへんしゅうぶ`),
		ndc: '590',
		topics: words(`片づけ:かたづけ 収納:しゅうのう 家計簿:かけいぼ 掃除:そうじ 洗濯:せんたく 手芸:しゅげい 編み物:あみもの
			ガーデニング 子育て:こそだて 住まい:すまい`),
		templates: [...GENERIC_NONFICTION, ...HOWTO]
	},
	{
		subject: '社会・経済',
		ndc: '330',
		topics: words(`経済:けいざい 投資:とうし お金:おかね 仕事:しごと 働き方:はたらきかた 年金:ねんきん 相続:そうぞく
			法律:ほうりつ 選挙:せんきょ 地方自治:ちほうじち 防災:ぼうさい`),
		templates: [...GENERIC_NONFICTION, ...KNOWLEDGE, '[60歳:ろくじゅっさい]からの{T}']
	},
	{
		subject: '芸術',
		ndc: '700',
		topics: words(`絵画:かいが 写真:しゃしん 書道:しょどう 茶道:さどう 音楽:おんがく ピアノ 落語:らくご 映画:えいが
			将棋:しょうぎ 囲碁:いご 水彩画:すいさいが 陶芸:とうげい`),
		templates: [...GENERIC_NONFICTION, ...HOWTO]
	},
	{
		subject: 'スポーツ',
		ndc: '780',
		topics: words(`野球:やきゅう サッカー 水泳:すいえい 登山:とざん ランニング 卓球:たっきゅう 柔道:じゅうどう 体操:たいそう
			ヨガ パラスポーツ`),
		templates: [...GENERIC_NONFICTION, ...HOWTO]
	},
	{
		subject: '言語',
		ndc: '810',
		topics: words(`英会話:えいかいわ 英文法:えいぶんぽう 中国語:ちゅうごくご 韓国語:かんこくご 敬語:けいご 漢字:かんじ
			やさしい日本語:やさしいにほんご ベトナム語:べとなむご スペイン語:すぺいんご 日本語:にほんご`),
		templates: [...GENERIC_NONFICTION, ...HOWTO]
	},
	{
		subject: '情報科学',
		corporateAuthors: words(`情報教育研究会:じょうほうきょういくけんきゅうかい`),
		ndc: '007',
		topics: words(`プログラミング パソコン スマートフォン 人工知能:じんこうちのう データ分析:でーたぶんせき
			情報セキュリティ:じょうほうせきゅりてぃ インターネット 表計算:ひょうけいさん`),
		templates: [...GENERIC_NONFICTION, ...HOWTO]
	},
	{
		subject: '哲学・心理',
		ndc: '100',
		topics: words(`哲学:てつがく 心理学:しんりがく 幸福論:こうふくろん 仏教:ぶっきょう 倫理:りんり 禅:ぜん 論理学:ろんりがく`),
		templates: [...GENERIC_NONFICTION, ...KNOWLEDGE]
	},
	{
		subject: '図書館・読書',
		corporateAuthors: words(`子どもの本研究会:こどものほんけんきゅうかい`),
		ndc: '010',
		topics: words(`図書館:としょかん 読書:どくしょ 本:ほん 出版:しゅっぱん 絵本:えほん`),
		templates: [...GENERIC_NONFICTION, ...KNOWLEDGE, '{T}のある[暮:く]らし']
	}
];

/** Subtitles of Japanese non-fiction ("はじめての料理：基礎から応用まで"): without them the few thousand
 * topic × template combinations would each recur hundreds of times in two million records. */
export const JA_NONFICTION_SUBTITLES = words(`
基礎から応用まで:きそからおうようまで 写真でわかる:しゃしんでわかる プロが教える:ぷろがおしえる
オールカラー 図解でわかる:ずかいでわかる 今日から使えるヒント:きょうからつかえるひんと
知っておきたい基本:しっておきたいきほん いちばんやさしい これだけは知っておきたい:これだけはしっておきたい
暮らしに役立つ:くらしにやくだつ イラスト図解:いらすとずかい はじめの一歩:はじめのいっぽ
50のポイント:ごじゅうのぽいんと 100のコツ:ひゃくのこつ 30日で身につく:さんじゅうにちでみにつく
10分でわかる:じゅっぷんでわかる 見てわかる:みてわかる 家族で読む:かぞくでよむ 一生役立つ:いっしょうやくだつ
初心者のための:しょしんしゃのための 考え方と実践:かんがえかたとじっせん 疑問に答える:ぎもんにこたえる
`);
/** Edition statements that follow a title ("はじめての料理 改訂版"). */
export const JA_EDITIONS = words(`
改訂版:かいていばん 新版:しんぱん 増補新版:ぞうほしんばん 新装版:しんそうばん 決定版:けっていばん
最新版:さいしんばん 第2版:だいにはん 第3版:だいさんぱん
`);

/** Multi-volume series ("日本の歴史 第3巻"), with the category they belong to. */
export const JA_SERIES: readonly { title: Word; subject: string; ndc: string }[] = [
	{ title: ['日本の歴史', 'にほんのれきし'], subject: '歴史', ndc: '210.1' },
	{ title: ['世界の歴史', 'せかいのれきし'], subject: '歴史', ndc: '209' },
	{ title: ['日本文学全集', 'にほんぶんがくぜんしゅう'], subject: '小説', ndc: '918.6' },
	{ title: ['世界の国ぐに', 'せかいのくにぐに'], subject: '地理・旅行', ndc: '290' },
	{ title: ['科学のふしぎ', 'かがくのふしぎ'], subject: '科学', ndc: '404' }
];

/** 第N巻 with its reading, sound changes included (いっかん, ろっかん, はっかん, じゅっかん). */
export const VOLUMES: readonly Word[] = words(`
第1巻:だいいっかん 第2巻:だいにかん 第3巻:だいさんかん 第4巻:だいよんかん 第5巻:だいごかん 第6巻:だいろっかん
第7巻:だいななかん 第8巻:だいはっかん 第9巻:だいきゅうかん 第10巻:だいじゅっかん 第11巻:だいじゅういっかん
第12巻:だいじゅうにかん
`);

// ---------------------------------------------------------------------------------------------------------
// Japanese children's books (picture books are written in kana with spaces between words, 分かち書き)

/** Animals of picture books, in kana as picture books write them. */
export const JA_CHILD_ANIMALS = words(`
ねこ いぬ くま うさぎ ぞう きりん ねずみ かえる こぶた たぬき きつね ひよこ くじら かめ りす ふくろう
ペンギン ライオン パンダ ゴリラ コアラ
`);
/** Everyday things and events of picture books. */
export const JA_CHILD_THINGS = words(`
おでかけ ぼうし おふろ おにぎり たんじょうび ゆうびん でんしゃ おつきさま ほしぞら おやすみ さんぽ かくれんぼ
ピクニック うみ もり あめ ゆき おべんとう パンやさん おまつり ともだち ひみつきち バス ケーキ
`);
/** Picture-book titles (A = animal, C = thing), words separated by spaces (分かち書き). */
export const JA_PICTURE_BOOK_TEMPLATES: readonly string[] = [
	'{A}の {C}',
	'{A}さんの {C}',
	'{A}と {A}',
	'おおきな {C}',
	'ちいさな {A}',
	'ぼくの {C}',
	'わたしの {C}',
	'{C} いっぱい',
	'{A}くん {C}',
	'いない いない {A}',
	'{A}の おうち',
	'{A}が ねむる よる'
];
/** Children's fiction titles. */
export const JA_CHILD_FICTION_TEMPLATES: readonly string[] = [
	'{N}のひみつ',
	'ふしぎな{N}',
	'{N}とぼく',
	'まほうの{N}',
	'おばけの{N}',
	'{N}[小学校:しょうがっこう]の[七不思議:ななふしぎ]',
	'{N}[探偵団:たんていだん]',
	'{A}の{N}'
];
/** Children's non-fiction topics: `表記:よみ:NDC` (an empty よみ means the word is kana). */
export const JA_CHILD_TOPICS: readonly (readonly [surface: string, reading: string, ndc: string])[] = topicsWithNdc(`
恐竜:きょうりゅう:457 昆虫:こんちゅう:486 宇宙:うちゅう:440 電車:でんしゃ:686 星座:せいざ:443 天気:てんき:451
動物:どうぶつ:480 魚:さかな:487 野菜:やさい:626 体:からだ:491 地球:ちきゅう:450 植物:しょくぶつ:470
海の生き物:うみのいきもの:481 はたらく車:はたらくくるま:537 ロボット::548 お金:おかね:330 点字:てんじ:378
`);
/** Subtitles of children's non-fiction (恐竜のひみつ：しゃしんで みる). */
export const JA_CHILD_SUBTITLES = words(`
みぢかな_ふしぎ しゃしんで_みる えで_わかる じっけん_いっぱい かがく_あそび クイズで_まなぶ ずかんで_さがそう
おうちの_ひとと_よもう はじめて_よむ なぜ？_どうして？:なぜ_どうして
`);
/** Children's non-fiction titles (T = topic). */
export const JA_CHILD_NONFICTION_TEMPLATES: readonly string[] = [
	'{T}のひみつ',
	'{T}ずかん',
	'しらべよう！{T}',
	'なぜなに{T}',
	'はじめての{T}',
	'{T}のふしぎ'
];

/** LL books (やさしく読める本): everyday topics in easy Japanese. */
export const LL_TEMPLATES: readonly string[] = [
	'{P}に [行:い]こう',
	'ひとりで {LV}',
	'{J}で はたらく',
	'わたしの [仕事:しごと] {J}',
	'{P}の つかいかた',
	'はじめての {P}'
];
/** Places of everyday life for LL books. */
export const LL_PLACES = words(`
病院:びょういん 銀行:ぎんこう 郵便局:ゆうびんきょく 図書館:としょかん スーパー 駅:えき 市役所:しやくしょ
美容院:びよういん コンビニ 電車:でんしゃ
`);
/** Everyday activities for LL books ("ひとりで …"). */
export const LL_VERBS = words(`
くらす でかける かいもの りょうり せんたく そうじ でんしゃに_のる バスに_のる おかねを_つかう
ごはんを_つくる しごとに_いく たびに_でる
`);
/** Workplaces for LL books about work. */
export const LL_JOBS = words(`
パン屋さん:ぱんやさん 花屋さん:はなやさん カフェ 工場:こうじょう 農園:のうえん ホテル 図書館:としょかん
介護施設:かいごしせつ 八百屋さん:やおやさん 郵便局:ゆうびんきょく クリーニング屋さん:くりーにんぐやさん
`);

/** Cloth picture books (布の絵本) and tactile picture books (さわる絵本): handmade, for small children. */
export const CLOTH_TEMPLATES: readonly string[] = [
	'ぬのえほん {A}と あそぼう',
	'{A}と ボタンを とめよう',
	'{A}と ひもを むすぼう',
	'{A}の おきがえ',
	'{A}の おみせやさん',
	'{A}と かずを かぞえよう',
	'くだもの なあに {A}さん',
	'{A}の ファスナー',
	'{A}の いえ',
	'{CL}の {A}'
];
/** Tactile picture-book titles (TX = texture). */
export const TACTILE_TEMPLATES: readonly string[] = [
	'さわって わかる {A}',
	'さわってみよう {C}',
	'ゆびで よむ {A}の おはなし',
	'てんじの {C}',
	'{TX} {A}',
	'{TX} {C}',
	'{A}の かたち'
];
/** Colours and textures for handmade books. */
export const JA_COLOURS = words(`あか あお きいろ みどり しろ ピンク むらさき`);
/** Textures a tactile picture book lets you feel. */
export const JA_TEXTURES = words(`ざらざら ふわふわ つるつる でこぼこ ぷにぷに もこもこ`);
/** Volunteer groups that sew cloth picture books (author and publisher of the item). */
export const CLOTH_MAKERS = words(`
布の絵本_つくしの会:ぬののえほん_つくしのかい 布の絵本_なのはな:ぬののえほん_なのはな
ぬのえほんサークル_ひだまり:ぬのえほんさーくる_ひだまり
`);
/** Groups that make tactile picture books. */
export const TACTILE_MAKERS = words(`
さわる絵本の会_たんぽぽ:さわるえほんのかい_たんぽぽ 手で見る絵本の会:てでみるえほんのかい
点訳サークル_ひかり:てんやくさーくる_ひかり
`);

// ---------------------------------------------------------------------------------------------------------
// Publishers (invented)

/** Japanese publishers (invented, some named after Nerima places). */
export const JA_PUBLISHERS = plain(`練馬書房|光が丘出版|石神井書店|大泉社|武蔵野書院|青空出版|星の森社|白樺書院|みどり書房|
北斗出版|桜木社|春風社|月影書房|港町出版|あおば書店|東都文芸社|ひまわり出版|木漏れ日書房|暮らしの手帖舎|科学の友社|
若葉書房|こぐま出版|風の丘社|天の川書房|小鳥社`);
/** Publishers of children's books (invented). */
export const JA_CHILD_PUBLISHERS = plain(`こぐま出版|ひまわり出版|どんぐり書房|ぴょんぴょん社|えほんの森社`);
/** English-language publishers (invented). */
export const EN_PUBLISHERS = plain(`Riverside Press|Northgate Books|Harbour House Publishing|Maple Leaf Press|Lantern Books|
Greenway & Sons|Blue Heron Press|Oakridge University Press|Kestrel Books|Tidewater Publishing|Small Hours Press`);
/** Large-print publishers (invented). */
export const LARGE_PRINT_PUBLISHERS = plain(`大活字出版会|大きな文字の本社|ゆったり書房`);
/** LL-book publishers (invented). */
export const LL_PUBLISHERS = plain(`やさしい本出版|わかりやすさ研究舎`);
/** Producers of DAISY, braille and text-data editions: the library itself and volunteer groups. */
export const DAISY_PRODUCERS = plain(`練馬区立光が丘図書館|ねりま音訳の会|音訳ボランティア こだま|録音図書製作センター`);
/** Producers of braille editions. */
export const BRAILLE_PRODUCERS = plain(`練馬区立光が丘図書館|点訳グループ ひかり|点字図書製作所 ゆび`);
/** Producers of text-data editions. */
export const TEXT_DATA_PRODUCERS = plain(`練馬区立光が丘図書館|テキストデータ製作室 わかば`);

// ---------------------------------------------------------------------------------------------------------
// English

/** Nouns for English titles, including the words short English queries look for (Library, Cat, Ocean). */
export const EN_NOUNS = plain(`Library|Cat|Ocean|Garden|River|Moon|Lighthouse|House|Window|Island|Forest|Winter|
Summer|Road|Letter|Secret|Map|Clock|Storm|Bridge|Mountain|Star|Bird|Fox|Dream|Harbour|Tea|Stone|Orchard|Night|
Daughter|Keeper|Promise|Kingdom|Station|City|Tokyo|Kyoto|Bookshop|Whale|Rain|Snow|Sea|Sky|Book|Tide|Key|Door`);
/** Adjectives for English titles. */
export const EN_ADJECTIVES = plain(`Silent|Little|Lost|Hidden|Last|Blue|Golden|Quiet|Wild|Forgotten|Secret|Invisible|
Midnight|Endless|Small|Bright|Distant|Paper|Glass|Winter|Summer|Long`);
/** English fiction titles (N = noun, ADJ = adjective, PLACE = place). */
export const EN_FICTION_TEMPLATES: readonly string[] = [
	'The {ADJ} {N}',
	'The {ADJ} {N}',
	'The {N} of the {N}',
	'{N} and {N}',
	'A {N} in {PLACE}',
	'The Last {N}',
	'Beyond the {N}',
	'The {N} Keeper',
	"The {N}'s {N}",
	'The Cat Who Came to the {N}',
	'{N}: A Novel',
	'Letters from the {N}',
	'The {ADJ} Library'
];
/** Short English titles ("Ocean", "Lost Cat"). */
export const EN_SHORT_TEMPLATES: readonly string[] = ['{N}', '{N}', '{ADJ} {N}'];
/** Places for "A … in {PLACE}". */
export const EN_PLACES = plain(`Tokyo|Kyoto|Paris|London|Venice|Winter|the Rain|the Garden|the Library|Spring`);
/** Topics of English non-fiction. */
export const EN_TOPICS = plain(`Cooking|Gardening|Japanese|Statistics|Programming|Mindfulness|Photography|Astronomy|
History|Economics|Philosophy|Birdwatching|Knitting|Sign Language|Braille|Ocean Science|Library Science|Cats|Baking|
Watercolour|Climate|Sleep|Running|Chess|Poetry|Geology|Ecology|Music Theory|Woodworking|Journalism|Tea|Bees|Rivers`);
/** Subtitles of English non-fiction, for the same reason as JA_NONFICTION_SUBTITLES. */
export const EN_SUBTITLES = plain(`A Practical Guide|Second Edition|Third Edition|From Basics to Mastery|Ideas and Practice|
A Visual Guide|50 Simple Steps|An Illustrated History|Essays|Questions and Answers|A Beginner's Handbook|
What Everyone Should Know|A Field Guide|Lessons from Japan|Revised Edition`);
/** English non-fiction titles (T = topic). */
export const EN_NONFICTION_TEMPLATES: readonly string[] = [
	'The Little Book of {T}',
	'{T} for Beginners',
	'An Introduction to {T}',
	'A Short History of {T}',
	'The Joy of {T}',
	'{T}: A Practical Guide',
	'Everyday {T}'
];
/** English subject heading → NDC (the library catalogues foreign books with Japanese headings). */
export const EN_TOPIC_SUBJECTS: Record<string, [subject: string, ndc: string]> = {
	Cooking: ['料理', '596'],
	Gardening: ['家事・暮らし', '629'],
	Japanese: ['言語', '810'],
	Statistics: ['数学', '417'],
	Programming: ['情報科学', '007'],
	Mindfulness: ['哲学・心理', '146'],
	Photography: ['芸術', '740'],
	Astronomy: ['科学', '440'],
	History: ['歴史', '209'],
	Economics: ['社会・経済', '330'],
	Philosophy: ['哲学・心理', '100'],
	Birdwatching: ['科学', '488'],
	Knitting: ['家事・暮らし', '594'],
	'Sign Language': ['福祉', '378'],
	Braille: ['福祉', '378'],
	'Ocean Science': ['科学', '452'],
	'Library Science': ['図書館・読書', '010'],
	Cats: ['科学', '645'],
	Baking: ['料理', '596'],
	Watercolour: ['芸術', '724'],
	Climate: ['科学', '451'],
	Sleep: ['医学・健康', '498'],
	Running: ['スポーツ', '782'],
	Chess: ['芸術', '796'],
	Poetry: ['文学', '931'],
	Geology: ['科学', '455'],
	Ecology: ['科学', '468'],
	'Music Theory': ['芸術', '761'],
	Woodworking: ['家事・暮らし', '592'],
	Journalism: ['社会・経済', '070'],
	Tea: ['家事・暮らし', '596'],
	Bees: ['科学', '486'],
	Rivers: ['地理・旅行', '290']
};
/** Animals of English children's books. */
export const EN_CHILD_ANIMALS = plain(`Cat|Bear|Rabbit|Fox|Penguin|Owl|Mouse|Duck|Elephant|Hedgehog|Whale`);
/** English children's titles. */
export const EN_CHILD_TEMPLATES: readonly string[] = [
	'{NAME} and the Very Busy {A}',
	'The {CADJ} {A}',
	'{A} Goes to {CPLACE}',
	'Goodnight, {CADJ} {A}',
	"Where Is {NAME}'s {THING}?",
	'{NAME} and the {CADJ} {A}',
	"{NAME}'s {THING}",
	'A {THING} for {A}',
	'{A} and the Big Red {THING}'
];
/** Adjectives of English children's titles. */
export const EN_CHILD_ADJECTIVES = plain(`Red|Blue|Little|Sleepy|Hungry|Brave|Grumpy|Tiny|Giant|Happy|Shy|Spotty`);
/** Places of English children's titles. */
export const EN_CHILD_PLACES = plain(`School|the Sea|the Library|the Moon|Tokyo|the Park|the Zoo|Bed`);
/** Children's names in English picture books. */
export const EN_CHILD_NAMES = plain(`Milo|Lily|Oscar|Ruby|Finn|Poppy|Hugo|Iris|Leo|Daisy|Kenji|Hana`);
/** Things in English children's titles. */
export const EN_CHILD_THINGS = plain(`Boat|Kite|Umbrella|Balloon|Bicycle|Garden|Hat|Bus|House|Book`);
/** English given names. */
export const EN_GIVEN_NAMES = plain(`James|Mary|Emma|Oliver|Sophie|Daniel|Grace|Henry|Alice|Thomas|Charlotte|Samuel|Lucy|
David|Hannah|Michael|Laura|Peter|Ruth|Ben|Amelia|Noah|Olivia|Isaac|Clara|George|Nora|Eleanor|Arthur|Maya`);
/** English family names. */
export const EN_FAMILY_NAMES = plain(`Smith|Brown|Taylor|Wilson|Johnson|Clarke|Walker|Wright|Green|Hall|Wood|Harris|
Martin|Cooper|King|Baker|Hughes|Turner|Bennett|Murphy|Kelly|Reed|Fisher|Ellis|Porter|Hayes|Morgan|Price|O'Brien|Nakamura`);

// ---------------------------------------------------------------------------------------------------------
// Other languages (multilingual materials, M 1-(1)-③): a few titles each, readings are the title itself

/** Word lists for one of the other languages of the collection. */
export interface OtherLanguage {
	language: string;
	/** Two lists of title parts combined as `${first}${second}` (second parts agree with every first part). */
	titleFirst: string[];
	titleSecond: string[];
	authors: string[];
	publishers: string[];
	/** Subject heading and NDC class of the literature in this language. */
	literature: [subject: string, ndc: string];
}

/** Chinese, Korean, Vietnamese, Portuguese and Spanish materials. */
export const OTHER_LANGUAGES: readonly OtherLanguage[] = [
	{
		language: 'zh', literature: ['中国文学', '923'],
		titleFirst: ['小猫', '大海', '月亮', '星星', '花园', '图书馆', '城市', '夏天', '朋友', '妈妈', '东京'],
		titleSecond: ['的故事', '的秘密', '和我', '的一天', '在哪里', '的旅行'],
		authors: ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨帆', '赵磊', '黄丽'],
		publishers: ['海风出版社', '春光书局', '明月文艺出版社']
	},
	{
		language: 'ko', literature: ['朝鮮文学', '929.1'],
		titleFirst: ['고양이', '바다', '하늘', '숲', '별', '달', '도서관', '여름', '겨울', '친구'],
		titleSecond: [' 이야기', '의 비밀', '의 하루', ' 여행', '의 노래'],
		authors: ['김민준', '이서연', '박지훈', '최수아', '정하은', '강도윤'],
		publishers: ['바다출판', '하늘책방', '푸른숲']
	},
	{
		language: 'vi', literature: ['ベトナム文学', '929.3'],
		titleFirst: ['Con mèo', 'Biển', 'Bầu trời', 'Khu rừng', 'Thư viện', 'Mùa hè', 'Ngôi nhà', 'Mặt trăng'],
		titleSecond: [' nhỏ', ' của tôi', ' và em', ' kỳ diệu', ' xanh'],
		authors: ['Nguyễn Văn An', 'Trần Thị Mai', 'Lê Minh Tuấn', 'Phạm Thu Hà', 'Hoàng Đức Anh'],
		publishers: ['Nhà xuất bản Bình Minh', 'Nhà xuất bản Hoa Sen']
	},
	{
		language: 'pt', literature: ['ポルトガル文学', '969'],
		titleFirst: ['O gato', 'O mar', 'A biblioteca', 'O jardim', 'A lua', 'A casa'],
		titleSecond: [' e eu', ' de Tóquio', ' do meu avô', ': uma história'],
		authors: ['Ana Souza', 'Carlos Oliveira', 'Mariana Santos', 'Paulo Ferreira', 'Juliana Lima'],
		publishers: ['Editora Sol', 'Editora Ipê']
	},
	{
		language: 'es', literature: ['スペイン文学', '963'],
		titleFirst: ['El gato', 'El mar', 'La biblioteca', 'El jardín', 'La luna'],
		titleSecond: [' y yo', ' de Tokio', ' de los sueños', ' de mi abuela'],
		authors: ['Lucía García', 'Javier Martínez', 'Sofía López', 'Diego Fernández'],
		publishers: ['Editorial Luna', 'Ediciones Alba']
	}
];
