// Mở vụ việc: the intake form in steps — survivor, incident (the forms of violence explained),
// perpetrator(s), risk, consent per agency — then a review before POST /api/v1/cases. The
// child-case rule is shown as soon as the birth year makes the survivor a child.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { heading, navigate } from '../router.js';
import { todayVietnam } from '../format.js';
import { checkedValues, clearErrors, focusFirstError, radioValue, requireFilled, setFieldError, value } from '../ui/form.js';
import { alertBox, errorText, flash } from '../ui/notice.js';
import * as steps from '../case/intakeSteps.js';
import { buildCaseBody, reviewList } from '../case/intakeBody.js';

const STEP_KEYS = ['survivor', 'incident', 'perpetrators', 'risk', 'consent', 'review'];

export async function render(view, ctx) {
  let current = 0;
  let perpetratorCount = 0;
  let forcedGuardian = false;
  const form = h('form', { class: 'intake', id: 'intake-form', novalidate: true });
  const message = h('div', { class: 'form-message' });
  const perpetratorList = h('div', { class: 'perpetrators' });
  const review = h('div', { class: 'review' });

  function addPerpetrator() {
    const index = perpetratorCount++;
    const block = steps.perpetratorBlock(index, () => { block.remove(); });
    add(perpetratorList, block);
    return block;
  }
  const addButton = h('button', { type: 'button', class: 'button secondary', onclick: () => addPerpetrator().querySelector('input').focus() }, t('intake.add_perpetrator'));

  const bodies = {
    survivor: steps.survivorStep(),
    incident: steps.incidentStep(),
    perpetrators: [h('p', { class: 'hint' }, t('intake.perpetrator_intro')), perpetratorList, h('div', { class: 'actions' }, addButton)],
    risk: steps.riskStep(),
    consent: steps.consentStep(ctx.role),
    review: [h('p', { class: 'hint' }, t('intake.review_intro')), review],
  };
  const sections = STEP_KEYS.map((key, i) => h('section', { class: 'step', dataset: { step: key }, hidden: i !== 0, 'aria-labelledby': `step-${key}-title` },
    h('h2', { id: `step-${key}-title`, tabindex: '-1' }, t('intake.step_of', { n: i + 1, total: STEP_KEYS.length, name: t(`intake.step.${key}`) })),
    bodies[key]));
  addPerpetrator();

  const indicator = h('ol', { class: 'steps', 'aria-label': t('intake.steps_label') });
  const back = h('button', { type: 'button', class: 'button secondary', id: 'intake-back' }, t('intake.back'));
  const next = h('button', { type: 'submit', class: 'button primary', id: 'intake-next' }, t('intake.next'));
  add(form, ...sections, message, h('div', { class: 'actions step-actions' }, back, next));

  function isChild() {
    const birth = Number(value(form, 'survivor.birth_year'));
    const incident = value(form, 'incident.date');
    const when = incident ? Number(incident.slice(0, 4)) : Number(todayVietnam().slice(0, 4));
    return Boolean(birth) && when - birth < 18;
  }

  function applyRules() {
    const child = isChild();
    for (const box of form.querySelectorAll('.child-rule')) box.hidden = !child;
    const survivorBy = form.querySelector('input[name="consent.given_by"][value="survivor"]');
    const guardianBy = form.querySelector('input[name="consent.given_by"][value="guardian"]');
    // A child's consent is the guardian's (the server refuses anything else); when the birth
    // year changes so the survivor is no longer a child, the choice we forced is undone.
    if (child && !guardianBy.checked) {
      guardianBy.checked = true;
      forcedGuardian = true;
    } else if (!child && forcedGuardian) {
      survivorBy.checked = true;
      forcedGuardian = false;
    }
    survivorBy.disabled = child;
    const given = radioValue(form, 'consent.given') !== 'no';
    for (const box of form.querySelectorAll('input[name="consent.agencies"]')) {
      if (box.value === ctx.role) {
        box.checked = given;
        box.disabled = true;
      } else {
        box.disabled = !given;
        if (!given) box.checked = false;
      }
    }
  }
  form.addEventListener('input', applyRules);
  form.addEventListener('change', applyRules);

  function showStep(index, focus = true) {
    current = index;
    sections.forEach((s, i) => { s.hidden = i !== index; });
    fill(indicator, ...STEP_KEYS.map((key, i) => {
      const text = [h('span', { class: 'step-number' }, String(i + 1)), ' ', h('span', { class: 'step-name' }, t(`intake.step.${key}`)),
        i < index ? h('span', { class: 'visually-hidden' }, ` (${t('intake.step_done')})`) : null];
      const item = i < index
        ? h('button', { type: 'button', class: 'step-link', onclick: () => showStep(i) }, text)
        : h('span', {}, text);
      return h('li', { class: i === index ? 'current' : i < index ? 'done' : '', 'aria-current': i === index ? 'step' : null }, item);
    }));
    back.hidden = index === 0;
    next.textContent = index === STEP_KEYS.length - 1 ? t('intake.submit') : t('intake.next');
    if (STEP_KEYS[index] === 'review') fill(review, reviewList(form));
    const incidentVillage = form.elements.namedItem('incident.village');
    if (STEP_KEYS[index] === 'incident' && !incidentVillage.value) incidentVillage.value = value(form, 'survivor.village');
    applyRules();
    if (focus) sections[index].querySelector('h2').focus();
  }

  function validate(key) {
    clearErrors(form);
    if (key === 'survivor') {
      if (!requireFilled(form, ['survivor.full_name', 'survivor.village'])) return false;
      const birth = value(form, 'survivor.birth_year');
      if (birth && !(/^\d{4}$/.test(birth) && Number(birth) <= new Date().getFullYear())) {
        setFieldError(form, 'survivor.birth_year', t('form.bad_year'));
        focusFirstError(form);
        return false;
      }
      return true;
    }
    if (key === 'incident') {
      if (!requireFilled(form, ['incident.date', 'incident.village', 'incident.place', 'incident.description'])) return false;
      if (value(form, 'incident.date') > todayVietnam()) {
        setFieldError(form, 'incident.date', t('form.future_date'));
        focusFirstError(form);
        return false;
      }
      if (!checkedValues(form, 'incident.types').length) {
        setFieldError(form, 'incident.types', t('intake.types_missing'));
        form.querySelector('input[name="incident.types"]').focus();
        return false;
      }
      return true;
    }
    if (key === 'perpetrators') {
      const names = [...perpetratorList.querySelectorAll('.person-block')].flatMap((b) =>
        [`perpetrators[${b.dataset.index}].full_name`, `perpetrators[${b.dataset.index}].relationship`]);
      return requireFilled(form, names);
    }
    return true;
  }

  function goToField(path) {
    const wrap = form.querySelector(`[data-name="${CSS.escape(path)}"]`);
    const section = wrap && wrap.closest('.step');
    if (!section) return false;
    showStep(STEP_KEYS.indexOf(section.dataset.step), false);
    setFieldError(form, path, t('form.check'));
    focusFirstError(form);
    return true;
  }

  async function submit() {
    next.disabled = true;
    message.replaceChildren();
    try {
      const created = await post('/api/v1/cases', buildCaseBody(form, perpetratorList));
      flash('success', t('intake.created', { code: created.code || '' }));
      navigate(`#/cases/${encodeURIComponent(created.id)}`);
    } catch (error) {
      const fieldLabel = (path) => label('field', path.replace(/\[\d+\]/g, ''));
      if (error.status === 400 && error.field) goToField(error.field);
      fill(message, alertBox('error', errorText(error, fieldLabel)));
    } finally {
      next.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = STEP_KEYS[current];
    if (!validate(key)) return;
    if (key === 'review') submit();
    else showStep(current + 1);
  });
  back.addEventListener('click', () => showStep(Math.max(0, current - 1)));

  add(view, heading(t('intake.title')), h('p', { class: 'lead' }, t('intake.intro')), indicator, form);
  showStep(0, false);
}
