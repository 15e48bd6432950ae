// The timeline of a case (GET /cases/{id}/events): each event with its time, type, who
// recorded it, its details in words (the catalogue's labels), and its due date; newest first,
// with a switch to oldest first (remembered for this page load only, never stored). A pending
// protection request counts down its 12 hours live. Buttons appear only where the server
// allows them: "done" when the entry's own "allowed_actions" has it, and the decision on a
// pending protection request or the revocation of a granted order when the case answer allows
// that event type.
// Corrections and voids (when the server sends them): an entry superseded by a correction
// ("superseded_by") or voided as mistaken ("voided": {at, by, reason}) stays, struck through
// and muted with its reason; a correction ("corrects") names the entry it replaces.
// A decision shows who has received it and who is still awaited, with a way to record each
// delivery when the case answer allows it, and a refusal its reasons (case/deliveries.js);
// details withheld from the caller ("withheld") are named, not hidden silently.

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { eventLabel } from '../catalogue.js';
import { detailRows, eventAuthor, eventId } from '../ui/eventWords.js';
import { formatDate, formatDateTime, todayVietnam } from '../format.js';
import { badge, decisionCountdown, moreMenu, pick } from '../ui/bits.js';
import { deliveriesView, refusalReasons } from './deliveries.js';

// The reader's choice of order, for this page load only.
let oldestFirst = false;

// The details in words, who recorded an entry, and its id: the papers' own (ui/eventWords.js).
const idOf = eventId;

const isDone = (ev) => Boolean(ev.done || ev.done_at || ev.due_state === 'done');

function dueView(ev) {
  const due = pick(ev, ['due', 'due_date']);
  if (!due) return null;
  const done = isDone(ev);
  const state = done ? 'done' : pick(ev, ['due_state'], due < todayVietnam() ? 'overdue' : due === todayVietnam() ? 'due_today' : 'upcoming');
  const tone = { done: 'success', overdue: 'danger', due_today: 'warning', upcoming: 'info' }[state] || 'info';
  return h('p', { class: 'due-line' }, t('due.on', { date: formatDate(due) }), ' ', badge(tone, label('due', state)));
}

const timeOf = (ev) => Date.parse(ev.at || ev.created_at || '') || 0;

function ordered(events) {
  const sorted = [...events].sort((a, b) => timeOf(a) - timeOf(b) || Number(idOf(a)) - Number(idOf(b)));
  return oldestFirst ? sorted : sorted.reverse();
}

// Moves to another entry of the timeline (not a #fragment: the hash is the router's).
function jumpButton(id, text) {
  return h('button', {
    type: 'button', class: 'button link small', dataset: { jump: id },
    onclick: () => {
      const target = document.getElementById(`event-${id}`);
      if (!target) return;
      target.scrollIntoView({ block: 'center' });
      target.focus();
    },
  }, text);
}

const voidOf = (ev) => (ev.voided && typeof ev.voided === 'object' ? ev.voided : null);
const personOf = (p) => (p ? [p.display_name || p.username, p.role ? label('role', p.role) : ''].filter(Boolean).join(' · ') : '');

// Who voided an entry and when: "(Nguyễn Thị Lan · Hội LHPN xã, 17:40 03/12/2026)".
function voidedBy(voided) {
  const who = [personOf(voided.by), voided.at ? formatDateTime(voided.at) : ''].filter(Boolean).join(', ');
  return who ? h('span', { class: 'muted' }, ` (${who})`) : null;
}

// The lines that tie corrections and voids together. A corrected entry is voided by its
// correction (superseded_by names it); one voided alone was a mistake.
function revisionNotes(ev) {
  const notes = [];
  const voided = voidOf(ev);
  const reason = voided && (voided.reason || t('common.not_given'));
  if (ev.corrects) notes.push(h('p', { class: 'revision-note corrects' }, t('timeline.corrects'), ' ', jumpButton(String(ev.corrects), t('event.ref', { id: ev.corrects }))));
  if (ev.superseded_by) {
    notes.push(h('p', { class: 'revision-note superseded' }, t('timeline.superseded'), ' ', jumpButton(String(ev.superseded_by), t('event.ref', { id: ev.superseded_by }))));
    if (voided) notes.push(h('p', { class: 'revision-note superseded-reason' }, t('timeline.correct_reason', { reason }), voidedBy(voided)));
  } else if (voided) {
    notes.push(h('p', { class: 'revision-note voided' }, t('timeline.void_reason', { reason }), voidedBy(voided)));
  }
  return notes;
}

// The deadline of a pending request: the server's, else 12 hours after it was made.
function requestDeadline(ev) {
  const deadline = ev.protection && ev.protection.deadline;
  if (deadline) return deadline;
  const at = timeOf(ev);
  return at ? new Date(at + 12 * 3600000).toISOString() : '';
}

// Which requests are decided and which decisions revoked, from the entries themselves and the
// server's protection ledger.
function protectionState(events) {
  const decided = new Set();
  const revoked = new Set();
  for (const e of events) {
    const d = e.details || {};
    if (e.type === 'protection.decision' && d.request_event != null) decided.add(String(d.request_event));
    if (e.type === 'protection.revoke' && d.decision_event != null) revoked.add(String(d.decision_event));
    if (e.protection && e.protection.decision_event) decided.add(idOf(e));
    if (e.protection && e.protection.revoke_event) revoked.add(idOf(e));
  }
  return { decided, revoked };
}

// The requests to close (closure.request) with no decision yet (closure.decision answers one
// by its request_event), voided or corrected ones aside.
export function pendingClosureRequests(events) {
  const decided = new Set(events.filter((e) => e.type === 'closure.decision' && !voidOf(e) && !e.superseded_by && e.details && e.details.request_event != null)
    .map((e) => String(e.details.request_event)));
  return events.filter((e) => e.type === 'closure.request' && !decided.has(idOf(e)) && !voidOf(e) && !e.superseded_by).map(idOf);
}

// The pending protection requests of a timeline (the case page shows their countdown on top).
export function pendingRequests(events) {
  const { decided } = protectionState(events);
  return events.filter((e) => e.type === 'protection.request' && !decided.has(idOf(e)) && !voidOf(e) && !e.superseded_by)
    .map((e) => ({ id: idOf(e), deadline: requestDeadline(e) }));
}

function entry(ev, opts, state, mayAdd, events) {
  const id = idOf(ev);
  const details = ev.details || {};
  const reasons = refusalReasons(ev);
  // A refusal's reasons are said as such, not again among the details.
  const shownDetails = reasons ? Object.fromEntries(Object.entries(details).filter(([k]) => k !== 'reason')) : details;
  const struck = Boolean(voidOf(ev) || ev.superseded_by);
  const buttons = [];
  if ((ev.allowed_actions || []).includes('done')) {
    buttons.push(h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'done', event: id }, onclick: () => opts.onDone(id) }, t('timeline.mark_done')));
  }
  const pending = ev.type === 'protection.request' && !state.decided.has(id) && !struck;
  if (mayAdd('protection.decision') && pending) {
    buttons.push(h('button', { type: 'button', class: 'button primary small', dataset: { action: 'decide', event: id }, onclick: () => opts.onDecide(id) }, t('timeline.decide')));
  }
  const awaitingChair = ev.type === 'closure.request' && state.closurePending.has(id);
  if (mayAdd('closure.decision') && awaitingChair) {
    buttons.push(h('button', { type: 'button', class: 'button primary small', dataset: { action: 'decide-closure', event: id }, onclick: () => opts.onDecideClosure(id) }, t('timeline.decide_closure')));
  }
  if (mayAdd('protection.revoke') && ev.type === 'protection.decision' && details.granted && !state.revoked.has(id) && !struck) {
    buttons.push(h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'revoke', event: id }, onclick: () => opts.onRevoke(id) }, t('timeline.revoke')));
  }
  // The print view of a decision (screens/decisionPrint.js, through screens/case.js).
  const extra = ev.type === 'protection.decision' && opts.decisionExtra ? opts.decisionExtra(ev) : null;
  // The entry's own rare actions (correct, void: screens/case.js decides, from allowed_actions).
  const more = moreMenu(opts.entryMore ? opts.entryMore(ev) : [], { class: 'entry-more' });
  return h('li', {
    class: ['timeline-item', voidOf(ev) && !ev.superseded_by ? 'voided' : null, ev.superseded_by ? 'superseded' : null, ev.corrects ? 'correction' : null],
    id: `event-${id}`, tabindex: '-1', dataset: { type: ev.type, event: id },
  },
    h('div', { class: 'timeline-head' },
      h('time', { datetime: ev.at || ev.created_at || '' }, formatDateTime(ev.at || ev.created_at)),
      h('strong', { class: 'timeline-type' }, eventLabel(ev.type)),
      voidOf(ev) && !ev.superseded_by ? badge('muted', t('timeline.voided')) : null,
      ev.superseded_by ? badge('muted', t('timeline.superseded_badge')) : null,
      ev.corrects ? badge('info', t('timeline.correction')) : null,
      pending ? badge('warning', t('timeline.awaiting_decision')) : null,
      awaitingChair ? badge('warning', t('timeline.awaiting_closure')) : null,
      ev.type === 'protection.decision' ? badge(details.granted ? 'success' : 'muted', details.granted ? t('decision.granted') : t('decision.refused')) : null,
      state.revoked.has(id) ? badge('muted', t('decision.revoked')) : null,
      h('span', { class: 'muted timeline-author' }, eventAuthor(ev))),
    pending ? h('div', { class: 'hours-left' }, decisionCountdown(requestDeadline(ev))) : null,
    revisionNotes(ev),
    h('dl', { class: ['facts', 'compact', struck ? 'struck' : null] }, detailRows(ev.type, shownDetails, ev.withheld).map(([term, words]) =>
      [h('dt', {}, term), h('dd', {}, words)])),
    reasons,
    ev.type === 'protection.decision' && !struck
      ? deliveriesView(ev, events, { mayDeliver: mayAdd('protection.delivery') && Boolean(opts.onDeliver), onDeliver: opts.onDeliver })
      : null,
    struck ? null : dueView(ev),
    buttons.length || extra || more ? h('div', { class: 'actions' }, buttons, extra, more) : null);
}

// timeline(events, {allowed, onDone, onDecide, onRevoke, onDecideClosure, onDeliver, decisionExtra, entryMore}): `allowed`
// is the case answer's allowed_actions; decisionExtra(event) → nodes added to a decision's
// entry; entryMore(event) → controls for the entry's own "More…" menu (none: no menu).
export function timeline(events, opts) {
  const mayAdd = (type) => (opts.allowed || []).includes(`event:${type}`);
  if (!events.length) return h('p', { class: 'empty' }, t('timeline.empty'));
  const state = { ...protectionState(events), closurePending: new Set(pendingClosureRequests(events)) };
  const list = h('ol', { class: 'timeline' });
  const paint = () => {
    list.dataset.order = oldestFirst ? 'oldest' : 'newest';
    fill(list, ordered(events).map((ev) => entry(ev, opts, state, mayAdd, events)));
  };
  const toggle = h('button', {
    type: 'button', class: 'button secondary small', id: 'timeline-order', 'aria-pressed': String(oldestFirst),
    onclick: () => {
      oldestFirst = !oldestFirst;
      toggle.setAttribute('aria-pressed', String(oldestFirst));
      paint();
    },
  }, t('timeline.oldest_first'));
  paint();
  return h('div', { class: 'timeline-wrap' },
    events.length > 1 ? h('div', { class: 'timeline-tools' }, toggle) : null,
    list);
}
