// The form that records an event on a case (POST /api/v1/cases/{id}/events), built from the
// server's catalogue: the type picker offers the types the case answer allows, and the fields,
// their kinds, choices, labels and whether they are required follow the chosen type, as does
// the due date. Also the leader's decision and revocation forms, opened from the timeline
// with the request or decision they answer (a field of kind event_id). Nothing is decided
// beforehand: the leader chooses to grant or refuse. Dates the rules forbid (a mediation
// session not held yet, a due date already past) are refused on the form, every problem at once.
// In correction mode (issue 19) the form starts from what an entry recorded and asks why it is
// corrected; the server keeps both entries (POST …/events/{eid}/correct).
// A field with the catalogue's "required_if": {field, value} (issue 20) is shown, required and
// sent only while the other field holds that value (a yes/no field: true/false on the wire,
// 'yes'/'no' on the form). The risk screen (a type with an "answers" field) has a part of its
// own (case/riskScreen.js); a preset fills event_id fields and preselects choices (the party of
// a delivery).

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
import { isRiskScreen, riskScreenPart } from './riskScreen.js';

// The suggested length of an order, the longest the law allows (Law 13/2022 art. 25); the
// server checks the dates.
const SUGGESTED_ORDER_MS = 72 * 3600 * 1000;

const nameOf = (spec) => `details.${spec.name}`;
const wrapOf = (form, spec) => form.querySelector(`[data-name="${CSS.escape(nameOf(spec))}"]`);
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

// A time field's first value, in whole minutes (datetime-local): an order's start rounded up
// (it may not start before its request) and its end 3 days on; any other time (a delivery)
// is now, rounded down (it may not be in the future).
function firstTime(spec) {
  const start = Math.ceil(Date.now() / 60000) * 60000;
  if (spec.name === 'starts') return start;
  if (spec.name === 'ends') return start + SUGGESTED_ORDER_MS;
  return Math.floor(Date.now() / 60000) * 60000;
}

// The form's value of a field as required_if compares it ('' when hidden or unanswered).
function formValue(form, spec) {
  const wrap = wrapOf(form, spec);
  if (!wrap || wrap.hidden) return [];
  if (['yesno', 'choices'].includes(spec.kind)) return checkedValues(form, nameOf(spec));
  return [value(form, nameOf(spec))];
}

// Whether a field is asked now: its required_if holds (the other field has that value), and a
// field needed only for a granted order is not asked once "refuse" is chosen.
function asked(form, type, spec) {
  if (spec.required_if_granted && refused(form)) return false;
  const cond = spec.required_if;
  if (!cond || !cond.field) return true;
  const other = type.fields.find((f) => f.name === cond.field);
  if (!other) return false;
  // A yes/no field's value comes as true/false (or "true"/"false"): the form's 'yes'/'no'.
  const yes = [true, 'true', 'yes'].includes(cond.value);
  const wanted = other.kind === 'yesno' ? (yes ? 'yes' : 'no') : String(cond.value);
  return formValue(form, other).includes(wanted);
}

function control(spec, preset) {
  const name = nameOf(spec);
  const labelText = inLanguage(spec.label, spec.name);
  const required = Boolean(spec.required || spec.required_if_granted || spec.required_if);
  const given = preset && preset[spec.name] !== undefined ? String(preset[spec.name]) : '';
  switch (spec.kind) {
    case 'choice':
      return field({ name, label: labelText, type: 'select', required, value: given, options: [{ value: '', label: t('form.choose') }, ...choiceOptions(spec)] });
    case 'choices':
      return choices({ name, legend: labelText, required, options: choiceOptions(spec) });
    case 'yesno': {
      const words = spec.name === 'granted' ? ['decision.grant', 'decision.refuse'] : ['common.yes', 'common.no'];
      return choices({ name, legend: labelText, type: 'radio', required, options: [{ value: 'yes', label: t(words[0]) }, { value: 'no', label: t(words[1]) }] });
    }
    case 'time':
      return field({
        name, label: labelText, type: 'datetime-local', required, value: toLocalInput(firstTime(spec)),
        hint: spec.name === 'ends' ? t('decision.ends_hint') : null,
      });
    case 'date':
      return field({ name, label: labelText, type: 'date', required, value: todayVietnam(), attrs: dateLimits(spec) });
    case 'names':
      return field({ name, label: labelText, required, hint: t('event_field.mediators_hint') });
    case 'fixed':
      return h('p', { class: 'fixed-value' }, `${labelText}: ${choiceOptions(spec).map((c) => c.label).join(', ')}`);
    case 'event_id':
      return h('input', { type: 'hidden', name, value: given });
    default:
      return field({ name, label: labelText, type: 'textarea', required, rows: 3 });
  }
}

// A time as sent: a time of the past (a delivery) left at the current minute means now, to the
// second (the form shows minutes; the server refuses a delivery before its decision, which
// may have been made earlier in this same minute).
function timeValue(spec, text) {
  const now = Date.now();
  if (!['starts', 'ends'].includes(spec.name) && text === toLocalInput(now)) return nowRfc3339();
  return fromLocalInput(text);
}

// {name: value} of one field as the server takes it.
function readField(form, f) {
  const name = nameOf(f);
  let v;
  if (f.kind === 'fixed') v = (f.choices || [])[0] ? f.choices[0].value : '';
  else if (f.kind === 'choices') v = checkedValues(form, name);
  else if (f.kind === 'yesno') v = radioValue(form, name) === 'yes';
  else if (f.kind === 'time') v = timeValue(f, value(form, name));
  else if (f.kind === 'names') v = value(form, name).split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  else if (f.kind === 'event_id') v = Number(value(form, name)) || value(form, name);
  else v = value(form, name);
  return { [f.name]: v };
}

// The details of the asked fields (a field needed only for a granted order goes only once
// "grant" is chosen).
function readDetails(form, spec) {
  const details = {};
  for (const f of askable(spec)) {
    if (f.required_if_granted && !granted(form)) continue;
    if (!asked(form, spec, f)) continue;
    const one = readField(form, f);
    // An optional field left empty is not sent (an empty choice is no choice; an order's
    // recipients unticked are told by its deliveries).
    const empty = one[f.name] === '' || (Array.isArray(one[f.name]) && one[f.name].length === 0);
    if (!f.required && empty) continue;
    Object.assign(details, one);
  }
  return details;
}

// Hides the fields not asked now (hidden fields are neither checked nor sent).
function showAsked(form, spec) {
  for (const f of spec.fields) {
    const wrap = wrapOf(form, f);
    if (wrap && (f.required_if || f.required_if_granted)) wrap.hidden = !asked(form, spec, f);
  }
}

// The problems of the form before the server is asked: the catalogue's required fields (those
// not asked now are hidden, so not checked) and the date limits, all at once.
function problems(form, spec) {
  return fieldProblems(form, askable(spec).filter((f) => !['fixed', 'event_id'].includes(f.kind)).map(nameOf));
}

// A field the server computes (the risk screen's suggested level) is not asked.
const askable = (spec) => spec.fields.filter((f) => !f.computed);
const fieldsFor = (spec, preset) => askable(spec).map((f) => control(f, preset));

// The due date, when the type has one. `entryDate`: the Vietnam date of the entry the due date
// belongs to (today for a new one, the corrected entry's own date for a correction): the
// server refuses a due date before it.
function dueField(spec, entryDate) {
  if (duePolicy(spec) === 'none') return null;
  return field({
    name: 'due', label: t('event_field.due'), type: 'date', required: duePolicy(spec) === 'required',
    value: duePolicy(spec) === 'required' ? addDays(todayVietnam(), 7) : '', hint: t('event_field.due_hint'),
    attrs: { min: dueNotPast(spec) ? entryDate : null },
  });
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

// The generic part of the form: every type's fields from the catalogue.
const genericPart = {
  fields: (spec, preset) => fieldsFor(spec, preset),
  refresh: (form, spec) => showAsked(form, spec),
  read: (form, spec) => readDetails(form, spec),
  problems: (form, spec) => problems(form, spec),
  answersOf,
  afterSave: () => {},
};

// The part that builds a type's fields: the risk screen's own, or the generic one. The risk
// screen builds any field it does not know with the generic control.
function partFor(spec) {
  if (!isRiskScreen(spec)) return genericPart;
  return {
    ...riskScreenPart,
    fields: (s, preset) => riskScreenPart.fields(s, preset, (f) => control(f, preset)),
    read: (form, s) => riskScreenPart.read(form, s, (f) => readField(form, f)),
    answersOf: (s, ev) => ({ ...answersOf(s, ev), ...riskScreenPart.answersOf(s, ev) }),
  };
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
  const currentPart = () => partFor(currentSpec());
  // The fields not asked now are hidden: those of a granted order once "refuse" is chosen
  // (shown while nothing is chosen yet, so the leader sees the whole decision), those whose
  // required_if does not hold, the risk screen's override reason while the levels agree.
  const refresh = () => currentPart().refresh(form, currentSpec());
  const entryDate = correcting ? toLocalInput(correcting.at).slice(0, 10) : todayVietnam();
  const rebuild = () => {
    fill(area, ...currentPart().fields(currentSpec(), preset), dueField(currentSpec(), entryDate));
    refresh();
    showProblems(form, summary, []); // the old type's marks go with its fields
  };
  if (types.length > 1) picker.control.addEventListener('change', rebuild);
  rebuild();
  if (correcting) {
    restoreAnswers(form, currentPart().answersOf(currentSpec(), correcting));
    refresh();
  }
  area.addEventListener('change', refresh);
  clearWhenFixed(form, summary);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    notice.replaceChildren();
    const type = currentType();
    const spec = currentSpec();
    const part = currentPart();
    const found = [...part.problems(form, spec), ...fieldProblems(form, ['due'])];
    if (correcting) found.push(...fieldProblems(form, ['reason']));
    if (!showProblems(form, summary, found)) return;
    const details = part.read(form, spec);
    const body = correcting ? { details, reason: value(form, 'reason') } : { type, at: nowRfc3339(), details };
    const due = value(form, 'due');
    if (due) body.due = due;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const events = `/api/v1/cases/${encodeURIComponent(caseId)}/events`;
    try {
      if (correcting) {
        part.afterSave(caseId, await post(`${events}/${encodeURIComponent(correcting.id)}/correct`, body));
        onDone(t('timeline.corrected_done', { type: eventLabel(type) }));
      } else {
        part.afterSave(caseId, await post(events, body));
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
