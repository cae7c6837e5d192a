// Server-rendered markup of the form kit: what a browser without JavaScript receives. Focus behaviour, axe
// and the JavaScript enhancements are for the browser suites under tests/.
import type { Component, ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Banner from './Banner.svelte';
import Checkboxes from './Checkboxes.svelte';
import Confirmation from './Confirmation.svelte';
import DateInput from './DateInput.svelte';
import ErrorSummary from './ErrorSummary.svelte';
import Field from './Field.svelte';
import HistoryList from './HistoryList.svelte';
import NotificationBanner from './NotificationBanner.svelte';
import PasswordField from './PasswordField.svelte';
import Radios from './Radios.svelte';
import SummaryList from './SummaryList.svelte';
import TextArea from './TextArea.svelte';

/** Server-render a component with type-checked props, without Svelte's hydration markers. */
// `any` here only widens which component may be passed; ComponentProps<C> still checks the props.
function html<C extends Component<any>>(component: C, props: ComponentProps<C>): string {
	const { body } = render(component as Component<ComponentProps<C>>, { props });
	return body.replace(/<!--[^]*?-->/g, '');
}

function attrsOf(markup: string, selector: RegExp): string {
	const match = selector.exec(markup);
	if (!match) throw new Error(`no element matches ${selector}`);
	return match[0];
}

const options = [
	{ value: 'central', label: '中央図書館', hint: '午前9時から' },
	{ value: 'north', label: '北分館' }
];

describe('Field', () => {
	it('links hint and error, marks the input invalid and prefixes the error', () => {
		const out = html(Field, {
			id: 'card',
			name: 'card',
			label: '利用者番号',
			hint: '10桁',
			error: '入力してください',
			errorPrefix: 'エラー:',
			required: true,
			requiredLabel: '必須',
			autocomplete: 'username'
		});
		const input = attrsOf(out, /<input[^>]*>/);
		expect(input).toContain('aria-describedby="card-hint card-error"');
		expect(input).toContain('aria-invalid="true"');
		expect(input).toContain('aria-required="true"');
		expect(input).toContain('autocomplete="username"');
		expect(input).not.toMatch(/\srequired[\s=>]/);
		expect(out).toContain('<label class="field__label" for="card">');
		expect(out).toMatch(/<p id="card-hint" class="hint">10桁<\/p>/);
		expect(out).toMatch(/<p id="card-error" class="error-message"><span class="visually-hidden">エラー:<\/span> 入力してください<\/p>/);
		expect(out).toContain('<span class="requirement-badge">必須</span>');
	});

	it('leaves out aria-describedby and aria-invalid when there is nothing to point at', () => {
		const input = attrsOf(html(Field, { id: 'email', name: 'email', label: 'メール', type: 'email' }), /<input[^>]*>/);
		expect(input).not.toContain('aria-describedby');
		expect(input).not.toContain('aria-invalid');
		expect(input).toContain('type="email"');
	});

	it('passes other attributes through and echoes the value', () => {
		const input = attrsOf(
			html(Field, { id: 'n', name: 'n', label: 'L', value: '山田', spellcheck: 'false', 'aria-describedby': 'extra' }),
			/<input[^>]*>/
		);
		expect(input).toContain('value="山田"');
		expect(input).toContain('spellcheck="false"');
		expect(input).toContain('aria-describedby="extra"');
	});
});

describe('labels, hints and legends given as Rich (furigana)', () => {
	it('show the HTML, readings hidden from the accessible name', () => {
		const label = { html: '<ruby>番号<rp>(</rp><rt aria-hidden="true">ばんごう</rt><rp>)</rp></ruby>' };
		const out = html(Field, { id: 'card', name: 'card', label, hint: { html: '10<ruby>桁<rt aria-hidden="true">けた</rt></ruby>' } });
		expect(out).toMatch(/<label[^>]*for="card"[^>]*>\s*<ruby>番号<rp>\(<\/rp><rt aria-hidden="true">ばんごう<\/rt>/);
		expect(out).toMatch(/<p id="card-hint" class="hint">10<ruby>桁<rt aria-hidden="true">けた<\/rt><\/ruby><\/p>/);
		const group = html(Radios, { id: 'at', name: 'at', legend: label, options });
		expect(group).toMatch(/<legend[^>]*>[^]*<rt aria-hidden="true">ばんごう<\/rt>/);
	});
});

describe('TextArea', () => {
	it('states the limit in a linked hint and does not truncate with native maxlength', () => {
		const out = html(TextArea, { id: 'note', name: 'note', label: '連絡', maxlength: 200, maxlengthHint: '200文字以内' });
		const textarea = attrsOf(out, /<textarea[^>]*>/);
		expect(textarea).toContain('aria-describedby="note-limit"');
		expect(textarea).not.toMatch(/\smaxlength=/);
		expect(textarea).toContain('data-maxlength="200"');
		expect(out).toContain('<p id="note-limit" class="hint">200文字以内</p>');
	});
});

describe('PasswordField', () => {
	it('renders no toggle without JavaScript and keeps autocomplete', () => {
		const out = html(PasswordField, {
			id: 'password',
			name: 'password',
			label: 'パスワード',
			autocomplete: 'current-password',
			showLabel: 'パスワードを表示する'
		});
		expect(out).not.toContain('<button');
		const input = attrsOf(out, /<input[^>]*>/);
		expect(input).toContain('type="password"');
		expect(input).toContain('autocomplete="current-password"');
		expect(input).not.toMatch(/onpaste/);
	});
});

describe('DateInput', () => {
	it('is a plain text box without a numeric keypad, autocomplete off by default', () => {
		const input = attrsOf(html(DateInput, { id: 'until', name: 'until', label: 'いつまで', hint: '例: 2026/12/01' }), /<input[^>]*>/);
		expect(input).toContain('type="text"');
		expect(input).toContain('autocomplete="off"');
		expect(input).not.toContain('inputmode');
		expect(input).toContain('aria-describedby="until-hint"');
	});

	it('allows bday for the user’s own date of birth', () => {
		const input = attrsOf(html(DateInput, { id: 'dob', name: 'dob', label: '生年月日', autocomplete: 'bday' }), /<input[^>]*>/);
		expect(input).toContain('autocomplete="bday"');
	});
});

describe('Radios and Checkboxes', () => {
	it('gives the first radio the group id and links hints to the right elements', () => {
		const out = html(Radios, {
			id: 'pickup',
			name: 'pickup',
			legend: '受け取る図書館',
			hint: '選んでください',
			error: '選んでください',
			errorPrefix: 'エラー:',
			options,
			value: 'north'
		});
		expect(attrsOf(out, /<fieldset[^>]*>/)).toContain('aria-describedby="pickup-hint pickup-error"');
		const inputs = out.match(/<input[^>]*>/g) ?? [];
		expect(inputs).toHaveLength(2);
		expect(inputs[0]).toContain('id="pickup"');
		expect(inputs[0]).toContain('aria-describedby="pickup-item-hint"');
		expect(inputs[0]).not.toContain('checked');
		expect(inputs[1]).toContain('id="pickup-2"');
		expect(inputs[1]).toMatch(/\schecked/);
		expect(inputs[1]).not.toContain('aria-describedby');
		expect(out).toContain('<p id="pickup-item-hint" class="hint choice__hint">午前9時から</p>');
		expect(out).toContain('<legend class="fieldset__legend">受け取る図書館</legend>');
	});

	it('can put the legend in a heading', () => {
		const out = html(Radios, { id: 'q', name: 'q', legend: '質問', legendAsHeading: 1, options });
		expect(out).toMatch(/<legend[^>]*><h1 class="fieldset__heading">質問<\/h1><\/legend>/);
	});

	it('ticks every selected checkbox, all under one name', () => {
		const out = html(Checkboxes, { id: 'ch', name: 'ch', legend: '連絡方法', options, value: ['central', 'north'] });
		const inputs = out.match(/<input[^>]*>/g) ?? [];
		expect(inputs.every((input) => input.includes('type="checkbox"') && input.includes('name="ch"'))).toBe(true);
		expect(inputs.every((input) => /\schecked/.test(input))).toBe(true);
	});
});

describe('ErrorSummary', () => {
	it('renders nothing without errors', () => {
		expect(html(ErrorSummary, { title: '問題があります', errors: [] }).trim()).toBe('');
	});

	it('is a focusable, autofocused region labelled by its heading and described by its errors, linking to each field', () => {
		const out = html(ErrorSummary, {
			title: '問題があります',
			errors: [
				{ fieldId: 'card', message: '番号を入力してください' },
				{ fieldId: 'pickup', message: '図書館を選んでください' }
			]
		});
		const region = attrsOf(out, /<section[^>]*>/);
		expect(region).toContain('tabindex="-1"');
		expect(region).toMatch(/\sautofocus/);
		expect(region).toContain('aria-labelledby="error-summary-title"');
		// Described by its list: focus alone gives the title and every error.
		expect(region).toContain('aria-describedby="error-summary-list"');
		expect(out).toMatch(/<ul id="error-summary-list" class="error-summary__list">/);
		expect(region).not.toContain('role="alert"');
		expect(out).toContain('<h2 id="error-summary-title" class="error-summary__title">問題があります</h2>');
		expect(out).toContain('<a href="#card">番号を入力してください</a>');
		expect(out).toContain('<a href="#pickup">図書館を選んでください</a>');
	});
});

describe('Banner', () => {
	it('keeps the live region in the page while empty', () => {
		const out = html(Banner, { kind: 'success' });
		expect(out).toBe('<div role="status" class="banner banner--success banner--empty"></div>');
	});

	it('becomes an alert only when urgent', () => {
		const out = html(Banner, { kind: 'warning', urgent: true, title: '注意', message: 'まもなくログアウトします' });
		expect(out).toContain('role="alert"');
		expect(out).toContain('<p class="banner__title">注意</p>');
		expect(out).toContain('<p class="banner__message">まもなくログアウトします</p>');
	});
});

describe('NotificationBanner', () => {
	it('has a heading that can take focus, autofocused unless told not to', () => {
		const focused = html(NotificationBanner, { title: '予約しました' });
		expect(attrsOf(focused, /<h2[^>]*>/)).toMatch(/tabindex="-1".*autofocus|autofocus.*tabindex="-1"/);
		expect(attrsOf(focused, /<section[^>]*>/)).toContain('aria-labelledby="notification-banner-title"');
		const quiet = html(NotificationBanner, { title: 'お知らせ', kind: 'info', focus: false, headingLevel: 3 });
		expect(attrsOf(quiet, /<h3[^>]*>/)).not.toContain('autofocus');
	});

	it('keeps a title in another language in its own span inside the heading (WCAG 3.1.2)', () => {
		const out = html(NotificationBanner, { title: [{ text: 'You have reserved “' }, { text: '銀河鉄道の夜', lang: 'ja' }, { text: '”.' }] });
		expect(out).toMatch(/<h2[^>]*>\s*You have reserved “<span lang="ja">銀河鉄道の夜<\/span>”\.\s*<\/h2>/);
	});
});

describe('Confirmation', () => {
	it('opens with the focusable outcome heading and the reference on a line of its own, then next steps and links', () => {
		const out = html(Confirmation, {
			titleHtml: '<ruby>申<rt>もう</rt></ruby>し込みを受け付けました',
			referenceLabel: '受付番号',
			reference: 'RS-2026-000123',
			nextHeadingHtml: 'このあと',
			nextHtml: ['3日以内にお知らせします。', 'ご質問は窓口へ。'],
			links: [
				{ href: '/reading-services', html: '申し込みの状況' },
				{ href: '/account', html: 'マイページ' }
			]
		});
		expect(attrsOf(out, /<h1[^>]*>/)).toMatch(/id="confirmation"/);
		expect(attrsOf(out, /<h1[^>]*>/)).toMatch(/tabindex="-1".*autofocus|autofocus.*tabindex="-1"/);
		expect(out).toContain('<ruby>申<rt>もう</rt></ruby>し込みを受け付けました</h1>');
		expect(out).toMatch(/<p class="panel__body[^"]*" id="reference">\s*受付番号<br\/?><strong class="panel__reference[^"]*">RS-2026-000123<\/strong>/);
		expect(out).toMatch(/<h2>このあと<\/h2>\s*<p>3日以内にお知らせします。<\/p>\s*<p>ご質問は窓口へ。<\/p>/);
		expect(out).toMatch(/<li><a href="\/reading-services">申し込みの状況<\/a><\/li>\s*<li><a href="\/account">マイページ<\/a><\/li>/);
	});
});

describe('HistoryList', () => {
	const entries = [
		{ at: '2026-12-01T01:00:00Z', body: null },
		{ at: '2026-12-02T01:30:00Z', body: '当日は午後1時半に着きます。' }
	];
	const text = (entry: { body?: string | null }) => (entry.body ? 'あなたからのメッセージ' : '申し出を送りました');

	it('reads one event per list item: date and time, then what happened', () => {
		const out = html(HistoryList, { entries, text, locale: 'ja', id: 'history' });
		expect(attrsOf(out, /<ol[^>]*>/)).toContain('id="history"');
		expect(out.match(/<li/g)).toHaveLength(2);
		expect(out).toMatch(/<li class="history__entry[^"]*"><span class="history__when[^"]*">2026年12月1日\(火\) 10:00<\/span> 申し出を送りました<\/li>/);
		expect(out).not.toContain('<blockquote');
	});

	it('with quotes, makes the line a paragraph and quotes the words, or notes that they are gone', () => {
		const out = html(HistoryList, { entries, text, locale: 'ja', quotes: true, note: () => '消去しました', own: (entry) => entry.body !== null });
		expect(out).toMatch(/<li class="history__entry[^"]*"><p class="history__what[^"]*"><span[^>]*>[^<]*<\/span> 申し出を送りました<\/p> <p class="history__note[^"]*">消去しました<\/p><\/li>/);
		expect(out).toMatch(/<li class="history__entry history__entry--own[^"]*">.*<blockquote class="history__body[^"]*">当日は午後1時半に着きます。<\/blockquote><\/li>/);
	});
});

describe('SummaryList', () => {
	const rows = [
		{ key: 'barrier', label: '困っていること', values: ['段差があります\n2階です'], text: true, changeHref: '/q/barrier?change=1' },
		{ key: 'formats', label: '形式', values: ['点字', '録音'] },
		{ key: 'address', label: '住所', values: ['〒100-0001', '東京都千代田区'], lines: true },
		{ key: 'notes', label: '連絡事項', values: [] }
	];

	it('shows each answer by its kind and names each change link by its question', () => {
		const out = html(SummaryList, { rows, none: 'なし', changeText: '変更', changeWhat: (what) => `（${what}）` });
		expect(attrsOf(out, /<dl[^>]*>/)).toContain('id="answers"');
		expect(out).toMatch(/<dd class="summary-list__value[^"]*" data-answer="barrier"><p class="answer-text[^"]*">段差があります\n2階です<\/p><\/dd>/);
		expect(out).toMatch(/<ul class="answer-list[^"]*"><li>点字<\/li><li>録音<\/li><\/ul>/);
		expect(out).toMatch(/<p[^>]*>〒100-0001<br\/?>東京都千代田区<\/p>/);
		expect(out).toMatch(/data-answer="notes">なし<\/dd>/);
		expect(out.match(/summary-list__actions/g)).toHaveLength(1);
		expect(out).toMatch(/<a href="\/q\/barrier\?change=1">変更<span class="visually-hidden">（困っていること）<\/span><\/a>/);
	});
});
