// Messages to the user: the page-wide flash (a polite live region), inline alerts, and the
// words for an ApiError. Server messages are English; in Vietnamese the catalogue's words are
// shown instead, in English the server's own (more precise) message is added.

import { h, clear } from '../dom.js';
import { has, language, t } from '../i18n.js';

// The text for an error from api.js (or any Error). `action`: the error answers a form
// (a 404 there means the step is not offered by this server yet, or the case is no longer
// visible to the caller — said calmly, without guessing which).
export function errorText(error, fieldLabel, action = false) {
  if (!error || error.status === undefined) return t('error.generic');
  const byCode = `error.code.${error.code}`;
  let text;
  if (action && error.status === 404) {
    text = t('error.action_unavailable');
  } else if (error.status === 400 && error.field) {
    text = t('error.field', { field: fieldLabel ? fieldLabel(error.field) : error.field });
  } else if (has(byCode)) {
    text = t(byCode);
  } else if (has(`error.status.${error.status}`)) {
    text = t(`error.status.${error.status}`);
  } else {
    text = t('error.generic');
  }
  const generic = error.status === 401 || error.status === 423 || error.status === 429 || (action && error.status === 404);
  if (language() === 'en' && error.message && !generic && error.message !== error.code) {
    text = `${text} (${error.message})`;
  }
  return text;
}

// kind: 'info' | 'success' | 'warning' | 'error'. The word before the text says the kind, so
// colour is never the only signal.
export function alertBox(kind, text, extra) {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('strong', { class: 'alert-kind' }, t(`notice.${kind}`)), ' ', h('span', {}, text), extra || null);
}

let flashTimer = null;

// A message that survives one navigation (e.g. "Case opened" after the intake form).
export function flash(kind, text) {
  const region = document.getElementById('flash');
  if (!region) return;
  clear(region).append(alertBox(kind, text));
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => clear(region), 12000);
}

export function clearFlash() {
  const region = document.getElementById('flash');
  if (region) clear(region);
}

// The calm answer when an endpoint is not there (404 on a collection: not built yet).
export function notAvailable(what) {
  return h('div', { class: 'alert alert-info not-available', role: 'status' },
    h('strong', { class: 'alert-kind' }, t('notice.info')), ' ',
    h('span', {}, t('notice.not_available', { what })));
}

// The block for a failed load: not available, or the error.
export function loadFailure(error, what) {
  if (error && error.status === 404) return notAvailable(what);
  return alertBox('error', errorText(error));
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}
