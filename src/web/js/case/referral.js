// An incoming referral, as the receiving agency reads it before accepting (GET
// /api/v1/referrals?direction=incoming): who referred it and why, and a summary of the case
// without names (village, forms of violence, risk, child, status), with "accept" and
// "decline". Until it is accepted the case itself is a 404 for this agency (need to know), so
// its code links to the case page with ?referral=<id>, which shows this instead of the case.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, itemsOf } from '../api.js';
import { formatDateTime } from '../format.js';
import { field, submitButton, clearErrors, requireFilled, value } from '../ui/form.js';
import { alertBox, errorText } from '../ui/notice.js';
import { badge, pick, riskBadge, statusBadge, typesText } from '../ui/bits.js';

export const referralIdOf = (referral) => String(pick(referral, ['id', 'referral_id']));
export const referralCaseId = (referral) => String(pick(referral, ['case_id', 'case.id']));
const codeOf = (referral) => pick(referral, ['case_code', 'code', 'case.code'], t('case.no_code'));

// The referrals waiting for the caller's agency (the server lists at most `limit`).
export async function incomingReferrals(limit) {
  return itemsOf(await get(`/api/v1/referrals?direction=incoming${limit ? `&limit=${limit}` : ''}`));
}

// Where a referral's case code leads: the case page, which shows the referral while it waits.
export function referralHref(referral) {
  return `#/cases/${encodeURIComponent(referralCaseId(referral))}?referral=${encodeURIComponent(referralIdOf(referral))}`;
}

function declineForm(referral, row, onDeclined) {
  const form = h('form', { class: 'inline-form', novalidate: true },
    field({ name: 'reason', label: t('referral.decline_reason'), type: 'textarea', required: true, rows: 2 }),
    h('div', { class: 'actions' }, submitButton(t('referral.decline_confirm'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!requireFilled(form, ['reason'])) return;
    try {
      await post(`/api/v1/referrals/${encodeURIComponent(referralIdOf(referral))}/decline`, { reason: value(form, 'reason') });
      fill(row, alertBox('success', t('referral.declined', { code: codeOf(referral) })));
      if (onDeclined) onDeclined();
    } catch (error) {
      add(form, alertBox('error', errorText(error, null, true)));
    }
  });
  return form;
}

// What the referring agency said and the case without names: enough to decide.
export function referralSummary(referral) {
  const summary = referral.case_summary || {};
  const risk = summary.risk || referral.risk;
  const child = summary.child ?? referral.child;
  const rows = [
    summary.village ? [t('case.village'), summary.village] : null,
    Array.isArray(summary.types) && summary.types.length ? [t('case.types'), typesText(summary.types)] : null,
    risk ? [t('case.risk'), riskBadge(risk)] : null,
    summary.case_status ? [t('case.status'), statusBadge(summary.case_status)] : null,
    child ? [t('person.child'), badge('warning', t('case.child_case'))] : null,
  ].filter(Boolean);
  const reason = pick(referral, ['reason']);
  return [
    reason ? h('p', { class: 'dash-detail referral-reason' }, t('referral.reason', { reason })) : null,
    rows.length ? h('dl', { class: 'facts compact referral-summary' }, rows.map(([term, v]) => [h('dt', {}, term), h('dd', {}, v)])) : null,
  ];
}

// referralCard(referral, {tag, code, onAccepted(caseId), onDeclined}): the referral with its
// accept and decline buttons; `code` is the node that names the case (a link or a heading).
export function referralCard(referral, opts) {
  const row = h(opts.tag || 'li', { class: 'dash-item referral', dataset: { referral: referralIdOf(referral) } });
  const accept = h('button', { type: 'button', class: 'button primary', dataset: { action: 'accept' } }, t('referral.accept'));
  const decline = h('button', { type: 'button', class: 'button secondary', dataset: { action: 'decline' } }, t('referral.decline'));
  accept.addEventListener('click', async () => {
    accept.disabled = true;
    try {
      await post(`/api/v1/referrals/${encodeURIComponent(referralIdOf(referral))}/accept`, {});
      opts.onAccepted(referralCaseId(referral));
    } catch (error) {
      accept.disabled = false;
      add(row, alertBox('error', errorText(error, null, true)));
    }
  });
  decline.addEventListener('click', () => {
    decline.disabled = true;
    add(row, declineForm(referral, row, opts.onDeclined));
    row.querySelector('textarea').focus();
  });
  const mandatory = pick(referral, ['mandatory'], false);
  add(row,
    h('p', { class: 'dash-line' }, opts.code || h('span', { class: 'case-code' }, codeOf(referral)), ' ',
      t('referral.from', { agency: label('agency', pick(referral, ['from', 'from_agency'])) }),
      mandatory ? [' ', badge('warning', t('referral.mandatory'))] : null),
    referralSummary(referral),
    h('p', { class: 'dash-detail muted' }, formatDateTime(pick(referral, ['referred_at', 'created_at', 'at', 'since']))),
    h('div', { class: 'actions' }, accept, decline));
  return row;
}

// The dashboard's entry: the case code links to the referral on the case page.
export function referralItem(referral, onAccepted) {
  const code = h('a', { class: 'case-code', href: referralHref(referral) }, codeOf(referral));
  return referralCard(referral, { code, onAccepted });
}
