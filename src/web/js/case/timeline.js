// The timeline of a case (GET /cases/{id}/events, oldest first): each event with its time,
// type, who recorded it, its details in words (the catalogue's labels), and its due date.
// Buttons appear only where the server allows them: "done" when the entry's own
// "allowed_actions" has it, and the decision on a pending protection request or the
// revocation of a granted order when the case answer allows that event type.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import { eventLabel, eventType, inLanguage } from '../catalogue.js';
import { formatDate, formatDateTime, todayVietnam } from '../format.js';
import { badge, pick } from '../ui/bits.js';

const idOf = (ev) => String(pick(ev, ['id', 'event_id']));
const fieldsOf = (type) => (eventType(type) || { fields: [] }).fields;

function detailValue(type, key, v) {
  const spec = fieldsOf(type).find((f) => f.name === key);
  const choice = (x) => {
    const found = spec && (spec.choices || []).find((c) => c.value === x);
    return found ? inLanguage(found.label, x) : String(x);
  };
  if (key === 'granted') return v ? t('decision.granted') : t('decision.refused');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.map(choice).join(', ') || t('common.none');
  if (spec && spec.choices) return choice(v);
  if (spec && spec.kind === 'time') return formatDateTime(v);
  if (spec && spec.kind === 'date') return formatDate(v);
  if (spec && spec.kind === 'event_id') return t('event.ref', { id: v });
  return String(v ?? '');
}

function detailLabel(type, key) {
  const spec = fieldsOf(type).find((f) => f.name === key);
  return spec ? inLanguage(spec.label, key) : label('event_field', key);
}

// The details in the order of the catalogue's fields, anything else the server adds after.
function orderedDetails(type, details) {
  const names = fieldsOf(type).map((f) => f.name);
  const rank = (key) => (names.includes(key) ? names.indexOf(key) : names.length);
  return Object.entries(details).sort(([a], [b]) => rank(a) - rank(b));
}

const isDone = (ev) => Boolean(ev.done || ev.done_at || ev.due_state === 'done');

function dueView(ev) {
  const due = pick(ev, ['due', 'due_date']);
  if (!due) return null;
  const done = isDone(ev);
  const state = done ? 'done' : pick(ev, ['due_state'], due < todayVietnam() ? 'overdue' : due === todayVietnam() ? 'due_today' : 'upcoming');
  const tone = { done: 'success', overdue: 'danger', due_today: 'warning', upcoming: 'info' }[state] || 'info';
  return h('p', { class: 'due-line' }, t('due.on', { date: formatDate(due) }), ' ', badge(tone, label('due', state)));
}

function author(ev) {
  const name = pick(ev, ['author.display_name', 'by.display_name', 'actor.display_name', 'recorded_by.display_name', 'by_name']);
  const agency = pick(ev, ['agency', 'author.role', 'by.role', 'actor.role', 'role']);
  return [name, agency ? label('role', agency) : ''].filter(Boolean).join(' · ');
}

// timeline(events, {allowed, onDone, onDecide, onRevoke}): `allowed` is the case answer's
// allowed_actions.
export function timeline(events, opts) {
  const mayAdd = (type) => (opts.allowed || []).includes(`event:${type}`);
  if (!events.length) return h('p', { class: 'empty' }, t('timeline.empty'));
  const decided = new Set(events.filter((e) => e.type === 'protection.decision').map((e) => String(e.details && e.details.request_event)));
  const revoked = new Set(events.filter((e) => e.type === 'protection.revoke').map((e) => String(e.details && e.details.decision_event)));
  return h('ol', { class: 'timeline' }, events.map((ev) => {
    const id = idOf(ev);
    const details = ev.details || {};
    const buttons = [];
    if ((ev.allowed_actions || []).includes('done')) {
      buttons.push(h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'done', event: id }, onclick: () => opts.onDone(id) }, t('timeline.mark_done')));
    }
    if (mayAdd('protection.decision') && ev.type === 'protection.request' && !decided.has(id)) {
      buttons.push(h('button', { type: 'button', class: 'button primary small', dataset: { action: 'decide', event: id }, onclick: () => opts.onDecide(id) }, t('timeline.decide')));
    }
    if (mayAdd('protection.revoke') && ev.type === 'protection.decision' && details.granted && !revoked.has(id)) {
      buttons.push(h('button', { type: 'button', class: 'button secondary small', dataset: { action: 'revoke', event: id }, onclick: () => opts.onRevoke(id) }, t('timeline.revoke')));
    }
    const pending = ev.type === 'protection.request' && !decided.has(id);
    return h('li', { class: 'timeline-item', id: `event-${id}`, dataset: { type: ev.type } },
      h('div', { class: 'timeline-head' },
        h('time', { datetime: ev.at || ev.created_at || '' }, formatDateTime(ev.at || ev.created_at)),
        h('strong', { class: 'timeline-type' }, eventLabel(ev.type)),
        pending ? badge('warning', t('timeline.awaiting_decision')) : null,
        ev.type === 'protection.decision' ? badge(details.granted ? 'success' : 'muted', details.granted ? t('decision.granted') : t('decision.refused')) : null,
        revoked.has(id) ? badge('muted', t('decision.revoked')) : null,
        h('span', { class: 'muted timeline-author' }, author(ev))),
      h('dl', { class: 'facts compact' }, orderedDetails(ev.type, details).map(([key, v]) =>
        [h('dt', {}, detailLabel(ev.type, key)), h('dd', {}, detailValue(ev.type, key, v))])),
      dueView(ev),
      buttons.length ? h('div', { class: 'actions' }, buttons) : null);
  }));
}
