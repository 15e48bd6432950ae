// Reads the intake form (screens/intake.js) into the case body of API.md "Cases", and shows
// it back for review. Empty optional fields are left out, never sent as "". Nothing is made
// up: a choice not made (sex, risk, consent, who gave it) is left out too, so the server
// refuses it by name rather than record an answer nobody gave; the form asks before that.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import { checkedValues, radioValue, value } from '../ui/form.js';
import { formatDate, formatDateTime, fromLocalInput } from '../format.js';

function optional(target, key, text) {
  if (text) target[key] = text;
}

function yearOf(form, name) {
  const text = value(form, name);
  return text ? Number(text) : undefined;
}

// 'yes' → true, 'no' → false, not answered → undefined (left out of the body).
function yesNo(form, name) {
  const answer = radioValue(form, name);
  return answer === 'yes' ? true : answer === 'no' ? false : undefined;
}

// The radio chosen, or undefined when none is (JSON leaves it out).
const chosen = (form, name) => radioValue(form, name) || undefined;

function checked(form, name) {
  const control = form.elements.namedItem(name);
  return Boolean(control && control.checked);
}

function perpetrator(form, index) {
  const p = `perpetrators[${index}]`;
  const out = { full_name: value(form, `${p}.full_name`), sex: chosen(form, `${p}.sex`), relationship: value(form, `${p}.relationship`) };
  const birth = yearOf(form, `${p}.birth_year`);
  if (birth) out.birth_year = birth;
  optional(out, 'phone', value(form, `${p}.phone`));
  optional(out, 'id_number', value(form, `${p}.id_number`));
  return out;
}

// How and when the report arrived ({channel, received_at}), or null when the form does not ask
// (an older server without the enumeration). What is not filled in is left out.
function intakeOf(form) {
  if (!form.elements.namedItem('intake.channel')) return null;
  const out = {};
  optional(out, 'channel', value(form, 'intake.channel'));
  optional(out, 'received_at', fromLocalInput(value(form, 'intake.received_at')));
  return out;
}

export function buildCaseBody(form, perpetratorList) {
  const survivor = {
    full_name: value(form, 'survivor.full_name'),
    sex: chosen(form, 'survivor.sex'),
    village: value(form, 'survivor.village'),
    disability: checked(form, 'survivor.disability'),
  };
  const birth = yearOf(form, 'survivor.birth_year');
  if (birth) survivor.birth_year = birth;
  optional(survivor, 'phone', value(form, 'survivor.phone'));
  optional(survivor, 'id_number', value(form, 'survivor.id_number'));
  const incident = {
    date: value(form, 'incident.date'),
    village: value(form, 'incident.village'),
    place: value(form, 'incident.place'),
    types: checkedValues(form, 'incident.types'),
    description: value(form, 'incident.description'),
  };
  optional(incident, 'injuries', value(form, 'incident.injuries'));
  const given = yesNo(form, 'consent.given');
  const body = {
    survivor,
    perpetrators: [...perpetratorList.querySelectorAll('.person-block')].map((b) => perpetrator(form, b.dataset.index)),
    incident,
    risk: chosen(form, 'risk'),
    consent: {
      given,
      given_by: chosen(form, 'consent.given_by'),
      agencies: given === true ? checkedValues(form, 'consent.agencies') : [],
      statistics: checked(form, 'consent.statistics'),
    },
    flags: { crime: checked(form, 'flags.crime'), administrative_sanction: checked(form, 'flags.administrative_sanction') },
  };
  optional(body, 'safety_plan', value(form, 'safety_plan'));
  const intake = intakeOf(form);
  if (intake) body.intake = intake;
  return body;
}

const yesNoWord = (v) => (v === true ? t('common.yes') : v === false ? t('common.no') : '');

function row(term, text) {
  return [h('dt', {}, term), h('dd', {}, text === undefined || text === '' ? t('common.not_given') : String(text))];
}

// The review step: what will be sent, in words.
export function reviewList(form) {
  const body = buildCaseBody(form, form.querySelector('.perpetrators'));
  const s = body.survivor;
  const i = body.incident;
  const c = body.consent;
  return h('div', {},
    h('h3', {}, t('intake.step.survivor')),
    h('dl', { class: 'facts' }, row(t('person.full_name'), s.full_name), row(t('person.sex'), s.sex ? label('sex', s.sex) : ''),
      row(t('person.birth_year'), s.birth_year), row(t('person.village'), s.village),
      row(t('person.phone'), s.phone), row(t('person.id_number'), s.id_number),
      row(t('person.disability'), s.disability ? t('common.yes') : t('common.no'))),
    h('h3', {}, t('intake.step.incident')),
    body.intake ? h('dl', { class: 'facts review-receipt' }, row(t('intake.channel'), body.intake.channel ? label('channel', body.intake.channel) : ''),
      row(t('intake.received_at'), formatDateTime(body.intake.received_at))) : null,
    h('dl', { class: 'facts' }, row(t('incident.date'), formatDate(i.date)), row(t('incident.village'), i.village),
      row(t('incident.place'), i.place ? label('place', i.place) : ''), row(t('incident.types'), i.types.map((v) => label('violence', v)).join(', ')),
      row(t('incident.description'), i.description), row(t('incident.injuries'), i.injuries)),
    h('h3', {}, t('intake.step.perpetrators')),
    body.perpetrators.length
      ? h('ul', { class: 'plain-list' }, body.perpetrators.map((p) => h('li', {}, `${p.full_name} — ${label('relationship', p.relationship)}`)))
      : h('p', {}, t('intake.no_perpetrator')),
    h('h3', {}, t('intake.step.risk')),
    h('dl', { class: 'facts' }, row(t('case.risk'), body.risk ? label('risk', body.risk) : ''),
      row(t('flags.crime'), body.flags.crime ? t('common.yes') : t('common.no')),
      row(t('flags.administrative_sanction'), body.flags.administrative_sanction ? t('common.yes') : t('common.no')),
      row(t('case.safety_plan'), body.safety_plan)),
    h('h3', {}, t('intake.step.consent')),
    h('dl', { class: 'facts' }, row(t('consent.given_short'), yesNoWord(c.given)),
      row(t('consent.given_by'), c.given_by ? label('given_by', c.given_by) : ''),
      row(t('consent.agencies'), c.agencies.map((a) => label('agency', a)).join(', ')),
      row(t('consent.statistics'), c.statistics ? t('common.yes') : t('common.no'))));
}
