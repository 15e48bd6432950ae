// Việc của tôi: what waits for the caller — incoming referrals to accept or decline (with the
// referring agency's reason and a summary without names, GET /api/v1/referrals: the case
// itself opens only once accepted), due and overdue follow-ups, protection requests with the
// hours left of their 12, and contact prohibitions ending within 24 hours or lapsed
// (GET /api/v1/dashboard).

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, itemsOf } from '../api.js';
import { heading, navigate } from '../router.js';
import { allows } from '../roles.js';
import { formatDate, formatDateTime, splitHours } from '../format.js';
import { field, submitButton, clearErrors, requireFilled, value } from '../ui/form.js';
import { alertBox, errorText, flash, loadFailure, loading } from '../ui/notice.js';
import { badge, caseLink, emptyNote, pick, pickArray, riskBadge, statusBadge, typesText } from '../ui/bits.js';

function section(id, title, count, body) {
  return h('section', { class: 'card dash-section', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title, ' ', h('span', { class: 'count' }, t('dashboard.count', { count }))),
    body);
}

function declineForm(referral, row) {
  const form = h('form', { class: 'inline-form', novalidate: true },
    field({ name: 'reason', label: t('referral.decline_reason'), type: 'textarea', required: true, rows: 2 }),
    h('div', { class: 'actions' }, submitButton(t('referral.decline_confirm'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!requireFilled(form, ['reason'])) return;
    try {
      await post(`/api/v1/referrals/${encodeURIComponent(referral.id)}/decline`, { reason: value(form, 'reason') });
      fill(row, alertBox('success', t('referral.declined', { code: pick(referral, ['case_code', 'code']) })));
    } catch (error) {
      add(form, alertBox('error', errorText(error, null, true)));
    }
  });
  return form;
}

// What the referring agency said and the case without names: enough to decide.
function referralSummary(referral) {
  const summary = referral.case_summary || {};
  const risk = summary.risk || referral.risk;
  const child = summary.child ?? referral.child;
  const rows = [
    summary.village ? [t('case.village'), summary.village] : null,
    Array.isArray(summary.types) && summary.types.length ? [t('case.types'), typesText(summary.types)] : null,
    risk ? [t('case.risk'), riskBadge(risk)] : null,
    summary.case_status ? [t('case.status'), statusBadge(summary.case_status)] : null,
    child ? [t('person.child'), badge('warning', t('case.child_case'))] : null,
  ].filter(Boolean);
  return [
    pick(referral, ['reason']) ? h('p', { class: 'dash-detail referral-reason' }, t('referral.reason', { reason: pick(referral, ['reason']) })) : null,
    rows.length ? h('dl', { class: 'facts compact referral-summary' }, rows.map(([term, v]) => [h('dt', {}, term), h('dd', {}, v)])) : null,
  ];
}

function referralItem(referral) {
  const row = h('li', { class: 'dash-item referral' });
  const id = pick(referral, ['id', 'referral_id']);
  const caseId = pick(referral, ['case_id', 'case.id']);
  const accept = h('button', { type: 'button', class: 'button primary', dataset: { action: 'accept' } }, t('referral.accept'));
  const decline = h('button', { type: 'button', class: 'button secondary', dataset: { action: 'decline' } }, t('referral.decline'));
  // Until it is accepted the case is hidden from this agency (a 404): its code is not a link.
  const code = h('span', { class: 'case-code' }, pick(referral, ['case_code', 'code', 'case.code'], t('case.no_code')));
  accept.addEventListener('click', async () => {
    accept.disabled = true;
    try {
      await post(`/api/v1/referrals/${encodeURIComponent(id)}/accept`, {});
      flash('success', t('referral.accepted'));
      code.replaceWith(caseLink(referral));
      if (caseId) navigate(`#/cases/${encodeURIComponent(caseId)}`);
    } catch (error) {
      accept.disabled = false;
      add(row, alertBox('error', errorText(error, null, true)));
    }
  });
  decline.addEventListener('click', () => {
    decline.disabled = true;
    add(row, declineForm({ ...referral, id }, row));
    row.querySelector('textarea').focus();
  });
  const mandatory = pick(referral, ['mandatory'], false);
  add(row,
    h('p', { class: 'dash-line' }, code, ' ',
      t('referral.from', { agency: label('agency', pick(referral, ['from', 'from_agency'])) }),
      mandatory ? [' ', badge('warning', t('referral.mandatory'))] : null),
    referralSummary(referral),
    h('p', { class: 'dash-detail muted' }, formatDateTime(pick(referral, ['referred_at', 'created_at', 'at', 'since']))),
    h('div', { class: 'actions' }, accept, decline));
  return row;
}

function dueItem(item, overdue) {
  return h('li', { class: 'dash-item' },
    h('p', { class: 'dash-line' }, caseLink(item), ' ', label('event', pick(item, ['type', 'event_type'])), ' ',
      overdue ? badge('danger', t('due.overdue')) : badge(pick(item, ['state']) === 'due_today' ? 'warning' : 'info', label('due', pick(item, ['state'], 'upcoming')))),
    h('p', { class: 'dash-detail' }, t('due.on', { date: formatDate(pick(item, ['due', 'due_date'])) })));
}

function hoursLeftView(item) {
  const hours = Number(pick(item, ['hours_left'], NaN));
  if (Number.isNaN(hours)) return null;
  const { hours: hh, minutes } = splitHours(hours);
  const late = hours <= 0;
  return h('div', { class: 'hours-left' },
    late ? badge('danger', t('protection.deadline_passed')) : badge(hours <= 3 ? 'danger' : 'warning', t('protection.hours_left', { hours: hh, minutes })),
    h('meter', { min: 0, max: 12, low: 3, high: 6, optimum: 12, value: Math.max(0, Math.min(12, hours)), 'aria-label': t('protection.of_twelve') }));
}

function requestItem(item) {
  return h('li', { class: 'dash-item' },
    h('p', { class: 'dash-line' }, caseLink(item), ' ', t('protection.request_title')),
    h('p', { class: 'dash-detail' }, t('protection.requested_at', { time: formatDateTime(pick(item, ['requested_at', 'at'])) })),
    hoursLeftView(item));
}

function orderItem(item) {
  const state = pick(item, ['state'], 'ending_soon');
  return h('li', { class: 'dash-item' },
    h('p', { class: 'dash-line' }, caseLink(item), ' ', t('protection.order_title'), ' ',
      badge(state === 'lapsed' ? 'danger' : 'warning', label('order', state))),
    h('p', { class: 'dash-detail' }, t('protection.ends_at', { time: formatDateTime(pick(item, ['ends', 'ends_at'])) })));
}

function list(items, render, emptyText, ...extra) {
  return items.length ? h('ul', { class: 'dash-list' }, items.map((item) => render(item, ...extra))) : emptyNote(emptyText);
}

// The incoming referrals with their reason and summary (the dashboard lists them without).
async function incomingReferrals() {
  return itemsOf(await get('/api/v1/referrals?direction=incoming'));
}

export async function render(view, ctx) {
  const body = h('div', { class: 'dashboard' }, loading());
  const receives = allows(ctx.user, 'referral.incoming');
  const quick = h('div', { class: 'actions' },
    allows(ctx.user, 'case.create') ? h('a', { class: 'button primary', href: '#/cases/new' }, t('nav.intake')) : null,
    allows(ctx.user, 'case.list') ? h('a', { class: 'button secondary', href: '#/cases' }, t('nav.cases')) : null);
  add(view, heading(t('dashboard.title')), h('p', { class: 'lead' }, t(`dashboard.intro.${receives ? 'agency' : 'leader'}`)), quick, body);
  let dash;
  try {
    dash = await get('/api/v1/dashboard');
  } catch (error) {
    fill(body, loadFailure(error, t('dashboard.title')));
    return;
  }
  let referrals = [];
  let referralError = null;
  try {
    if (receives) referrals = await incomingReferrals();
  } catch (error) {
    referralError = loadFailure(error, t('dashboard.referrals'));
  }
  const dueAll = pickArray(dash, ['due', 'due_items', 'due_soon']) || [];
  const overdue = pickArray(dash, ['overdue', 'overdue_items']) || dueAll.filter((i) => i.state === 'overdue');
  const due = dueAll.filter((i) => i.state !== 'overdue');
  const requests = pickArray(dash, ['protection_requests', 'pending_protection_requests']) || [];
  const orders = pickArray(dash, ['orders', 'protection_orders', 'orders_ending']) || [];
  const sections = [];
  if (receives) {
    sections.push(section('dash-referrals', t('dashboard.referrals'), referrals.length,
      referralError || list(referrals, referralItem, t('dashboard.no_referrals'))));
  }
  sections.push(
    section('dash-overdue', t('dashboard.overdue'), overdue.length, list(overdue, dueItem, t('dashboard.no_overdue'), true)),
    section('dash-due', t('dashboard.due'), due.length, list(due, dueItem, t('dashboard.no_due'), false)),
    section('dash-requests', t('dashboard.requests'), requests.length, list(requests, requestItem, t('dashboard.no_requests'))),
    section('dash-orders', t('dashboard.orders'), orders.length, list(orders, orderItem, t('dashboard.no_orders'))));
  // Without referrals to answer, the protection requests (the 12-hour clock) come first.
  if (!receives) sections.unshift(sections.splice(2, 1)[0]);
  fill(body, ...sections);
}
