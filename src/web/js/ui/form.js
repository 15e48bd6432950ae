// Form fields that are accessible by construction: every control has a <label>, hints and
// errors are tied to it with aria-describedby, groups are <fieldset> with a <legend>, required
// fields say so in words, and an error sets aria-invalid and moves focus to the first one.
// Checking a form shows every problem at once — at each field and in a summary by the submit
// button, each message naming its field — and a message goes as soon as its field is fixed.

import { h, uid, fill } from '../dom.js';
import { language, t } from '../i18n.js';
import { inLanguage } from '../catalogue.js';
import { formatDate, todayVietnam } from '../format.js';

function describedBy(...ids) {
  return ids.filter(Boolean).join(' ') || null;
}

// The field's words and whether it must be answered, kept on its wrapper for the checks:
// spec.short names it in messages when its label is a long question, spec.missing is the
// message when it is left empty (else one made from the name).
function markWrap(wrap, spec, labelText) {
  const name = spec.short || labelText;
  if (typeof name === 'string') wrap.dataset.label = name;
  if (spec.missing) wrap.dataset.missing = spec.missing;
  if (spec.required) wrap.dataset.required = 'true';
}

// field({label, name, type, required, hint, value, options, rows, attrs}) → the wrapper <div>;
// the control is wrapper.control. type: text, password, number, date, datetime-local, select,
// textarea, checkbox.
export function field(spec) {
  const id = uid(spec.name || 'f');
  const hintId = spec.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = {
    id, name: spec.name, required: spec.required || null,
    'aria-describedby': describedBy(hintId, errorId), ...(spec.attrs || {}),
  };
  let control;
  if (spec.type === 'select') {
    control = h('select', common, (spec.options || []).map((o) =>
      h('option', { value: o.value, selected: String(o.value) === String(spec.value ?? '') }, o.label)));
  } else if (spec.type === 'textarea') {
    control = h('textarea', { ...common, rows: spec.rows || 3 });
    if (spec.value) control.value = spec.value;
  } else if (spec.type === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox', value: spec.value ?? 'on', checked: spec.checked });
  } else {
    control = h('input', { ...common, type: spec.type || 'text', value: spec.value ?? null });
  }
  const labelText = [spec.label, spec.required ? h('span', { class: 'required' }, ` (${t('form.required')})`) : null];
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  const hint = spec.hint ? h('p', { id: hintId, class: 'hint' }, spec.hint) : null;
  const wrap = spec.type === 'checkbox'
    ? h('div', { class: 'field field-check' }, control, h('label', { for: id }, labelText), hint, error)
    : h('div', { class: 'field' }, h('label', { for: id }, labelText), hint, control, error);
  wrap.control = control;
  wrap.dataset.name = spec.name || '';
  markWrap(wrap, spec, spec.label);
  return wrap;
}

// choices({legend, name, type: 'checkbox'|'radio', options: [{value, label, hint}], values, required})
export function choices(spec) {
  const errorId = uid('group-error');
  const selected = new Set((spec.values || []).map(String));
  const items = (spec.options || []).map((o) => {
    const id = uid(spec.name);
    const hintId = o.hint ? `${id}-hint` : null;
    return h('div', { class: 'choice' },
      h('input', {
        id, type: spec.type || 'checkbox', name: spec.name, value: o.value,
        checked: selected.has(String(o.value)), disabled: o.disabled, 'aria-describedby': hintId,
      }),
      h('label', { for: id }, o.label),
      o.hint ? h('p', { id: hintId, class: 'hint choice-hint' }, o.hint) : null);
  });
  const legend = [spec.legend, spec.required ? h('span', { class: 'required' }, ` (${t('form.required')})`) : null];
  const group = h('fieldset', { class: 'field choices', 'aria-describedby': errorId },
    h('legend', {}, legend), spec.hint ? h('p', { class: 'hint' }, spec.hint) : null, items,
    h('p', { id: errorId, class: 'field-error', hidden: true }));
  group.dataset.name = spec.name;
  markWrap(group, spec, spec.legend);
  return group;
}

// The checked values of a checkbox group, or the one value of a radio group ('' when none).
export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((i) => i.value);
}

export function radioValue(form, name) {
  return checkedValues(form, name)[0] || '';
}

function errorParts(form, name) {
  const wrap = form.querySelector(`[data-name="${CSS.escape(name)}"]`);
  if (!wrap) return null;
  return { wrap, error: wrap.querySelector('.field-error'), control: wrap.control || wrap.querySelector('input, select, textarea') };
}

export function setFieldError(form, name, message) {
  const parts = errorParts(form, name);
  if (!parts) return false;
  parts.error.textContent = message;
  parts.error.hidden = false;
  parts.wrap.classList.add('has-error');
  for (const control of controlsOf(parts.wrap)) control.setAttribute('aria-invalid', 'true');
  return true;
}

function clearWrap(wrap) {
  wrap.classList.remove('has-error');
  delete wrap.dataset.errorFrom;
  const error = wrap.querySelector('.field-error');
  if (error) error.hidden = true;
  for (const control of controlsOf(wrap)) control.removeAttribute('aria-invalid');
}

export function clearErrors(form) {
  for (const wrap of form.querySelectorAll('.has-error')) clearWrap(wrap);
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

export function focusFirstError(form) {
  const wrap = form.querySelector('.has-error');
  const control = wrap && (wrap.control || wrap.querySelector('input, select, textarea'));
  if (control) control.focus();
}

// Checks the required fields named in `names`; returns true when all are filled.
export function requireFilled(form, names) {
  let ok = true;
  for (const name of names) {
    const control = form.elements.namedItem(name);
    const value = control && 'value' in control ? String(control.value).trim() : '';
    if (!value) {
      setFieldError(form, name, t('form.missing'));
      ok = false;
    }
  }
  if (!ok) focusFirstError(form);
  return ok;
}

export function submitButton(text, attrs = {}) {
  return h('button', { type: 'submit', class: 'button primary', ...attrs }, text);
}

export function value(form, name) {
  const control = form.elements.namedItem(name);
  return control && 'value' in control ? String(control.value).trim() : '';
}

// ---- checking: every problem at once, each naming its field -------------------------------

const CONTROLS = 'input, select, textarea';
const controlsOf = (wrap) => [...wrap.querySelectorAll(CONTROLS)];
const wrapOf = (form, name) => form.querySelector(`[data-name="${CSS.escape(name)}"]`);

// Whether a field has an answer: a text typed, an option chosen, a box ticked.
function answered(wrap) {
  const controls = controlsOf(wrap);
  if (controls.some((c) => c.type === 'radio' || c.type === 'checkbox')) return controls.some((c) => c.checked);
  return controls.some((c) => String(c.value).trim() !== '');
}

// The limits a control carries itself (min and max of a number or a date input): the check
// used when the server's catalogue gives no rule for the field.
function ownRule(control) {
  if (!control || !['number', 'date'].includes(control.type) || !(control.min || control.max)) return null;
  if (control.type === 'date') return { earliest: control.min || null, latest: control.max || null };
  return { min: control.min === '' ? undefined : Number(control.min), max: control.max === '' ? undefined : Number(control.max) };
}

const wholeMatch = (pattern, text) => {
  try {
    return new RegExp(`^(?:${pattern})$`).test(text);
  } catch {
    return true; // a pattern this browser cannot read: the server still checks
  }
};

// not_future / not_past of a year ('1990', against this year) or of a date ('2024-05-01').
function outOfTime(rule, text) {
  const today = todayVietnam();
  const now = /^\d{4}$/.test(text) ? today.slice(0, 4) : today;
  if ((rule.not_future && text > now) || (rule.latest && text > rule.latest)) return 'late';
  if ((rule.not_past && text < now) || (rule.earliest && text < rule.earliest)) return 'early';
  return '';
}

function outOfRange(rule, text) {
  if (rule.min === undefined && rule.max === undefined) return false;
  const n = Number(text);
  return !/^-?\d+$/.test(text) || (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max);
}

// Our own words for a broken rule that brings no message of its own.
function ruleWords(rule, text, field) {
  if (rule.max_chars && [...text].length > rule.max_chars) return t('form.too_long', { field, max: rule.max_chars });
  if (rule.needs_digit && !/[0-9]/.test(text)) return t('form.needs_digit', { field });
  if (rule.pattern && !wholeMatch(rule.pattern, text)) return t('form.bad_format', { field });
  if (outOfRange(rule, text)) {
    if (rule.min !== undefined && rule.max !== undefined) return t('form.out_of_range', { field, min: rule.min, max: rule.max });
    return rule.min !== undefined ? t('form.at_least', { field, min: rule.min }) : t('form.at_most', { field, max: rule.max });
  }
  const time = outOfTime(rule, text);
  if (time === 'late') return rule.latest && rule.latest !== todayVietnam() ? t('form.not_after', { field, date: formatDate(rule.latest) }) : t('form.not_future', { field });
  if (time === 'early') return rule.earliest && rule.earliest !== todayVietnam() ? t('form.not_before', { field, date: formatDate(rule.earliest) }) : t('form.not_past', { field });
  return '';
}

// What is wrong with a filled value under `rule` (the catalogue's field_rules shape:
// max_chars, pattern, needs_digit, min, max, not_future, not_past, message {vi, en}), '' when
// nothing; the rule's own message when it has one, else our words naming `field`.
export function ruleProblem(rule, text, field) {
  if (!rule || text === '') return '';
  const words = ruleWords(rule, text, field);
  return words && (inLanguage(rule.message) || words);
}

// What is wrong with the field called `name`, '' when nothing: a required field left empty,
// a number the browser could not read, or a value `rule` refuses (without a rule, the limits
// of the control itself). Hidden fields are not checked.
export function fieldProblem(form, name, rule) {
  const wrap = wrapOf(form, name);
  if (!wrap || wrap.hidden) return '';
  const field = wrap.dataset.label || name;
  const control = wrap.control;
  if (control && control.validity && control.validity.badInput) return t('form.not_number', { field });
  if (!answered(wrap)) {
    if (!wrap.dataset.required) return '';
    if (wrap.dataset.missing) return wrap.dataset.missing;
    return t(wrap.matches('fieldset') || (control && control.tagName === 'SELECT') ? 'form.choose_named' : 'form.missing_named', { field });
  }
  if (!control || wrap.matches('fieldset') || control.type === 'checkbox') return '';
  return ruleProblem(rule || ownRule(control), String(control.value).trim(), field);
}

// The problems [{name, text}] of the fields named `names`; ruleOf(name) gives each its rule.
export function fieldProblems(form, names, ruleOf = () => null) {
  return names.map((name) => ({ name, text: fieldProblem(form, name, ruleOf(name)) })).filter((p) => p.text);
}

// The names of the fields inside `root`, in order.
export function fieldNames(root) {
  return [...new Set([...root.querySelectorAll('[data-name]')].map((w) => w.dataset.name).filter(Boolean))];
}

// The summary of a form's problems, to put by its submit button: a list naming each field,
// each item a button that takes the officer to it. A short form sets atLeast: 2, so one
// problem is shown at its field only (the summary would only repeat it) — unless it comes
// from the server, which always gets its line by the button.
export function errorSummary({ atLeast = 1 } = {}) {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  summary.atLeast = atLeast;
  return summary;
}

function focusField(wrap) {
  const control = wrap.control || controlsOf(wrap).find((c) => !c.disabled);
  if (control) control.focus();
}

// A problem as the summary lists it: inside a group of its own (one perpetrator of several),
// the group's legend comes first, so two "Giới tính" can be told apart.
function summaryText(wrap) {
  const text = wrap.querySelector('.field-error').textContent;
  const group = wrap.parentElement && wrap.parentElement.closest('fieldset');
  const legend = group && group.querySelector(':scope > legend');
  return legend ? `${legend.textContent} — ${text}` : text;
}

// Shows in `summary` the errors marked inside `root` (the form, or the intake's current step).
export function refreshSummary(summary, root = summary.root) {
  summary.root = root;
  const wraps = root ? [...root.querySelectorAll('.has-error')].filter((w) => !w.hidden) : [];
  const shown = wraps.length > 0 && (wraps.length >= summary.atLeast || wraps.some((w) => w.dataset.errorFrom === 'server'));
  summary.hidden = !shown;
  // An empty summary is no alert: tests and assistive tools look for alerts that say something.
  summary.className = shown ? 'alert alert-error error-summary' : 'error-summary';
  fill(summary, shown ? [
    h('p', { class: 'error-summary-title' }, h('strong', { class: 'alert-kind' }, t('notice.error')), ' ', t('form.summary', { n: wraps.length })),
    h('ul', {}, wraps.map((wrap) => h('li', {},
      h('button', { type: 'button', class: 'button link', onclick: () => focusField(wrap) }, summaryText(wrap))))),
  ] : []);
}

// Marks every problem at once (clearing the old marks inside `root`) and lists them in the
// summary, which takes the focus so the list is read out; returns true when there is none.
export function showProblems(form, summary, problems, root = form) {
  for (const wrap of root.querySelectorAll('.has-error')) clearWrap(wrap);
  for (const p of problems) setFieldError(form, p.name, p.text);
  refreshSummary(summary, root);
  if (!summary.hidden) summary.focus();
  else focusFirstError(root);
  return problems.length === 0;
}

// Marks a field the server refused with `text`; the mark goes once the field is changed.
export function markRefused(form, summary, name, text, root) {
  if (!setFieldError(form, name, text)) return false;
  wrapOf(form, name).dataset.errorFrom = 'server';
  refreshSummary(summary, root || summary.root || form);
  summary.focus();
  return true;
}

// The words for a field the server refused (a 400 naming it): in English the server's own
// message; in Vietnamese the field's rule message when the value breaks it, else a sentence
// naming the field (the server writes its messages in English).
export function refusedText(form, error, name, rule) {
  const wrap = wrapOf(form, name);
  const field = (wrap && wrap.dataset.label) || name;
  if (language() === 'en' && error.message) return `${field}: ${error.message}`;
  return fieldProblem(form, name, rule) || t('form.refused', { field });
}

// Keeps the marks honest while the officer types: a marked field is checked again on each
// input or change with problemOf(name), and its message goes as soon as it is fixed (a mark
// from the server goes at the first change, since only the server can check it again).
export function clearWhenFixed(form, summary, problemOf = (name) => fieldProblem(form, name, null)) {
  const recheck = (event) => {
    const wrap = event.target.closest && event.target.closest('[data-name]');
    if (!wrap || !wrap.classList.contains('has-error')) return;
    const text = wrap.dataset.errorFrom === 'server' ? '' : problemOf(wrap.dataset.name);
    if (text) setFieldError(form, wrap.dataset.name, text);
    else clearWrap(wrap);
    refreshSummary(summary);
  };
  form.addEventListener('input', recheck);
  form.addEventListener('change', recheck);
}

// ---- the answers of a form, to keep and give back (the intake's draft) ---------------------

// {name: text} for typed fields and {name: [values]} for boxes and radios.
export function formAnswers(form) {
  const out = {};
  for (const c of form.querySelectorAll('input[name], select[name], textarea[name]')) {
    if (c.type === 'hidden') continue;
    if (c.type === 'checkbox' || c.type === 'radio') {
      out[c.name] = out[c.name] || [];
      if (c.checked) out[c.name].push(c.value);
    } else {
      out[c.name] = c.value;
    }
  }
  return out;
}

export function restoreAnswers(form, answers) {
  for (const c of form.querySelectorAll('input[name], select[name], textarea[name]')) {
    if (c.type === 'hidden' || !(c.name in answers)) continue;
    const v = answers[c.name];
    if (c.type === 'checkbox' || c.type === 'radio') c.checked = Array.isArray(v) && v.includes(c.value);
    else c.value = v;
  }
}

// Whether anything was typed, chosen or ticked.
export function hasAnswers(answers) {
  return Object.values(answers).some((v) => (Array.isArray(v) ? v.length > 0 : String(v).trim() !== ''));
}
