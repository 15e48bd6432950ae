// The form that records an event on a case (POST /api/v1/cases/{id}/events), built from the
// server's catalogue: the type picker offers the types the case answer allows, and the fields,
// their kinds, choices, labels and whether they are required follow the chosen type, as does
// the due date. Also the leader's decision and revocation forms, opened from the timeline
// with the request or decision they answer (a field of kind event_id). Nothing is decided
// beforehand: the leader chooses to grant or refuse. Dates the rules forbid (a mediation
// session not held yet, a due date already past) are refused on the form, every problem at once.
// In correction mode (issue 19) the form starts from what an entry recorded and asks why it is
// corrected; the server keeps both entries (POST …/events/{eid}/correct).

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import { eventLabel, eventType, inLanguage } from '../catalogue.js';
import { addDays, fromLocalInput, nowRfc3339, todayVietnam, toLocalInput } from '../format.js';
import {
  choices, checkedValues, clearWhenFixed, errorSummary, field, fieldProblems, markRefused, radioValue,
  refusedText, restoreAnswers, showProblems, submitButton, value,
} from '../ui/form.js';
import { alertBox, errorText } from '../ui/notice.js';

// The suggested length of an order, the longest the law allows (Law 13/2022 art. 25); the
// server checks the dates.
const SUGGESTED_ORDER_MS = 72 * 3600 * 1000;

const nameOf = (spec) => `details.${spec.name}`;
const choiceOptions = (spec) => (spec.choices || []).map((c) => ({ value: c.value, label: inLanguage(c.label, c.value) }));
const granted = (form) => radioValue(form, 'details.granted') === 'yes';
const refused = (form) => radioValue(form, 'details.granted') === 'no';

// The due-date rule of an event type: "required" | "optional" | "none", and whether the date
// may be in the past (the catalogue's due_not_past; without it, never — a due date already
// past at entry is a slip of the finger).
const duePolicy = (type) => type.due || 'none';
const dueNotPast = (type) => (type.due_not_past === undefined ? true : Boolean(type.due_not_past));

// The limits of a date field as min/max (the date picker greys out the other days, and the
// form checks them before sending): the catalogue's not_future / not_past when it says, else
// the obvious one for a mediation session — recorded once it has been held.
function dateLimits(spec) {
  const said = 'not_future' in spec || 'not_past' in spec;
  const notFuture = said ? Boolean(spec.not_future) : spec.name === 'session_date';
  const notPast = said && Boolean(spec.not_past);
  return { max: notFuture ? todayVietnam() : null, min: notPast ? todayVietnam() : null };
}

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
      return choices({ name, legend: labelText, type: 'radio', required, options: [{ value: 'yes', label: t(words[0]) }, { value: 'no', label: t(words[1]) }] });
    }
    case 'time':
      return field({
        name, label: labelText, type: 'datetime-local', required,
        value: toLocalInput(spec.name === 'ends' ? start + SUGGESTED_ORDER_MS : start),
        hint: spec.name === 'ends' ? t('decision.ends_hint') : null,
      });
    case 'date':
      return field({ name, label: labelText, type: 'date', required, value: todayVietnam(), attrs: dateLimits(spec) });
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

// The problems of the form before the server is asked: the catalogue's required fields (those
// needed only for a granted order are hidden, so not checked, once "refuse" is chosen) and the
// date limits, all at once.
function problems(form, spec) {
  const names = spec.fields.filter((f) => !['fixed', 'event_id'].includes(f.kind)).map(nameOf);
  if (duePolicy(spec) !== 'none') names.push('due');
  return fieldProblems(form, names);
}

// `entryDate`: the Vietnam date of the entry the due date belongs to (today for a new one, the
// corrected entry's own date for a correction): the server refuses a due date before it.
function fieldsFor(spec, preset, entryDate = todayVietnam()) {
  const parts = spec.fields.map((f) => control(f, preset));
  if (duePolicy(spec) !== 'none') {
    parts.push(field({
      name: 'due', label: t('event_field.due'), type: 'date', required: duePolicy(spec) === 'required',
      value: duePolicy(spec) === 'required' ? addDays(todayVietnam(), 7) : '', hint: t('event_field.due_hint'),
      attrs: { min: dueNotPast(spec) ? entryDate : null },
    }));
  }
  return parts;
}

// What an entry recorded, as the form's controls hold it (a correction starts from it).
function answersOf(spec, ev) {
  const out = {};
  for (const f of spec.fields) {
    const v = ev.details ? ev.details[f.name] : undefined;
    if (v === undefined || v === null) continue;
    const name = nameOf(f);
    if (f.kind === 'choices') out[name] = v.map(String);
    else if (f.kind === 'yesno') out[name] = [v ? 'yes' : 'no'];
    else if (f.kind === 'time') out[name] = toLocalInput(v);
    else if (f.kind === 'names') out[name] = Array.isArray(v) ? v.join(', ') : String(v);
    else out[name] = String(v);
  }
  out.due = ev.due || '';
  return out;
}

// eventForm({caseId, types, preset, onDone, correcting}): types is the list the picker offers; a
// single type (decision, revoke) shows no picker. `correcting`: the entry being corrected.
export function eventForm({ caseId, types, preset, onDone, correcting = null }) {
  const area = h('div', { class: 'event-fields' });
  const summary = errorSummary({ atLeast: 2 });
  const notice = h('div');
  const message = h('div', { class: 'form-message' }, summary, notice);
  const picker = types.length > 1
    ? field({ name: 'type', label: t('event.type'), type: 'select', options: types.map((ty) => ({ value: ty, label: eventLabel(ty) })) })
    : h('input', { type: 'hidden', name: 'type', value: types[0] });
  const reason = correcting
    ? field({ name: 'reason', label: t('timeline.correct_reason_label'), type: 'textarea', required: true, rows: 2 })
    : null;
  const form = h('form', { class: `card action-form event-form${correcting ? ' correct-form' : ''}`, novalidate: true },
    picker, area, reason, message,
    h('div', { class: 'actions' }, submitButton(correcting ? t('timeline.correct_confirm') : t('event.save'))));
  const currentType = () => value(form, 'type') || types[0];
  const currentSpec = () => eventType(currentType());
  // The fields needed only when an order is granted are hidden once "refuse" is chosen (shown
  // while nothing is chosen yet, so the leader sees the whole decision).
  const showGrantedFields = () => {
    for (const f of currentSpec().fields.filter((x) => x.required_if_granted)) {
      const wrap = area.querySelector(`[data-name="${CSS.escape(nameOf(f))}"]`);
      if (wrap) wrap.hidden = refused(form);
    }
  };
  const entryDate = correcting ? toLocalInput(correcting.at).slice(0, 10) : todayVietnam();
  const rebuild = () => {
    fill(area, ...fieldsFor(currentSpec(), preset, entryDate));
    showProblems(form, summary, []); // the old type's marks go with its fields
  };
  if (types.length > 1) picker.control.addEventListener('change', rebuild);
  rebuild();
  if (correcting) restoreAnswers(form, answersOf(currentSpec(), correcting));
  area.addEventListener('change', showGrantedFields);
  clearWhenFixed(form, summary);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    notice.replaceChildren();
    const type = currentType();
    const spec = currentSpec();
    const found = problems(form, spec);
    if (correcting) found.push(...fieldProblems(form, ['reason']));
    if (!showProblems(form, summary, found)) return;
    const body = correcting
      ? { details: readDetails(form, spec), reason: value(form, 'reason') }
      : { type, at: nowRfc3339(), details: readDetails(form, spec) };
    const due = value(form, 'due');
    if (due) body.due = due;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const events = `/api/v1/cases/${encodeURIComponent(caseId)}/events`;
    try {
      if (correcting) {
        await post(`${events}/${encodeURIComponent(correcting.id)}/correct`, body);
        onDone(t('timeline.corrected_done', { type: eventLabel(type) }));
      } else {
        await post(events, body);
        onDone(t('event.saved', { type: eventLabel(type) }));
      }
    } catch (error) {
      const fieldLabel = (path) => {
        const f = spec.fields.find((x) => x.name === path.split('.').pop());
        return f ? inLanguage(f.label, f.name) : label('event_field', path.split('.').pop());
      };
      const marked = error.status === 400 && error.field && markRefused(form, summary, error.field, refusedText(form, error, error.field));
      if (!marked) fill(notice, alertBox('error', errorText(error, fieldLabel, true)));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
