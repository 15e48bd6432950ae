// Tài khoản: who is signed in, their own password (POST /me/password: the current one is
// required, their other sessions end, this one stays), and the second factor (TOTP). A user whose role must use one
// (auth.totp_required_roles) and has none gets a limited session that can only come here:
// POST /me/totp {} gives the otpauth URI to put in an authenticator app, and the first valid
// code confirms it. Also how the officer is told (notify/settings.js, issue 22): e-mail, phone
// and the channel per kind.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import * as session from '../session.js';
import { heading, navigate } from '../router.js';
import { homeRoute, mayOpen } from '../roles.js';
import { field, submitButton, clearErrors, requireFilled, setFieldError, value } from '../ui/form.js';
import { alertBox, errorText, flash } from '../ui/notice.js';
import { notificationSettings } from '../notify/settings.js';

// The secret of an otpauth URI, grouped by four for typing into an app by hand.
function secretOf(uri) {
  try {
    const secret = new URL(uri).searchParams.get('secret') || '';
    return secret.replace(/(.{4})/g, '$1 ').trim();
  } catch {
    return '';
  }
}

function confirmForm(area) {
  const form = h('form', { class: 'card', novalidate: true, id: 'totp-confirm' },
    field({ name: 'code', label: t('account.code'), required: true, attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 } }),
    submitButton(t('account.confirm')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!requireFilled(form, ['code'])) return;
    try {
      await post('/api/v1/me/totp', { code: value(form, 'code') });
      session.markEnrolled();
      flash('success', t('account.enrolled'));
      navigate(homeRoute(session.user()));
    } catch (error) {
      setFieldError(form, 'code', error.status === 400 ? t('account.code_wrong') : errorText(error));
      form.elements.namedItem('code').focus();
    }
  });
  add(area, form);
}

// Đổi mật khẩu: the current password, the new one twice (the second is checked here only).
function passwordForm() {
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'password-change', novalidate: true, 'aria-labelledby': 'password-title' },
    h('h2', { id: 'password-title' }, t('account.password_title')),
    h('p', { class: 'hint' }, t('account.password_explain')),
    field({ name: 'current_password', label: t('account.current_password'), type: 'password', required: true, attrs: { autocomplete: 'current-password' } }),
    field({ name: 'password', label: t('account.new_password'), type: 'password', required: true, hint: t('users.password_hint'), attrs: { autocomplete: 'new-password' } }),
    field({ name: 'repeat', label: t('account.repeat_password'), type: 'password', required: true, attrs: { autocomplete: 'new-password' } }),
    message, h('div', { class: 'actions' }, submitButton(t('account.password_submit'))));
  const raw = (name) => form.elements.namedItem(name).value;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    if (!requireFilled(form, ['current_password', 'password', 'repeat'])) return;
    if (raw('password') !== raw('repeat')) {
      setFieldError(form, 'repeat', t('account.repeat_differs'));
      form.elements.namedItem('repeat').focus();
      return;
    }
    try {
      await post('/api/v1/me/password', { current_password: raw('current_password'), password: raw('password') });
      form.reset();
      fill(message, alertBox('success', t('account.password_changed')));
    } catch (error) {
      const fieldName = error.status === 400 && error.field;
      if (fieldName === 'current_password') setFieldError(form, fieldName, t('account.current_wrong'));
      else if (fieldName === 'password') setFieldError(form, fieldName, errorText(error));
      else fill(message, alertBox('error', errorText(error)));
      if (fieldName) form.elements.namedItem(fieldName).focus();
    }
  });
  return form;
}

async function startEnrolment(area, button) {
  button.disabled = true;
  try {
    const answer = await post('/api/v1/me/totp', {});
    fill(area, 
      h('p', {}, t('account.scan')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('account.secret')), h('dd', { class: 'mono', id: 'totp-secret' }, secretOf(answer.otpauth_uri)),
        h('dt', {}, t('account.uri')), h('dd', { class: 'mono wrap' }, answer.otpauth_uri)));
    confirmForm(area);
  } catch (error) {
    button.disabled = false;
    fill(area, alertBox(error.code === 'totp_enrolled' ? 'info' : 'error',
      error.code === 'totp_enrolled' ? t('account.already') : errorText(error)));
  }
}

export async function render(view, ctx) {
  const state = session.current();
  const area = h('div', { class: 'totp-area' });
  const start = h('button', { type: 'button', class: 'button primary', id: 'totp-start' }, t('account.start'));
  start.addEventListener('click', () => startEnrolment(area, start));
  add(view, 
    heading(t('account.title')),
    h('dl', { class: 'facts card' },
      h('dt', {}, t('account.name')), h('dd', {}, ctx.user.display_name || ''),
      h('dt', {}, t('account.username')), h('dd', {}, ctx.user.username),
      h('dt', {}, t('account.role')), h('dd', {}, label('role', ctx.user.role))),
    state.limited ? null : passwordForm(),
    state.limited || !mayOpen(ctx.user, 'notifications') ? null : notificationSettings(),
    h('section', { class: 'card', 'aria-labelledby': 'totp-title' },
      h('h2', { id: 'totp-title' }, t('account.totp_title')),
      state.limited ? alertBox('warning', t('account.required')) : null,
      h('p', {}, t('account.totp_explain')),
      h('div', { class: 'actions' }, start),
      area));
}
