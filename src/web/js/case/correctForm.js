// The correction of a case's details (PATCH /api/v1/cases/{id}), offered when the case answer
// allows "update". It shows the intake's fields for the survivor, the incident and the risk —
// only those in the answer's "field_view" — filled with the case as read, and sends only what
// was changed, with "based_on" (the updated_at it was read at): if someone else changed the
// case since, the server answers 409 "stale" and nothing is overwritten. The changed fields
// are checked first with the intake's rules (the catalogue's field_rules), all at once; the
// controls show the case as recorded, so nothing is chosen that the case does not say.

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { patch } from '../api.js';
import { fieldRule, loadVillages } from '../catalogue.js';
import { clearWhenFixed, errorSummary, fieldProblem, markRefused, refusedText, showProblems, submitButton } from '../ui/form.js';
import { alertBox, errorText } from '../ui/notice.js';
import { incidentStep, riskStep, survivorStep, useVillageList } from './intakeSteps.js';

const CONTROLS = 'input[name], select[name], textarea[name]';

// 'flags.crime' is shown when the view has 'flags.crime' or 'flags'.
function inView(view, name) {
  const parts = name.split('.');
  return parts.some((_, i) => view.includes(parts.slice(0, i + 1).join('.')));
}

// The parts of an intake step whose every control the caller may see (hints, notes and the
// child-rule box have no control and are left out).
function visibleParts(parts, view) {
  return parts.filter((part) => {
    const names = [...part.querySelectorAll(CONTROLS)].map((c) => c.name).concat(part.matches && part.matches(CONTROLS) ? [part.name] : []);
    return names.length > 0 && names.every((n) => inView(view, n));
  });
}

const valueAt = (c, name) => name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), c);

// The value the API takes for the controls named `name` (a group of boxes is a list, one box a
// yes/no, a number a number; an emptied field is null).
function readValue(form, name) {
  const controls = [...form.querySelectorAll(CONTROLS)].filter((c) => c.name === name);
  const first = controls[0];
  if (first.type === 'checkbox') {
    return controls.length > 1 ? controls.filter((c) => c.checked).map((c) => c.value) : first.checked;
  }
  if (first.type === 'radio') return (controls.find((c) => c.checked) || { value: null }).value;
  const text = first.value.trim();
  if (!text) return null;
  return first.type === 'number' ? Number(text) : text;
}

function prefill(form, c) {
  for (const control of form.querySelectorAll(CONTROLS)) {
    const v = valueAt(c, control.name);
    if (control.type === 'checkbox') control.checked = Array.isArray(v) ? v.includes(control.value) : Boolean(v);
    else if (control.type === 'radio') control.checked = String(v ?? '') === control.value;
    else control.value = v === null || v === undefined ? '' : String(v);
  }
}

const namesOf = (form) => [...new Set([...form.querySelectorAll(CONTROLS)].map((c) => c.name))];

// {survivor: {phone: '…'}, risk: 'high'} from the changed names.
function patchOf(form, initial) {
  const body = {};
  for (const name of namesOf(form)) {
    const now = readValue(form, name);
    if (JSON.stringify(now) === initial.get(name)) continue;
    const path = name.split('.');
    let target = body;
    for (const key of path.slice(0, -1)) target = target[key] || (target[key] = {});
    target[path[path.length - 1]] = now;
  }
  return body;
}

// correctForm(c, onDone): onDone(message) after the correction; onDone('') reloads the case.
export function correctForm(c, onDone) {
  const view = Array.isArray(c.field_view) ? c.field_view : [];
  const groups = [
    [t('case.survivor'), survivorStep()],
    [t('case.incident'), incidentStep()],
    [t('case.risk_and_plan'), riskStep()],
  ].map(([legend, parts]) => [legend, visibleParts(parts, view)]).filter(([, parts]) => parts.length);
  const summary = errorSummary({ atLeast: 2 });
  const message = h('div');
  const form = h('form', { class: 'card action-form', id: 'update-form', novalidate: true },
    h('p', { class: 'hint' }, t('correct.explain')),
    groups.map(([legend, parts]) => h('fieldset', { class: 'correct-group' }, h('legend', {}, legend), parts)),
    h('div', { class: 'form-message' }, summary, message), h('div', { class: 'actions' }, submitButton(t('correct.submit'))));
  prefill(form, c);
  const initial = new Map(namesOf(form).map((name) => [name, JSON.stringify(readValue(form, name))]));
  // The commune's village list, when it has one, once it is known (the values stay as read).
  loadVillages().then((villages) => useVillageList(form, villages));
  const changedNames = () => namesOf(form).filter((name) => JSON.stringify(readValue(form, name)) !== initial.get(name));
  const problemOf = (name) => fieldProblem(form, name, fieldRule(name));
  clearWhenFixed(form, summary, problemOf);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    // Only what was changed is checked: an older record may predate a rule.
    const problems = changedNames().map((name) => ({ name, text: problemOf(name) })).filter((p) => p.text);
    if (!showProblems(form, summary, problems)) return;
    const changes = patchOf(form, initial);
    if (!Object.keys(changes).length) {
      fill(message, alertBox('info', t('correct.nothing')));
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await patch(`/api/v1/cases/${encodeURIComponent(c.id)}`, { ...changes, based_on: c.updated_at });
      onDone(t('correct.done'));
    } catch (error) {
      const name = String(error.field || '').replace(/\[\d+\]$/, '');
      const marked = error.status === 400 && name && markRefused(form, summary, name, refusedText(form, error, name, fieldRule(name)));
      const reload = error.code === 'stale'
        ? h('div', {}, h('button', { type: 'button', class: 'button secondary', id: 'update-reload', onclick: () => onDone('') }, t('correct.reload')))
        : null;
      if (!marked) fill(message, alertBox('error', errorText(error, (f) => label('field', f), true), reload));
      button.disabled = false;
    }
  });
  return form;
}
