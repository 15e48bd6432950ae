// A timeline entry in words, for the case page and the papers: each detail labelled and
// valued from the server's catalogue (GET /api/v1/catalogue: field labels, choice labels,
// field kinds), yes/no in words, times in Vietnam time, and who recorded it. Nothing here
// shows a code: a value the catalogue does not know (a newer server) is shown as the server
// sent it, which the raw-key test then reports.

import { t, label } from '../i18n.js';
import { eventType, inLanguage } from '../catalogue.js';
import { formatDate, formatDateTime } from '../format.js';
import { pick } from './bits.js';

const fieldsOf = (type) => (eventType(type) || { fields: [] }).fields;
const specOf = (type, key) => fieldsOf(type).find((f) => f.name === key) || null;

// The words of one choice of a field ('notified', 'police_head' → 'Trưởng Công an xã').
export function choiceLabel(type, key, value) {
  const spec = specOf(type, key);
  const found = spec && (spec.choices || []).find((c) => c.value === value);
  return found ? inLanguage(found.label, value) : String(value);
}

export function detailLabel(type, key) {
  const spec = specOf(type, key);
  return spec ? inLanguage(spec.label, key) : label('event_field', key);
}

// One detail's value in words.
export function detailText(type, key, value) {
  const spec = specOf(type, key);
  if (key === 'granted') return value ? t('decision.granted') : t('decision.refused');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (value === null || value === undefined || value === '') return t('common.not_given');
  if (Array.isArray(value)) return value.map((v) => choiceLabel(type, key, v)).join(', ') || t('common.none');
  if (spec && spec.choices) return choiceLabel(type, key, value);
  if (spec && spec.kind === 'time') return formatDateTime(value);
  if (spec && spec.kind === 'date') return formatDate(value);
  if (spec && spec.kind === 'event_id') return t('event.ref', { id: value });
  return String(value);
}

// [[label, words]] in the catalogue's order of fields, anything else the server adds after.
export function detailRows(type, details) {
  const names = fieldsOf(type).map((f) => f.name);
  const rank = (key) => (names.includes(key) ? names.indexOf(key) : names.length);
  return Object.entries(details || {})
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, value]) => [detailLabel(type, key), detailText(type, key, value)]);
}

// "Trần Văn Hùng · Công an xã": who recorded the entry, as far as the answer says.
export function eventAuthor(ev) {
  const name = pick(ev, ['author.display_name', 'by.display_name', 'actor.display_name', 'recorded_by.display_name', 'by_name']);
  const role = pick(ev, ['agency', 'author.role', 'by.role', 'actor.role', 'role']);
  return [name, role ? label('role', role) : ''].filter(Boolean).join(' · ');
}

export const eventTime = (ev) => pick(ev, ['at', 'created_at', 'recorded_at']);
export const eventId = (ev) => String(pick(ev, ['id', 'event_id']));
