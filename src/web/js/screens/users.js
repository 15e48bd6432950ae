// Người dùng (admin only): the list of accounts, a form to create one, and for each account
// its role, display name, disabled state and a new password. Disabling ends that user's
// sessions at once (server). Passwords: at least 12 characters, not common, not the username.
// Below the list, the notifications that could not be sent (notify/failures.js, issue 22).

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, patch, post, put, itemsOf } from '../api.js';
import { heading, navigate } from '../router.js';
import { options as enumeration } from '../catalogue.js';
import { clearErrors, field, requireFilled, setFieldError, submitButton, value } from '../ui/form.js';
import { alertBox, errorText, flash, loadFailure, loading } from '../ui/notice.js';
import { badge, emptyNote, table } from '../ui/bits.js';
import { allows } from '../roles.js';
import { deliveryFailures } from '../notify/failures.js';

const roleOptions = () => enumeration('role');
const fieldLabel = (f) => label('user_field', f);

function showError(form, message, error) {
  if (error.status === 400 && error.field) setFieldError(form, error.field, errorText(error, fieldLabel));
  fill(message, alertBox('error', errorText(error, fieldLabel)));
}

// The communes a user may join (GET /api/v1/communes): every commune, then the province level.
function communeOptions(communes) {
  const options = (communes.items || []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));
  if (communes.province) options.push({ value: communes.province.code, label: t('users.province_option', { name: communes.province.name || communes.province.code, code: communes.province.code }) });
  return options;
}

function createForm(communes) {
  const message = h('div', { class: 'form-message' });
  const options = communeOptions(communes);
  const form = h('form', { class: 'card', id: 'user-create', novalidate: true, 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, t('users.create')),
    h('div', { class: 'filter-row' },
      field({ name: 'username', label: t('users.username'), required: true, hint: t('users.username_hint'), attrs: { autocomplete: 'off', autocapitalize: 'none' } }),
      field({ name: 'display_name', label: t('users.display_name'), required: true }),
      field({ name: 'role', label: t('users.role'), type: 'select', required: true, options: roleOptions(), value: 'union' }),
      options.length > 1 ? field({ name: 'commune', label: t('users.commune'), type: 'select', options, value: options[0].value, hint: communes.province ? t('users.commune_hint') : '' }) : null,
      field({ name: 'password', label: t('users.password'), type: 'password', required: true, hint: t('users.password_hint'), attrs: { autocomplete: 'new-password' } })),
    message, h('div', { class: 'actions' }, submitButton(t('users.create_submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    if (!requireFilled(form, ['username', 'display_name', 'password'])) return;
    try {
      const body = {
        username: value(form, 'username'), display_name: value(form, 'display_name'),
        role: value(form, 'role'), password: form.elements.namedItem('password').value,
      };
      if (form.elements.namedItem('commune')) body.commune = value(form, 'commune');
      const created = await post('/api/v1/users', body);
      flash('success', t('users.created', { username: created.username || value(form, 'username') }));
      navigate('#/users');
    } catch (error) {
      showError(form, message, error);
    }
  });
  return form;
}

// A province adds its communes here (POST /api/v1/communes).
function communeForm() {
  const message = h('div', { class: 'form-message' });
  const form = h('form', { class: 'card', id: 'commune-create', novalidate: true, 'aria-labelledby': 'commune-title' },
    h('h2', { id: 'commune-title' }, t('users.commune_add')),
    h('div', { class: 'filter-row' },
      field({ name: 'code', label: t('users.commune_code'), required: true, hint: t('users.commune_code_hint'), attrs: { autocomplete: 'off', autocapitalize: 'characters' } }),
      field({ name: 'name', label: t('users.commune_name'), required: true })),
    message, h('div', { class: 'actions' }, submitButton(t('users.commune_add_submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    if (!requireFilled(form, ['code', 'name'])) return;
    try {
      await post('/api/v1/communes', { code: value(form, 'code'), name: value(form, 'name') });
      flash('success', t('users.commune_added', { code: value(form, 'code') }));
      navigate('#/users');
    } catch (error) {
      showError(form, message, error);
    }
  });
  return form;
}

// Thôn, xóm (issue 19): the villages of a commune, one per line, in the order the intake lists
// them (PUT /api/v1/communes/{code}/villages). With a list, the intake picks from it, so the
// statistics by village are not split by spellings.
function villagesForm(communes) {
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const choices = (communes.items || []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));
  const list = field({ name: 'villages', label: t('users.villages'), type: 'textarea', rows: 8, hint: t('users.villages_hint') });
  const commune = choices.length > 1
    ? field({ name: 'commune', label: t('users.commune'), type: 'select', options: choices, value: choices[0].value })
    : null;
  const form = h('form', { class: 'card', id: 'villages-form', novalidate: true, 'aria-labelledby': 'villages-title' },
    h('h2', { id: 'villages-title' }, t('users.villages_title')), commune, list,
    message, h('div', { class: 'actions' }, submitButton(t('users.villages_save'))));
  const code = () => (commune ? value(form, 'commune') : (choices[0] && choices[0].value) || '');
  const path = () => `/api/v1/communes/${encodeURIComponent(code())}/villages`;
  async function load() {
    try {
      list.control.value = itemsOf(await get(path())).map((v) => v.name).join('\n');
    } catch (error) {
      fill(message, alertBox('error', errorText(error)));
    }
  }
  if (commune) commune.control.addEventListener('change', load);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    const names = list.control.value.split('\n').map((line) => line.trim()).filter(Boolean);
    try {
      const saved = itemsOf(await put(path(), { villages: names }));
      list.control.value = saved.map((v) => v.name).join('\n');
      fill(message, alertBox('success', t('users.villages_saved', { count: saved.length })));
    } catch (error) {
      if (error.status === 400) setFieldError(form, 'villages', t('users.villages_bad'));
      fill(message, alertBox('error', errorText(error)));
    }
  });
  if (choices.length) load();
  return form;
}

function editForm(u) {
  const message = h('div', { class: 'form-message' });
  const form = h('form', { class: 'card', id: 'user-edit', novalidate: true, 'aria-labelledby': 'edit-title' },
    h('h2', { id: 'edit-title', tabindex: '-1' }, t('users.edit', { username: u.username })),
    h('div', { class: 'filter-row' },
      field({ name: 'display_name', label: t('users.display_name'), value: u.display_name || '' }),
      field({ name: 'role', label: t('users.role'), type: 'select', options: roleOptions(), value: u.role }),
      field({ name: 'password', label: t('users.new_password'), type: 'password', hint: t('users.new_password_hint'), attrs: { autocomplete: 'new-password' } })),
    field({ name: 'disabled', label: t('users.disabled'), type: 'checkbox', checked: Boolean(u.disabled), hint: t('users.disabled_hint') }),
    message, h('div', { class: 'actions' }, submitButton(t('users.save'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    const changes = {};
    if (value(form, 'display_name') && value(form, 'display_name') !== u.display_name) changes.display_name = value(form, 'display_name');
    if (value(form, 'role') !== u.role) changes.role = value(form, 'role');
    const disabled = form.elements.namedItem('disabled').checked;
    if (disabled !== Boolean(u.disabled)) changes.disabled = disabled;
    const password = form.elements.namedItem('password').value;
    try {
      if (Object.keys(changes).length) await patch(`/api/v1/users/${encodeURIComponent(u.id)}`, changes);
      if (password) await post(`/api/v1/users/${encodeURIComponent(u.id)}/password`, { password });
      flash('success', t('users.saved', { username: u.username }));
      navigate('#/users');
    } catch (error) {
      showError(form, message, error);
    }
  });
  return form;
}

export async function render(view, ctx) {
  const list = h('div', {}, loading());
  const editArea = h('div', { id: 'user-edit-area' });
  const createArea = h('div', {});
  add(view, heading(t('users.title')), createArea, editArea, h('section', { class: 'card', 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, t('users.list')), list));
  let users;
  let communes = { items: [], province: null };
  try {
    [users, communes] = await Promise.all([get('/api/v1/users?limit=500').then(itemsOf), get('/api/v1/communes').catch(() => communes)]);
  } catch (error) {
    fill(list, loadFailure(error, t('users.title')));
    return;
  }
  fill(createArea, createForm(communes), villagesForm(communes));
  const names = new Map((communes.items || []).map((c) => [c.code, c.name]));
  if (communes.province) {
    names.set(communes.province.code, communes.province.name || communes.province.code);
    add(createArea, communeForm());
  }
  const edit = (u) => {
    fill(editArea, editForm(u));
    editArea.querySelector('h2').focus();
  };
  fill(list, users.length ? table(t('users.caption'), [
    { head: t('users.username'), cell: (u) => u.username },
    { head: t('users.display_name'), cell: (u) => u.display_name || '' },
    { head: t('users.role'), cell: (u) => label('role', u.role) },
    { head: t('users.commune'), cell: (u) => (u.commune ? `${names.get(u.commune) || u.commune} (${u.commune})` : '') },
    { head: t('users.state'), cell: (u) => (u.disabled ? badge('muted', t('users.state_disabled')) : badge('success', t('users.state_enabled'))) },
    { head: t('users.totp'), cell: (u) => (u.totp ? t('common.yes') : t('common.no')) },
    { head: t('users.actions'), cell: (u) => h('button', { type: 'button', class: 'button secondary small', 'aria-label': t('users.edit', { username: u.username }), onclick: () => edit(u) }, t('users.edit_short')) },
  ], users, { class: 'users-table' }) : emptyNote(t('users.none')));
  // Added once the list is in, so the screen has one "loading" at a time.
  if (allows(ctx.user, 'notification.deliveries')) add(view, deliveryFailures());
}
