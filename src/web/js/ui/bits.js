// Small pieces shared by screens: case-code links, status badges (a word and a symbol, never
// colour alone), tolerant readers for answers whose exact field names may vary, and tables.

import { h } from '../dom.js';
import { label, t } from '../i18n.js';

// The first array found under one of `names` in `object`.
export function pickArray(object, names) {
  for (const name of names) {
    if (object && Array.isArray(object[name])) return object[name];
  }
  return null;
}

// The first present value under one of `names`.
export function pick(object, names, fallback = '') {
  for (const name of names) {
    const value = name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), object);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return fallback;
}

export function caseIdOf(item) {
  return pick(item, ['case_id', 'case.id', 'id']);
}

export function caseCodeOf(item) {
  return pick(item, ['case_code', 'code', 'case.code'], t('case.no_code'));
}

export function caseLink(item, idKeys = ['case_id', 'case.id']) {
  const id = pick(item, idKeys);
  const code = caseCodeOf(item);
  if (!id) return h('span', { class: 'case-code' }, code);
  return h('a', { class: 'case-code', href: `#/cases/${encodeURIComponent(id)}` }, code);
}

const SYMBOLS = {
  danger: '!', warning: '▲', success: '✓', info: 'i', muted: '–', neutral: '•',
};

// badge('warning', 'Quá hạn'): a symbol in a shape plus the word.
export function badge(tone, text) {
  return h('span', { class: `badge badge-${tone}` },
    h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, SYMBOLS[tone] || '•'), text);
}

const RISK_TONE = { low: 'neutral', medium: 'info', high: 'warning', critical: 'danger' };
const STATUS_TONE = { open: 'info', active: 'warning', closed: 'muted', reopened: 'info' };
const STAGE_TONE = { referred: 'info', accepted: 'success', declined: 'muted', active: 'warning', completed: 'success' };

export function riskBadge(risk) {
  return badge(RISK_TONE[risk] || 'neutral', label('risk', risk));
}

export function statusBadge(status) {
  return badge(STATUS_TONE[status] || 'neutral', label('status', status));
}

export function stageBadge(stage) {
  return badge(STAGE_TONE[stage] || 'neutral', label('stage', stage));
}

// A table with a caption; columns: [{head, cell(item) → Node|string, class}]. Cells carry
// data-label so narrow screens can show each row as a card (style.css).
export function table(caption, columns, items, attrs = {}) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', attrs,
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class || null }, c.head)))),
      h('tbody', {}, items.map((item) => h('tr', {}, columns.map((c, i) =>
        (i === 0
          ? h('th', { scope: 'row', class: c.class || null, 'data-label': c.head }, c.cell(item))
          : h('td', { class: c.class || null, 'data-label': c.head }, c.cell(item)))))))));
}

export function emptyNote(text) {
  return h('p', { class: 'empty' }, text);
}

// "Bạo lực thể chất, Bạo lực tinh thần"
export function typesText(types) {
  return (Array.isArray(types) ? types : []).map((type) => label('violence', type)).join(', ');
}

// The stage tracks of a case as short badges ("Công an xã: Đang xử lý").
export function stagesList(stages) {
  const entries = Object.entries(stages || {});
  if (!entries.length) return h('span', { class: 'muted' }, t('case.no_stages'));
  return h('ul', { class: 'inline-list' }, entries.map(([agency, stage]) =>
    h('li', {}, h('span', { class: 'stage-agency' }, `${label('agency_short', agency)}: `),
      stageBadge(typeof stage === 'string' ? stage : stage && stage.status))));
}
