// Việc của tôi: what waits for the caller — incoming referrals to accept or decline (with the
// referring agency's reason and a summary without names, GET /api/v1/referrals: the case
// itself opens only once accepted), overdue items and those due in the next 7 days (later ones
// folded away), protection requests with a live countdown of their 12 hours, contact
// prohibitions ending within 24 hours or lapsed, the chair's requests to approve closing a case,
// and the court's contact prohibitions in force (GET /api/v1/dashboard). A section the answer
// does not carry for the caller (closure_requests, court_orders) is not shown; the requests to
// refer an earlier case of the same survivor (issue 21, case/earlierRequests.js) only when any wait.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get } from '../api.js';
import { heading, navigate } from '../router.js';
import { allows } from '../roles.js';
import { addDays, formatDate, formatDateTime, serverNow, todayVietnam } from '../format.js';
import { flash, loadFailure, loading } from '../ui/notice.js';
import { badge, caseLink, decisionCountdown, emptyNote, orderCountdown, pick, pickArray } from '../ui/bits.js';
import { incomingReferrals, referralItem } from '../case/referral.js';
import { earlierRequestItem, incomingEarlierRequests } from '../case/earlierRequests.js';

// "Due soon" is the next 7 days; anything later is only counted, folded away.
const SOON_DAYS = 7;

function section(id, title, count, body) {
  return h('section', { class: 'card dash-section', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title, ' ', h('span', { class: 'count' }, t('dashboard.count', { count }))),
    body);
}

function dueItem(item, overdue) {
  return h('li', { class: 'dash-item', dataset: { due: pick(item, ['due', 'due_date']) } },
    h('p', { class: 'dash-line' }, caseLink(item), ' ', label('event', pick(item, ['type', 'event_type'])), ' ',
      overdue ? badge('danger', t('due.overdue')) : badge(pick(item, ['state']) === 'due_today' ? 'warning' : 'info', label('due', pick(item, ['state'], 'upcoming')))),
    h('p', { class: 'dash-detail' }, t('due.on', { date: formatDate(pick(item, ['due', 'due_date'])) })));
}

// The deadline of a request: the server's, else 12 hours from when it was made.
function deadlineOf(item) {
  const deadline = pick(item, ['deadline']);
  if (deadline) return deadline;
  const at = Date.parse(pick(item, ['requested_at', 'at']));
  if (!Number.isNaN(at)) return new Date(at + 12 * 3600000).toISOString();
  const hours = Number(pick(item, ['hours_left'], NaN));
  return Number.isNaN(hours) ? '' : new Date(serverNow() + hours * 3600000).toISOString();
}

function requestItem(item) {
  const deadline = deadlineOf(item);
  return h('li', { class: 'dash-item request' },
    h('p', { class: 'dash-line' }, caseLink(item), ' ', t('protection.request_title')),
    h('p', { class: 'dash-detail' }, t('protection.requested_at', { time: formatDateTime(pick(item, ['requested_at', 'at'])) }),
      deadline ? [' · ', t('protection.decide_by', { time: formatDateTime(deadline) })] : null),
    deadline ? h('div', { class: 'hours-left' }, decisionCountdown(deadline)) : null);
}

function orderItem(item) {
  const state = pick(item, ['state'], 'ending_soon');
  const ends = pick(item, ['ends', 'ends_at']);
  return h('li', { class: 'dash-item' },
    h('p', { class: 'dash-line' }, caseLink(item), ' ', t('protection.order_title'), ' ',
      badge(state === 'lapsed' ? 'danger' : 'warning', label('order', state))),
    h('p', { class: 'dash-detail' }, t('protection.ends_at', { time: formatDateTime(ends) })),
    ends ? h('div', { class: 'hours-left' }, orderCountdown(ends)) : null);
}

// A request to approve closing a case: its decision form opens on the case page.
function closureRequestItem(item) {
  const caseId = pick(item, ['case_id']);
  const eventId = pick(item, ['event_id']);
  return h('li', { class: 'dash-item closure-request', dataset: { event: eventId } },
    h('p', { class: 'dash-line' }, caseLink(item), ' ', t('closure_request.pending_title')),
    h('p', { class: 'dash-detail' }, t('closure_request.requested_at', { time: formatDateTime(pick(item, ['requested_at', 'at'])) })),
    caseId && eventId ? h('div', { class: 'actions' }, h('a', {
      class: 'button primary small', dataset: { action: 'decide-closure' },
      href: `#/cases/${encodeURIComponent(caseId)}?closure_request=${encodeURIComponent(eventId)}`,
    }, t('timeline.decide_closure'))) : null);
}

// A court's contact prohibition (Law 13/2022 art. 26): in force, ending within 7 days, or not
// yet in force.
function courtOrderItem(item) {
  const starts = pick(item, ['starts']);
  const state = starts > todayVietnam(serverNow()) ? 'not_started' : pick(item, ['state'], 'active');
  return h('li', { class: 'dash-item court-order', dataset: { state } },
    h('p', { class: 'dash-line' }, caseLink(item), ' ',
      badge(state === 'ending_soon' ? 'warning' : 'info', label('court_order_state', state))),
    h('p', { class: 'dash-detail' }, t('dashboard.court_order_period', { starts: formatDate(starts), ends: formatDate(pick(item, ['ends'])) })));
}

function list(items, render, emptyText, ...extra) {
  return items.length ? h('ul', { class: 'dash-list' }, items.map((item) => render(item, ...extra))) : emptyNote(emptyText);
}

// Due items in three groups: overdue (the server's state, or a date already past), due within
// the next 7 days, and later — each soonest first.
function dueGroups(items) {
  const today = todayVietnam(serverNow());
  const horizon = addDays(today, SOON_DAYS);
  const dueOf = (i) => String(pick(i, ['due', 'due_date']));
  const sorted = [...items].sort((a, b) => dueOf(a).localeCompare(dueOf(b)));
  const overdue = sorted.filter((i) => i.state === 'overdue' || (i.state !== 'due_today' && dueOf(i) < today));
  const rest = sorted.filter((i) => !overdue.includes(i));
  return {
    overdue,
    soon: rest.filter((i) => dueOf(i) <= horizon),
    later: rest.filter((i) => dueOf(i) > horizon),
  };
}

// The items due after the next 7 days: a count, the list folded under it.
function laterSection(later) {
  if (!later.length) return null;
  return h('details', { class: 'card dash-section dash-later', id: 'dash-later' },
    h('summary', {}, h('span', { class: 'dash-later-title' }, t('dashboard.later', { count: later.length }))),
    h('ul', { class: 'dash-list' }, later.map((item) => dueItem(item, false))));
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
  // Requests to refer an earlier case of the same survivor (issue 21), shown when there are any.
  let earlier = [];
  let earlierError = null;
  try {
    earlier = await incomingEarlierRequests(ctx.user);
  } catch (error) {
    earlierError = loadFailure(error, t('earlier.dash_title'));
  }
  const dueAll = [...(pickArray(dash, ['due', 'due_items', 'due_soon']) || []), ...(pickArray(dash, ['overdue', 'overdue_items']) || [])];
  const { overdue, soon, later } = dueGroups(dueAll);
  const requests = pickArray(dash, ['protection_requests', 'pending_protection_requests']) || [];
  const orders = pickArray(dash, ['orders', 'protection_orders', 'orders_ending']) || [];
  const sections = [];
  if (receives) {
    const accepted = (caseId) => {
      flash('success', t('referral.accepted'));
      navigate(`#/cases/${encodeURIComponent(caseId)}`);
    };
    sections.push(section('dash-referrals', t('dashboard.referrals'), referrals.length,
      referralError || list(referrals, referralItem, t('dashboard.no_referrals'), accepted)));
  }
  sections.push(
    section('dash-overdue', t('dashboard.overdue'), overdue.length, list(overdue, dueItem, t('dashboard.no_overdue'), true)),
    section('dash-due', t('dashboard.due_week'), soon.length, list(soon, dueItem, t('dashboard.no_due_week'), false)),
    section('dash-requests', t('dashboard.requests'), requests.length, list(requests, requestItem, t('dashboard.no_requests'))),
    section('dash-orders', t('dashboard.orders'), orders.length, list(orders, orderItem, t('dashboard.no_orders'))));
  // Without referrals to answer, the protection requests (the 12-hour clock) come first.
  if (!receives) sections.unshift(sections.splice(2, 1)[0]);
  const closureRequests = pickArray(dash, ['closure_requests']);
  // The chair decides them: an agency's dashboard shows the list only when it holds any.
  if (closureRequests && (closureRequests.length || !receives)) {
    sections.splice(1, 0, section('dash-closure-requests', t('dashboard.closure_requests'), closureRequests.length,
      list(closureRequests, closureRequestItem, t('dashboard.no_closure_requests'))));
  }
  const courtOrders = pickArray(dash, ['court_orders']);
  if (courtOrders) sections.push(section('dash-court-orders', t('dashboard.court_orders'), courtOrders.length, list(courtOrders, courtOrderItem, t('dashboard.no_court_orders'))));
  if (earlier.length || earlierError) {
    sections.splice(receives ? 1 : 0, 0, section('dash-earlier', t('earlier.dash_title'), earlier.length, earlierError || list(earlier, earlierRequestItem, '')));
  }
  fill(body, ...sections, laterSection(later));
}
