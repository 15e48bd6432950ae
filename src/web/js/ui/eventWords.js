// A timeline entry in words, for the case page and the papers: each detail labelled and
// valued from the server's catalogue (GET /api/v1/catalogue: field labels, choice labels,
// field kinds), yes/no in words, times in Vietnam time, and who recorded it. Nothing here
// shows a code: a value the catalogue does not know (a newer server) is shown as the server
// sent it, which the raw-key test then reports.

import { t, label } from '../i18n.js';
import { cataloguePart, eventType, inLanguage } from '../catalogue.js';
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

// A risk screen in words (issue 20): the level the answers suggested beside the one chosen
// (said when they differ), how many questions were answered "yes" (danger signs, don't know),
// which ones, and the reason of an override.
function riskScreenRows(details) {
  const d = details || {};
  const questions = Array.isArray(cataloguePart('risk_questions')) ? cataloguePart('risk_questions') : [];
  const answers = d.answers && typeof d.answers === 'object' ? d.answers : {};
  const ids = Object.keys(answers);
  const yes = ids.filter((id) => answers[id] === 'yes');
  const severe = new Set(questions.filter((q) => q.severe).map((q) => q.id));
  const level = (v) => {
    if (!v) return t('common.not_given');
    const words = choiceLabel('risk.screen', 'level', v);
    return words === String(v) ? label('risk', v) : words;
  };
  const rows = [
    [t('risk_screen.row_suggested'), level(d.suggested)],
    [t('risk_screen.row_chosen'), d.suggested && d.level && d.level !== d.suggested ? t('risk_screen.overridden', { level: level(d.level) }) : level(d.level)],
    [t('risk_screen.row_yes'), t('risk_screen.yes_count', {
      yes: yes.length, total: questions.length || ids.length, severe: yes.filter((id) => severe.has(id)).length,
      unknown: ids.filter((id) => answers[id] === 'unknown').length,
    })],
  ];
  if (yes.length) {
    const words = (id) => inLanguage((questions.find((q) => q.id === id) || {}).label, id);
    rows.push([t('risk_screen.row_yes_questions'), yes.map(words).join('; ')]);
  }
  if (d.override_reason) rows.push([detailLabel('risk.screen', 'override_reason'), String(d.override_reason)]);
  const known = new Set(['answers', 'suggested', 'level', 'override_reason']);
  return [...rows, ...plainRows('risk.screen', Object.fromEntries(Object.entries(d).filter(([k]) => !known.has(k))))];
}

function plainRows(type, details) {
  const names = fieldsOf(type).map((f) => f.name);
  const rank = (key) => (names.includes(key) ? names.indexOf(key) : names.length);
  return Object.entries(details || {})
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, value]) => [detailLabel(type, key), detailText(type, key, value)]);
}

// [[label, words]] in the catalogue's order of fields, anything else the server adds after;
// a risk screen in its own words; each detail the server withheld from the caller (an event's
// "withheld": ["location"]) named, with whom it is shown to.
export function detailRows(type, details, withheld = []) {
  const rows = type === 'risk.screen' ? riskScreenRows(details) : plainRows(type, details);
  const kept = Array.isArray(withheld) ? withheld : [];
  return [...rows, ...kept.map((key) => [detailLabel(type, key), t('protection_ui.withheld')])];
}

// "Trần Văn Hùng · Công an xã": who recorded the entry, as far as the answer says.
export function eventAuthor(ev) {
  const name = pick(ev, ['author.display_name', 'by.display_name', 'actor.display_name', 'recorded_by.display_name', 'by_name']);
  const role = pick(ev, ['agency', 'author.role', 'by.role', 'actor.role', 'role']);
  return [name, role ? label('role', role) : ''].filter(Boolean).join(' · ');
}

export const eventTime = (ev) => pick(ev, ['at', 'created_at', 'recorded_at']);
export const eventId = (ev) => String(pick(ev, ['id', 'event_id']));
