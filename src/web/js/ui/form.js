// Form fields that are accessible by construction: every control has a <label>, hints and
// errors are tied to it with aria-describedby, groups are <fieldset> with a <legend>, required
// fields say so in words, and an error sets aria-invalid and moves focus to the first one.

import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

function describedBy(...ids) {
  return ids.filter(Boolean).join(' ') || null;
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
  if (parts.control) parts.control.setAttribute('aria-invalid', 'true');
  return true;
}

export function clearErrors(form) {
  for (const wrap of form.querySelectorAll('.has-error')) {
    wrap.classList.remove('has-error');
    const error = wrap.querySelector('.field-error');
    if (error) error.hidden = true;
  }
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
