// Báo cáo: the periodic statistics (GET /reports/summary?from=&to=) for social, leader and
// oversight — a period picker, a bar chart and a table per grouping, CSV download and a print
// view (#/reports/print). No identities; counts under 5 arrive as "<5".

import { h, fill, add } from '../dom.js';
import { t, label, has } from '../i18n.js';
import { get, withQuery } from '../api.js';
import { heading, navigate } from '../router.js';
import { formatDate, todayVietnam } from '../format.js';
import { field } from '../ui/form.js';
import { loadFailure, loading } from '../ui/notice.js';
import { barChart, numeric } from '../ui/charts.js';
import { pick, table } from '../ui/bits.js';

const CATEGORY_GROUPS = ['violence', 'sex', 'agency', 'event', 'choice.support_kind', 'choice.action', 'choice.outcome', 'status', 'stage', 'risk', 'age', 'closure'];
const HEADER_KEYS = new Set(['commune', 'communes', 'commune_name', 'recipient', 'report_to', 'from', 'to', 'period', 'generated_at', 'header', 'totals']);

function categoryLabel(value) {
  for (const group of CATEGORY_GROUPS) if (has(`${group}.${value}`)) return label(group, value);
  return String(value);
}

// "<5": a count from 1 to 4; "x": hidden so that no hidden cell can be worked out from totals.
const isCount = (v) => typeof v === 'number' || v === '<5' || v === 'x' || (typeof v === 'string' && /^\d+$/.test(v));

// Every flat {category: count} map in the answer (one level of nesting looked into), and
// arrays of {key|name|value, count} turned into such maps.
export function groupings(answer) {
  const out = [];
  const visit = (key, v, depth) => {
    if (HEADER_KEYS.has(key) || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      const rows = v.filter((x) => x && typeof x === 'object' && isCount(x.count));
      if (rows.length) out.push({ key, rows: rows.map((x) => ({ label: categoryLabel(pick(x, ['key', 'name', 'value', 'label', 'band', 'type'])), value: x.count })) });
      return;
    }
    const entries = Object.entries(v);
    if (entries.length && entries.every(([, x]) => isCount(x))) {
      out.push({ key, rows: entries.map(([k, x]) => ({ label: categoryLabel(k), value: x })) });
    } else if (depth < 2) {
      for (const [k, x] of entries) visit(k, x, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(answer || {})) visit(k, v, 0);
  return out;
}

export function totals(answer) {
  const source = answer && typeof answer.totals === 'object' ? answer.totals : answer || {};
  return Object.entries(source).filter(([k, v]) => !HEADER_KEYS.has(k) && isCount(v));
}

export function reportBody(answer, from, to) {
  const commune = pick(answer, ['header.commune', 'commune_name', 'commune', 'header.commune_name']);
  const recipient = pick(answer, ['header.recipient', 'recipient', 'report_to', 'header.report_to']);
  const groups = groupings(answer);
  return h('div', { class: 'report' },
    h('div', { class: 'report-header card' },
      commune ? h('p', { class: 'report-commune' }, String(commune)) : null,
      h('p', {}, t('reports.period', { from: formatDate(from), to: formatDate(to) })),
      recipient ? h('p', {}, t('reports.recipient', { recipient: String(recipient) })) : null,
      h('p', { class: 'hint' }, t('reports.small_counts'))),
    h('ul', { class: 'stat-tiles' }, totals(answer).map(([k, v]) =>
      h('li', { class: 'stat' }, h('span', { class: 'stat-value' }, String(v)), h('span', { class: 'stat-label' }, label('report_total', k))))),
    groups.map((g, i) => {
      const title = label('report_group', g.key);
      const sorted = [...g.rows].sort((a, b) => (numeric(b.value) ?? 4) - (numeric(a.value) ?? 4));
      return h('section', { class: 'card report-group', 'aria-labelledby': `group-${i}` },
        h('h2', { id: `group-${i}` }, title),
        barChart(title, sorted),
        table(title, [{ head: t('reports.category'), cell: (r) => r.label }, { head: t('reports.count'), cell: (r) => String(r.value), class: 'num' }], sorted, { class: 'report-table' }));
    }),
    groups.length ? null : h('p', { class: 'empty' }, t('reports.no_groups')));
}

function presets(year) {
  return {
    year: [`${year}-01-01`, `${year}-12-31`],
    half1: [`${year}-01-01`, `${year}-06-30`],
    half2: [`${year}-07-01`, `${year}-12-31`],
    last_year: [`${year - 1}-01-01`, `${year - 1}-12-31`],
  };
}

// The period asked for, and for province staff the commune (absent = every commune).
export function period(query) {
  const today = todayVietnam();
  const asked = { from: query.from || `${today.slice(0, 4)}-01-01`, to: query.to || today };
  if (query.commune) asked.commune = query.commune;
  return asked;
}

// Province staff (the answer lists the communes they may pick): all communes, or one.
function communeChooser(form, answer, chosen) {
  const choices = answer && answer.header && Array.isArray(answer.header.communes) ? answer.header.communes : null;
  if (!choices) return;
  const options = [{ value: '', label: t('reports.commune_all') }, ...choices.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))];
  form.querySelector('.filter-row').append(field({ name: 'commune', label: t('reports.commune'), type: 'select', options, value: chosen || '' }));
}

function picker(from, to) {
  const year = Number(todayVietnam().slice(0, 4));
  const choices = presets(year);
  const preset = field({ name: 'preset', label: t('reports.preset'), type: 'select', options: [{ value: '', label: t('reports.preset_custom') }, ...Object.keys(choices).map((k) => ({ value: k, label: t(`reports.preset.${k}`, { year, last: year - 1 }) }))] });
  const form = h('form', { class: 'card filters', novalidate: true, 'aria-label': t('reports.picker') },
    preset,
    h('div', { class: 'filter-row' },
      field({ name: 'from', label: t('reports.from'), type: 'date', required: true, value: from }),
      field({ name: 'to', label: t('reports.to'), type: 'date', required: true, value: to })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, t('reports.show'))));
  preset.control.addEventListener('change', () => {
    const range = choices[preset.control.value];
    if (!range) return;
    form.elements.namedItem('from').value = range[0];
    form.elements.namedItem('to').value = range[1];
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = { from: form.elements.namedItem('from').value, to: form.elements.namedItem('to').value };
    const commune = form.elements.namedItem('commune');
    if (commune && commune.value) query.commune = commune.value;
    navigate(withQuery('#/reports', query));
  });
  return form;
}

export async function render(view, ctx) {
  const asked = period(ctx.query);
  const { from, to } = asked;
  const result = h('div', { class: 'report-area' }, loading());
  const tools = h('div', { class: 'actions report-tools' });
  const form = picker(from, to);
  add(view, heading(t('reports.title')), h('p', { class: 'lead' }, t('reports.intro')), form, tools, result);
  let answer;
  try {
    answer = await get(withQuery('/api/v1/reports/summary', asked));
  } catch (error) {
    fill(result, loadFailure(error, t('reports.title')));
    return;
  }
  communeChooser(form, answer, asked.commune);
  add(tools,
    h('a', { class: 'button secondary', id: 'report-csv', href: withQuery('/api/v1/reports/summary.csv', asked), download: `bao-cao-${from}-${to}.csv` }, t('reports.csv')),
    h('a', { class: 'button secondary', id: 'report-print', href: withQuery('#/reports/print', asked) }, t('reports.print_view')));
  fill(result, reportBody(answer, from, to));
}
