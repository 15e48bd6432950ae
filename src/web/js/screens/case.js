// One case: code and status, the actions the server allows the caller now and why others are
// refused (case/actions.js), the summary (only the fields the caller's role may read), the
// stage tracks and the timeline. Names appear here and only here; every such read is audited
// by the server.

import { h, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, itemsOf } from '../api.js';
import { heading, navigate } from '../router.js';
import { alertBox, errorText, flash, loadFailure, loading } from '../ui/notice.js';
import { riskBadge, statusBadge, badge } from '../ui/bits.js';
import { caseSummary } from '../case/summary.js';
import { stageTracks } from '../case/stages.js';
import { timeline } from '../case/timeline.js';
import { actionsPanel, allowedOn } from '../case/actions.js';
import { breakGlassForm } from '../case/actionForms.js';
import { allows } from '../roles.js';

function leave(message) {
  flash('success', message);
  navigate('#/cases');
}

function reload(message) {
  if (message) flash('success', message);
  navigate(location.hash);
}

function notFound(view, ctx) {
  add(view, heading(t('case.not_found_title')), alertBox('info', t('case.not_found')));
  if (allows(ctx.user, 'case.break_glass')) {
    add(view, h('section', { class: 'card' }, h('h2', {}, t('action.break_glass')), breakGlassForm(ctx.params.id, reload)));
  }
  add(view, h('p', {}, h('a', { href: '#/cases' }, t('case.back_to_list'))));
}

export async function render(view, ctx) {
  const id = ctx.params.id;
  const wait = loading();
  add(view, wait);
  const path = `/api/v1/cases/${encodeURIComponent(id)}`;
  let c;
  try {
    c = await get(path);
  } catch (error) {
    wait.remove();
    if (error.status === 404 && error.code === 'not_found') notFound(view, ctx);
    else add(view, heading(t('case.title_unknown')), loadFailure(error, t('case.title_unknown')));
    return;
  }
  let events = [];
  let eventsProblem = null;
  try {
    events = itemsOf(await get(`${path}/events`));
  } catch (error) {
    eventsProblem = loadFailure(error, t('case.timeline'));
  }
  wait.remove();

  const panel = actionsPanel(c, ctx, {
    onDone: reload,
    onRecused: leave,
    onErased: leave,
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
  };
  const child = c.survivor && c.survivor.child;
  add(view, 
    heading(t('case.title', { code: c.code || id })),
    h('div', { class: 'case-badges' }, statusBadge(c.status), c.risk ? riskBadge(c.risk) : null,
      child ? badge('warning', t('case.child_case')) : null,
      c.flags && c.flags.crime ? badge('danger', t('flags.crime')) : null),
    c.status === 'closed' && c.closure_reason_code ? h('p', { class: 'hint' }, t('case.closed_code', { reason: label('closure', c.closure_reason_code) })) : null,
    c.status === 'closed' && c.closure_reason ? h('p', { class: 'hint' }, t('case.closed_because', { reason: c.closure_reason })) : null,
    panel.element,
    h('section', { class: 'case-section', 'aria-labelledby': 'summary-title' }, h('h2', { id: 'summary-title' }, t('case.summary')), caseSummary(c)),
    h('section', { class: 'card case-section', 'aria-labelledby': 'stages-title' }, h('h2', { id: 'stages-title' }, t('case.stages')), stageTracks(c.stages)),
    h('section', { class: 'card case-section', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, t('case.timeline')),
      eventsProblem || timeline(events, opts)));
}
