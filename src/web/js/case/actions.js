// The actions panel of a case page. It offers exactly what the server's case answer allows
// ("allowed_actions": update, refer, consent, complete_stage, close, reopen, export, recuse,
// break_glass, erase and event:<type>) and, for what the caller's relation allows but the
// case's state blocks now ("refusals"), shows the server's reason in the page's language
// instead of hiding it. Each action opens its form below the buttons; the server decides.
// The everyday actions are buttons; the rare or risky ones (close, reopen, export, recuse,
// break-glass, erase) wait under "More…", so a phone opens on the work, not on "close".

import { h, fill } from '../dom.js';
import { has, t, label } from '../i18n.js';
import { eventLabel, eventType } from '../catalogue.js';
import { moreMenu } from '../ui/bits.js';
import { eventForm } from './eventForm.js';
import { correctForm } from './correctForm.js';
import { approvalButton, breakGlassForm, closeForm, completeForm, consentForm, eraseForm, recuseForm, referForm } from './actionForms.js';

const EVENT_PREFIX = 'event:';

export const allowedOn = (c) => (Array.isArray(c && c.allowed_actions) ? c.allowed_actions : []);

// The event types the caller may add now (the `event:<type>` entries, in the server's order).
export function allowedEventTypes(c) {
  return allowedOn(c).filter((a) => a.startsWith(EVENT_PREFIX)).map((a) => a.slice(EVENT_PREFIX.length));
}

// The types the "record an activity" picker offers: an allowed type that answers another
// entry (a decision on a request, a revocation: a field of kind event_id) is opened from that
// entry on the timeline instead.
export function pickerEventTypes(c) {
  return allowedEventTypes(c).filter((type) => {
    const spec = eventType(type);
    return spec && !spec.fields.some((f) => f.kind === 'event_id');
  });
}

// The refusals grouped by their words: [[text, [action, …]]] (on a closed case every change
// has the same reason, said once).
// Refusals of refer:<agency> are shown in the referral form, beside the agency they name.
export function refusalGroups(c) {
  const groups = new Map();
  for (const [action, text] of Object.entries((c && c.refusals) || {})) {
    if (action.startsWith('refer:')) continue;
    if (!groups.has(text)) groups.set(text, []);
    groups.get(text).push(action);
  }
  return [...groups.entries()];
}

// The words of an action name: 'event:justice.mediation' → "Hòa giải ở cơ sở".
export function actionName(action) {
  return action.startsWith(EVENT_PREFIX) ? eventLabel(action.slice(EVENT_PREFIX.length)) : label('action', action);
}

// A reason that blocks one action names it ("Hòa giải ở cơ sở: Không hòa giải: …"); one shared
// by many (a closed case) is said once, on its own. A close refused until the chair approves
// (refusal code closure_needs_approval) offers the request, when the caller may send it.
function refusalList(c, requestApproval) {
  const groups = refusalGroups(c);
  if (!groups.length) return null;
  const needsApproval = ((c && c.refusal_codes) || {}).close === 'closure_needs_approval';
  return h('div', { class: 'refusals', id: 'refusals' },
    h('p', { class: 'refusals-title' }, t('case.refused_now')),
    h('ul', { class: 'plain-list' }, groups.map(([text, actions]) =>
      h('li', { class: 'refusal', dataset: { actions: actions.join(' ') } },
        h('span', { class: 'refusal-symbol', 'aria-hidden': 'true' }, 'i'),
        h('span', {},
          actions.length === 1 ? h('strong', { class: 'refusal-action' }, `${actionName(actions[0])}: `) : null,
          h('span', { class: 'refusal-text' }, text))))),
    needsApproval ? approvalButton(requestApproval) : null);
}

// The actions that open under "More…" rather than as buttons of their own.
const RARE = new Set(['close', 'reopen', 'export', 'recuse', 'break_glass', 'erase']);

// actionsPanel(c, ctx, {onDone, onRecused, onErased, exportLinks}) → {element, open(key, preset)}
export function actionsPanel(c, ctx, handlers) {
  const area = h('div', { class: 'action-area', id: 'action-area' });
  const buttons = new Map();
  const allowed = allowedOn(c);
  const pickerTypes = pickerEventTypes(c);
  let openKey = '';
  // The request for the chair's approval of closing (a closure.request entry), when allowed.
  const requestApproval = allowed.includes('event:closure.request') ? () => open('event', { type: 'closure.request' }) : null;

  const builders = {
    event: (preset) => eventForm({ caseId: c.id, types: preset && preset.type ? [preset.type] : pickerTypes, preset, onDone: handlers.onDone }),
    update: () => correctForm(c, handlers.onDone),
    refer: () => referForm(c, ctx.role, handlers.onDone, allowed.includes('consent') ? () => open('consent') : null),
    consent: () => consentForm(c, handlers.onDone),
    complete_stage: () => completeForm(c, ctx.role, handlers.onDone),
    close: () => closeForm(c, handlers.onDone, false, requestApproval),
    reopen: () => closeForm(c, handlers.onDone, true),
    recuse: () => recuseForm(c, ctx.user, (msg, self) => (self ? handlers.onRecused(msg) : handlers.onDone(msg))),
    break_glass: () => breakGlassForm(c.id, handlers.onDone),
    erase: () => eraseForm(c, handlers.onErased),
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
    // An event type opened on its own (a decision, a delivery) is titled by its own words.
    const titled = preset && preset.type;
    const title = titled ? (has(`action.title.${preset.type}`) ? t(`action.title.${preset.type}`) : eventLabel(preset.type)) : t(`action.${key}`);
    fill(area, h('h3', { id: 'action-title', tabindex: '-1' }, title), form);
    const first = form.querySelector('input:not([type=hidden]), select, textarea');
    (first || area.querySelector('h3')).focus();
  }

  const button = (key, primary) => {
    const b = h('button', {
      type: 'button', class: primary ? 'button primary' : 'button secondary',
      id: `action-${key}`, 'aria-expanded': 'false', 'aria-controls': 'action-area',
      onclick: () => open(key),
    }, t(`action.${key}`));
    buttons.set(key, b);
    return b;
  };
  const exportLink = () => h('a', {
    class: 'button secondary', id: 'action-export', target: '_blank', rel: 'noopener',
    href: `/api/v1/cases/${encodeURIComponent(c.id)}/export?format=html`,
  }, t('action.export'));
  const main = [pickerTypes.length ? button('event', true) : null];
  const rare = [];
  for (const action of allowed) {
    // handlers.exportLinks: the print view of the record (screens/casePrint.js) stands for it.
    if (action === 'export') rare.push(...(handlers.exportLinks && handlers.exportLinks.length ? handlers.exportLinks : [exportLink()]));
    else if (Object.prototype.hasOwnProperty.call(builders, action) && action !== 'event') {
      (RARE.has(action) ? rare : main).push(button(action, false));
    }
  }
  const shown = [...main.filter(Boolean), moreMenu(rare, { id: 'more-actions' })].filter(Boolean);
  const refusals = refusalList(c, requestApproval);
  const element = h('section', { class: 'card actions-panel', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, t('case.actions')),
    shown.length ? h('div', { class: 'actions action-buttons' }, shown) : null,
    !shown.length && !refusals ? h('p', { class: 'empty' }, t('case.no_actions')) : null,
    refusals,
    area);
  return { element, open };
}
