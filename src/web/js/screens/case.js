// One case: code and status, the countdown of a protection request still to be decided, the
// actions the server allows the caller now and why others are refused (case/actions.js), the
// summary (only the fields the caller's role may read), the stage tracks and the timeline.
// Names appear here and only here; every such read is audited by the server.
// A case referred to the caller's agency and not yet accepted is a 404 by design (need to
// know): its page then shows the referral — reason, summary without names, accept, decline —
// instead of an error (?referral=<id> asks for that directly, without asking for the case).

import { h, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, itemsOf, withQuery } from '../api.js';
import { heading, navigate } from '../router.js';
import { alertBox, errorText, flash, loadFailure, loading } from '../ui/notice.js';
import { riskBadge, statusBadge, badge, decisionCountdown } from '../ui/bits.js';
import { formatDateTime } from '../format.js';
import { caseSummary } from '../case/summary.js';
import { stageTracks } from '../case/stages.js';
import { pendingClosureRequests, pendingRequests, timeline } from '../case/timeline.js';
import { actionsPanel, allowedOn } from '../case/actions.js';
import { breakGlassForm } from '../case/actionForms.js';
// The evidence files (issue 21): listed, viewed in the page, added, removed.
import { attachmentsSection } from '../case/attachments.js';
import { eventForm } from '../case/eventForm.js';
import { RISK_SCREEN, focusPrompt, promptView, reassessHint } from '../case/riskScreen.js';
import { incomingReferrals, referralCaseId, referralCard, referralIdOf } from '../case/referral.js';
import { earlierSection } from '../case/earlier.js';
import { allows } from '../roles.js';
import { clearErrors, field, requireFilled, submitButton, value } from '../ui/form.js';
// The print views of the case record (the export, in "More…") and of a decision (on its
// timeline entry).
import { casePrintLinks } from './casePrint.js';
import { decisionPrintLink } from './decisionPrint.js';

function leave(message) {
  flash('success', message);
  navigate('#/cases');
}

function reload(message) {
  if (message) flash('success', message);
  navigate(location.hash);
}

// The referral waiting for the caller's agency on this case (the one asked for, else any), or
// null when there is none (or the caller's role receives none).
async function waitingReferral(ctx) {
  if (!allows(ctx.user, 'referral.incoming')) return null;
  let referrals;
  try {
    referrals = await incomingReferrals(500);
  } catch {
    return null; // the page then says "not found", as before
  }
  const onCase = referrals.filter((r) => referralCaseId(r) === String(ctx.params.id));
  return onCase.find((r) => referralIdOf(r) === String(ctx.query.referral || '')) || onCase[0] || null;
}

function referralView(view, ctx, referral) {
  const code = referral.case_code || referral.code || ctx.params.id;
  const card = referralCard(referral, {
    tag: 'section',
    code: h('span', { class: 'case-code' }, code),
    onAccepted: (caseId) => {
      flash('success', t('referral.accepted'));
      navigate(`#/cases/${encodeURIComponent(caseId)}`);
    },
  });
  card.classList.add('card', 'referral-view');
  add(view, heading(t('referral.title', { code })),
    alertBox('info', t('referral.before_accept')), card,
    h('p', {}, h('a', { href: '#/' }, t('referral.back_to_dashboard'))));
}

function notFound(view, ctx) {
  add(view, heading(t('case.not_found_title')), alertBox('info', t('case.not_found')));
  if (allows(ctx.user, 'case.break_glass')) {
    add(view, h('section', { class: 'card' }, h('h2', {}, t('action.break_glass')), breakGlassForm(ctx.params.id, reload)));
  }
  add(view, h('p', {}, h('a', { href: '#/cases' }, t('case.back_to_list'))));
}

// The countdown of each protection request still to be decided, above everything else; the
// chair decides from here.
function deadlineBanner(events, mayDecide, onDecide) {
  const pending = pendingRequests(events).filter((r) => r.deadline);
  if (!pending.length) return null;
  return h('section', { class: 'deadline-banner', 'aria-labelledby': 'deadline-title' },
    h('h2', { id: 'deadline-title', class: 'deadline-title' }, t('protection.pending_title')),
    h('ul', { class: 'plain-list' }, pending.map((r) => h('li', { class: 'deadline-item', dataset: { event: r.id } },
      h('p', { class: 'dash-detail' }, t('protection.decide_by', { time: formatDateTime(r.deadline) })),
      h('div', { class: 'hours-left' }, decisionCountdown(r.deadline),
        mayDecide ? h('button', { type: 'button', class: 'button primary small', dataset: { action: 'decide-top', event: r.id }, onclick: () => onDecide(r.id) }, t('timeline.decide')) : null)))));
}

// The entry's own rare actions, as its allowed_actions say: "correct" opens the event form
// filled with what the entry recorded, asking why (…/correct: a new entry that voids this one,
// both kept); "void" opens a reason form (…/void: the entry stays, struck through).
function entryMore(c, path, ev) {
  const allowed = ev.allowed_actions || [];
  if (ev.voided) return [];
  const id = String(ev.id);
  const openInside = (event, build) => {
    const item = event.target.closest('.timeline-item');
    if (!item || item.querySelector('.void-form, .correct-form')) return;
    const form = build();
    item.append(form);
    form.querySelector('textarea, input:not([type=hidden]), select').focus();
  };
  const buttons = [];
  if (allowed.includes('correct')) {
    const build = () => eventForm({ caseId: c.id, types: [ev.type], correcting: ev, onDone: reload });
    buttons.push(h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'correct', event: id }, onclick: (e) => openInside(e, build) }, t('timeline.correct_action')));
  }
  if (allowed.includes('void')) {
    const build = () => voidForm(`${path}/events/${encodeURIComponent(id)}/void`);
    buttons.push(h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'void', event: id }, onclick: (e) => openInside(e, build) }, t('timeline.void_action')));
  }
  return buttons;
}

// Voids an entry as mistaken, with the reason (POST …/events/{eid}/void): it stays, struck
// through.
function voidForm(voidPath) {
  const message = h('div', { class: 'form-message' });
  const form = h('form', { class: 'card action-form void-form', novalidate: true },
    field({ name: 'reason', label: t('timeline.void_reason_label'), type: 'textarea', required: true, rows: 2 }),
    message, h('div', { class: 'actions' }, submitButton(t('timeline.void_confirm'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    if (!requireFilled(form, ['reason'])) return;
    try {
      await post(voidPath, { reason: value(form, 'reason') });
      reload(t('timeline.voided_done'));
    } catch (error) {
      add(message, alertBox('error', errorText(error, null, true)));
    }
  });
  return form;
}

// The whole timeline (every page of it: the newest entries come first, so none may be left
// on a later page), at most MAX_EVENT_PAGES × 500 entries.
const MAX_EVENT_PAGES = 20;
async function allEvents(path) {
  const out = [];
  let cursor = '';
  for (let n = 0; n < MAX_EVENT_PAGES; n += 1) {
    const answer = await get(withQuery(`${path}/events`, { limit: 500, cursor }));
    out.push(...itemsOf(answer));
    cursor = answer && answer.next_cursor;
    if (!cursor) break;
  }
  return out;
}

// The case and its timeline, or null once the page has said why not (a waiting referral, not
// found, a failure).
async function loadCase(view, ctx, wait) {
  const path = `/api/v1/cases/${encodeURIComponent(ctx.params.id)}`;
  let c;
  try {
    c = await get(path);
  } catch (error) {
    const missing = error.status === 404 && error.code === 'not_found';
    const referral = missing && !ctx.query.referral ? await waitingReferral(ctx) : null;
    wait.remove();
    if (referral) referralView(view, ctx, referral);
    else if (missing) notFound(view, ctx);
    else add(view, heading(t('case.title_unknown')), loadFailure(error, t('case.title_unknown')));
    return null;
  }
  let events = [];
  let eventsProblem = null;
  try {
    events = await allEvents(path);
  } catch (error) {
    eventsProblem = loadFailure(error, t('case.timeline'));
  }
  wait.remove();
  return { c, path, events, eventsProblem };
}

function casePage(view, ctx, { c, path, events, eventsProblem }) {
  const panel = actionsPanel(c, ctx, {
    onDone: reload,
    onRecused: leave,
    onErased: leave,
    exportLinks: casePrintLinks(c),
  });
  const markDone = async (eventId) => {
    try {
      await post(`${path}/events/${encodeURIComponent(eventId)}/done`, {});
      reload(t('timeline.marked_done'));
    } catch (error) {
      flash('error', errorText(error, null, true));
    }
  };
  const opts = {
    allowed: allowedOn(c),
    onDone: markDone,
    onDecide: (eventId) => panel.open('event', { type: 'protection.decision', request_event: eventId }),
    onRevoke: (eventId) => panel.open('event', { type: 'protection.revoke', decision_event: eventId }),
    onDecideClosure: (eventId) => panel.open('event', { type: 'closure.decision', request_event: eventId }),
    onDeliver: (eventId, party) => panel.open('event', { type: 'protection.delivery', decision_event: eventId, party }),
    decisionExtra: (ev) => decisionPrintLink(c, ev),
    entryMore: (ev) => entryMore(c, path, ev),
  };
  const mayDecide = allowedOn(c).includes('event:protection.decision');
  const child = c.survivor && c.survivor.child;
  const closed = c.status === 'closed';
  add(view,
    heading(t('case.title', { code: c.code || ctx.params.id })),
    h('div', { class: 'case-badges' }, statusBadge(c.status), c.risk ? riskBadge(c.risk) : null,
      child ? badge('warning', t('case.child_case')) : null,
      c.flags && c.flags.crime ? badge('danger', t('flags.crime')) : null),
    closed && c.closure_reason_code ? h('p', { class: 'hint' }, t('case.closed_code', { reason: label('closure', c.closure_reason_code) })) : null,
    closed && c.closure_reason ? h('p', { class: 'hint' }, t('case.closed_because', { reason: c.closure_reason })) : null,
    eventsProblem || closed ? null : deadlineBanner(events, mayDecide, opts.onDecide),
    // After a risk screen that suggests high or critical: the protection request, at once.
    promptView(c, allowedOn(c), () => panel.open('event', { type: 'protection.request' })),
    eventsProblem ? null : reassessHint(events, allowedOn(c), () => panel.open('event', { type: RISK_SCREEN })),
    panel.element,
    h('section', { class: 'case-section', 'aria-labelledby': 'summary-title' }, h('h2', { id: 'summary-title' }, t('case.summary')), caseSummary(c)),
    // A possible earlier case of the same survivor, and the cases linked to this one (issue 21).
    earlierSection(c, ctx, reload),
    h('section', { class: 'card case-section', 'aria-labelledby': 'stages-title' }, h('h2', { id: 'stages-title' }, t('case.stages')), stageTracks(c.stages)),
    attachmentsSection(c),
    h('section', { class: 'card case-section', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, t('case.timeline')),
      eventsProblem || timeline(events, opts)));
  focusPrompt(view);
  // From the leader's dashboard (?closure_request=<entry>): the decision form opens at once,
  // while that request still waits for one.
  const asked = String(ctx.query.closure_request || '');
  if (asked && allowedOn(c).includes('event:closure.decision') && pendingClosureRequests(events).includes(asked)) opts.onDecideClosure(asked);
}

export async function render(view, ctx) {
  const wait = loading();
  add(view, wait);
  // Asked for a waiting referral: show it without asking for the case (a 404 until accepted).
  const asked = ctx.query.referral ? await waitingReferral(ctx) : null;
  if (asked) {
    wait.remove();
    referralView(view, ctx, asked);
    return;
  }
  const loaded = await loadCase(view, ctx, wait);
  if (loaded) casePage(view, ctx, loaded);
}
