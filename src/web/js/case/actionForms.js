// The forms of the case actions other than events and corrections: refer (with the consent
// check), change consent, complete the agency's stage, close / reopen, recuse, break-glass,
// erase. Each is offered only when the case answer allows it (case/actions.js), posts to its
// API.md endpoint and calls onDone(message) on success; the server decides in the end.

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { allows } from '../roles.js';
import { cataloguePart, inLanguage, options, values } from '../catalogue.js';
import {
  choices, checkedValues, clearWhenFixed, errorSummary, field, fieldNames, fieldProblem, markRefused, radioValue,
  refusedText, showProblems, submitButton, value,
} from '../ui/form.js';
import { alertBox, errorText } from '../ui/notice.js';

// The stages of an agency still taking part in the case (the refer form does not offer it again).
const OPEN = ['referred', 'accepted', 'active'];
const statusOf = (stage) => (typeof stage === 'string' ? stage : (stage && stage.status) || '');

// A form whose submit posts `body(form)` to `path` once its fields pass: each required field
// answered, and `checks[name](text)` ('' when fine) for fields with a rule of their own. Every
// problem is shown at once, and each goes as soon as its field is fixed.
// `refusedWith(error)`: the words (a node) for a refusal the form explains itself, else null.
function postingForm({ id, parts, submitText, path, body, checks = {}, onDone, done, refusedWith = () => null }) {
  const summary = errorSummary({ atLeast: 2 });
  const notice = h('div');
  const form = h('form', { class: 'card action-form', id, novalidate: true }, ...parts,
    h('div', { class: 'form-message' }, summary, notice),
    h('div', { class: 'actions' }, submitButton(submitText)));
  const problemOf = (name) => fieldProblem(form, name, null) || (checks[name] ? checks[name](value(form, name)) : '');
  clearWhenFixed(form, summary, problemOf);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    notice.replaceChildren();
    const problems = fieldNames(form).map((name) => ({ name, text: problemOf(name) })).filter((p) => p.text);
    if (!showProblems(form, summary, problems)) return;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await post(path, body(form));
      onDone(done);
    } catch (error) {
      const marked = error.status === 400 && error.field && markRefused(form, summary, error.field, refusedText(form, error, error.field));
      if (!marked) fill(notice, refusedWith(error) || alertBox('error', errorText(error, (f) => label('field', f), true)));
      button.disabled = false;
    }
  });
  return form;
}

const reasonField = (labelKey, hint) => field({ name: 'reason', label: t(labelKey), type: 'textarea', required: true, rows: 2, hint });

// openConsent: opens the consent form (null when the case answer does not allow consent).
// Why the server refuses a referral to `target` now: for consent, the words that name the
// agency; otherwise the server's own text.
function refusalText(c, target) {
  const code = (c.refusal_codes || {})[`refer:${target}`];
  if (code === 'consent_required' || !(c.refusals || {})[`refer:${target}`])
    return t('refer.consent_missing', { agency: label('agency', target) });
  return c.refusals[`refer:${target}`];
}

// The agencies the server lets the caller refer the case to now (allowed_actions
// "refer:<agency>"), and those it refuses with a reason the officer can act on (consent).
export function referForm(c, role, onDone, openConsent) {
  const allowed = new Set(c.allowed_actions || []);
  const refusals = c.refusals || {};
  const mandatoryTargets = c.mandatory_referrals || [];
  const targets = values('agency').filter((a) => allowed.has(`refer:${a}`) || refusals[`refer:${a}`]);
  if (!targets.length) return alertBox('info', t('refer.none_left'));
  const to = field({ name: 'to', label: t('refer.to'), type: 'select', required: true, options: options('agency').filter((o) => targets.includes(o.value)) });
  const mandatory = field({ name: 'mandatory', label: t('refer.mandatory'), type: 'checkbox', hint: t('refer.mandatory_hint') });
  const check = h('div', { class: 'consent-check', 'aria-live': 'polite' });
  const consentButton = openConsent ? h('button', { type: 'button', class: 'button link', onclick: openConsent }, t('refer.amend_consent')) : null;
  const form = postingForm({
    id: 'refer-form', submitText: t('refer.submit'),
    parts: [to, mandatory, check, reasonField('refer.reason')],
    path: `/api/v1/cases/${encodeURIComponent(c.id)}/referrals`,
    body: (f) => ({ to: value(f, 'to'), reason: value(f, 'reason'), mandatory: f.elements.namedItem('mandatory').checked }),
    onDone, done: t('refer.done'),
  });
  const update = () => {
    const target = value(form, 'to');
    const byLaw = mandatoryTargets.includes(target);
    mandatory.hidden = !byLaw;
    mandatory.control.checked = byLaw;
    const submit = form.querySelector('button[type=submit]');
    const ok = allowed.has(`refer:${target}`);
    submit.disabled = !ok;
    fill(check, !ok
      ? alertBox('warning', refusalText(c, target), h('div', {}, consentButton))
      : byLaw ? alertBox('info', t('refer.consent_mandatory'))
        : alertBox('success', t('refer.consent_ok', { agency: label('agency', target) })));
  };
  form.addEventListener('change', update);
  update();
  return form;
}

// The consent as recorded now, in words (the form below records a new statement).
function currentConsent(current) {
  if (!current) return t('consent.none_recorded');
  const agencies = (current.agencies || []).map((a) => label('agency', a)).join(', ') || t('consent.none');
  return t('consent.current', { given: current.given ? t('common.yes') : t('common.no'), by: label('given_by', current.given_by), agencies });
}

// A change of consent is a new statement by a person: whether they agree and who they are are
// asked again, never carried over (for a child the guardian is the only choice, and the form
// says so). The agencies start as recorded, to be amended, and can be ticked only after "yes".
export function consentForm(c, onDone) {
  const current = c.consent || null;
  const child = Boolean(c.survivor && c.survivor.child);
  const open = values('agency').filter((a) => OPEN.includes(statusOf((c.stages || {})[a])));
  const yesNo = [{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }];
  const parts = [
    child ? alertBox('warning', t('intake.child_rule')) : null,
    h('p', { class: 'hint consent-now' }, currentConsent(current)),
    choices({ name: 'given', legend: t('consent.given_q'), type: 'radio', required: true, options: yesNo, missing: t('intake.consent_missing') }),
    choices({
      name: 'given_by', legend: t('consent.given_by'), type: 'radio', required: true, missing: t('intake.given_by_missing'),
      hint: child ? t('consent.guardian_only') : null,
      options: options('given_by').map((o) => ({ ...o, disabled: child && o.value === 'survivor' })), values: child ? ['guardian'] : [],
    }),
    choices({ name: 'agencies', legend: t('consent.agencies'), hint: t('consent.withdraw_hint'), options: options('agency').map((o) => ({ ...o, hint: open.includes(o.value) ? t('consent.has_open_stage') : null })), values: (current && current.agencies) || [] }),
    field({ name: 'statistics', label: t('consent.statistics'), type: 'checkbox', checked: Boolean(current && current.statistics) }),
    reasonField('consent.reason'),
  ].filter(Boolean);
  const form = postingForm({
    id: 'consent-form', submitText: t('consent.save'), parts,
    path: `/api/v1/cases/${encodeURIComponent(c.id)}/consent`,
    body: (f) => {
      const given = radioValue(f, 'given') === 'yes';
      return { given, given_by: radioValue(f, 'given_by'), agencies: given ? checkedValues(f, 'agencies') : [], statistics: f.elements.namedItem('statistics').checked, reason: value(f, 'reason') };
    },
    onDone, done: t('consent.saved'),
  });
  const recorded = new Set((current && current.agencies) || []);
  // Until "yes" the boxes cannot be changed; "no" clears them (every agency is withdrawn), and
  // a "yes" after that starts again from the record.
  let was = '';
  const update = () => {
    const given = radioValue(form, 'given');
    for (const box of form.querySelectorAll('input[name="agencies"]')) {
      box.disabled = given !== 'yes';
      if (given === 'no') box.checked = false;
      else if (given === '' || was === 'no') box.checked = recorded.has(box.value);
    }
    was = given;
  };
  form.addEventListener('change', (event) => {
    if (event.target.name === 'given') update();
  });
  update();
  return form;
}

export function completeForm(c, role, onDone) {
  return postingForm({
    id: 'complete-form', submitText: t('complete.submit'),
    parts: [h('p', { class: 'hint' }, t('complete.explain')), field({ name: 'summary', label: t('complete.summary'), type: 'textarea', required: true, rows: 3 })],
    path: `/api/v1/cases/${encodeURIComponent(c.id)}/stages/${encodeURIComponent(role)}/complete`,
    body: (f) => ({ summary: value(f, 'summary') }),
    onDone, done: t('complete.done'),
  });
}

// The button that opens the request for the chair's approval of closing a high-risk case, or
// null when the caller may not send one (requestApproval null).
export function approvalButton(requestApproval) {
  return requestApproval
    ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button primary', id: 'request-closure', onclick: requestApproval }, t('close.request_approval')))
    : null;
}

// A close refused until the chair approves: the words, and the way to ask.
const approvalNotice = (requestApproval) => alertBox('warning', t('close.needs_approval'), approvalButton(requestApproval));

// The survivor-feedback questions asked on closing ([{id, choices, label}]; none from a server
// without them).
const feedbackQuestions = () => (Array.isArray(cataloguePart('feedback_questions')) ? cataloguePart('feedback_questions') : []);

// The answers a question offers: plain values ('yes') or {value, label}.
const answerOptions = (q) => (q.choices || []).map((c) => (typeof c === 'object' && c
  ? { value: c.value, label: inLanguage(c.label, label('feedback_answer', c.value)) }
  : { value: c, label: label('feedback_answer', c) }));

// The survivor's feedback on closing, clearly anonymous and optional: not asked (nothing
// chosen, or "not asked"), declined, or the catalogue's questions, each then to be answered.
function feedbackPart() {
  const questions = feedbackQuestions();
  if (!questions.length) return null;
  const asked = choices({
    name: 'feedback', legend: t('close.feedback_asked'), type: 'radio',
    options: ['not_asked', 'answered', 'declined'].map((v) => ({ value: v, label: t(`close.feedback.${v}`) })),
  });
  const items = questions.map((q) => {
    const group = choices({ name: `feedback.${q.id}`, legend: inLanguage(q.label, label('feedback', q.id)), type: 'radio', required: true, options: answerOptions(q) });
    group.hidden = true;
    return group;
  });
  const part = h('fieldset', { class: 'field-group survivor-feedback', id: 'survivor-feedback' },
    h('legend', {}, t('close.feedback_title')), h('p', { class: 'hint' }, t('close.feedback_hint')), asked, items);
  part.addEventListener('change', (event) => {
    if (event.target.name !== 'feedback') return;
    for (const item of items) item.hidden = event.target.value !== 'answered';
  });
  return part;
}

// {felt_safe: 'yes', …}, {declined: true}, or undefined when not asked (left out of the body).
function feedbackOf(form) {
  const asked = radioValue(form, 'feedback');
  if (asked === 'declined') return { declined: true };
  if (asked !== 'answered') return undefined;
  return Object.fromEntries(feedbackQuestions().map((q) => [q.id, radioValue(form, `feedback.${q.id}`)]).filter(([, a]) => a));
}

// Close (with the coded reason counted in the statistical report, and the survivor's anonymous
// feedback) or reopen. A close the chair must approve first (409 closure_needs_approval) says so
// and offers the request (requestApproval).
export function closeForm(c, onDone, reopen, requestApproval = null) {
  const kind = reopen ? 'reopen' : 'close';
  const code = reopen ? null : field({ name: 'reason_code', label: t('close.reason_code'), type: 'select', required: true, hint: t('close.reason_code_hint'),
    options: [{ value: '', label: t('form.choose') }, ...options('closure_reason')] });
  const body = (f) => {
    if (reopen) return { reason: value(f, 'reason') };
    const out = { reason_code: value(f, 'reason_code'), reason: value(f, 'reason') };
    const feedback = feedbackOf(f);
    if (feedback) out.survivor_feedback = feedback;
    return out;
  };
  return postingForm({
    id: `${kind}-form`, submitText: t(`${kind}.submit`),
    parts: [code, reasonField(`${kind}.reason`), reopen ? null : feedbackPart()].filter(Boolean),
    path: `/api/v1/cases/${encodeURIComponent(c.id)}/${kind}`,
    body, onDone, done: t(`${kind}.done`),
    refusedWith: (error) => (error.status === 409 && error.code === 'closure_needs_approval' ? approvalNotice(requestApproval) : null),
  });
}

// Recusal of oneself, or of another user when the role may recuse others (case.recuse_others).
// onDone(message, self): self is true when the caller recused themself.
export function recuseForm(c, user, onDone) {
  const others = allows(user, 'case.recuse_others');
  const parts = [h('p', { class: 'hint' }, t('recuse.explain')),
    others ? field({ name: 'user_id', label: t('recuse.user_id'), type: 'number', hint: t('recuse.user_id_hint') }) : null,
    reasonField('recuse.reason')].filter(Boolean);
  const otherUser = (f) => (others ? Number(value(f, 'user_id')) : 0);
  const form = postingForm({
    id: 'recuse-form', submitText: t('recuse.submit'), parts,
    path: `/api/v1/cases/${encodeURIComponent(c.id)}/recusals`,
    body: (f) => (otherUser(f) ? { user_id: otherUser(f), reason: value(f, 'reason') } : { reason: value(f, 'reason') }),
    onDone: (msg) => onDone(msg, !otherUser(form)),
    done: t('recuse.done'),
  });
  return form;
}

export function breakGlassForm(caseId, onDone) {
  return postingForm({
    id: 'break-glass-form', submitText: t('break_glass.submit'),
    parts: [alertBox('warning', t('break_glass.explain')), reasonField('break_glass.reason', t('break_glass.reason_hint'))],
    path: `/api/v1/cases/${encodeURIComponent(caseId)}/break-glass`,
    body: (f) => ({ reason: value(f, 'reason') }),
    checks: { reason: (text) => (text.length < 10 ? t('break_glass.too_short') : '') },
    onDone, done: t('break_glass.done'),
  });
}

// Erasure on the survivor's request: the case key is destroyed at once (crypto-shredding), so
// the form asks for the case code to be typed as a confirmation.
export function eraseForm(c, onDone) {
  const code = String(c.code || c.id);
  return postingForm({
    id: 'erase-form', submitText: t('erase.submit'),
    parts: [alertBox('warning', t('erase.explain')), reasonField('erase.reason'),
      field({ name: 'confirm_code', label: t('erase.confirm', { code }), required: true, attrs: { autocomplete: 'off' } })],
    path: `/api/v1/cases/${encodeURIComponent(c.id)}/erase`,
    body: (f) => ({ reason: value(f, 'reason') }),
    checks: { confirm_code: (text) => (text === code ? '' : t('erase.confirm_wrong')) },
    onDone, done: t('erase.done', { code }),
  });
}
