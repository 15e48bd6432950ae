// The case summary: survivor, how and when the report arrived, incident, perpetrators, risk and
// safety plan, consent and flags — only the fields the server sent (it leaves out what the
// caller's role may not read).

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import { formatDate, formatDateTime } from '../format.js';
import { badge, riskBadge, typesText } from '../ui/bits.js';

const has = (o, k) => o && Object.prototype.hasOwnProperty.call(o, k);

function facts(rows) {
  const shown = rows.filter(Boolean);
  if (!shown.length) return null;
  return h('dl', { class: 'facts' }, shown.map(([term, text]) => [h('dt', {}, term), h('dd', {}, text)]));
}

function rowOf(object, key, term, show = (v) => v) {
  if (!has(object, key)) return null;
  const v = object[key];
  return [term, v === null || v === '' ? t('common.unknown') : show(v)];
}

const yesNo = (v) => (v ? t('common.yes') : t('common.no'));

function survivorFacts(s) {
  return facts([
    rowOf(s, 'full_name', t('person.full_name')),
    rowOf(s, 'sex', t('person.sex'), (v) => label('sex', v)),
    rowOf(s, 'birth_year', t('person.birth_year')),
    rowOf(s, 'village', t('person.village')),
    rowOf(s, 'phone', t('person.phone')),
    rowOf(s, 'id_number', t('person.id_number')),
    rowOf(s, 'disability', t('person.disability'), yesNo),
    rowOf(s, 'child', t('person.child'), (v) => (v ? badge('warning', t('case.child_case')) : t('common.no'))),
  ]);
}

function incidentFacts(i) {
  return facts([
    rowOf(i, 'date', t('incident.date'), formatDate),
    rowOf(i, 'village', t('incident.village')),
    rowOf(i, 'place', t('incident.place'), (v) => label('place', v)),
    rowOf(i, 'types', t('incident.types'), typesText),
    rowOf(i, 'description', t('incident.description'), (v) => h('span', { class: 'prose' }, v)),
    rowOf(i, 'injuries', t('incident.injuries')),
  ]);
}

// How and when the report arrived (null on a case opened without it: "not recorded").
function receiptFacts(r) {
  const receipt = r || {};
  return facts([
    [t('intake.channel'), receipt.channel ? label('channel', receipt.channel) : t('channel.unknown')],
    [t('intake.received_at'), receipt.received_at ? formatDateTime(receipt.received_at) : t('common.not_given')],
  ]);
}

function perpetratorFacts(p) {
  return facts([
    rowOf(p, 'full_name', t('person.full_name')),
    rowOf(p, 'sex', t('person.sex'), (v) => label('sex', v)),
    rowOf(p, 'birth_year', t('person.birth_year')),
    rowOf(p, 'relationship', t('person.relationship'), (v) => label('relationship', v)),
    rowOf(p, 'phone', t('person.phone')),
    rowOf(p, 'id_number', t('person.id_number')),
  ]);
}

function consentFacts(c) {
  return facts([
    rowOf(c, 'given', t('consent.given_short'), yesNo),
    rowOf(c, 'given_by', t('consent.given_by'), (v) => label('given_by', v)),
    rowOf(c, 'agencies', t('consent.agencies'), (v) => (v.length ? v.map((a) => label('agency', a)).join(', ') : t('consent.none'))),
    rowOf(c, 'statistics', t('consent.statistics'), yesNo),
    rowOf(c, 'recorded_at', t('consent.recorded_at'), formatDateTime),
  ]);
}

function block(id, title, content) {
  if (!content || (Array.isArray(content) && !content.filter(Boolean).length)) return null;
  return h('section', { class: 'card summary-block', 'aria-labelledby': id }, h('h3', { id }, title), content);
}

export function caseSummary(c) {
  const flags = c.flags || {};
  const flagBadges = [
    flags.crime ? badge('danger', t('flags.crime')) : null,
    flags.administrative_sanction ? badge('warning', t('flags.administrative_sanction')) : null,
  ].filter(Boolean);
  return h('div', { class: 'summary-grid' },
    block('sum-survivor', t('case.survivor'), has(c, 'survivor') ? survivorFacts(c.survivor) : null),
    block('sum-intake', t('intake.receipt'), has(c, 'intake') ? receiptFacts(c.intake) : null),
    block('sum-incident', t('case.incident'), has(c, 'incident') ? incidentFacts(c.incident) : null),
    block('sum-perpetrators', t('case.perpetrators'), has(c, 'perpetrators')
      ? (c.perpetrators.length ? c.perpetrators.map(perpetratorFacts) : h('p', {}, t('intake.no_perpetrator'))) : null),
    block('sum-risk', t('case.risk_and_plan'), facts([
      has(c, 'risk') ? [t('case.risk'), riskBadge(c.risk)] : null,
      has(c, 'safety_plan') ? [t('case.safety_plan'), c.safety_plan || t('common.not_given')] : null,
      has(c, 'flags') ? [t('case.flags'), flagBadges.length ? flagBadges : t('flags.none')] : null,
    ])),
    block('sum-consent', t('case.consent'), has(c, 'consent') && c.consent ? consentFacts(c.consent) : null));
}
