// Đăng nhập: username, password and, for accounts that use one, the 6-digit code of the
// authenticator app. Every bad credential gets the same words (the server's answer is the same
// too); a locked account and throttling say what to do.

import { h, fill, add } from '../dom.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import { heading, navigate } from '../router.js';
import { homeRoute } from '../roles.js';
import { field, submitButton, clearErrors, requireFilled, value } from '../ui/form.js';
import { alertBox, errorText } from '../ui/notice.js';

let reason = '';

// Why the user is here: 'signout', 'expired' or 'idle' (shown once).
export function setReason(why) {
  reason = why;
}

function reasonBox() {
  const why = reason;
  reason = '';
  if (why === 'signout') return alertBox('success', t('signin.signed_out'));
  if (why === 'idle') return alertBox('warning', t('signin.idle_ended'));
  if (why === 'expired') return alertBox('warning', t('signin.expired'));
  return null;
}

function failureText(error) {
  if (error.status === 401 || error.status === 400) return t('signin.failed');
  return errorText(error);
}

export async function render(view) {
  const state = session.current();
  if (state) {
    navigate(homeRoute(state.user));
    return;
  }
  const message = h('div', { class: 'form-message', id: 'signin-message' });
  const form = h('form', { class: 'card signin-form', novalidate: true, id: 'signin-form' },
    field({ name: 'username', label: t('signin.username'), required: true, attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' } }),
    field({ name: 'password', label: t('signin.password'), type: 'password', required: true, attrs: { autocomplete: 'current-password' } }),
    field({ name: 'totp', label: t('signin.totp'), hint: t('signin.totp_hint'), attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, pattern: '[0-9]{6}' } }),
    message,
    h('div', { class: 'actions' }, submitButton(t('signin.submit'), { id: 'signin-submit' })));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    if (!requireFilled(form, ['username', 'password'])) return;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await session.signIn(value(form, 'username'), form.elements.namedItem('password').value, value(form, 'totp'));
    } catch (error) {
      form.elements.namedItem('password').value = '';
      fill(message, alertBox('error', failureText(error)));
      form.elements.namedItem('password').focus();
    } finally {
      button.disabled = false;
    }
  });

  add(view, 
    h('div', { class: 'signin' },
      heading(t('signin.title')),
      h('p', { class: 'lead' }, t('signin.intro')),
      reasonBox(),
      form,
      h('p', { class: 'hint' }, t('signin.privacy'))));
}
