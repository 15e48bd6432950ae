// Vụ việc: the cases the caller may see, by code — never names (DESIGN §2) — with filters by
// status, stage and risk, "my cases" (opened by me or with an entry of mine), and a search by
// case code, name, phone or ID number that the server answers from blind indexes
// (diacritics-insensitive). The loaded rows can be sorted. Filters live in the hash, so Back
// works.

import { h, fill, add } from '../dom.js';
import { t } from '../i18n.js';
import { get, withQuery, itemsOf } from '../api.js';
import { heading, navigate } from '../router.js';
import { allows } from '../roles.js';
import { options as enumeration } from '../catalogue.js';
import { formatDateTime } from '../format.js';
import { field } from '../ui/form.js';
import { loadFailure, loading } from '../ui/notice.js';
import { caseLink, emptyNote, riskBadge, stagesList, statusBadge, table, typesText } from '../ui/bits.js';

// A filter's options: "any", then the catalogue's enumeration.
const options = (name) => [{ value: '', label: t('filter.any') }, ...enumeration(name)];

// The orders the list can be shown in; the server answers newest first.
const RISK_ORDER = ['critical', 'high', 'medium', 'low'];
const SORTS = {
  newest: () => 0,
  oldest: (a, b) => Number(a.id) - Number(b.id),
  updated: (a, b) => String(b.updated_at || b.created_at || '').localeCompare(String(a.updated_at || a.created_at || '')),
  risk: (a, b) => RISK_ORDER.indexOf(a.risk) - RISK_ORDER.indexOf(b.risk),
};

function sorted(items, sort) {
  const compare = SORTS[sort] || SORTS.newest;
  return [...items].sort((a, b) => compare(a, b) || Number(b.id) - Number(a.id));
}

function filterForm(query) {
  const form = h('form', { class: 'card filters', role: 'search', 'aria-label': t('cases.filters'), novalidate: true },
    field({ name: 'q', label: t('cases.search'), type: 'search', value: query.q || '', hint: t('cases.search_hint'), attrs: { autocomplete: 'off' } }),
    h('div', { class: 'filter-row' },
      field({ name: 'status', label: t('cases.status'), type: 'select', options: options('case_status'), value: query.status || '' }),
      field({ name: 'stage', label: t('cases.stage'), type: 'select', options: options('stage_status'), value: query.stage || '' }),
      field({ name: 'risk', label: t('cases.risk'), type: 'select', options: options('risk'), value: query.risk || '' }),
      field({
        name: 'sort', label: t('cases.sort'), type: 'select', value: query.sort || 'newest',
        options: Object.keys(SORTS).map((key) => ({ value: key, label: t(`cases.sort_${key}`) })),
      })),
    field({ name: 'mine', label: t('cases.mine'), type: 'checkbox', checked: query.mine === 'true', hint: t('cases.mine_hint') }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button primary' }, t('cases.apply')),
      h('a', { class: 'button secondary', href: '#/cases' }, t('cases.reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = {};
    for (const name of ['q', 'status', 'stage', 'risk']) params[name] = form.elements.namedItem(name).value.trim();
    params.sort = form.elements.namedItem('sort').value === 'newest' ? '' : form.elements.namedItem('sort').value;
    params.mine = form.elements.namedItem('mine').checked ? 'true' : '';
    navigate(withQuery('#/cases', params));
  });
  return form;
}

function casesTable(items) {
  return table(t('cases.caption'), [
    { head: t('case.code'), cell: (c) => caseLink(c, ['id']) },
    { head: t('case.village'), cell: (c) => c.village || (c.incident && c.incident.village) || (c.survivor && c.survivor.village) || '' },
    { head: t('case.types'), cell: (c) => typesText(c.types || (c.incident && c.incident.types)) },
    { head: t('case.risk'), cell: (c) => riskBadge(c.risk) },
    { head: t('case.status'), cell: (c) => statusBadge(c.status) },
    { head: t('case.stages'), cell: (c) => stagesList(c.stages) },
    { head: t('case.updated'), cell: (c) => formatDateTime(c.updated_at || c.created_at) },
  ], items, { class: 'cases-table' });
}

export async function render(view, ctx) {
  const query = ctx.query;
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  add(view, heading(t('cases.title')),
    allows(ctx.user, 'case.create') ? h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/cases/new' }, t('nav.intake'))) : null,
    filterForm(query), results);

  const collected = [];
  async function loadPage(cursor) {
    const path = withQuery('/api/v1/cases', {
      q: query.q, status: query.status, stage: query.stage, risk: query.risk, mine: query.mine, limit: 50, cursor,
    });
    let answer;
    try {
      answer = await get(path);
    } catch (error) {
      fill(results, loadFailure(error, t('cases.title')));
      return;
    }
    collected.push(...itemsOf(answer));
    const more = answer && answer.next_cursor
      ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button secondary', id: 'cases-more', onclick: () => loadPage(answer.next_cursor) }, t('cases.more')))
      : null;
    fill(results, 
      h('p', { class: 'result-count' }, t('cases.count', { count: collected.length })),
      collected.length ? casesTable(sorted(collected, query.sort)) : emptyNote(t('cases.none')),
      more);
  }
  await loadPage('');
}
