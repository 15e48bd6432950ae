// Thông báo (issue 22): the caller's newest notifications (GET /api/v1/notifications), newest
// first — the server's sentence in the UI's language (kind, case code, a deadline; never a
// name), when it came (Vietnam time) and whether it is read, said in words. Opening one marks
// it read (POST …/{id}/read) and goes to the case page by the app's own route (the answer's
// `link` is for e-mails); "mark as read" does only the first. While the page is open, a rise
// of the live count (notify/unread.js) loads the list again.

import { h, fill, add } from '../dom.js';
import { language, t, label } from '../i18n.js';
import { get, post } from '../api.js';
import { heading, navigate } from '../router.js';
import { formatDateTime } from '../format.js';
import { alertBox, errorText, loadFailure, loading } from '../ui/notice.js';
import { badge, emptyNote } from '../ui/bits.js';
import { onUnreadChange, setUnread, unreadCount } from '../notify/unread.js';

const LIMIT = 50;

const textOf = (item) => (language() === 'en' && item.text_en ? item.text_en : item.text) || '';
const caseRoute = (item) => `#/cases/${encodeURIComponent(item.case_id)}`;

async function markRead(item) {
  await post(`/api/v1/notifications/${encodeURIComponent(item.id)}/read`);
  item.read_at = item.read_at || new Date().toISOString();
  setUnread(unreadCount() - 1);
}

// Opens the case of `item`, marking it read first (a failure to mark does not keep the case shut).
async function openNotice(event, item) {
  event.preventDefault();
  if (!item.read_at) {
    try {
      await markRead(item);
    } catch {
      // the case opens all the same; the notice stays unread
    }
  }
  navigate(caseRoute(item));
}

function noticeItem(item, onMarked) {
  const unread = !item.read_at;
  const text = textOf(item);
  const mark = unread ? h('button', {
    type: 'button', class: 'button secondary small', dataset: { action: 'mark-read' },
    'aria-label': t('notifications.mark_read_named', { code: item.case_code || '' }),
  }, t('notifications.mark_read')) : null;
  if (mark) {
    mark.addEventListener('click', async () => {
      mark.disabled = true;
      try {
        await markRead(item);
        onMarked(item);
      } catch (error) {
        mark.disabled = false;
        mark.after(alertBox('error', errorText(error)));
      }
    });
  }
  return h('li', { class: ['notice-item', unread ? 'unread' : 'read'], id: `notice-${item.id}`, dataset: { id: String(item.id), kind: item.kind } },
    h('p', { class: 'notice-head' },
      unread ? badge('warning', t('notifications.unread')) : badge('muted', t('notifications.read')),
      h('span', { class: 'notice-kind' }, label('notification_kind', item.kind))),
    h('p', { class: 'notice-text' }, h('a', { class: 'notice-open', href: caseRoute(item), onclick: (event) => openNotice(event, item) }, text)),
    h('p', { class: 'notice-when hint' }, t('notifications.at', { time: formatDateTime(item.created_at) })),
    mark ? h('div', { class: 'actions' }, mark) : null);
}

export async function render(view) {
  const body = h('div', { id: 'notification-list' }, loading());
  add(view, heading(t('notifications.title')), h('p', { class: 'lead' }, t('notifications.intro')),
    h('section', { class: 'card', 'aria-labelledby': 'notifications-list-title' },
      h('h2', { id: 'notifications-list-title' }, t('notifications.recent')), body));
  let shownUnread = 0;
  let loadingNow = false;
  let missed = false; // the live count rose while a load was under way: load once more

  async function load(focusId) {
    loadingNow = true;
    let answer;
    try {
      answer = await get(`/api/v1/notifications?limit=${LIMIT}`);
    } catch (error) {
      fill(body, loadFailure(error, t('notifications.title')));
      return;
    } finally {
      loadingNow = false;
    }
    const items = Array.isArray(answer && answer.items) ? answer.items : [];
    shownUnread = Number(answer && answer.unread) || 0;
    setUnread(shownUnread);
    const onMarked = (item) => load(item.id);
    fill(body, items.length
      ? h('ul', { class: 'notice-list' }, items.map((item) => noticeItem(item, onMarked)))
      : emptyNote(t('notifications.none')));
    const again = focusId && body.querySelector(`#notice-${CSS.escape(String(focusId))} .notice-open`);
    if (again) again.focus();
    if (missed) {
      missed = false;
      load();
    }
  }

  const forget = onUnreadChange((count) => {
    if (!view.isConnected) {
      forget();
      return;
    }
    if (count <= shownUnread) return;
    if (loadingNow) {
      missed = true;
      return;
    }
    // A new notice: the list again, the focus kept on the notice it was on.
    const focused = body.contains(document.activeElement) && document.activeElement.closest('.notice-item');
    load(focused ? focused.dataset.id : null);
  });
  await load();
}
