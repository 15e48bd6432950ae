// Thông báo, in the account screen (issue 22): the officer's e-mail address and phone (for the
// province's SMS gateway, the "webhook" channel), and per kind their role is told of which of
// the two channels to use (GET/PUT /api/v1/me/notifications; the server lists only the kinds
// of the caller's role). A channel the server has not configured is shown disabled, with a
// note that the administrator has not set it up. The bell in the app always tells, whatever
// is chosen here. The server checks everything; its refusals are shown at their field.

import { h, fill, uid } from '../dom.js';
import { language, t, label } from '../i18n.js';
import { get, put } from '../api.js';
import { clearErrors, field, setFieldError, submitButton, value } from '../ui/form.js';
import { alertBox, errorText, loadFailure, loading } from '../ui/notice.js';

const CHANNELS = ['email', 'webhook'];
const kindField = (i) => `kinds[${i}]`;

// The notes of the channels that are not set up, by channel: {email: id} for aria-describedby.
function channelNotes(channels) {
  const ids = {};
  const notes = CHANNELS.filter((c) => !channels[c]).map((c) => {
    ids[c] = uid(`notify-off-${c}`);
    return h('p', { id: ids[c], class: 'hint notify-off', dataset: { channel: c } }, t(`notify_settings.not_set_up.${c}`));
  });
  return { ids, notes };
}

// One kind: its name and a box per channel; name and error wrap `kinds[i]` for the server's field.
function kindRow(item, i, channels, noteIds) {
  const boxes = CHANNELS.map((channel) => {
    const id = uid('notify-kind');
    return h('div', { class: 'choice' },
      h('input', {
        id, type: 'checkbox', name: `${kindField(i)}.${channel}`, value: 'on', checked: Boolean(item[channel]),
        disabled: !channels[channel], 'aria-describedby': noteIds[channel] || null,
        dataset: { kind: item.kind, channel },
      }),
      h('label', { for: id }, label('notify_channel', channel)));
  });
  const errorId = uid('notify-kind-error');
  return h('fieldset', { class: 'notify-kind', 'aria-describedby': errorId, dataset: { name: kindField(i), kind: item.kind } },
    h('legend', {}, label('notification_kind', item.kind)),
    h('div', { class: 'notify-channels' }, boxes),
    h('p', { id: errorId, class: 'field-error', hidden: true }));
}

// The words for the server's refusal of `name` ('email', 'phone', 'kinds[i]'): ours in
// Vietnamese, the server's own message in English.
function refusal(form, name, error) {
  if (language() === 'en' && error.message) return error.message;
  if (name === 'email') return t(value(form, 'email') ? 'notify_settings.email_bad' : 'notify_settings.email_needed');
  if (name === 'phone') return t('notify_settings.phone_bad');
  return t('notify_settings.kind_bad');
}

function fieldName(serverField) {
  const kind = /^kinds\[(\d+)\]/.exec(serverField || '');
  return kind ? kindField(kind[1]) : serverField;
}

function settingsForm(answer, area) {
  const channels = answer.channels || {};
  const kinds = Array.isArray(answer.kinds) ? answer.kinds : [];
  const { ids, notes } = channelNotes(channels);
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const form = h('form', { id: 'notify-settings-form', novalidate: true },
    h('div', { class: 'filter-row' },
      field({ name: 'email', label: t('notify_settings.email'), type: 'email', value: answer.email || '', hint: t('notify_settings.email_hint'), attrs: { autocomplete: 'email', inputmode: 'email', autocapitalize: 'none', spellcheck: 'false' } }),
      field({ name: 'phone', label: t('notify_settings.phone'), type: 'tel', value: answer.phone || '', hint: t('notify_settings.phone_hint'), attrs: { autocomplete: 'tel', inputmode: 'tel' } })),
    kinds.length
      ? h('div', { class: 'notify-kinds', role: 'group', 'aria-labelledby': 'notify-kinds-title' },
        h('h3', { id: 'notify-kinds-title' }, t('notify_settings.kinds_title')),
        h('p', { class: 'hint' }, t('notify_settings.kinds_explain')),
        notes,
        kinds.map((item, i) => kindRow(item, i, channels, ids)))
      : h('p', { class: 'hint', id: 'notify-no-kinds' }, t('notify_settings.no_kinds')),
    message, h('div', { class: 'actions' }, submitButton(t('notify_settings.save'), { id: 'notify-save' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    message.replaceChildren();
    const body = { email: value(form, 'email'), phone: value(form, 'phone') };
    if (kinds.length) {
      body.kinds = kinds.map((item, i) => {
        const choice = { kind: item.kind };
        for (const channel of CHANNELS) choice[channel] = form.elements.namedItem(`${kindField(i)}.${channel}`).checked;
        return choice;
      });
    }
    try {
      const saved = await put('/api/v1/me/notifications', body);
      settingsForm(saved, area);
      const shown = area.querySelector('.form-message');
      fill(shown, alertBox('success', t('notify_settings.saved')));
      area.querySelector('#notify-save').focus();
    } catch (error) {
      const name = error.status === 400 && fieldName(error.field);
      if (name && setFieldError(form, name, refusal(form, name, error))) {
        const control = form.querySelector(`[name="${CSS.escape(name)}"], [data-name="${CSS.escape(name)}"] input:not(:disabled)`);
        fill(message, alertBox('error', t('notify_settings.not_saved')));
        if (control) control.focus();
      } else {
        fill(message, alertBox('error', errorText(error)));
      }
    }
  });
  fill(area, form);
  return form;
}

// The section; its settings load into it.
export function notificationSettings() {
  const area = h('div', { class: 'notify-settings-area' }, loading());
  const section = h('section', { class: 'card', id: 'notify-settings', 'aria-labelledby': 'notify-title' },
    h('h2', { id: 'notify-title' }, t('notify_settings.title')),
    h('p', { class: 'hint' }, t('notify_settings.explain')),
    area);
  get('/api/v1/me/notifications')
    .then((answer) => settingsForm(answer, area))
    .catch((error) => fill(area, loadFailure(error, t('notify_settings.title'))));
  return section;
}
