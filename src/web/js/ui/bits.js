// Small pieces shared by screens: case-code links, status badges (a word and a symbol, never
// colour alone), tolerant readers for answers whose exact field names may vary, tables, the
// "More…" menu and the live countdowns of deadlines.

import { h, fill } from '../dom.js';
import { label, t } from '../i18n.js';
import { serverNow, splitDuration } from '../format.js';

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

// A "More…" menu: rare or risky controls folded under a native <details> (keyboard and screen
// readers handle it as a disclosure), so a phone opens on the main actions only. Choosing a
// control closes the menu again.
export function moreMenu(items, attrs = {}) {
  const shown = items.filter(Boolean);
  if (!shown.length) return null;
  const menu = h('details', { ...attrs, class: ['more-menu', attrs.class] },
    h('summary', { class: 'button secondary more-toggle' }, t('common.more')),
    h('div', { class: 'more-list' }, shown));
  menu.addEventListener('click', (event) => {
    if (event.target.closest('.more-list button, .more-list a')) menu.open = false;
  });
  return menu;
}

// ---- live countdowns ----
// One shared timer repaints every countdown on the page at minute resolution; a countdown is
// forgotten once it has left the page, and the timer stops when none is left. Time is the
// server's (format.js serverNow), so a phone with a wrong clock still counts right.
const TICK_MS = 15000;
const live = new Map(); // element → {paint, seen, born}
let ticker = null;

function tick() {
  for (const [el, entry] of live) {
    if (el.isConnected) {
      entry.seen = true;
      entry.paint();
    } else if (entry.seen || Date.now() - entry.born > 60000) {
      live.delete(el); // left the page (or was built and never shown)
    }
  }
  if (!live.size) {
    clearInterval(ticker);
    ticker = null;
  }
}

// How many countdowns the timer is keeping (the tests read it to see the timer stop).
export function liveCountdowns() {
  return live.size;
}

// liveCountdown(deadline, render): a <span role="timer"> that render(msLeft, el) fills now and
// again whenever the minute changes (msLeft < 0 once the deadline has passed). The element
// carries class "late" from then on.
export function liveCountdown(deadline, render) {
  const at = Date.parse(deadline);
  const el = h('span', { class: 'countdown', role: 'timer', dataset: { deadline: String(deadline) } });
  let shownMinute = null;
  const paint = () => {
    const left = at - serverNow();
    const minute = Math.floor(left / 60000);
    if (minute === shownMinute) return;
    shownMinute = minute;
    el.classList.toggle('late', left <= 0);
    fill(el, render(left, el));
  };
  paint();
  if (Number.isNaN(at)) return el;
  live.set(el, { paint, seen: false, born: Date.now() });
  if (!ticker) ticker = setInterval(tick, TICK_MS);
  return el;
}

const HOUR_MS = 3600000;

// The 12 hours the chair has to decide a contact-prohibition request (Law 13/2022 art. 25),
// counting down to the server's `deadline`; once passed, how late it is, in red.
export function decisionCountdown(deadline) {
  return liveCountdown(deadline, (left) => {
    if (left <= 0) {
      return badge('danger', t('protection.overdue_by', splitDuration(left)));
    }
    return [
      badge(left <= 3 * HOUR_MS ? 'danger' : 'warning', t('protection.hours_left', splitDuration(left, true))),
      h('meter', {
        min: 0, max: 12, low: 3, high: 6, optimum: 12,
        value: Math.min(12, left / HOUR_MS).toFixed(2), 'aria-label': t('protection.of_twelve'),
      }),
    ];
  });
}

// The time left of a granted contact prohibition, or how long ago it lapsed.
export function orderCountdown(ends) {
  return liveCountdown(ends, (left) => (left <= 0
    ? badge('danger', t('protection.lapsed_for', splitDuration(left)))
    : badge(left <= 24 * HOUR_MS ? 'warning' : 'info', t('protection.order_left', splitDuration(left, true)))));
}
