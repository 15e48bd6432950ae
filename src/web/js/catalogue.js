// The server's catalogue (GET /api/v1/catalogue): the event types with their detail fields,
// choices and due-date rule, and the enumerations of the case model, each labelled in
// Vietnamese and English. Fetched once after sign-in and kept in memory; the forms and lists
// are built from it, so the browser keeps no copy of these lists of its own.

import { get } from './api.js';
import { label, language } from './i18n.js';

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
