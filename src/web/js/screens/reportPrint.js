// The print view of a report: the same content without navigation, laid out for paper
// (style.css hides the frame when <body> has class print-view, and in @media print).

import { h, fill, add } from '../dom.js';
import { t } from '../i18n.js';
import { get, withQuery } from '../api.js';
import { heading } from '../router.js';
import { loadFailure, loading } from '../ui/notice.js';
import { period, reportBody } from './reports.js';

export async function render(view, ctx) {
  const asked = period(ctx.query);
  const { from, to } = asked;
  const result = h('div', {}, loading());
  const print = h('button', { type: 'button', class: 'button primary', id: 'print-now', onclick: () => window.print() }, t('reports.print'));
  add(view, 
    h('div', { class: 'actions no-print' }, print, h('a', { class: 'button secondary', href: withQuery('#/reports', asked) }, t('reports.back'))),
    heading(t('reports.print_title')), result);
  try {
    fill(result, reportBody(await get(withQuery('/api/v1/reports/summary', asked)), from, to));
  } catch (error) {
    fill(result, loadFailure(error, t('reports.title')));
  }
}
