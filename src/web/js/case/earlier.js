// "Hồ sơ liên quan" on the case page (issue 21): a possible earlier case of the same survivor
// held by another agency, said without disclosing it (GET /api/v1/cases/{id}/earlier names
// only the agency and the month since when), with "ask that agency to refer it" (POST
// …/earlier-requests {agency}; once asked, the button says so and stays disabled); the cases
// already linked to this one that the caller may also see (the case's "linked_cases", as
// links); and for the chair (allowed_actions "link") a form to link this case with another by
// its code (POST …/links {case}). The section is shown only when it has something to say.
// Asking is offered by the server's answer alone; a failure to ask leaves the section as it was.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post } from '../api.js';
import { allows } from '../roles.js';
import { alertBox, errorText } from '../ui/notice.js';
import { clearErrors, field, requireFilled, submitButton, value } from '../ui/form.js';
import { monthYear } from './earlierCheck.js';

// One agency that may hold an earlier case, with its "ask to refer" button.
function holderItem(path, held) {
  const agency = label('agency', held.agency);
  const message = h('div', { class: 'form-message' });
  const button = h('button', {
    type: 'button', class: 'button secondary', dataset: { action: 'earlier-request', agency: held.agency }, disabled: Boolean(held.requested),
  }, held.requested ? t('earlier.requested') : t('earlier.request', { agency }));
  const asked = () => {
    button.disabled = true;
    button.textContent = t('earlier.requested');
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    fill(message);
    try {
      await post(`${path}/earlier-requests`, { agency: held.agency });
      asked();
      fill(message, alertBox('success', t('earlier.requested_done', { agency })));
    } catch (error) {
      if (error.code === 'already_requested') {
        asked();
        return;
      }
      button.disabled = false;
      fill(message, alertBox('error', errorText(error, null, true)));
    }
  });
  return h('li', { class: 'dash-item earlier-holder', dataset: { agency: held.agency } },
    h('p', { class: 'dash-line' }, t('earlier.held_by', { agency, since: monthYear(held.since) })),
    h('div', { class: 'actions' }, button), message);
}

function linkedList(linked) {
  return [h('h3', { id: 'earlier-linked-title' }, t('earlier.linked_title')),
    h('ul', { class: 'inline-list earlier-linked', id: 'earlier-linked', 'aria-labelledby': 'earlier-linked-title' },
      linked.map((other) => h('li', {}, h('a', { class: 'case-code', href: `#/cases/${encodeURIComponent(other.id)}` }, other.code))))];
}

// The chair links this case with another of the same survivor, by its code; both must be his
// to see (the server checks).
function linkForm(path, onDone) {
  const message = h('div', { class: 'form-message' });
  const form = h('form', { class: 'inline-form earlier-link-form', id: 'earlier-link-form', novalidate: true },
    h('h3', {}, t('earlier.link_title')),
    field({ name: 'case', label: t('earlier.link_code'), required: true, hint: t('earlier.link_hint'), attrs: { autocomplete: 'off', spellcheck: 'false' } }),
    message, h('div', { class: 'actions' }, submitButton(t('earlier.link_submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    fill(message);
    if (!requireFilled(form, ['case'])) return;
    try {
      await post(`${path}/links`, { case: value(form, 'case') });
      onDone(t('earlier.linked_done'));
    } catch (error) {
      add(message, alertBox('error', errorText(error, () => t('earlier.link_code'))));
    }
  });
  return form;
}

async function showHolders(path, holders, section) {
  let answer;
  try {
    answer = await get(`${path}/earlier`);
  } catch {
    return; // nothing to say, rather than an error about a helper
  }
  const heldBy = answer && answer.possible && Array.isArray(answer.held_by) ? answer.held_by.filter((x) => x && x.agency) : [];
  if (!heldBy.length) return;
  fill(holders, h('p', { class: 'hint' }, t('earlier.intro')),
    h('ul', { class: 'dash-list earlier-holders-list' }, heldBy.map((held) => holderItem(path, held))));
  section.hidden = false;
}

// earlierSection(c, ctx, onDone(message)) → the section (hidden while it has nothing to show);
// onDone reloads the page after a link.
export function earlierSection(c, ctx, onDone) {
  const path = `/api/v1/cases/${encodeURIComponent(c.id)}`;
  const linked = (Array.isArray(c.linked_cases) ? c.linked_cases : []).filter((x) => x && x.id && x.code);
  const mayLink = (c.allowed_actions || []).includes('link');
  const holders = h('div', { class: 'earlier-holders', id: 'earlier-holders' });
  const section = h('section', { class: 'card case-section earlier', id: 'earlier', 'aria-labelledby': 'earlier-title', hidden: !linked.length && !mayLink },
    h('h2', { id: 'earlier-title' }, t('earlier.title')),
    holders,
    linked.length ? linkedList(linked) : null,
    mayLink ? linkForm(path, onDone) : null);
  if (allows(ctx.user, 'earlier.request')) showHolders(path, holders, section);
  return section;
}
