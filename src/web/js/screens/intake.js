// Mở vụ việc: the intake form in steps — survivor, incident (how and when the report arrived, the
// forms of violence explained), perpetrator(s), risk, consent per agency — then a review before
// POST /api/v1/cases.
// Each step is checked as the officer leaves it, with the server's own rules (the catalogue's
// "field_rules"), and every problem of the step is shown at once; a mark goes as soon as its
// field is fixed, and the ✓ of a finished step stays until that step is found wrong again. A
// refusal from the server opens the step of the field it names and marks it there.
// Nothing is chosen for the officer, except the guardian for a child (the law's rule, said on
// the page). The draft is held in the page's memory only (session.holdWork), so an idle
// sign-out does not lose it, and leaving the form with input asks first (router.guardLeaving).

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { guardLeaving, heading, navigate } from '../router.js';
import { fieldRule, loadVillages } from '../catalogue.js';
import * as session from '../session.js';
import { todayVietnam } from '../format.js';
import {
  errorSummary, fieldNames, fieldProblem, formAnswers, hasAnswers, markRefused, radioValue,
  refreshSummary, refusedText, restoreAnswers, showProblems, clearWhenFixed, value,
} from '../ui/form.js';
import { alertBox, errorText, flash } from '../ui/notice.js';
import * as steps from '../case/intakeSteps.js';
import { buildCaseBody, reviewList } from '../case/intakeBody.js';
import { earlierNotice } from '../case/earlierCheck.js';

const ROUTE = '#/cases/new';
const STEP_KEYS = ['survivor', 'incident', 'perpetrators', 'risk', 'consent', 'review'];
const REVIEW = STEP_KEYS.length - 1;
const FILLED_STEPS = STEP_KEYS.slice(0, REVIEW).map((_, i) => i);

function isChild(form) {
  const birth = Number(value(form, 'survivor.birth_year'));
  const incident = value(form, 'incident.date');
  const when = incident ? Number(incident.slice(0, 4)) : Number(todayVietnam().slice(0, 4));
  return Boolean(birth) && when - birth < 18;
}

// A child's consent is the guardian's (the server refuses anything else), so for a child the
// guardian is chosen — and the page says so; when the birth year changes so the survivor is no
// longer a child, that choice is undone (back to unanswered, not to "survivor").
function applyChildRule(form, s) {
  const child = isChild(form);
  for (const box of form.querySelectorAll('.child-rule')) box.hidden = !child;
  const by = (v) => form.querySelector(`input[name="consent.given_by"][value="${v}"]`);
  if (child && !by('guardian').checked) {
    by('guardian').checked = true;
    s.forcedGuardian = true;
  } else if (!child && s.forcedGuardian) {
    by('guardian').checked = false;
    s.forcedGuardian = false;
  }
  by('survivor').disabled = child;
  form.querySelector('#guardian-auto').hidden = !child;
}

// Consent never asked must never look given: the agencies can be ticked only after "yes", and
// the officer's own agency is included only then.
function applyConsentRule(form, ownAgency) {
  const given = radioValue(form, 'consent.given') === 'yes';
  for (const box of form.querySelectorAll('input[name="consent.agencies"]')) {
    box.disabled = !given || box.value === ownAgency;
    if (box.value === ownAgency) box.checked = given;
    else if (!given) box.checked = false;
  }
  form.querySelector('#agencies-wait').hidden = given;
}

// "Same as the survivor's village": offered (with the name) once that village is filled.
function updateSameVillage(p) {
  const home = value(p.form, 'survivor.village');
  p.sameVillage.hidden = !home;
  p.sameVillage.textContent = t('intake.same_village', { village: home });
}

function copyVillage(form) {
  const control = form.elements.namedItem('incident.village');
  control.value = value(form, 'survivor.village');
  control.dispatchEvent(new Event('change', { bubbles: true }));
  control.focus();
}

// A step can be opened from the list when every step before it is finished (the one shown
// is checked on leaving it forward).
const reachable = (s, i) => i < s.current || STEP_KEYS.slice(0, i).every((_, j) => j === s.current || s.done.has(j));

function indicatorItems(s, goTo) {
  return STEP_KEYS.map((key, i) => {
    const done = s.done.has(i);
    const text = [h('span', { class: 'step-number' }, String(i + 1)), ' ', h('span', { class: 'step-name' }, t(`intake.step.${key}`)),
      done ? h('span', { class: 'visually-hidden' }, ` (${t('intake.step_done')})`) : null];
    const item = i !== s.current && reachable(s, i)
      ? h('button', { type: 'button', class: 'step-link', onclick: () => goTo(i) }, text)
      : h('span', {}, text);
    return h('li', { class: i === s.current ? 'current' : done ? 'done' : '', 'aria-current': i === s.current ? 'step' : null }, item);
  });
}

// The control named for an API path: 'perpetrators[1].phone' is the second block on the page
// (whose own number may differ after a removal); 'incident.types[2]' is the whole group.
function controlName(p, path) {
  const blocks = [...p.perpetratorList.querySelectorAll('.person-block')];
  return String(path)
    .replace(/^perpetrators\[(\d+)\]/, (whole, k) => (blocks[k] ? `perpetrators[${blocks[k].dataset.index}]` : whole))
    .replace(/\[\d+\]$/, '');
}

function buildParts(ctx) {
  const form = h('form', { class: 'intake', id: 'intake-form', novalidate: true });
  const perpetratorList = h('div', { class: 'perpetrators' });
  const review = h('div', { class: 'review' });
  const addButton = h('button', { type: 'button', class: 'button secondary', id: 'add-perpetrator' }, t('intake.add_perpetrator'));
  const bodies = {
    survivor: steps.survivorStep(),
    incident: [...steps.receiptStep(), ...steps.incidentStep()],
    perpetrators: [h('p', { class: 'hint' }, t('intake.perpetrator_intro')), perpetratorList, h('div', { class: 'actions' }, addButton)],
    risk: steps.riskStep(),
    consent: steps.consentStep(ctx.role),
    review: [h('p', { class: 'hint' }, t('intake.review_intro')), review],
  };
  const sections = STEP_KEYS.map((key, i) => h('section', { class: 'step', dataset: { step: key }, hidden: i !== 0, 'aria-labelledby': `step-${key}-title` },
    h('h2', { id: `step-${key}-title`, tabindex: '-1' }, t('intake.step_of', { n: i + 1, total: STEP_KEYS.length, name: t(`intake.step.${key}`) })),
    bodies[key]));
  // A possible earlier case of the same survivor, said without disclosing it (issue 21).
  sections[0].querySelector('[data-name="survivor.id_number"]').after(earlierNotice(form, ctx.user));
  const sameVillage = h('button', { type: 'button', class: 'button secondary same-village', id: 'same-village', onclick: () => copyVillage(form) });
  const villageWrap = sections[1].querySelector('[data-name="incident.village"]');
  villageWrap.querySelector('.field-error').before(sameVillage);
  const summary = errorSummary();
  const notice = h('div', { class: 'notice-area' });
  const back = h('button', { type: 'button', class: 'button secondary', id: 'intake-back' }, t('intake.back'));
  const next = h('button', { type: 'submit', class: 'button primary', id: 'intake-next' }, t('intake.next'));
  add(form, ...sections, h('div', { class: 'form-message' }, summary, notice), h('div', { class: 'actions step-actions' }, back, next));
  const indicator = h('ol', { class: 'steps', 'aria-label': t('intake.steps_label') });
  return { form, perpetratorList, review, addButton, sections, sameVillage, summary, notice, back, next, indicator };
}

// The draft: everything the officer has done so far, to give back after an idle sign-out.
function draftOf(p, s) {
  return {
    step: s.current, done: [...s.done], backToReview: s.backToReview, forcedGuardian: s.forcedGuardian,
    blocks: [...p.perpetratorList.querySelectorAll('.person-block')].map((b) => Number(b.dataset.index)),
    answers: formAnswers(p.form),
  };
}

function restoredNotice(onDiscard) {
  return h('div', { id: 'draft-restored' }, alertBox('info', t('intake.draft_restored'),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button secondary', id: 'draft-discard', onclick: onDiscard }, t('intake.draft_discard')))));
}

// ---- the flow: x = {p: the parts, s: the state, ctx} of the intake on the page --------------

function applyRules(x) {
  applyChildRule(x.p.form, x.s);
  applyConsentRule(x.p.form, x.ctx.role);
  updateSameVillage(x.p);
}

// Holds the draft for the signed-in officer (in memory), or drops it while nothing is entered.
function hold(x) {
  if (x.s.saved) return;
  const work = draftOf(x.p, x.s);
  if (hasAnswers(work.answers)) session.holdWork(ROUTE, work);
  else session.dropWork();
}

function changed(x) {
  applyRules(x);
  hold(x);
}

function addPerpetrator(x, index = x.s.nextIndex) {
  x.s.nextIndex = Math.max(x.s.nextIndex, index + 1);
  const block = steps.perpetratorBlock(index, () => {
    block.remove();
    changed(x);
  });
  add(x.p.perpetratorList, block);
  return block;
}

// The problem of one field: the server's rule (field_rules), and for the receipt time, not
// after now (a datetime the generic rules do not read).
function problemOf(form, name) {
  return fieldProblem(form, name, fieldRule(name)) || (name === 'intake.received_at' ? steps.receivedAtProblem(value(form, name)) : '');
}

const problemsOf = (x, i) => fieldNames(x.p.sections[i]).map((name) => ({ name, text: problemOf(x.p.form, name) })).filter((p) => p.text);

// Checks step i, showing every problem of it at once; its ✓ follows the outcome.
function checkStep(x, i) {
  const ok = showProblems(x.p.form, x.p.summary, problemsOf(x, i), x.p.sections[i]);
  if (ok) x.s.done.add(i);
  else x.s.done.delete(i);
  return ok;
}

// Shows step `index`: the other steps hidden, the list of steps redrawn, and only this step's
// problems in the summary (nothing stale: the review has no field, so it shows none).
function showStep(x, index, focus = true) {
  const { p, s } = x;
  s.current = index;
  if (index === REVIEW) s.backToReview = false;
  p.sections.forEach((section, i) => { section.hidden = i !== index; });
  fill(p.indicator, indicatorItems(s, (i) => goTo(x, i)));
  p.back.hidden = index === 0;
  p.next.textContent = index === REVIEW ? t('intake.submit') : t('intake.next');
  fill(p.notice);
  refreshSummary(p.summary, p.sections[index]);
  if (index === REVIEW) fill(p.review, reviewList(p.form));
  applyRules(x);
  hold(x);
  if (focus) p.sections[index].querySelector('h2').focus();
}

// Forward, the step shown is checked first; backward it is not (its ✓ goes if it is no
// longer right). From the review, "Next" on the corrected step comes back to the review.
function goTo(x, i) {
  const { s } = x;
  if (i > s.current && !checkStep(x, s.current)) return;
  if (i < s.current && s.done.has(s.current) && problemsOf(x, s.current).length) s.done.delete(s.current);
  if (s.current === REVIEW) s.backToReview = true;
  showStep(x, i);
}

function onNext(x) {
  const { s } = x;
  if (s.current === REVIEW) {
    submit(x);
  } else if (checkStep(x, s.current)) {
    const allDone = FILLED_STEPS.every((i) => s.done.has(i));
    showStep(x, s.backToReview && allDone ? REVIEW : s.current + 1);
  }
}

// A 400 naming a field: its step opens with the field marked; the other steps keep their ✓.
function refused(x, error) {
  const { p, s } = x;
  const name = error.status === 400 && error.field ? controlName(p, error.field) : '';
  const wrap = name && p.form.querySelector(`[data-name="${CSS.escape(name)}"]`);
  const section = wrap && wrap.closest('.step');
  if (!section) {
    fill(p.notice, alertBox('error', errorText(error, (path) => label('field', path.replace(/\[\d+\]/g, '')))));
    return;
  }
  const i = p.sections.indexOf(section);
  s.done.delete(i);
  s.backToReview = true;
  showStep(x, i, false);
  markRefused(p.form, p.summary, name, refusedText(p.form, error, name, fieldRule(name)), section);
}

// Every step is checked again first (a step may have been changed after its ✓).
async function submit(x) {
  const { p, s } = x;
  const wrong = FILLED_STEPS.find((i) => problemsOf(x, i).length > 0);
  if (wrong !== undefined) {
    showStep(x, wrong, false);
    checkStep(x, wrong);
    return;
  }
  p.next.disabled = true;
  fill(p.notice);
  try {
    const created = await post('/api/v1/cases', buildCaseBody(p.form, p.perpetratorList));
    s.saved = true;
    session.dropWork();
    flash('success', t('intake.created', { code: created.code || '' }));
    navigate(`#/cases/${encodeURIComponent(created.id)}`);
  } catch (error) {
    refused(x, error);
  } finally {
    p.next.disabled = false;
  }
}

function discard(x) {
  if (!window.confirm(t('intake.discard_confirm'))) return;
  x.s.saved = true;
  session.dropWork();
  navigate(ROUTE);
}

function restoreDraft(x, draft) {
  draft.blocks.forEach((i) => addPerpetrator(x, i));
  restoreAnswers(x.p.form, draft.answers);
  Object.assign(x.s, { done: new Set(draft.done), backToReview: draft.backToReview, forcedGuardian: draft.forcedGuardian });
}

function wire(x) {
  const { form } = x.p;
  x.p.addButton.addEventListener('click', () => {
    addPerpetrator(x).querySelector('input').focus();
    changed(x);
  });
  form.addEventListener('input', () => changed(x));
  form.addEventListener('change', () => changed(x));
  clearWhenFixed(form, x.p.summary, (name) => problemOf(form, name));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onNext(x);
  });
  x.p.back.addEventListener('click', () => goTo(x, Math.max(0, x.s.current - 1)));
  guardLeaving({
    unsaved: () => !x.s.saved && hasAnswers(formAnswers(form)),
    message: t('intake.leave_confirm'),
    onLeave: () => session.dropWork(),
  });
}

export async function render(view, ctx) {
  const villages = await loadVillages();
  const draft = session.heldWork(ROUTE);
  const x = { p: buildParts(ctx), s: { current: 0, done: new Set(), backToReview: false, forcedGuardian: false, saved: false, nextIndex: 0 }, ctx };
  steps.useVillageList(x.p.form, villages);
  if (draft) restoreDraft(x, draft);
  else addPerpetrator(x);
  wire(x);
  add(view, heading(t('intake.title')), h('p', { class: 'lead' }, t('intake.intro')),
    draft ? restoredNotice(() => discard(x)) : null, x.p.indicator, x.p.form);
  showStep(x, draft ? draft.step : 0, false);
}
