// The case record on paper (#/cases/:id/print): what the server holds on the case, as the
// caller's role may read it — GET /cases/{id}/export, the survivor's copy of their data (PDPL
// 91/2025), audited as an export — laid out to fit one A4 page: the people, how the report
// arrived, the incident, risk, consent and stages as labelled facts, the timeline as one table,
// every value in words (the catalogue's labels), every time in Vietnam time. Only agencies working the case may export
// (the case answer's allowed_actions has "export"); casePrintLinks() offers the link then.

import { h, fill, add } from '../dom.js';
import { t, label } from '../i18n.js';
import { get } from '../api.js';
import { heading } from '../router.js';
import { formatDate, formatDateTime } from '../format.js';
import { loadFailure, loading } from '../ui/notice.js';
import { typesText } from '../ui/bits.js';
import { detailRows, eventAuthor, eventTime } from '../ui/eventWords.js';
import { eventLabel } from '../catalogue.js';
import { paperStyles, printToolbar, signature } from '../ui/paper.js';

const has = (o, k) => Boolean(o) && Object.prototype.hasOwnProperty.call(o, k);
const yesNo = (v) => (v ? t('common.yes') : t('common.no'));
const orUnknown = (show) => (v) => (v === null || v === '' || v === undefined ? t('common.unknown') : show(v));
const asText = (v) => String(v);

export const recordHref = (caseId) => `#/cases/${encodeURIComponent(caseId)}/print`;

// The hook for the case page: the link to this paper when the server allows the caller an
// export of the case, else nothing. Returns an array of elements (empty or one <a>). It
// replaces the panel's old link to the server's raw dump (…/export?format=html): same id and
// words, so the panel tests still find it; it opens in the same tab, where the session is.
export function casePrintLinks(caseData) {
  const allowed = Array.isArray(caseData && caseData.allowed_actions) ? caseData.allowed_actions : [];
  if (!caseData || !allowed.includes('export')) return [];
  return [h('a', { class: 'button secondary', id: 'action-export', href: recordHref(caseData.id) }, t('action.export'))];
}

// [term, words] rows of the fields present in `object`: spec rows [key, label key, reader].
function facts(object, spec) {
  const rows = spec.filter(([key]) => has(object, key)).map(([key, term, show]) => [t(term), orUnknown(show || asText)(object[key])]);
  if (!rows.length) return null;
  return h('dl', { class: 'paper-facts' }, rows.map(([term, words]) => [h('dt', {}, term), h('dd', {}, words)]));
}

function block(title, content) {
  if (!content || (Array.isArray(content) && !content.filter(Boolean).length)) return null;
  return h('section', { class: 'paper-block' }, h('h2', {}, title), content);
}

const sexWord = (v) => label('sex', v);
const SURVIVOR = [
  ['full_name', 'person.full_name'], ['sex', 'person.sex', sexWord], ['birth_year', 'person.birth_year'],
  ['village', 'person.village'], ['phone', 'person.phone'], ['id_number', 'person.id_number'],
  ['disability', 'person.disability', yesNo], ['child', 'person.child', yesNo],
];
const PERPETRATOR = [
  ['full_name', 'person.full_name'], ['sex', 'person.sex', sexWord], ['birth_year', 'person.birth_year'],
  ['relationship', 'person.relationship', (v) => label('relationship', v)], ['phone', 'person.phone'], ['id_number', 'person.id_number'],
];
const INCIDENT = [
  ['date', 'incident.date', formatDate], ['village', 'incident.village'], ['place', 'incident.place', (v) => label('place', v)],
  ['types', 'incident.types', typesText], ['description', 'incident.description'], ['injuries', 'incident.injuries'],
];
const RECEIPT = [['channel', 'intake.channel', (v) => label('channel', v)], ['received_at', 'intake.received_at', formatDateTime]];
const CONSENT = [
  ['given', 'consent.given_short', yesNo], ['given_by', 'consent.given_by', (v) => label('given_by', v)],
  ['agencies', 'consent.agencies', (v) => (v.length ? v.map((a) => label('agency', a)).join(', ') : t('consent.none'))],
  ['statistics', 'consent.statistics', yesNo], ['recorded_at', 'consent.recorded_at', formatDateTime],
  ['recorded_by', 'record.recorded_by', (v) => label('role', v.role)],
];

function flagsText(flags) {
  const on = [flags.crime ? t('flags.crime') : null, flags.administrative_sanction ? t('flags.administrative_sanction') : null].filter(Boolean);
  return on.length ? on.join('; ') : t('flags.none');
}

function stagesFacts(stages) {
  const entries = Object.entries(stages || {});
  if (!entries.length) return h('p', {}, t('case.no_stages'));
  return h('dl', { class: 'paper-facts' }, entries.map(([agency, s]) => [
    h('dt', {}, label('agency', agency)),
    h('dd', {}, [label('stage', s.status), s.since ? t('stage.since', { time: formatDateTime(s.since) }) : '', s.reason ? t('stage.reason', { reason: label('stage_reason', s.reason) }) : '']
      .filter(Boolean).join(' — '))]));
}

// The timeline as one table: time, activity, who recorded it, the details in words.
function timelineTable(events) {
  if (!events.length) return h('p', {}, t('timeline.empty'));
  return h('table', { class: 'paper-table paper-timeline' },
    h('thead', {}, h('tr', {}, ['record.col_time', 'record.col_event', 'record.col_by', 'record.col_details'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, events.map((ev) => h('tr', {},
      h('td', { class: 'nowrap' }, formatDateTime(eventTime(ev))),
      h('th', { scope: 'row' }, eventLabel(ev.type)),
      h('td', {}, eventAuthor(ev)),
      h('td', {}, detailsLine(ev))))));
}

// The details of one entry on one line: "Biện pháp: …; Tóm tắt: …; Hạn …".
function detailsLine(ev) {
  const parts = detailRows(ev.type, ev.details, ev.withheld).map(([term, words]) => [h('span', { class: 'paper-term' }, `${term}: `), words]);
  if (ev.due) parts.push([t('due.on', { date: formatDate(ev.due) }), ev.done_at ? ` (${t('due.done')})` : '']);
  return parts.map((part, i) => h('span', { class: 'paper-detail' }, part, i < parts.length - 1 ? '; ' : ''));
}

// What the case answer carries for the browser rather than about the survivor, and what the
// record shows in its own place: anything else the server adds is listed under "other" (the
// survivor's copy leaves nothing out; the raw-key test asks for a label when one appears).
const SHOWN = new Set(['id', 'code', 'status', 'survivor', 'intake', 'perpetrators', 'incident', 'risk', 'consent', 'flags', 'safety_plan',
  'child', 'stages', 'created_at', 'updated_at', 'closed_at', 'closure_reason_code', 'closure_reason',
  'allowed_actions', 'refusals', 'refusal_codes', 'mandatory_referrals', 'field_view']);

function plainWords(value) {
  if (typeof value === 'boolean') return yesNo(value);
  if (value === null || value === undefined || value === '') return t('common.not_given');
  if (Array.isArray(value)) return value.map(plainWords).join(', ') || t('common.none');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${label('record_field', k)}: ${plainWords(v)}`).join('; ');
  return String(value);
}

function otherFacts(c) {
  const rest = Object.entries(c).filter(([key]) => !SHOWN.has(key));
  if (!rest.length) return null;
  return h('dl', { class: 'paper-facts' }, rest.map(([key, value]) => [h('dt', {}, label('record_field', key)), h('dd', {}, plainWords(value))]));
}

function caseMeta(c, exportedAt) {
  return h('dl', { class: 'paper-meta' },
    h('dt', {}, t('case.code')), h('dd', {}, c.code || t('case.no_code')),
    h('dt', {}, t('case.status')), h('dd', {}, label('status', c.status)),
    has(c, 'risk') ? [h('dt', {}, t('case.risk')), h('dd', {}, label('risk', c.risk))] : null,
    c.created_at ? [h('dt', {}, t('record.opened')), h('dd', {}, formatDateTime(c.created_at))] : null,
    c.closed_at ? [h('dt', {}, t('record.closed')), h('dd', {}, formatDateTime(c.closed_at))] : null,
    c.closure_reason_code ? [h('dt', {}, t('record.closed_as')), h('dd', {}, label('closure', c.closure_reason_code))] : null,
    h('dt', {}, t('record.printed')), h('dd', {}, formatDateTime(exportedAt)));
}

// The record: the export answer {exported_at, exported_by_role, case, events}.
export function recordPaper(doc, user) {
  const c = doc.case || {};
  const events = Array.isArray(doc.events) ? doc.events : [];
  const role = doc.exported_by_role || (user && user.role);
  return h('article', { class: 'paper paper-record', 'aria-labelledby': 'page-title' },
    h('header', { class: 'paper-record-head' },
      heading(t('record.title', { code: c.code || '' })),
      h('p', { class: 'paper-subtitle' }, t('record.lead', { role: label('role', role) })),
      caseMeta(c, doc.exported_at)),
    c.closure_reason ? h('p', { class: 'paper-subtitle' }, t('case.closed_because', { reason: c.closure_reason })) : null,
    h('p', { class: 'paper-confidential' }, t('paper.confidential')),
    h('div', { class: 'paper-blocks' },
      block(t('case.survivor'), has(c, 'survivor') ? facts(c.survivor, SURVIVOR) : null),
      block(t('intake.receipt'), has(c, 'intake') ? facts(c.intake || {}, RECEIPT) || h('p', {}, t('channel.unknown')) : null),
      block(t('case.incident'), has(c, 'incident') ? facts(c.incident, INCIDENT) : null),
      block(t('case.perpetrators'), has(c, 'perpetrators')
        ? (c.perpetrators.length ? c.perpetrators.map((p) => facts(p, PERPETRATOR)) : h('p', {}, t('intake.no_perpetrator'))) : null),
      block(t('case.risk_and_plan'), facts(c, [
        ['risk', 'case.risk', (v) => label('risk', v)], ['safety_plan', 'case.safety_plan'], ['flags', 'case.flags', flagsText],
      ])),
      block(t('case.consent'), c.consent ? facts(c.consent, CONSENT) : null),
      block(t('case.stages'), stagesFacts(c.stages)),
      block(t('record.other'), otherFacts(c))),
    h('section', { class: 'paper-section' }, h('h2', {}, t('case.timeline')), timelineTable(events)),
    h('div', { class: 'paper-signatures' },
      signature(t('record.printed_by'), t('paper.sign_hint')),
      signature(t('record.received_by'), t('paper.sign_hint'))));
}

export async function render(view, ctx) {
  const id = ctx.params.id;
  const back = `#/cases/${encodeURIComponent(id)}`;
  const result = h('div', { class: 'paper-area' }, loading());
  add(view, printToolbar(back, t('paper.back_case'), h('p', { class: 'hint' }, t('paper.print_hint'))), result);
  try {
    const [doc] = await Promise.all([get(`/api/v1/cases/${encodeURIComponent(id)}/export`), paperStyles()]);
    fill(result, recordPaper(doc, ctx.user));
  } catch (error) {
    fill(result, heading(t('record.title', { code: '' })), loadFailure(error, t('record.title', { code: '' })));
  }
}
