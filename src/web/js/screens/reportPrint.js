// The report as the commune sends it up, on A4 (report.css): the heading of an administrative
// document (issuing body, Quốc hiệu), the title, the period and "Kính gửi", what "<5" and "x"
// mean, the totals, each breakdown once as a table (no chart: the paper carries the numbers
// only once), and the signatures of the officer who compiled it and of the head of the body.
// The recipient comes from the server's configuration (report.recipient) and can be changed
// before printing; the toolbar with the buttons stays on the screen.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, withQuery } from '../api.js';
import { heading } from '../router.js';
import { formatDate, formatDateTime } from '../format.js';
import { loadFailure, loading } from '../ui/notice.js';
import { blank, dateLine, documentHead, fillIn, issuerLines, paperStyles, placeName, printToolbar, signature } from '../ui/paper.js';
import { groupings, period, reportHeader, suppressionLegend, tableTitle, timeliness, totals } from './reports.js';

// A number or a suppression mark (short), rather than words ("Không công bố …").
const isMark = (v) => typeof v === 'number' || /^(\d+([.,]\d+)?|<\d+|x)$/.test(String(v));

// A table of counts, one row per category (hidden counts keep their mark). The caption names
// the breakdown; the column heads are printed once, above the totals, to save paper.
function countsTable(caption, rows, { key, heads = false } = {}) {
  return h('table', { class: 'paper-table', dataset: key ? { table: key } : null },
    caption ? h('caption', {}, caption) : null,
    heads ? h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reports.category')), h('th', { scope: 'col', class: 'num' }, t('reports.count')))) : null,
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', { class: isMark(r.value) ? 'num' : 'num num-words' }, String(r.value))))));
}

function purposeText(purpose) {
  return purpose ? label('report_paper.purpose', purpose) : '';
}

// The paper itself, for an answer and the recipient typed on the screen.
export function reportPaper(answer, asked, recipient) {
  const head = reportHeader(answer, asked.from, asked.to);
  const place = placeName(head.commune);
  const groups = groupings(answer);
  return h('article', { class: 'paper paper-report', 'aria-labelledby': 'page-title' },
    documentHead({ issuer: issuerLines(head.commune), kind: t('report_paper.kind'), place, date: false }),
    h('div', { class: 'paper-titles' },
      heading(t('report_paper.title')),
      h('p', { class: 'paper-subtitle' }, t('reports.print_title')),
      h('p', { class: 'paper-period' }, t('reports.period', { from: formatDate(head.from), to: formatDate(head.to) }))),
    h('p', { class: 'paper-to' }, t('report_paper.to'), ' ', recipient ? h('strong', {}, recipient) : blank(true)),
    h('p', { class: 'paper-note' }, [purposeText(head.purpose), head.generatedAt ? t('reports.generated', { time: formatDateTime(head.generatedAt) }) : ''].filter(Boolean).join(' ')),
    suppressionLegend(answer, { class: 'report-legend paper-legend' }),
    h('section', { class: 'paper-section', 'aria-labelledby': 'paper-totals' },
      h('h2', { id: 'paper-totals' }, t('report_group.totals')),
      countsTable('', [...totals(answer), ...timeliness(answer)], { heads: true })),
    h('section', { class: 'paper-section', 'aria-labelledby': 'paper-breakdowns' },
      h('h2', { id: 'paper-breakdowns' }, t('report_paper.breakdowns')),
      groups.length
        ? h('div', { class: 'paper-tables' }, groups.map((g) => countsTable(tableTitle(g.key), g.rows, { key: g.key })))
        : h('p', { class: 'empty' }, t('reports.no_groups'))),
    h('div', { class: 'paper-signatures' },
      signature(t('report_paper.maker'), t('paper.sign_hint')),
      h('div', { class: 'paper-sign-column' },
        dateLine(place),
        signature(t('report_paper.head'), t('paper.sign_seal_hint')))));
}

export async function render(view, ctx) {
  const asked = period(ctx.query);
  const result = h('div', { class: 'paper-area' }, loading());
  const toolbar = h('div', {});
  add(view, toolbar, result);
  let answer;
  try {
    [answer] = await Promise.all([get(withQuery('/api/v1/reports/summary', asked)), paperStyles()]);
  } catch (error) {
    fill(result, heading(t('reports.print_title')), loadFailure(error, t('reports.title')));
    return;
  }
  const draw = (recipient) => fill(result, reportPaper(answer, asked, recipient));
  const recipient = fillIn({
    name: 'recipient', label: t('report_paper.recipient_field'), hint: t('report_paper.recipient_hint'),
    value: reportHeader(answer).recipient, onChange: draw,
  });
  fill(toolbar, printToolbar(withQuery('#/reports', asked), t('reports.back'), recipient, h('p', { class: 'hint' }, t('paper.print_hint'))));
  draw(recipient.value());
  document.title = `${t('reports.print_title')} — ${t('app.name')}`;
}
