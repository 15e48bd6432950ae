// "A possible earlier case" on the intake form (issue 21): once the survivor's full name, phone
// or ID number has been entered (a change, i.e. on leaving the field), the form asks POST
// /api/v1/cases/earlier-check whether another agency of the commune may already hold a case of
// the same person. The answer names only the holding agency and the month since when — never a
// code, a status or a name — and so does the notice, which says the case can still be saved and
// how to ask that agency to refer its case afterwards. The notice never blocks saving; it goes
// again when the fields no longer match (or are emptied). Any failure of the check (an older
// server, a refusal) leaves the form as it was: the check only helps.

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { allows } from '../roles.js';
import { current } from '../session.js';

const FIELDS = ['full_name', 'phone', 'id_number'];
const DEBOUNCE_MS = 400;

// '2026-03' (or a longer date) → '03/2026'; anything else as it is.
export function monthYear(since) {
  const match = /^(\d{4})-(\d{2})/.exec(String(since || ''));
  return match ? `${match[2]}/${match[1]}` : String(since || '');
}

// The survivor's identifying fields as the check takes them (empty ones left out).
function survivorOf(form) {
  const out = {};
  for (const name of FIELDS) {
    const control = form.elements.namedItem(`survivor.${name}`);
    const text = control ? control.value.trim() : '';
    if (text) out[name] = text;
  }
  return out;
}

// The notice's words for the agencies holding a possible earlier case.
function noticeOf(heldBy) {
  return h('div', { class: 'alert alert-info earlier-notice-box' },
    heldBy.map((held, i) => h('p', { class: 'earlier-held', dataset: { agency: held.agency } },
      i === 0 ? [h('strong', { class: 'alert-kind' }, t('notice.info')), ' '] : null,
      t('earlier.notice_held', { agency: label('agency', held.agency), since: monthYear(held.since) }))),
    h('p', { class: 'earlier-after-save' }, t('earlier.notice_after_save')));
}

// earlierNotice(form, user) → the live region to put in the survivor step; it watches the
// form's survivor fields itself, when the user's role may ask (core/Policy "earlier.check").
// An answer that arrives after the fields changed again is dropped.
export function earlierNotice(form, user) {
  const region = h('div', { class: 'earlier-notice', id: 'earlier-notice', role: 'status', 'aria-live': 'polite' });
  if (!allows(user, 'earlier.check')) return region;
  let timer = null;
  let asked = 0;
  const check = async () => {
    // Not once the form has left the page or the session has ended (an idle sign-out).
    if (!region.isConnected || !current()) return;
    const survivor = survivorOf(form);
    asked += 1;
    const mine = asked;
    if (!Object.keys(survivor).length) {
      fill(region);
      return;
    }
    let answer = null;
    try {
      answer = await post('/api/v1/cases/earlier-check', { survivor });
    } catch {
      answer = null; // the check only helps: nothing is shown, nothing is blocked
    }
    if (mine !== asked) return;
    const heldBy = answer && answer.possible && Array.isArray(answer.held_by) ? answer.held_by.filter((x) => x && x.agency) : [];
    fill(region, heldBy.length ? noticeOf(heldBy) : null);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  };
  form.addEventListener('change', (event) => {
    if (FIELDS.some((name) => event.target.name === `survivor.${name}`)) later();
  });
  // A draft given back after an idle sign-out (filled in after this is built) is checked too.
  later();
  return region;
}
