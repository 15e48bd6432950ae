// The form that records an event on a case (POST /api/v1/cases/{id}/events), built from the
// server's catalogue: the type picker offers the types the case answer allows, and the fields,
// their kinds, choices, labels and whether they are required follow the chosen type, as does
// the due date. Also the leader's decision and revocation forms, opened from the timeline
// with the request or decision they answer (a field of kind event_id).

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { eventLabel, eventType, inLanguage } from '../catalogue.js';
import { addDays, fromLocalInput, nowRfc3339, todayVietnam, toLocalInput } from '../format.js';
import { choices, checkedValues, clearErrors, field, focusFirstError, radioValue, requireFilled, setFieldError, submitButton, value } from '../ui/form.js';
import { alertBox, errorText } from '../ui/notice.js';

// The suggested length of an order, the longest the law allows (Law 13/2022 art. 25); the
// server checks the dates.
const SUGGESTED_ORDER_MS = 72 * 3600 * 1000;

const nameOf = (spec) => `details.${spec.name}`;
const choiceOptions = (spec) => (spec.choices || []).map((c) => ({ value: c.value, label: inLanguage(c.label, c.value) }));
const granted = (form) => radioValue(form, 'details.granted') !== 'no';

// Whether a field must be filled, as the catalogue says ("required_if_granted": only when a
// decision grants the order).
const needed = (spec, form) => spec.required || (spec.required_if_granted && granted(form));

function control(spec, preset) {
  // Whole minutes (datetime-local), rounded up: an order may not start before its request.
  const start = Math.ceil(Date.now() / 60000) * 60000;
  const name = nameOf(spec);
  const labelText = inLanguage(spec.label, spec.name);
  const required = spec.required || spec.required_if_granted;
  switch (spec.kind) {
    case 'choice':
      return field({ name, label: labelText, type: 'select', required, options: [{ value: '', label: t('form.choose') }, ...choiceOptions(spec)] });
    case 'choices':
      return choices({ name, legend: labelText, required, options: choiceOptions(spec) });
    case 'yesno': {
      const words = spec.name === 'granted' ? ['decision.grant', 'decision.refuse'] : ['common.yes', 'common.no'];
      return choices({ name, legend: labelText, type: 'radio', required, options: [{ value: 'yes', label: t(words[0]) }, { value: 'no', label: t(words[1]) }], values: ['yes'] });
    }
    case 'time':
      return field({
        name, label: labelText, type: 'datetime-local', required,
        value: toLocalInput(spec.name === 'ends' ? start + SUGGESTED_ORDER_MS : start),
        hint: spec.name === 'ends' ? t('decision.ends_hint') : null,
      });
    case 'date':
      return field({ name, label: labelText, type: 'date', required, value: todayVietnam() });
    case 'names':
      return field({ name, label: labelText, required, hint: t('event_field.mediators_hint') });
    case 'fixed':
      return h('p', { class: 'fixed-value' }, `${labelText}: ${choiceOptions(spec).map((c) => c.label).join(', ')}`);
    case 'event_id':
      return h('input', { type: 'hidden', name, value: preset && preset[spec.name] ? String(preset[spec.name]) : '' });
    default:
      return field({ name, label: labelText, type: 'textarea', required, rows: 3 });
  }
}

function readDetails(form, spec) {
  const details = {};
  for (const f of spec.fields) {
    const name = nameOf(f);
    if (f.required_if_granted && !granted(form)) continue;
    if (f.kind === 'fixed') details[f.name] = (f.choices || [])[0] ? f.choices[0].value : '';
    else if (f.kind === 'choices') details[f.name] = checkedValues(form, name);
    else if (f.kind === 'yesno') details[f.name] = radioValue(form, name) === 'yes';
    else if (f.kind === 'time') details[f.name] = fromLocalInput(value(form, name));
    else if (f.kind === 'names') details[f.name] = value(form, name).split(/[,;]/).map((s) => s.trim()).filter(Boolean);
    else if (f.kind === 'event_id') details[f.name] = Number(value(form, name)) || value(form, name);
    else details[f.name] = value(form, name);
  }
  return details;
}

// The required fields of the catalogue filled before the server is asked.
function check(form, spec) {
  const shown = spec.fields.filter((f) => needed(f, form) && !['fixed', 'event_id'].includes(f.kind));
  const typed = shown.filter((f) => !['choices', 'yesno'].includes(f.kind)).map(nameOf);
  if (spec.due === 'required') typed.push('due');
  let ok = requireFilled(form, typed);
  for (const f of shown.filter((x) => ['choices', 'yesno'].includes(x.kind))) {
    if (!checkedValues(form, nameOf(f)).length) {
      setFieldError(form, nameOf(f), t('form.missing'));
      ok = false;
    }
  }
  if (!ok) focusFirstError(form);
  return ok;
}

function fieldsFor(spec, preset) {
  const parts = spec.fields.map((f) => control(f, preset));
  if (spec.due !== 'none') {
    parts.push(field({
      name: 'due', label: t('event_field.due'), type: 'date', required: spec.due === 'required',
      value: spec.due === 'required' ? addDays(todayVietnam(), 7) : '', hint: t('event_field.due_hint'),
    }));
  }
  return parts;
}

// eventForm({caseId, types, preset, onDone}): types is the list the picker offers; a single
// type (decision, revoke) shows no picker.
export function eventForm({ caseId, types, preset, onDone }) {
  const area = h('div', { class: 'event-fields' });
  const message = h('div', { class: 'form-message' });
  const picker = types.length > 1
    ? field({ name: 'type', label: t('event.type'), type: 'select', options: types.map((ty) => ({ value: ty, label: eventLabel(ty) })) })
    : h('input', { type: 'hidden', name: 'type', value: types[0] });
  const form = h('form', { class: 'card action-form event-form', novalidate: true }, picker, area, message,
    h('div', { class: 'actions' }, submitButton(t('event.save'))));
  const currentType = () => value(form, 'type') || types[0];
  const currentSpec = () => eventType(currentType());
  // The fields needed only when an order is granted are hidden when "refuse" is chosen.
  const showGrantedFields = () => {
    for (const f of currentSpec().fields.filter((x) => x.required_if_granted)) {
      const wrap = area.querySelector(`[data-name="${CSS.escape(nameOf(f))}"]`);
      if (wrap) wrap.hidden = !granted(form);
    }
  };
  const rebuild = () => fill(area, ...fieldsFor(currentSpec(), preset));
  if (types.length > 1) picker.control.addEventListener('change', rebuild);
  rebuild();
  area.addEventListener('change', showGrantedFields);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    const type = currentType();
    const spec = currentSpec();
    if (!check(form, spec)) return;
    const body = { type, at: nowRfc3339(), details: readDetails(form, spec) };
    const due = value(form, 'due');
    if (due) body.due = due;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await post(`/api/v1/cases/${encodeURIComponent(caseId)}/events`, body);
      onDone(t('event.saved', { type: eventLabel(type) }));
    } catch (error) {
      const fieldLabel = (path) => {
        const f = spec.fields.find((x) => x.name === path.split('.').pop());
        return f ? inLanguage(f.label, f.name) : label('event_field', path.split('.').pop());
      };
      if (error.status === 400 && error.field) setFieldError(form, error.field, t('form.check'));
      fill(message, alertBox('error', errorText(error, fieldLabel, true)));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
