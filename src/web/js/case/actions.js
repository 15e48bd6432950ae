// The actions panel of a case page: only the actions the caller's role and stage allow
// (DESIGN §2; the policy grid) are shown; each opens its form below the buttons. The server
// refuses anything else whatever the page shows.

import { h, fill } from '../dom.js';
import { t } from '../i18n.js';
import { eventTypesFor, isAgency } from '../roles.js';
import { eventForm } from './eventForm.js';
import { mediationBlocked } from './eventTypes.js';
import { breakGlassForm, closeForm, completeForm, consentForm, recuseForm, referForm } from './actionForms.js';

export function stageOf(c, role) {
  const stage = (c.stages || {})[role];
  return typeof stage === 'string' ? stage : (stage && stage.status) || '';
}

// The actions for (case, role): [{key, build}] in display order.
export function availableActions(c, role) {
  const stage = stageOf(c, role);
  const active = isAgency(role) && stage === 'active';
  const closed = c.status === 'closed';
  const list = [];
  if (closed) {
    if (active || role === 'leader') list.push('reopen');
  } else {
    if (active || role === 'leader' || (isAgency(role) && stage)) list.push('event');
    if (active) list.push('refer', 'consent', 'complete');
    if (active || role === 'leader') list.push('close');
  }
  if (isAgency(role) || role === 'leader') list.push('recuse');
  if (role === 'leader') list.push('break_glass');
  return list;
}

function eventTypes(c, role) {
  const types = eventTypesFor(role, stageOf(c, role) === 'active');
  return mediationBlocked(c) === 'flags' ? types.filter((ty) => ty !== 'justice.mediation') : types;
}

// actionsPanel(c, ctx, {onDone, onRecused}) → {element, open(key, preset)}
export function actionsPanel(c, ctx, handlers) {
  const role = ctx.role;
  const area = h('div', { class: 'action-area', id: 'action-area' });
  const buttons = new Map();
  let openKey = '';

  const builders = {
    event: (preset) => eventForm({ caseId: c.id, types: preset && preset.type ? [preset.type] : eventTypes(c, role), theCase: c, preset, onDone: handlers.onDone }),
    refer: () => referForm(c, role, handlers.onDone, () => open('consent')),
    consent: () => consentForm(c, role, handlers.onDone),
    complete: () => completeForm(c, role, handlers.onDone),
    close: () => closeForm(c, handlers.onDone, false),
    reopen: () => closeForm(c, handlers.onDone, true),
    recuse: () => recuseForm(c, role, (msg, self) => (self ? handlers.onRecused(msg) : handlers.onDone(msg))),
    break_glass: () => breakGlassForm(c.id, handlers.onDone),
  };

  function open(key, preset) {
    const closing = openKey === key && !preset;
    openKey = closing ? '' : key;
    for (const [k, b] of buttons) b.setAttribute('aria-expanded', String(k === openKey));
    if (closing) {
      area.replaceChildren();
      return;
    }
    const form = builders[key](preset);
    const title = preset && preset.type ? t(`action.title.${preset.type}`) : t(`action.${key}`);
    fill(area, h('h3', { id: 'action-title', tabindex: '-1' }, title), form);
    const first = form.querySelector('input:not([type=hidden]), select, textarea');
    (first || area.querySelector('h3')).focus();
  }

  const keys = availableActions(c, role);
  for (const key of keys) {
    const button = h('button', {
      type: 'button', class: key === 'event' ? 'button primary' : 'button secondary',
      id: `action-${key}`, 'aria-expanded': 'false', 'aria-controls': 'action-area',
      onclick: () => open(key),
    }, t(`action.${key}`));
    buttons.set(key, button);
  }
  const exportLink = stageOf(c, role) === 'active'
    ? h('a', { class: 'button secondary', href: `/api/v1/cases/${encodeURIComponent(c.id)}/export?format=html`, target: '_blank', rel: 'noopener' }, t('action.export'))
    : null;
  const element = h('section', { class: 'card actions-panel', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, t('case.actions')),
    keys.length || exportLink ? h('div', { class: 'actions action-buttons' }, [...buttons.values()], exportLink) : h('p', { class: 'empty' }, t('case.no_actions')),
    c.status === 'closed' ? h('p', { class: 'hint' }, t('case.closed_read_only')) : null,
    area);
  return { element, open };
}
