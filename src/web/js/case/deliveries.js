// Who has received a contact-prohibition decision (issue 20), on its timeline entry: the
// server's ledger on the decision ("protection": {deliveries: [{party, event, at}], awaiting:
// [party…]}) in words — each party delivered with its time and method (from the delivery entry
// itself, when the caller sees it), or still awaited, with a button to record its delivery
// (a protection.delivery entry with the decision and the party preset) when the case answer
// allows that event type. A granted order goes to the four parties (Law 13/2022 art. 25(3)),
// a refusal to the requester (art. 25(2)): the server says which.
// Also the reasons of a refused decision, said as what they are.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { formatDateTime } from '../format.js';
import { badge } from '../ui/bits.js';
import { choiceLabel, eventId } from '../ui/eventWords.js';

const DELIVERY = 'protection.delivery';
const partyWords = (party) => choiceLabel(DELIVERY, 'party', party);

// The delivery ledger of a decision entry, or null when the server gives none.
export function deliveryLedger(ev) {
  const p = ev && ev.protection;
  if (!p || (!Array.isArray(p.deliveries) && !Array.isArray(p.awaiting))) return null;
  return { deliveries: p.deliveries || [], awaiting: p.awaiting || [] };
}

// The reasons of a refused decision ("Lý do không cấm tiếp xúc: …"), or null.
export function refusalReasons(ev) {
  const d = (ev && ev.details) || {};
  if (ev.type !== 'protection.decision' || d.granted !== false || !d.reason) return null;
  return h('div', { class: 'refusal-reasons' },
    h('p', { class: 'refusal-reasons-title' }, h('strong', {}, t('protection_ui.reasons'))),
    h('p', { class: 'prose' }, d.reason));
}

// deliveriesView(ev, events, {mayDeliver, onDeliver(decisionId, party)}) → the list, or null.
export function deliveriesView(ev, events, { mayDeliver, onDeliver }) {
  const ledger = deliveryLedger(ev);
  if (!ledger) return null;
  const id = eventId(ev);
  const byId = new Map(events.map((e) => [eventId(e), e]));
  const granted = Boolean(ev.details && ev.details.granted);
  const delivered = ledger.deliveries.map((d) => {
    const entry = byId.get(String(d.event));
    const method = entry && entry.details && entry.details.method ? ` (${choiceLabel(DELIVERY, 'method', entry.details.method)})` : '';
    return h('li', { class: 'delivery delivered', dataset: { party: d.party, event: String(d.event || '') } },
      badge('success', partyWords(d.party)), ' ', h('span', {}, `${t('delivery.delivered', { time: formatDateTime(d.at) })}${method}`));
  });
  const awaiting = ledger.awaiting.map((party) => h('li', { class: 'delivery awaiting', dataset: { party } },
    badge('warning', partyWords(party)), ' ', h('span', {}, t('delivery.awaiting')),
    mayDeliver ? h('button', {
      type: 'button', class: 'button secondary small', dataset: { action: 'deliver', event: id, party },
      'aria-label': t('delivery.record_for', { party: partyWords(party) }), onclick: () => onDeliver(id, party),
    }, t('delivery.record')) : null));
  return h('div', { class: 'deliveries', dataset: { awaiting: String(ledger.awaiting.length) } },
    h('p', { class: 'deliveries-title' }, h('strong', {}, t(granted ? 'delivery.title_granted' : 'delivery.title_refused'))),
    h('ul', { class: 'plain-list delivery-list' }, delivered, awaiting),
    h('p', { class: 'hint deliveries-state' }, ledger.awaiting.length
      ? t('delivery.some_awaiting', { n: ledger.awaiting.length }) : t('delivery.none_awaiting')));
}
