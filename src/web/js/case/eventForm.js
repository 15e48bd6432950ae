// The form that records an event on a case (POST /api/v1/cases/{id}/events): the type picker
// offers only the types the caller's role may record, and the fields follow the chosen type
// (case/eventTypes.js). Also the leader's decision and revocation forms, opened from the
// timeline with the request or decision they answer.

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { addDays, fromLocalInput, nowRfc3339, todayVietnam, toLocalInput } from '../format.js';
import { choices, checkedValues, clearErrors, field, focusFirstError, radioValue, requireFilled, setFieldError, submitButton, value } from '../ui/form.js';
import { alertBox, errorText } from '../ui/notice.js';
import { EVENT_TYPES, choiceGroup, mediationBlocked } from './eventTypes.js';

const MAX_ORDER_MS = 72 * 3600 * 1000; // Law 13/2022 art. 25: at most 3 days

function control(spec, preset) {
  // Whole minutes (datetime-local), rounded up: an order may not start before its request.
  const start = Math.ceil(Date.now() / 60000) * 60000;
  const name = `details.${spec.name}`;
  const labelText = t(`event_field.${spec.name}`);
  switch (spec.kind) {
    case 'choice':
      return field({ name, label: labelText, type: 'select', required: true, options: [{ value: '', label: t('form.choose') }, ...spec.choices.map((c) => ({ value: c, label: label(choiceGroup(spec), c) }))] });
    case 'choices':
      return choices({ name, legend: labelText, options: spec.choices.map((c) => ({ value: c, label: label(choiceGroup(spec), c) })) });
    case 'yesno':
      return choices({ name, legend: labelText, type: 'radio', required: true, options: [{ value: 'yes', label: t('decision.grant') }, { value: 'no', label: t('decision.refuse') }], values: ['yes'] });
    case 'time':
      return field({
        name, label: labelText, type: 'datetime-local', required: true,
        value: toLocalInput(spec.name === 'starts' ? start : start + MAX_ORDER_MS),
        hint: spec.name === 'ends' ? t('decision.ends_hint') : null,
      });
    case 'date':
      return field({ name, label: labelText, type: 'date', required: true, value: todayVietnam() });
    case 'names':
      return field({ name, label: labelText, required: true, hint: t('event_field.mediators_hint') });
    case 'fixed':
      return h('p', { class: 'fixed-value' }, `${labelText}: ${label(choiceGroup(spec), spec.value)}`);
    case 'hidden':
      return h('input', { type: 'hidden', name, value: preset && preset[spec.name] ? String(preset[spec.name]) : '' });
    default:
      return field({ name, label: labelText, type: 'textarea', required: true, rows: 3 });
  }
}

function readDetails(form, spec) {
  const details = {};
  for (const f of spec.fields) {
    const name = `details.${f.name}`;
    if (f.kind === 'fixed') details[f.name] = f.value;
    else if (f.kind === 'choices') details[f.name] = checkedValues(form, name);
    else if (f.kind === 'yesno') details[f.name] = radioValue(form, name) === 'yes';
    else if (f.kind === 'time') details[f.name] = fromLocalInput(value(form, name));
    else if (f.kind === 'names') details[f.name] = value(form, name).split(/[,;]/).map((s) => s.trim()).filter(Boolean);
    else if (f.kind === 'hidden') details[f.name] = Number(value(form, name)) || value(form, name);
    else details[f.name] = value(form, name);
  }
  if (details.granted === false) {
    delete details.starts;
    delete details.ends;
  }
  return details;
}

// Client checks before the server's: required fields, and the 3-day limit of an order.
function check(form, type, spec) {
  const granted = radioValue(form, 'details.granted') !== 'no';
  const required = spec.fields
    .filter((f) => ['choice', 'text', 'date', 'names'].includes(f.kind) || (f.kind === 'time' && granted))
    .map((f) => `details.${f.name}`);
  if (spec.due === 'required') required.push('due');
  if (!requireFilled(form, required)) return false;
  if (type === 'protection.decision' && granted) {
    const starts = Date.parse(fromLocalInput(value(form, 'details.starts')));
    const ends = Date.parse(fromLocalInput(value(form, 'details.ends')));
    if (!(ends > starts) || ends - starts > MAX_ORDER_MS) {
      setFieldError(form, 'details.ends', t('decision.too_long'));
      focusFirstError(form);
      return false;
    }
  }
  return true;
}

function fieldsFor(type, preset, theCase) {
  const spec = EVENT_TYPES[type];
  const parts = spec.fields.map((f) => control(f, preset));
  if (type === 'justice.mediation' && mediationBlocked(theCase) === 'consent') parts.unshift(alertBox('warning', t('mediation.consent_missing')));
  if (spec.due !== 'none') {
    parts.push(field({
      name: 'due', label: t('event_field.due'), type: 'date', required: spec.due === 'required',
      value: spec.due === 'required' ? addDays(todayVietnam(), 7) : '', hint: t('event_field.due_hint'),
    }));
  }
  return parts;
}

// eventForm({caseId, types, theCase, preset, onDone}): types is the list the picker offers; a
// single type (decision, revoke) shows no picker.
export function eventForm({ caseId, types, theCase, preset, onDone }) {
  const area = h('div', { class: 'event-fields' });
  const message = h('div', { class: 'form-message' });
  const picker = types.length > 1
    ? field({ name: 'type', label: t('event.type'), type: 'select', options: types.map((ty) => ({ value: ty, label: label('event', ty) })) })
    : h('input', { type: 'hidden', name: 'type', value: types[0] });
  const form = h('form', { class: 'card action-form event-form', novalidate: true }, picker, area, message,
    h('div', { class: 'actions' }, submitButton(t('event.save'))));
  const currentType = () => value(form, 'type') || types[0];
  const rebuild = () => fill(area, ...fieldsFor(currentType(), preset, theCase));
  if (types.length > 1) picker.control.addEventListener('change', rebuild);
  rebuild();
  // A refusal has no start and end: hide them when "refuse" is chosen.
  area.addEventListener('change', () => {
    const granted = radioValue(form, 'details.granted') !== 'no';
    for (const wrap of area.querySelectorAll('[data-name="details.starts"], [data-name="details.ends"]')) wrap.hidden = !granted;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    const type = currentType();
    const spec = EVENT_TYPES[type];
    if (!check(form, type, spec)) return;
    const body = { type, at: nowRfc3339(), details: readDetails(form, spec) };
    const due = value(form, 'due');
    if (due) body.due = due;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await post(`/api/v1/cases/${encodeURIComponent(caseId)}/events`, body);
      onDone(t('event.saved', { type: label('event', type) }));
    } catch (error) {
      if (error.status === 400 && error.field) setFieldError(form, error.field, t('form.check'));
      fill(message, alertBox('error', errorText(error, (f) => label('event_field', f.split('.').pop()), true)));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
