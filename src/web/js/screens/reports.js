// Báo cáo: the periodic statistics (GET /reports/summary?from=&to=) for social, leader and
// oversight — a period picker, a bar chart and a table per grouping, CSV download and a print
// view (#/reports/print, reportPrint.js). No identities; small counts arrive as "<5" and the
// cells hidden so that no "<5" can be worked out from a total as "x" (core/report/Suppression).

import { h, fill, add } from '../dom.js';
import { t, label, has, language } from '../i18n.js';
import { get, withQuery } from '../api.js';
import { heading, navigate } from '../router.js';
import { formatDate, formatDateTime, todayVietnam } from '../format.js';
import { field } from '../ui/form.js';
import { loadFailure, loading } from '../ui/notice.js';
import { barChart } from '../ui/charts.js';
import { pick, table } from '../ui/bits.js';
import { paperStyles } from '../ui/paper.js';

// The words of each table's categories, by the server's table key (core/report/ReportModel):
// a category is looked up in its own table's group first, so "other" reads "Biện pháp khác"
// among police measures and "Khác" among forms of violence. Villages are names, shown as sent.
const CATEGORY_LABELS = {
  by_type: 'violence',
  by_sex: 'sex',
  perpetrators_by_sex: 'sex',
  by_age_band: 'report_age',
  by_relationship: 'relationship',
  by_agency: 'agency',
  reporting_delay: 'report_delay',
  interventions: 'choice.action',
  mediation: 'choice.outcome',
  legal_aid: 'choice.legal_aid_kind',
  support: 'choice.support_kind',
  protection: 'report_protection',
  referrals: 'report_referral',
  closed_by_reason: 'closure',
  by_channel: 'channel',
  hours_to_police: 'timeliness_bucket',
  hours_to_decision: 'timeliness_bucket',
  hours_to_acceptance: 'timeliness_bucket',
  hours_to_union: 'timeliness_bucket',
  survivor_feedback: 'feedback',
};
// Groups tried for a table this screen does not know yet (older or newer servers).
const FALLBACK_GROUPS = ['violence', 'sex', 'agency', 'event', 'choice.support_kind', 'choice.action', 'choice.outcome', 'status', 'stage', 'risk', 'report_age', 'closure'];
// Parts of the answer that are not breakdowns: the header, the totals, the time to act and
// the suppression rule are shown in their own places.
const NOT_TABLES = new Set(['commune', 'communes', 'commune_name', 'recipient', 'report_to', 'from', 'to', 'period', 'generated_at', 'header', 'totals', 'timeliness', 'suppression']);

// A cell of two parts ('felt_safe|yes': a question and its answer) reads 'feedback.felt_safe.yes'.
export function categoryLabel(tableKey, cell) {
  const value = String(cell).replace('|', '.');
  const own = CATEGORY_LABELS[tableKey];
  if (own && has(`${own}.${value}`)) return label(own, value);
  for (const group of FALLBACK_GROUPS) if (has(`${group}.${value}`)) return label(group, value);
  return String(cell);
}

export function tableTitle(key) {
  return label('report_group', key);
}

// A published count: a number, "<5" (1 to 4) or "x" (hidden so no "<5" can be worked out).
const isCount = (v) => typeof v === 'number' || v === '<5' || v === 'x' || (typeof v === 'string' && /^\d+$/.test(v));

// Every flat {category: count} map in the answer (one level of nesting looked into), and
// arrays of {key|name|value, count} turned into such maps, in the server's order (fixed
// category lists: age bands and delays read in their natural order). Each table once.
export function groupings(answer) {
  const out = [];
  const visit = (key, v, depth) => {
    if (NOT_TABLES.has(key) || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      const rows = v.filter((x) => x && typeof x === 'object' && isCount(x.count));
      if (rows.length) out.push({ key, rows: rows.map((x) => ({ label: categoryLabel(key, pick(x, ['key', 'name', 'value', 'label', 'band', 'type'])), value: x.count })) });
      return;
    }
    const entries = Object.entries(v);
    if (entries.length && entries.every(([, x]) => isCount(x))) {
      out.push({ key, rows: entries.map(([k, x]) => ({ label: categoryLabel(key, k), value: x })) });
    } else if (depth < 2) {
      for (const [k, x] of entries) visit(k, x, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(answer || {})) visit(k, v, 0);
  return out;
}

export function totals(answer) {
  const source = answer && typeof answer.totals === 'object' ? answer.totals : answer || {};
  return Object.entries(source).filter(([k, v]) => !NOT_TABLES.has(k) && isCount(v))
    .map(([k, v]) => ({ key: k, label: label('report_total', k), value: v }));
}

// The time from a report to the first action: [{label, value}] (the median is withheld by the
// server when it rests on 1 to 4 cases, and absent when no case had an action).
export function timeliness(answer) {
  const time = answer && answer.timeliness;
  if (!time || typeof time !== 'object') return [];
  const rows = [];
  if (isCount(time.cases_with_first_action)) rows.push({ label: t('report_time.cases_with_first_action'), value: time.cases_with_first_action });
  if ('median_days_to_first_action' in time) {
    const median = time.median_days_to_first_action;
    const hidden = time.cases_with_first_action === '<5' || time.cases_with_first_action === 'x';
    rows.push({
      label: t('report_time.median_days'),
      value: typeof median === 'number' ? median.toLocaleString(language() === 'en' ? 'en-GB' : 'vi-VN') : t(hidden ? 'report_time.withheld' : 'report_time.none'),
    });
  }
  return rows;
}

// The suppression rule as the answer states it ({small: "<5", hidden: "x"}): the marks and N,
// the first count that is published as it is.
export function suppressionRule(answer) {
  const rule = (answer && answer.suppression) || {};
  const small = typeof rule.small === 'string' ? rule.small : '<5';
  const limit = Number((/\d+/.exec(small) || ['5'])[0]);
  return { small, hidden: typeof rule.hidden === 'string' ? rule.hidden : 'x', limit, max: limit - 1 };
}

// What "<5" and "x" mean, in words, for the screen and for the paper.
export function suppressionLegend(answer, attrs = {}) {
  const rule = suppressionRule(answer);
  return h('div', { class: 'report-legend', ...attrs },
    h('p', { class: 'report-legend-title' }, t('reports.legend_title')),
    h('ul', {},
      h('li', {}, h('strong', { class: 'legend-mark' }, rule.small), ': ', t('reports.legend_small', rule)),
      h('li', {}, h('strong', { class: 'legend-mark' }, rule.hidden), ': ', t('reports.legend_hidden', rule))));
}

// The header of the answer, read tolerantly.
export function reportHeader(answer, from, to) {
  const header = (answer && answer.header) || {};
  return {
    commune: String(pick(answer, ['header.commune', 'commune_name', 'commune', 'header.commune_name'])),
    recipient: String(pick(answer, ['header.recipient', 'recipient', 'report_to', 'header.report_to'])),
    from: header.from || from,
    to: header.to || to,
    generatedAt: header.generated_at || '',
    purpose: header.purpose || '',
  };
}

function countsTable(title, rows, attrs = {}) {
  return table(title, [{ head: t('reports.category'), cell: (r) => r.label }, { head: t('reports.count'), cell: (r) => String(r.value), class: 'num' }], rows, attrs);
}

export function reportBody(answer, from, to) {
  const head = reportHeader(answer, from, to);
  const groups = groupings(answer);
  const time = timeliness(answer);
  return h('div', { class: 'report' },
    h('div', { class: 'report-header card' },
      head.commune ? h('p', { class: 'report-commune' }, head.commune) : null,
      h('p', {}, t('reports.period', { from: formatDate(head.from), to: formatDate(head.to) })),
      head.recipient ? h('p', {}, t('reports.recipient', { recipient: head.recipient })) : null,
      head.generatedAt ? h('p', { class: 'hint' }, t('reports.generated', { time: formatDateTime(head.generatedAt) })) : null,
      suppressionLegend(answer)),
    h('ul', { class: 'stat-tiles' }, [...totals(answer), ...time].map((r) =>
      h('li', { class: 'stat' }, h('span', { class: 'stat-value' }, String(r.value)), h('span', { class: 'stat-label' }, r.label)))),
    groups.map((g, i) => {
      const title = tableTitle(g.key);
      return h('section', { class: 'card report-group', 'aria-labelledby': `group-${i}`, dataset: { table: g.key } },
        h('h2', { id: `group-${i}` }, title),
        barChart(title, g.rows),
        countsTable(title, g.rows, { class: 'report-table' }));
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
  paperStyles(); // the legend's look, and a shorter paper if this screen itself is printed
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
