// Tài khoản: who is signed in, and the second factor (TOTP). A user whose role must use one
// (auth.totp_required_roles) and has none gets a limited session that can only come here:
// POST /me/totp {} gives the otpauth URI to put in an authenticator app, and the first valid
// code confirms it.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { post } from '../api.js';
import * as session from '../session.js';
import { heading, navigate } from '../router.js';
import { homeRoute } from '../roles.js';
import { field, submitButton, clearErrors, requireFilled, setFieldError, value } from '../ui/form.js';
import { alertBox, errorText, flash } from '../ui/notice.js';

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
    h('section', { class: 'card', 'aria-labelledby': 'totp-title' },
      h('h2', { id: 'totp-title' }, t('account.totp_title')),
      state.limited ? alertBox('warning', t('account.required')) : null,
      h('p', {}, t('account.totp_explain')),
      h('div', { class: 'actions' }, start),
      area));
}
