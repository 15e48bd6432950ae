// The form that adds an evidence file to a case (issue 21; the section is case/attachments.js):
// the kind (only the server's "addable_kinds" for the caller), a file (JPEG, PNG or PDF) or a
// photo from the phone's camera, checked here for its type and size (max_bytes) so the officer
// is told before any byte is sent, then sent raw with XMLHttpRequest (api.js upload: the file's
// bytes, Content-Type, X-Filename percent-encoded, X-Attachment-Kind, the CSRF token) with a
// progress bar that can be cancelled. The server checks the bytes again (a text file renamed
// .jpg is refused there) and strips the photos' metadata; its refusals are said in words.

import { h, fill } from '../dom.js';
import { has, label, language, t } from '../i18n.js';
import { upload } from '../api.js';
import { alertBox, errorText } from '../ui/notice.js';
import { clearErrors, field, requireFilled, submitButton, value } from '../ui/form.js';

// What the file input offers (the contract's types); the camera input asks for any image, and
// the check below says so when the phone gives another kind (HEIC).
export const FILE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

const numberText = (n, digits = 0) => new Intl.NumberFormat(language() === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits }).format(n);
const MB = 1024 * 1024;

// 123456 → "121 KB"; 2516582 → "2,4 MB" (in the page's language).
export function sizeText(bytes) {
  const n = Number(bytes) || 0;
  if (n < MB) return t('attachments.size_kb', { n: numberText(Math.max(1, Math.round(n / 1024))) });
  return t('attachments.size_mb', { n: numberText(n / MB, 1) });
}

export const maxMb = (maxBytes) => numberText(maxBytes / MB, 1);

// Why `file` cannot be sent, '' when it can (type and size only: the server reads the bytes).
export function fileProblem(file, maxBytes) {
  if (!FILE_TYPES.includes(file.type)) return t('attachments.bad_type', { name: file.name });
  if (maxBytes && file.size > maxBytes) return t('attachments.too_big', { name: file.name, size: sizeText(file.size), max: maxMb(maxBytes) });
  if (file.size === 0) return t('attachments.empty_file', { name: file.name });
  return '';
}

// The words of a refusal of the server (413, 415, 409, 403 …): ours for the codes we know, the
// server's own message added in English (ui/notice.js's convention).
export function refusalText(error, limits = {}) {
  const key = `attachments.error.${error && error.code}`;
  if (!has(key)) {
    if (error && error.status && error.message && error.message !== error.code && !has(`error.code.${error.code}`)) return t('attachments.error.server', { message: error.message });
    return errorText(error, null, true);
  }
  const text = t(key, { max: maxMb(limits.max_bytes || 0), count: limits.max_per_case || '' });
  return language() === 'en' && error.message && error.message !== error.code ? `${text} (${error.message})` : text;
}

// The progress of one upload: a <progress>, its percent in words (read out every tenth, not at
// every event) and the cancel button.
function progressView(onCancel) {
  const bar = h('progress', { id: 'attach-progress', max: 100, value: 0, 'aria-labelledby': 'attach-percent' });
  const words = h('span', { id: 'attach-percent', class: 'attach-percent' }, t('attachments.uploading', { n: 0 }));
  const cancel = h('button', { type: 'button', class: 'button secondary small', id: 'attach-cancel', onclick: onCancel }, t('attachments.cancel'));
  let said = 0;
  return {
    nodes: [h('div', { class: 'attach-progress-line' }, bar, cancel), words],
    show(loaded, total) {
      const n = total ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
      bar.value = n;
      if (n - said >= 10 || n === 100) {
        said = n;
        words.textContent = t('attachments.uploading', { n });
      }
    },
    finish(text) {
      bar.value = 100;
      words.textContent = text;
      words.classList.add('attach-done');
      cancel.remove();
    },
  };
}

// The file input, the camera button (its own input, hidden: the button opens it) and the line
// naming the file chosen; choose(file) is told each choice.
function fileControls(hint, choose) {
  const fileField = field({ name: 'file', type: 'file', label: t('attachments.file_label'), hint, attrs: { accept: FILE_TYPES.join(',') } });
  const fileInput = fileField.control;
  const camera = h('input', { type: 'file', id: 'attach-camera-input', name: 'camera', accept: 'image/*', capture: 'environment', hidden: true, tabindex: '-1', 'aria-label': t('attachments.camera') });
  const chosen = h('p', { class: 'attach-chosen', id: 'attach-chosen', 'aria-live': 'polite' });
  fileInput.addEventListener('change', () => {
    camera.value = '';
    choose(fileInput.files[0] || null);
  });
  camera.addEventListener('change', () => {
    fileInput.value = '';
    choose(camera.files[0] || null);
  });
  const cameraButton = h('button', { type: 'button', class: 'button secondary', id: 'attach-camera', onclick: () => camera.click() }, t('attachments.camera'));
  return { nodes: [fileField, h('div', { class: 'actions attach-camera-line' }, cameraButton, camera), chosen], chosen, inputs: [fileInput, camera, cameraButton] };
}

// attachForm(path, {addable_kinds, max_bytes, max_per_case}, onAdded(attachment)) → the <form>.
export function attachForm(path, limits, onAdded) {
  const message = h('div', { class: 'form-message', id: 'attach-message' });
  const status = h('div', { class: 'attach-status', id: 'attach-status', role: 'status' });
  const kinds = limits.addable_kinds || [];
  const kindField = field({
    name: 'kind', type: 'select', label: t('attachments.kind_label'), required: true,
    options: [{ value: '', label: t('attachments.kind_choose') }, ...kinds.map((k) => ({ value: k, label: label('attachments.kind', k) }))],
    value: kinds.length === 1 ? kinds[0] : '',
  });
  let file = null;
  let sending = null;
  const say = (kind, text) => fill(message, text ? alertBox(kind, text) : null);
  const files = fileControls(t('attachments.file_hint', { max: maxMb(limits.max_bytes || 0) }), (chosen) => {
    file = chosen;
    fill(files.chosen, file ? t('attachments.chosen', { name: file.name, size: sizeText(file.size) }) : '');
    say('error', file ? fileProblem(file, limits.max_bytes) : '');
  });
  const submit = submitButton(t('attachments.upload'), { id: 'attach-submit' });
  const form = h('form', { class: 'attach-form', id: 'attach-form', novalidate: true, 'aria-labelledby': 'attach-title' },
    h('h3', { id: 'attach-title' }, t('attachments.add_title')),
    kindField, files.nodes, h('div', { class: 'actions' }, submit), status, message);
  const busy = (on) => {
    for (const control of [submit, kindField.control, ...files.inputs]) control.disabled = on;
  };

  async function send() {
    const kind = value(form, 'kind');
    const progress = progressView(() => sending && sending.abort());
    status.dataset.state = 'uploading';
    fill(status, progress.nodes);
    busy(true);
    sending = upload(path, file, {
      'Content-Type': file.type, 'X-Filename': encodeURIComponent(file.name), 'X-Attachment-Kind': kind,
    }, (loaded, total) => progress.show(loaded, total));
    try {
      const added = await sending.done;
      progress.finish(t('attachments.uploaded', { name: file.name }));
      status.dataset.state = 'done';
      form.reset();
      file = null;
      fill(files.chosen, '');
      onAdded(added);
    } catch (error) {
      const cancelled = error.code === 'aborted';
      status.dataset.state = cancelled ? 'cancelled' : 'failed';
      fill(status, cancelled ? h('p', {}, t('attachments.cancelled')) : null);
      if (!cancelled) say('error', refusalText(error, limits));
    } finally {
      sending = null;
      busy(false);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    clearErrors(form);
    say('error', '');
    if (!requireFilled(form, ['kind'])) return;
    const problem = file ? fileProblem(file, limits.max_bytes) : t('attachments.no_file');
    if (problem) {
      say('error', problem);
      return;
    }
    send();
  });
  return form;
}
