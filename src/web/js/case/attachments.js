// The evidence files of a case (Tài liệu, chứng cứ; issue 21): the section of the case page
// listing what GET …/attachments gives the caller (only the kinds the caller's role may see,
// newest first) — each file's kind, name, size, when and by whom it was added, that a photo's
// metadata (place, device) was removed, and a removed file struck through with its reason —
// with the form to add one (case/attachForm.js) when the case answer allows "attach".
// The section shows when the caller may attach or there is something to list.
// A file opens in the page (a dialog: an <img> or, for a PDF, an <iframe>) from a blob fetched
// with the session cookie (api.js getBlob) — an API address is never put in an <img src> or
// <a href> — with a "download" link on the same blob under the file's own name; the blob's
// address is revoked when the dialog closes. Removing ("Gỡ bỏ", POST …/{aid}/remove with a
// reason of at least five characters) is rare and waits under the file's "More…".

import { h, fill } from '../dom.js';
import { label, t } from '../i18n.js';
import { get, getBlob, post } from '../api.js';
import { formatDateTime } from '../format.js';
import { alertBox, loadFailure, loading, notAvailable } from '../ui/notice.js';
import { badge, moreMenu } from '../ui/bits.js';
import { clearErrors, field, setFieldError, submitButton, value } from '../ui/form.js';
import { allowedOn } from './actions.js';
import { attachForm, refusalText, sizeText } from './attachForm.js';

const MIN_REASON = 5;
const kindWords = (kind) => label('attachments.kind', kind);
const personOf = (p) => (p ? [p.display_name || p.username, p.role ? label('role', p.role) : ''].filter(Boolean).join(' · ') : '');
const isImage = (item) => String(item.type || '').startsWith('image/');

// Opens `item` in a modal dialog; Esc or "Close" closes it, revokes the blob's address and
// gives the focus back to `opener`.
function showViewer(item, blob, opener) {
  const url = URL.createObjectURL(new Blob([blob], { type: item.type || blob.type }));
  const name = item.filename || t('attachments.no_name');
  const content = isImage(item)
    ? h('img', { class: 'attachment-image', id: 'attachment-view', src: url, alt: t('attachments.view_alt', { kind: kindWords(item.kind), name }) })
    : h('iframe', { class: 'attachment-pdf', id: 'attachment-view', src: url, title: name });
  const close = h('button', { type: 'button', class: 'button primary', id: 'attachment-close', onclick: () => dialog.close() }, t('attachments.close'));
  const dialog = h('dialog', { class: 'attachment-viewer', id: 'attachment-viewer', 'aria-labelledby': 'attachment-viewer-title' },
    h('h2', { id: 'attachment-viewer-title', class: 'wrap' }, `${kindWords(item.kind)}: ${name}`),
    h('div', { class: 'attachment-frame' }, content),
    h('div', { class: 'actions' },
      h('a', { class: 'button secondary', id: 'attachment-download', href: url, download: name }, t('attachments.download')),
      close));
  const leave = () => dialog.open && dialog.close();
  dialog.addEventListener('close', () => {
    window.removeEventListener('hashchange', leave);
    URL.revokeObjectURL(url);
    dialog.remove();
    if (opener && opener.isConnected) opener.focus();
  });
  window.addEventListener('hashchange', leave);
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}

async function openItem(item, path, button, message) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  fill(message, null);
  try {
    const blob = await getBlob(`${path}/${encodeURIComponent(item.id)}`);
    showViewer(item, blob, button);
  } catch (error) {
    fill(message, alertBox('error', refusalText(error)));
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

// The reason form of a removal, opened inside the file's entry.
function removeForm(item, path, onRemoved) {
  const message = h('div', { class: 'form-message' });
  const cancel = h('button', { type: 'button', class: 'button secondary', onclick: () => form.remove() }, t('attachments.remove_cancel'));
  const form = h('form', { class: 'card action-form remove-form', novalidate: true },
    field({ name: 'reason', label: t('attachments.remove_reason'), hint: t('attachments.remove_hint'), type: 'textarea', required: true, rows: 2 }),
    message, h('div', { class: 'actions' }, submitButton(t('attachments.remove_confirm')), cancel));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    fill(message, null);
    const reason = value(form, 'reason');
    if ([...reason].length < MIN_REASON) {
      setFieldError(form, 'reason', t('attachments.reason_short', { n: MIN_REASON }));
      form.elements.namedItem('reason').focus();
      return;
    }
    try {
      await post(`${path}/${encodeURIComponent(item.id)}/remove`, { reason });
      onRemoved(item.id);
    } catch (error) {
      fill(message, alertBox('error', refusalText(error)));
    }
  });
  return form;
}

function removedNote(removed) {
  const who = [personOf(removed.by), removed.at ? formatDateTime(removed.at) : ''].filter(Boolean).join(', ');
  return h('p', { class: 'revision-note attachment-removed' },
    t('attachments.removed_reason', { reason: removed.reason || t('common.not_given') }),
    who ? h('span', { class: 'muted' }, ` (${who})`) : null);
}

function entry(item, path, onRemoved) {
  const removed = item.removed && typeof item.removed === 'object' ? item.removed : null;
  const id = String(item.id);
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const buttons = [];
  if (!removed) {
    const view = h('button', {
      type: 'button', class: 'button secondary small', dataset: { action: 'view', attachment: id },
      'aria-label': t('attachments.view_named', { name: item.filename || '' }), onclick: () => openItem(item, path, view, message),
    }, t('attachments.view'));
    buttons.push(view);
  }
  const more = !removed && item.removable ? moreMenu([h('button', {
    type: 'button', class: 'button secondary small', dataset: { action: 'remove', attachment: id },
    onclick: (event) => {
      const li = event.target.closest('.attachment');
      if (li.querySelector('.remove-form')) return;
      const form = removeForm(item, path, onRemoved);
      li.append(form);
      form.querySelector('textarea').focus();
    },
  }, t('attachments.remove'))], { class: 'entry-more' }) : null;
  return h('li', { class: ['attachment', removed ? 'removed' : null], id: `attachment-${id}`, tabindex: '-1', dataset: { attachment: id, kind: item.kind } },
    h('div', { class: 'attachment-head' },
      h('strong', { class: 'attachment-kind' }, kindWords(item.kind)),
      removed ? badge('muted', t('attachments.removed_badge')) : null),
    h('p', { class: 'attachment-name' }, h('span', { class: 'wrap attachment-filename' }, item.filename || t('attachments.no_name')), ' · ', h('span', { class: 'attachment-size' }, sizeText(item.size))),
    h('p', { class: 'hint attachment-added' }, t('attachments.added', { time: formatDateTime(item.added_at), who: personOf(item.added_by) || t('common.unknown') })),
    item.metadata_removed ? h('p', { class: 'hint attachment-metadata' }, t('attachments.metadata_removed')) : null,
    removed ? removedNote(removed) : null,
    message,
    buttons.length || more ? h('div', { class: 'actions' }, buttons, more) : null);
}

function listView(items, path, onRemoved) {
  if (!items.length) return h('p', { class: 'empty' }, t('attachments.empty'));
  return h('ul', { class: 'plain-list attachment-list' }, items.map((item) => entry(item, path, onRemoved)));
}

// attachmentsSection(c) → the section (hidden until there is something to show); it loads the
// list itself and repaints it after an upload or a removal.
export function attachmentsSection(c) {
  const path = `/api/v1/cases/${encodeURIComponent(c.id)}/attachments`;
  const mayAttach = allowedOn(c).includes('attach');
  const list = h('div', { class: 'attachment-list-wrap', id: 'attachment-list' }, loading());
  const formSlot = h('div', { class: 'attach-slot' });
  const section = h('section', { class: 'card case-section attachments', id: 'attachments', 'aria-labelledby': 'attachments-title', hidden: !mayAttach },
    h('h2', { id: 'attachments-title' }, t('attachments.title')),
    h('p', { class: 'hint' }, t('attachments.intro')),
    list, formSlot);

  const refresh = async (focusId) => {
    let answer;
    try {
      answer = await get(path);
    } catch (error) {
      fill(list, error.status === 404 ? notAvailable(t('attachments.title')) : loadFailure(error, t('attachments.title')));
      return null;
    }
    const items = Array.isArray(answer && answer.items) ? answer.items : [];
    section.hidden = !mayAttach && !items.length;
    fill(list, listView(items, path, (removedId) => refresh(removedId)));
    const target = focusId && document.getElementById(`attachment-${focusId}`);
    if (target) target.focus();
    return answer;
  };

  refresh().then((answer) => {
    if (!answer || !mayAttach) return;
    const kinds = Array.isArray(answer.addable_kinds) ? answer.addable_kinds : [];
    fill(formSlot, kinds.length ? attachForm(path, answer, () => refresh()) : h('p', { class: 'hint' }, t('attachments.no_kinds')));
  });
  return section;
}
