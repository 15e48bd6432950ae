// The contact-prohibition decision on paper (#/cases/:id/decisions/:eid/print): the commune's
// "Quyết định cấm tiếp xúc" (Law 13/2022 art. 25; Decree 76/2023) laid out as the decision the
// chair signs — Quốc hiệu, issuing body, number, place and date, the grounds (căn cứ), the
// articles (who may not contact whom, from when to when in Vietnam time, the duties it
// brings), who receives it (the parties the decision notified) and the chair's signature.
//
// Names: only those the case answer gives the caller (GET /cases/{id}, as the case page reads
// it); a name the role may not read is left as a dotted line to be written by hand. Nothing
// more is fetched. The commune's name and the decision's number are typed before printing
// (the API does not give the name to every role; the office numbers decisions).
// A refusal prints instead the written notice to the requester that states the reasons
// ("thông báo bằng văn bản … nêu rõ lý do", Law 13/2022 art. 25(2)): one A4 page, to the person
// or agency that asked, with the chair's reasons as recorded on the decision.

import { h, fill, add } from '../dom.js';
import { has, t, label } from '../i18n.js';
import { get, itemsOf, withQuery } from '../api.js';
import { heading } from '../router.js';
import { alertBox, loadFailure, loading } from '../ui/notice.js';
import { pick } from '../ui/bits.js';
import { choiceLabel, eventId, eventTime } from '../ui/eventWords.js';
import { blank, capitalise, documentHead, fillIn, issuerLines, longTime, paperStyles, placeName, printToolbar, signature, vietnamParts } from '../ui/paper.js';

const MAX_PAGES = 20;

export const decisionHref = (caseId, decisionId) => `#/cases/${encodeURIComponent(caseId)}/decisions/${encodeURIComponent(decisionId)}/print`;

const isGrantedDecision = (ev) => Boolean(ev && ev.type === 'protection.decision' && ev.details && ev.details.granted === true);
const isRefusal = (ev) => Boolean(ev && ev.type === 'protection.decision' && ev.details && ev.details.granted === false);

// The hook for the case page's timeline: on a protection.decision entry, the link to its
// paper (the decision, or for a refusal the notice to the requester); null on any other entry.
export function decisionPrintLink(caseData, ev) {
  if (!caseData || !(isGrantedDecision(ev) || isRefusal(ev))) return null;
  const refusal = isRefusal(ev);
  return h('a', {
    class: 'button secondary small', href: decisionHref(caseData.id, eventId(ev)),
    dataset: { action: refusal ? 'print-refusal' : 'print-decision', event: eventId(ev) },
  }, t(refusal ? 'refusal_notice.link' : 'print.decision_link'));
}

// The whole timeline the caller may see (the decision may lie past the first page).
async function allEvents(path) {
  const out = [];
  let cursor = '';
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await get(withQuery(`${path}/events`, { cursor }));
    out.push(...itemsOf(answer));
    cursor = answer && answer.next_cursor;
    if (!cursor) break;
  }
  return out;
}

const shortDate = (instant) => {
  const parts = vietnamParts(instant);
  return parts ? t('paper.short_date', parts) : t('paper.blank_short');
};

// "Ông/Bà Lý Văn Cường, sinh năm 1985, quan hệ với người bị bạo lực: Vợ / chồng" — the parts
// the caller may read; the name as a dotted line when it is not.
function personLine(person, extra) {
  const name = person && person.full_name;
  return h('p', { class: 'paper-person' },
    t('decision_paper.person'), ' ', name ? h('strong', {}, name) : blank(true),
    person && person.birth_year ? `, ${t('decision_paper.born', { year: person.birth_year })}` : '',
    extra || '', ';');
}

function perpetratorLines(c) {
  const list = Array.isArray(c.perpetrators) && c.perpetrators.length ? c.perpetrators : [null];
  return list.map((p) => personLine(p, p && p.relationship ? `, ${t('decision_paper.relation', { relationship: label('relationship', p.relationship) })}` : ''));
}

function survivorLine(c) {
  const s = c.survivor || null;
  return personLine(s, s && s.village ? `, ${t('decision_paper.resides', { village: s.village })}` : '');
}

const agencyOf = (request) => pick(request, ['author.role', 'by.role', 'agency']);
const CHAIR = 'chair_initiative';

// Who asked: the survivor, the guardian, or the agency that recorded the request (the chair
// on their own initiative, art. 25(1)(b)).
function requester(request) {
  if (!request) return null;
  const by = request.details && request.details.requested_by;
  if (by === 'agency') return agencyOf(request) ? label('role', agencyOf(request)) : t('decision_paper.by.agency');
  if (by === CHAIR) return t('protection_ui.by_chair');
  return by && has(`decision_paper.by.${by}`) ? t(`decision_paper.by.${by}`) : null;
}

function bases(c, request) {
  const who = requester(request);
  const chair = request && request.details && request.details.requested_by === CHAIR;
  let considering = t('decision_paper.considering_case', { code: c.code || '' });
  if (chair) considering = t('protection_ui.considering_chair', { code: c.code || '' });
  else if (who) considering = t('decision_paper.considering', { who, date: shortDate(eventTime(request)) });
  return h('div', { class: 'paper-bases' },
    h('p', {}, t('decision_paper.basis_local')),
    h('p', {}, t('decision_paper.basis_law')),
    h('p', {}, t('decision_paper.basis_decree')),
    h('p', {}, considering));
}

function articles(c, ev) {
  const d = ev.details || {};
  return h('div', { class: 'paper-articles' },
    h('p', { class: 'paper-article' }, h('strong', {}, t('decision_paper.art1_title')), ' ', t('decision_paper.art1_who')),
    perpetratorLines(c),
    h('p', { class: 'paper-article-cont' }, t('decision_paper.art1_whom')),
    survivorLine(c),
    h('p', { class: 'paper-article-cont' }, t('decision_paper.period_from'), ' ', h('strong', {}, longTime(d.starts)), ' ',
      t('decision_paper.period_to'), ' ', h('strong', {}, longTime(d.ends)), '.'),
    d.reason ? h('p', { class: 'paper-article-cont' }, t('decision_paper.reason', { reason: d.reason })) : null,
    h('p', { class: 'paper-article' }, h('strong', {}, t('decision_paper.art2_title')), ' ', t('decision_paper.art2')),
    h('p', { class: 'paper-article' }, h('strong', {}, t('decision_paper.art3_title')), ' ', t('decision_paper.art3')));
}

// "Nơi nhận": the parties the decision goes to — its `notified` list when recorded, else the
// parties of the server's delivery ledger (delivered or awaited) — and the file.
function recipients(c, ev) {
  const notified = Array.isArray(ev.details && ev.details.notified) ? ev.details.notified : [];
  const ledger = ev.protection || {};
  const parties = [...(ledger.deliveries || []).map((d) => d.party), ...(ledger.awaiting || [])];
  const names = notified.length
    ? notified.map((who) => choiceLabel('protection.decision', 'notified', who))
    : parties.map((who) => choiceLabel('protection.delivery', 'party', who));
  return h('div', { class: 'paper-recipients' },
    h('p', { class: 'paper-recipients-title' }, t('decision_paper.recipients')),
    h('ul', {},
      names.map((words) => h('li', {}, `${capitalise(words)};`)),
      h('li', {}, t('decision_paper.archive', { code: c.code || '' }))));
}

function revokedNote(revoke) {
  if (!revoke) return null;
  return h('p', { class: 'paper-revoked', role: 'note' }, t('decision_paper.revoked', { time: longTime(eventTime(revoke)) }));
}

// The paper for decision `ev` of case `c`; {commune, number} as typed on the screen.
export function decisionPaper({ c, ev, request, revoke, commune, number }) {
  const name = commune ? commune.toLocaleUpperCase('vi') : null;
  return h('article', { class: 'paper paper-decision', 'aria-labelledby': 'page-title' },
    documentHead({ issuer: issuerLines(commune), number, kind: t('decision_paper.kind'), place: placeName(commune), date: eventTime(ev) }),
    revokedNote(revoke),
    h('div', { class: 'paper-titles' },
      heading(t('decision_paper.title')),
      h('p', { class: 'paper-subtitle' }, t('decision_paper.about')),
      h('p', { class: 'paper-authority' }, t('decision_paper.authority'), ' ', name || blank())),
    bases(c, request),
    h('p', { class: 'paper-decides' }, t('decision_paper.decides')),
    articles(c, ev),
    h('div', { class: 'paper-signatures' },
      recipients(c, ev),
      signature(t('decision_paper.signer'), t('paper.sign_seal_hint'))));
}

// The addressee of a refusal notice: the survivor by name when the caller reads it, the
// guardian, or the agency that asked.
function addressee(c, request) {
  const by = request && request.details && request.details.requested_by;
  const name = c.survivor && c.survivor.full_name;
  if (by === 'survivor') return name ? `${t('decision_paper.person')} ${name}` : capitalise(t('decision_paper.by.survivor'));
  if (by === 'guardian') return t('refusal_notice.by_guardian');
  return capitalise(requester(request) || t('decision_paper.by.agency'));
}

// The written notice of a refusal for decision `ev` (Law 13/2022 art. 25(2)): to the
// requester, the request and whom it concerned, the chair's reasons as recorded; one page.
export function refusalNotice({ c, ev, request, commune, number }) {
  const to = addressee(c, request);
  const who = requester(request) || t('decision_paper.by.agency');
  const reason = (ev.details && ev.details.reason) || t('refusal_notice.no_reason');
  return h('article', { class: 'paper paper-notice', 'aria-labelledby': 'page-title' },
    documentHead({ issuer: issuerLines(commune), number, kind: t('refusal_notice.kind'), place: placeName(commune), date: eventTime(ev) }),
    h('div', { class: 'paper-titles' },
      heading(t('refusal_notice.title')),
      h('p', { class: 'paper-subtitle' }, t('refusal_notice.about'))),
    h('p', { class: 'paper-addressee' }, h('strong', {}, t('refusal_notice.to')), ' ', to),
    h('p', { class: 'paper-article' }, t('refusal_notice.received', { date: shortDate(eventTime(request)), who })),
    perpetratorLines(c),
    h('p', { class: 'paper-article-cont' }, t('refusal_notice.case', { code: c.code || '' })),
    h('p', { class: 'paper-article' }, t('refusal_notice.decides')),
    h('p', { class: 'paper-reasons prose' }, reason),
    h('p', { class: 'paper-article' }, t('refusal_notice.again')),
    h('p', { class: 'paper-article' }, t('refusal_notice.closing', { who: to })),
    h('div', { class: 'paper-signatures' },
      h('div', { class: 'paper-recipients' },
        h('p', { class: 'paper-recipients-title' }, t('decision_paper.recipients')),
        h('ul', {}, h('li', {}, `${t('refusal_notice.as_above')};`), h('li', {}, t('decision_paper.archive', { code: c.code || '' })))),
      signature(t('decision_paper.signer'), t('paper.sign_seal_hint'))));
}

// The decision, its request and its revocation among the timeline entries.
function findDecision(events, decisionId) {
  const ev = events.find((e) => eventId(e) === String(decisionId));
  if (!ev) return {};
  const requestId = String(ev.details && ev.details.request_event);
  const request = events.find((e) => e.type === 'protection.request' && eventId(e) === requestId) || null;
  const revoke = events.find((e) => e.type === 'protection.revoke' && String(e.details && e.details.decision_event) === eventId(ev)) || null;
  return { ev, request, revoke };
}

function hiddenNames(c) {
  const survivorNamed = Boolean(c.survivor && c.survivor.full_name);
  const perpetratorsNamed = Array.isArray(c.perpetrators) && c.perpetrators.every((p) => p.full_name);
  return !(survivorNamed && perpetratorsNamed);
}

export async function render(view, ctx) {
  const { id, eid } = ctx.params;
  const path = `/api/v1/cases/${encodeURIComponent(id)}`;
  const back = `#/cases/${encodeURIComponent(id)}`;
  const result = h('div', { class: 'paper-area' }, loading());
  const toolbar = h('div', {});
  add(view, toolbar, result);
  let c;
  let found;
  let me = {};
  try {
    const [caseAnswer, events, , who] = await Promise.all([get(path), allEvents(path), paperStyles(), get('/api/v1/me').catch(() => ({}))]);
    c = caseAnswer;
    me = who || {};
    found = findDecision(events, eid);
  } catch (error) {
    fill(toolbar, printToolbar(back, t('paper.back_case')));
    fill(result, heading(t('decision_paper.title')), loadFailure(error, t('decision_paper.title')));
    return;
  }
  const refusal = isRefusal(found.ev);
  if (!isGrantedDecision(found.ev) && !refusal) {
    fill(toolbar, printToolbar(back, t('paper.back_case')));
    fill(result, heading(t('decision_paper.title')), alertBox('info', t(found.ev ? 'decision_paper.not_granted' : 'decision_paper.not_found')));
    return;
  }
  const state = { c, ...found, commune: '', number: '' };
  const draw = () => fill(result, refusal ? refusalNotice(state) : decisionPaper(state));
  // The issuing commune is the signed-in user's (GET /me commune_name); the field corrects it.
  const commune = fillIn({ name: 'commune', label: t('decision_paper.commune_field'), hint: t('decision_paper.commune_hint'), value: me.commune_name || '', onChange: (v) => { state.commune = v; draw(); } });
  const number = fillIn({ name: 'number', label: t(refusal ? 'refusal_notice.number_field' : 'decision_paper.number_field'), hint: t('decision_paper.number_hint'), onChange: (v) => { state.number = v; draw(); } });
  state.commune = commune.value();
  fill(toolbar, printToolbar(back, t('paper.back_case'), commune, number,
    hiddenNames(c) ? alertBox('info', t('decision_paper.names_hidden')) : null,
    state.revoke ? alertBox('warning', t('decision_paper.revoked_screen')) : null,
    refusal ? alertBox('info', t('refusal_notice.screen')) : null,
    h('p', { class: 'hint' }, t('paper.print_hint'))));
  draw();
  document.title = `${t(refusal ? 'refusal_notice.title' : 'decision_paper.title')} ${c.code || ''} — ${t('app.name')}`;
}
