/**
 * The accessibility checklist: every WCAG 2.2 success criterion of levels A and AA, with the
 * portal's result. The one place to change when a result changes; the statement page, its summary
 * counts and the declared conformance (準拠 / 一部準拠) are all derived from this list.
 *
 * Names are the official short names: Japanese as in the WAIC translation of WCAG 2.2 (the terms
 * JIS X 8341-3 users know), English as in WCAG. They are proper names, so they are data here rather
 * than messages; Easy Japanese shows the Japanese name (the page explains that these are fixed names).
 * Notes, which explain a result, are messages: `pages:accessibility.checklist.notes.<note>`.
 */

export type Level = 'A' | 'AA';

/** 適合 / 一部適合 / 適用なし, as in Japanese test reports (試験結果). */
export const RESULTS = ['conforms', 'partial', 'notApplicable'] as const;
export type Result = (typeof RESULTS)[number];

/** The WCAG version that added a criterion; the 2.0 ones are exactly those of JIS X 8341-3:2016. */
export type Since = '2.0' | '2.1' | '2.2';

export const NOTES = [
	'noMedia',
	'noAudio',
	'inputPurpose',
	'resize',
	'noImagesOfText',
	'reflow',
	'noHoverContent',
	'noShortcuts',
	'session',
	'noMovingContent',
	'noFlashing',
	'skipLink',
	'multipleWays',
	'focusObscured',
	'noPathGestures',
	'labelInName',
	'noMotion',
	'noDragging',
	'targetSize',
	'languageOfParts',
	'consistentHelp',
	'errorPrevention',
	'redundantEntry',
	'authentication',
	'parsing',
	'statusMessages'
] as const;
export type Note = (typeof NOTES)[number];

export interface Criterion {
	/** The success criterion number, e.g. "1.4.10". */
	id: string;
	level: Level;
	since: Since;
	name: { ja: string; en: string };
	result: Result;
	/** Explains the result; required for every result other than "conforms". */
	note?: Note;
	/**
	 * 4.1.1 Parsing: removed from WCAG 2.2 (always satisfied for HTML), but still part of
	 * JIS X 8341-3:2016, so it stays in the list and counts for JIS only.
	 */
	obsolete?: boolean;
}

/** The date of the test these results come from (ISO 8601, Japan time). */
export const TEST_DATE = '2026-11-22';

/**
 * The pages (and their states) the test covered; keep in step with tests/support/routes.ts, which
 * drives the automated part. `key` names `pages:accessibility.testing.pages.<key>`.
 */
export const TESTED_PAGES = [
	{ key: 'home', path: '/' },
	{ key: 'signIn', path: '/sign-in' },
	{ key: 'register', path: '/register' },
	{ key: 'preferences', path: '/preferences' },
	{ key: 'account', path: '/account' },
	{ key: 'reservations', path: '/account/reservations' },
	{ key: 'readingServices', path: '/reading-services' },
	{ key: 'staff', path: '/staff' },
	{ key: 'help', path: '/help' },
	{ key: 'accessibility', path: '/accessibility' },
	{ key: 'privacy', path: '/privacy' },
	{ key: 'notFound', path: null }
] as const satisfies readonly { key: string; path: string | null }[];

const c = (
	id: string,
	level: Level,
	since: Since,
	ja: string,
	en: string,
	result: Result = 'conforms',
	extra: Pick<Criterion, 'note' | 'obsolete'> = {}
): Criterion => ({ id, level, since, name: { ja, en }, result, ...extra });

/** WCAG 2.2 levels A and AA, in the standard's order (4.1.1 kept for JIS X 8341-3:2016). */
export const CRITERIA: readonly Criterion[] = [
	// 1 Perceivable
	c('1.1.1', 'A', '2.0', '非テキストコンテンツ', 'Non-text Content'),
	c('1.2.1', 'A', '2.0', '音声のみ及び映像のみ (収録済)', 'Audio-only and Video-only (Prerecorded)', 'notApplicable', { note: 'noMedia' }),
	c('1.2.2', 'A', '2.0', 'キャプション (収録済)', 'Captions (Prerecorded)', 'notApplicable', { note: 'noMedia' }),
	c('1.2.3', 'A', '2.0', '音声解説、又はメディアに対する代替 (収録済)', 'Audio Description or Media Alternative (Prerecorded)', 'notApplicable', { note: 'noMedia' }),
	c('1.2.4', 'AA', '2.0', 'キャプション (ライブ)', 'Captions (Live)', 'notApplicable', { note: 'noMedia' }),
	c('1.2.5', 'AA', '2.0', '音声解説 (収録済)', 'Audio Description (Prerecorded)', 'notApplicable', { note: 'noMedia' }),
	c('1.3.1', 'A', '2.0', '情報及び関係性', 'Info and Relationships'),
	c('1.3.2', 'A', '2.0', '意味のある順序', 'Meaningful Sequence'),
	c('1.3.3', 'A', '2.0', '感覚的な特徴', 'Sensory Characteristics'),
	c('1.3.4', 'AA', '2.1', '表示の向き', 'Orientation'),
	c('1.3.5', 'AA', '2.1', '入力目的の特定', 'Identify Input Purpose', 'conforms', { note: 'inputPurpose' }),
	c('1.4.1', 'A', '2.0', '色の使用', 'Use of Color'),
	c('1.4.2', 'A', '2.0', '音声の制御', 'Audio Control', 'notApplicable', { note: 'noAudio' }),
	c('1.4.3', 'AA', '2.0', 'コントラスト (最低限)', 'Contrast (Minimum)'),
	c('1.4.4', 'AA', '2.0', 'テキストのサイズ変更', 'Resize Text', 'conforms', { note: 'resize' }),
	c('1.4.5', 'AA', '2.0', '文字画像', 'Images of Text', 'notApplicable', { note: 'noImagesOfText' }),
	c('1.4.10', 'AA', '2.1', 'リフロー', 'Reflow', 'conforms', { note: 'reflow' }),
	c('1.4.11', 'AA', '2.1', '非テキストのコントラスト', 'Non-text Contrast'),
	c('1.4.12', 'AA', '2.1', 'テキストの間隔', 'Text Spacing'),
	c('1.4.13', 'AA', '2.1', 'ホバー又はフォーカスで表示されるコンテンツ', 'Content on Hover or Focus', 'notApplicable', { note: 'noHoverContent' }),
	// 2 Operable
	c('2.1.1', 'A', '2.0', 'キーボード', 'Keyboard'),
	c('2.1.2', 'A', '2.0', 'キーボードトラップなし', 'No Keyboard Trap'),
	c('2.1.4', 'A', '2.1', '文字キーのショートカット', 'Character Key Shortcuts', 'notApplicable', { note: 'noShortcuts' }),
	// Conforms with JavaScript (the timeout warning, src/lib/layout/SessionTimeout.svelte), which the
	// statement therefore lists among the technologies relied upon; the note says what happens without it.
	c('2.2.1', 'A', '2.0', 'タイミング調整可能', 'Timing Adjustable', 'conforms', { note: 'session' }),
	c('2.2.2', 'A', '2.0', '一時停止、停止、非表示', 'Pause, Stop, Hide', 'notApplicable', { note: 'noMovingContent' }),
	c('2.3.1', 'A', '2.0', '3 回の閃光、又は閾値以下', 'Three Flashes or Below Threshold', 'notApplicable', { note: 'noFlashing' }),
	c('2.4.1', 'A', '2.0', 'ブロックスキップ', 'Bypass Blocks', 'conforms', { note: 'skipLink' }),
	c('2.4.2', 'A', '2.0', 'ページタイトル', 'Page Titled'),
	c('2.4.3', 'A', '2.0', 'フォーカス順序', 'Focus Order'),
	c('2.4.4', 'A', '2.0', 'リンクの目的 (コンテキスト内)', 'Link Purpose (In Context)'),
	c('2.4.5', 'AA', '2.0', '複数の手段', 'Multiple Ways', 'conforms', { note: 'multipleWays' }),
	c('2.4.6', 'AA', '2.0', '見出し及びラベル', 'Headings and Labels'),
	c('2.4.7', 'AA', '2.0', 'フォーカスの可視化', 'Focus Visible'),
	c('2.4.11', 'AA', '2.2', '隠されないフォーカス (最低限)', 'Focus Not Obscured (Minimum)', 'conforms', { note: 'focusObscured' }),
	c('2.5.1', 'A', '2.1', 'ポインタのジェスチャ', 'Pointer Gestures', 'notApplicable', { note: 'noPathGestures' }),
	c('2.5.2', 'A', '2.1', 'ポインタのキャンセル', 'Pointer Cancellation'),
	c('2.5.3', 'A', '2.1', 'ラベルを含む名前 (name)', 'Label in Name', 'conforms', { note: 'labelInName' }),
	c('2.5.4', 'A', '2.1', '動きによる起動', 'Motion Actuation', 'notApplicable', { note: 'noMotion' }),
	c('2.5.7', 'AA', '2.2', 'ドラッグ動作', 'Dragging Movements', 'notApplicable', { note: 'noDragging' }),
	c('2.5.8', 'AA', '2.2', 'ターゲットのサイズ (最低限)', 'Target Size (Minimum)', 'conforms', { note: 'targetSize' }),
	// 3 Understandable
	c('3.1.1', 'A', '2.0', 'ページの言語', 'Language of Page'),
	c('3.1.2', 'AA', '2.0', '一部分の言語', 'Language of Parts', 'conforms', { note: 'languageOfParts' }),
	c('3.2.1', 'A', '2.0', 'フォーカス時', 'On Focus'),
	c('3.2.2', 'A', '2.0', '入力時', 'On Input'),
	c('3.2.3', 'AA', '2.0', '一貫したナビゲーション', 'Consistent Navigation'),
	c('3.2.4', 'AA', '2.0', '一貫した識別性', 'Consistent Identification'),
	c('3.2.6', 'A', '2.2', '一貫したヘルプ', 'Consistent Help', 'conforms', { note: 'consistentHelp' }),
	c('3.3.1', 'A', '2.0', 'エラーの特定', 'Error Identification'),
	c('3.3.2', 'A', '2.0', 'ラベル又は説明', 'Labels or Instructions'),
	c('3.3.3', 'AA', '2.0', 'エラー修正の提案', 'Error Suggestion'),
	c('3.3.4', 'AA', '2.0', 'エラー回避 (法的、金融、データ)', 'Error Prevention (Legal, Financial, Data)', 'conforms', { note: 'errorPrevention' }),
	c('3.3.7', 'A', '2.2', '冗長な入力', 'Redundant Entry', 'conforms', { note: 'redundantEntry' }),
	c('3.3.8', 'AA', '2.2', 'アクセシブルな認証 (最低限)', 'Accessible Authentication (Minimum)', 'conforms', { note: 'authentication' }),
	// 4 Robust
	c('4.1.1', 'A', '2.0', '構文解析', 'Parsing', 'conforms', { note: 'parsing', obsolete: true }),
	c('4.1.2', 'A', '2.0', '名前 (name) ・役割 (role) 及び値 (value)', 'Name, Role, Value'),
	c('4.1.3', 'AA', '2.1', 'ステータスメッセージ', 'Status Messages', 'conforms', { note: 'statusMessages' })
];

/**
 * How far the portal conforms, in the terms of the Japanese notation guideline (WAIC 対応度表記):
 * `full` = 準拠 (tested, every criterion met or not applicable), `partial` = 一部準拠 (tested, some not met).
 */
export type Conformance = 'full' | 'partial';

function conformanceOf(criteria: readonly Criterion[]): Conformance {
	return criteria.every((criterion) => criterion.result !== 'partial') ? 'full' : 'partial';
}

/** Conformance to JIS X 8341-3:2016 level AA: the WCAG 2.0 criteria, 4.1.1 included. */
export function jisConformance(criteria: readonly Criterion[] = CRITERIA): Conformance {
	return conformanceOf(criteria.filter((criterion) => criterion.since === '2.0'));
}

/** Conformance to WCAG 2.2 level AA: every criterion but the obsolete 4.1.1. */
export function wcagConformance(criteria: readonly Criterion[] = CRITERIA): Conformance {
	return conformanceOf(criteria.filter((criterion) => !criterion.obsolete));
}

/** How many criteria (4.1.1 excluded, as WCAG 2.2 has no such criterion) have each result. */
export function countResults(criteria: readonly Criterion[] = CRITERIA): Record<Result, number> {
	const counts: Record<Result, number> = { conforms: 0, partial: 0, notApplicable: 0 };
	for (const criterion of criteria) if (!criterion.obsolete) counts[criterion.result] += 1;
	return counts;
}
