// Đề nghị chuyển hồ sơ — the holding agency's side of "a possible earlier case" (issue 21): the
// requests waiting for the caller's agency (GET /api/v1/earlier-requests) from an agency whose
// new case matched one of the caller's, each asking to refer that case. Accepting asks the
// reason of the referral (POST …/accept {reason}): the server refers the case under the usual
// consent rules — a 409 consent_required is shown in the server's own words — and links the
// two cases. Declining needs a reason (POST …/decline {reason}). The dashboard shows them
// next to the incoming referrals.

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, itemsOf } from '../api.js';
import { allows } from '../roles.js';
import { formatDateTime } from '../format.js';
import { alertBox, errorText } from '../ui/notice.js';
import { clearErrors, field, requireFilled, submitButton, value } from '../ui/form.js';

// The requests still waiting for the caller's agency ([] when its role receives none).
export async function incomingEarlierRequests(user) {
  if (!allows(user, 'earlier.incoming')) return [];
  return itemsOf(await get('/api/v1/earlier-requests')).filter((r) => !r.status || r.status === 'waiting');
}

// The catalogue's sentence `text` with its {placeholders} replaced by the nodes of `nodes` (a
// case code as a link inside a sentence); an unknown placeholder stays as it is.
function withNodes(text, nodes) {
  return text.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part);
    return name && nodes[name[1]] ? nodes[name[1]] : part;
  });
}

const caseHref = (request) => `#/cases/${encodeURIComponent(request.case_id)}`;

// The words of a refusal: for missing consent, the server's own message (it says which).
function refusalText(error, reasonLabel) {
  if (error.code === 'consent_required' && error.message) return error.message;
  return errorText(error, () => reasonLabel, true);
}

const wordsOf = (kind) => (kind === 'accept'
  ? { reason: t('earlier.accept_reason'), confirm: t('earlier.accept_confirm') }
  : { reason: t('earlier.decline_reason'), confirm: t('earlier.decline_confirm') });

// The reason form of "accept" or "decline"; the row becomes the outcome once answered.
function answerForm(request, row, kind) {
  const words = wordsOf(kind);
  const message = h('div', { class: 'form-message' });
  const form = h('form', { class: 'inline-form earlier-answer-form', dataset: { answer: kind }, novalidate: true },
    field({ name: 'reason', label: words.reason, type: 'textarea', required: true, rows: 2 }),
    message, h('div', { class: 'actions' }, submitButton(words.confirm)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    fill(message);
    if (!requireFilled(form, ['reason'])) return;
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await post(`/api/v1/earlier-requests/${encodeURIComponent(request.id)}/${kind}`, { reason: value(form, 'reason') });
      const code = request.case_code || '';
      fill(row, alertBox('success', kind === 'accept'
        ? t('earlier.accepted', { code, agency: label('agency', request.from_agency) })
        : t('earlier.declined', { code })));
    } catch (error) {
      button.disabled = false;
      fill(message, alertBox('error', refusalText(error, words.reason)));
    }
  });
  return form;
}

// One request, as the holder reads it: who asks, for which of its cases, matching which of
// theirs; accept and decline each open their reason form under it.
export function earlierRequestItem(request) {
  const row = h('li', { class: 'dash-item earlier-request', dataset: { request: String(request.id) } });
  const slot = h('div', { class: 'earlier-answer' });
  const buttons = {};
  const open = (kind) => {
    for (const [k, b] of Object.entries(buttons)) b.setAttribute('aria-expanded', String(k === kind));
    fill(slot, answerForm(request, row, kind));
    slot.querySelector('textarea').focus();
  };
  buttons.accept = h('button', { type: 'button', class: 'button primary', dataset: { action: 'earlier-accept' }, 'aria-expanded': 'false', onclick: () => open('accept') }, t('earlier.accept'));
  buttons.decline = h('button', { type: 'button', class: 'button secondary', dataset: { action: 'earlier-decline' }, 'aria-expanded': 'false', onclick: () => open('decline') }, t('earlier.decline'));
  const code = request.case_id
    ? h('a', { class: 'case-code', href: caseHref(request) }, request.case_code || t('case.no_code'))
    : h('span', { class: 'case-code' }, request.case_code || t('case.no_code'));
  const line = t('earlier.request_line', { from: label('agency', request.from_agency) });
  fill(row,
    h('p', { class: 'dash-line earlier-request-line' }, h('span', {}, withNodes(line, { code }))),
    request.created_at ? h('p', { class: 'dash-detail muted' }, formatDateTime(request.created_at)) : null,
    h('div', { class: 'actions' }, buttons.accept, buttons.decline), slot);
  return row;
}
