// The server's catalogue (GET /api/v1/catalogue): the event types with their detail fields,
// choices and due-date rule, and the enumerations of the case model, each labelled in
// Vietnamese and English. Fetched once after sign-in and kept in memory; the forms and lists
// are built from it, so the browser keeps no copy of these lists of its own. Also the rules of
// the case's input fields ("field_rules", so the intake checks a step with the server's own
// rules) and the commune's villages.

import { get, itemsOf } from './api.js';
import { label, language } from './i18n.js';
import { onSessionChange } from './session.js';

let data = null;
let pending = null;

// Loads the catalogue unless it is already in memory (a failed load is tried again next time).
export function loadCatalogue() {
  if (data) return Promise.resolve(data);
  if (!pending) {
    pending = get('/api/v1/catalogue')
      .then((answer) => {
        data = answer;
        return data;
      })
      .finally(() => {
        pending = null;
      });
  }
  return pending;
}

function loaded() {
  if (!data) throw new Error('the catalogue is not loaded');
  return data;
}

// The words of a {vi, en} label in the current language.
export function inLanguage(text, fallback = '') {
  return (text && (text[language()] || text.vi)) || String(fallback ?? '');
}

// One event type {name, label, authors, due, fields}, or null for a type the catalogue lacks.
export function eventType(name) {
  return loaded().event_types.find((e) => e.name === name) || null;
}

export function eventLabel(name) {
  const type = data && data.event_types.find((e) => e.name === name);
  return type ? inLanguage(type.label, label('event', name)) : label('event', name);
}

// The values of an enumeration ('agency' → ['police', 'justice', 'union', 'school']).
export function values(name) {
  return (loaded().enumerations[name] || []).map((e) => e.value);
}

// [{value, label}] of an enumeration in the current language, for selects and choices.
export function options(name) {
  return (loaded().enumerations[name] || []).map((e) => ({ value: e.value, label: inLanguage(e.label, e.value) }));
}

// The server's rule for one field of the case body: 'perpetrators[2].phone' → the rule of
// 'perpetrators[].phone' in "field_rules" ({max_chars, pattern, needs_digit, min, max,
// not_future, message: {vi, en}}), or null when the server gives none — then the form checks
// only that a required field is filled (and the limits of its own control).
export function fieldRule(path) {
  const rules = (data && data.field_rules) || {};
  const rule = rules[String(path).replace(/\[\d+\]/g, '[]')];
  return rule && typeof rule === 'object' ? rule : null;
}

// The villages of the officer's commune (GET /api/v1/villages), as names. An empty list — no
// list configured, or a server without the endpoint, or any failure — means "type the name".
// Kept for the session; another sign-in may be another commune.
let villages = null;
onSessionChange(() => {
  villages = null;
});

export async function loadVillages() {
  if (!villages) {
    villages = get('/api/v1/villages')
      .then((answer) => itemsOf(answer).map((v) => String((v && v.name) || '').trim()).filter(Boolean))
      .catch(() => []);
  }
  return villages;
}

// Another part of the catalogue by its name ('risk_questions', 'risk_screen_note'…), or
// undefined when the server's catalogue has no such part.
export function cataloguePart(name) {
  return data ? data[name] : undefined;
}
