// Gửi thông báo lỗi (issue 22), on the administrator's users screen: the e-mails and gateway
// calls that failed or wait for a retry (GET /api/v1/notifications/deliveries) — channel, kind,
// the officer they were for, attempts, state, the last error and when the next attempt is
// due. No case content is in the answer; the list only says what to look at (the relay, the
// gateway, an address).

import { h, fill } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, itemsOf } from '../api.js';
import { formatDateTime } from '../format.js';
import { loadFailure, loading } from '../ui/notice.js';
import { badge, emptyNote, table } from '../ui/bits.js';

const LIMIT = 200;

function stateBadge(state) {
  return badge(state === 'failed' ? 'danger' : 'warning', label('notify_state', state));
}

function failuresTable(items) {
  return table(t('notify_failures.caption'), [
    { head: t('notify_failures.channel'), cell: (d) => label('notify_channel', d.channel) },
    { head: t('notify_failures.kind'), cell: (d) => label('notification_kind', d.kind) },
    { head: t('notify_failures.user'), cell: (d) => d.username || '' },
    { head: t('notify_failures.attempts'), class: 'num', cell: (d) => String(d.attempts ?? '') },
    { head: t('notify_failures.state'), cell: (d) => stateBadge(d.state) },
    { head: t('notify_failures.last_error'), cell: (d) => h('span', { class: 'wrap' }, d.last_error || t('common.none')) },
    { head: t('notify_failures.created'), cell: (d) => formatDateTime(d.created_at) },
    { head: t('notify_failures.next_attempt'), cell: (d) => (d.next_attempt_at ? formatDateTime(d.next_attempt_at) : t('notify_failures.no_retry')) },
  ], items, { class: 'notify-failures-table' });
}

// The section, loading its list.
export function deliveryFailures() {
  const body = h('div', {}, loading());
  const section = h('section', { class: 'card', id: 'notify-failures', 'aria-labelledby': 'notify-failures-title' },
    h('h2', { id: 'notify-failures-title' }, t('notify_failures.title')),
    h('p', { class: 'hint' }, t('notify_failures.explain')),
    body);
  get(`/api/v1/notifications/deliveries?limit=${LIMIT}`)
    .then((answer) => {
      const items = itemsOf(answer);
      fill(body, items.length ? failuresTable(items) : emptyNote(t('notify_failures.none')));
    })
    .catch((error) => fill(body, loadFailure(error, t('notify_failures.title'))));
  return section;
}
