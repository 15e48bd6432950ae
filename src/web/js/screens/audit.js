// Nhật ký truy cập: the audit trail for oversight and admin — who did what, in which role, on
// which case code, when (no case content) — with filters and the hash-chain check
// (GET /audit/verify).

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, withQuery, itemsOf } from '../api.js';
import { heading, navigate } from '../router.js';
import { formatDateTime } from '../format.js';
import { field } from '../ui/form.js';
import { alertBox, errorText, loadFailure, loading } from '../ui/notice.js';
import { badge, emptyNote, pick, table } from '../ui/bits.js';

// The person filter: a pick-list of the people of the reader's commune (GET /audit/actors) by
// name, username and role; the id field of before when the list cannot be had.
function actorField(query, people) {
  if (!people) {
    return field({ name: 'actor', label: t('audit.actor_id'), type: 'number', value: query.actor || '', hint: t('audit.actor_hint'), attrs: { min: 1, inputmode: 'numeric' } });
  }
  const options = people
    .map((p) => ({ value: String(p.id), label: `${p.display_name || p.username} (${p.username}, ${label('role', p.role)})` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return field({ name: 'actor', label: t('audit.actor_pick'), type: 'select', value: query.actor || '', options: [{ value: '', label: t('filter.anyone') }, ...options] });
}

async function auditPeople() {
  try {
    return itemsOf(await get('/api/v1/audit/actors'));
  } catch {
    return null;
  }
}

function filters(query, people) {
  const form = h('form', { class: 'card filters', novalidate: true, 'aria-label': t('audit.filters') },
    h('div', { class: 'filter-row' },
      field({ name: 'case', label: t('audit.case'), value: query.case || '', hint: t('audit.case_hint') }),
      actorField(query, people),
      field({ name: 'from', label: t('reports.from'), type: 'date', value: query.from || '' }),
      field({ name: 'to', label: t('reports.to'), type: 'date', value: query.to || '' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, t('cases.apply')), h('a', { class: 'button secondary', href: '#/audit' }, t('cases.reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = {};
    for (const name of ['case', 'actor', 'from', 'to']) params[name] = form.elements.namedItem(name).value.trim();
    navigate(withQuery('#/audit', params));
  });
  return form;
}

function verifyBox() {
  const result = h('div', { class: 'verify-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button primary', id: 'audit-verify' }, t('audit.verify'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    fill(result, loading());
    try {
      const answer = await get('/api/v1/audit/verify');
      fill(result, answer && answer.ok
        ? alertBox('success', t('audit.verify_ok', { entries: pick(answer, ['entries'], 0) }))
        : alertBox('error', t('audit.verify_bad', { seq: pick(answer, ['first_bad'], '?') })));
    } catch (error) {
      fill(result, loadFailure(error, t('audit.verify')));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'verify-title' },
    h('h2', { id: 'verify-title' }, t('audit.verify_title')), h('p', { class: 'hint' }, t('audit.verify_explain')), button, result);
}

// "hoi.phunu (#2)": the username and the id the actor filter takes; "—" for no one (a failed
// sign-in has no actor).
function actorText(e) {
  const name = pick(e, ['actor', 'actor_username', 'username', 'actor.username'], '');
  const id = Number(pick(e, ['actor_id'], 0));
  if (!name && !id) return '—';
  return id ? `${name || '?'} (#${id})` : name;
}

function outcomeBadge(outcome) {
  if (!outcome) return '';
  return badge(outcome === 'ok' ? 'success' : outcome === 'error' ? 'danger' : 'warning', label('audit_outcome', outcome));
}

function entriesTable(items) {
  return table(t('audit.caption'), [
    { head: t('audit.time'), cell: (e) => formatDateTime(pick(e, ['at', 'time', 'created_at'])) },
    { head: t('audit.actor'), cell: (e) => actorText(e) },
    { head: t('audit.role'), cell: (e) => label('role', pick(e, ['role', 'actor_role', 'actor.role'], '')) },
    { head: t('audit.action'), cell: (e) => label('audit_action', pick(e, ['action'], '')) },
    { head: t('audit.case'), cell: (e) => String(pick(e, ['case_code', 'case', 'code'], '—')) },
    { head: t('audit.outcome'), cell: (e) => outcomeBadge(pick(e, ['outcome'], '')) },
    { head: t('audit.seq'), cell: (e) => String(pick(e, ['sequence', 'seq', 'id'], '')), class: 'num' },
  ], items, { class: 'audit-table' });
}

export async function render(view, ctx) {
  const q = ctx.query;
  const results = h('div', { 'aria-live': 'polite' }, loading());
  const filterArea = h('div', {});
  add(view, heading(t('audit.title')), h('p', { class: 'lead' }, t('audit.intro')), verifyBox(), filterArea, results);
  fill(filterArea, filters(q, await auditPeople()));
  const collected = [];
  async function loadPage(cursor) {
    try {
      const answer = await get(withQuery('/api/v1/audit', { case: q.case, actor: q.actor, from: q.from, to: q.to, limit: 100, cursor }));
      collected.push(...itemsOf(answer));
      fill(results, 
        collected.length ? entriesTable(collected) : emptyNote(t('audit.none')),
        answer && answer.next_cursor ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button secondary', onclick: () => loadPage(answer.next_cursor) }, t('cases.more'))) : null);
    } catch (error) {
      fill(results, error.status === 404 ? loadFailure(error, t('audit.title')) : alertBox('error', errorText(error)));
    }
  }
  await loadPage('');
}
