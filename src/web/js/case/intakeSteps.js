// The fields of each step of the intake form (screens/intake.js; the correction form reuses
// them). Control names are the API paths ('survivor.birth_year', 'perpetrators[0].sex'), so a
// 400 naming a field finds it. The choices are the catalogue's enumerations. Nothing is
// chosen beforehand: sex, risk, consent and who gave it are asked, never assumed.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { options } from '../catalogue.js';
import { serverNow, todayVietnam, toLocalInput } from '../format.js';
import { field, choices } from '../ui/form.js';

// An enumeration's options, each with its hint from `hintGroup` ('risk_hint.high').
const hinted = (name, hintGroup) => options(name).map((o) => ({ ...o, hint: t(`${hintGroup}.${o.value}`) }));
const year = new Date().getFullYear();

// `note` put in a choice group, after its legend and hint.
function withNote(group, note) {
  group.querySelector('.choice').before(note);
  return group;
}

// Turns the village fields under `root` into a choice from the commune's list (GET
// /api/v1/villages) when it has one, keeping what is there already (an older case's village
// stays a choice even if the list no longer has it). With no list, the fields stay free text.
export function useVillageList(root, villages) {
  if (!villages.length) return;
  for (const name of ['survivor.village', 'incident.village']) {
    const wrap = root.querySelector(`[data-name="${name}"]`);
    const input = wrap && wrap.control;
    if (!input || input.tagName === 'SELECT') continue;
    const names = input.value && !villages.includes(input.value) ? [...villages, input.value] : villages;
    const select = h('select', { id: input.id, name, required: input.required || null, 'aria-describedby': input.getAttribute('aria-describedby') },
      h('option', { value: '' }, t('form.choose')), names.map((v) => h('option', { value: v }, v)));
    select.value = input.value;
    input.replaceWith(select);
    wrap.control = select;
  }
}

export function childRuleBox(id) {
  return h('div', { class: 'alert alert-warning child-rule', id, role: 'status', hidden: true },
    h('strong', { class: 'alert-kind' }, t('intake.child_title')), ' ',
    h('span', {}, t('intake.child_rule')));
}

export function survivorStep() {
  return [
    h('p', { class: 'hint' }, t('intake.survivor_intro')),
    field({ name: 'survivor.full_name', label: t('person.full_name'), required: true, attrs: { autocomplete: 'off' } }),
    choices({ name: 'survivor.sex', legend: t('person.sex'), type: 'radio', required: true, options: options('sex') }),
    field({ name: 'survivor.birth_year', label: t('person.birth_year'), type: 'number', hint: t('intake.birth_year_hint'), attrs: { min: 1900, max: year, inputmode: 'numeric' } }),
    childRuleBox('child-rule-survivor'),
    field({ name: 'survivor.village', label: t('person.village'), required: true }),
    field({ name: 'survivor.phone', label: t('person.phone'), type: 'tel', attrs: { autocomplete: 'off' } }),
    field({ name: 'survivor.id_number', label: t('person.id_number'), hint: t('intake.id_hint'), attrs: { autocomplete: 'off' } }),
    field({ name: 'survivor.disability', label: t('person.disability'), type: 'checkbox' }),
  ];
}

// How and when the report reached the officer (Law 13/2022 art. 19): the catalogue's
// "intake_channel" enumeration and the time it was received (not in the future), both asked
// with nothing filled in beforehand (the server takes the two together). Without the enumeration (an older server)
// nothing is asked. Only the intake asks it: the correction form leaves it as recorded.
export function receiptStep() {
  const channels = options('intake_channel');
  if (!channels.length) return [];
  return [h('fieldset', { class: 'field-group receipt' }, h('legend', {}, t('intake.receipt')),
    field({
      name: 'intake.channel', label: t('intake.channel'), type: 'select', required: true, hint: t('intake.channel_hint'),
      missing: t('intake.channel_missing'), options: [{ value: '', label: t('form.choose') }, ...channels],
    }),
    field({
      name: 'intake.received_at', label: t('intake.received_at'), type: 'datetime-local', required: true, hint: t('intake.received_at_hint'),
      missing: t('intake.received_missing'), attrs: { max: toLocalInput(serverNow()) },
    }))];
}

// A receipt time after now (on the server's clock): '' when fine or empty.
export function receivedAtProblem(text) {
  return text && text > toLocalInput(serverNow()) ? t('intake.received_future') : '';
}

export function incidentStep() {
  return [
    field({ name: 'incident.date', label: t('incident.date'), type: 'date', required: true, attrs: { max: todayVietnam() } }),
    field({ name: 'incident.village', label: t('incident.village'), required: true, hint: t('intake.incident_village_hint') }),
    field({ name: 'incident.place', label: t('incident.place'), type: 'select', required: true, options: [{ value: '', label: t('form.choose') }, ...options('place')] }),
    choices({
      name: 'incident.types', legend: t('incident.types'), required: true, hint: t('intake.types_hint'), missing: t('intake.types_missing'),
      options: hinted('violence_type', 'violence_hint'),
    }),
    field({ name: 'incident.description', label: t('incident.description'), type: 'textarea', required: true, rows: 5, hint: t('intake.description_hint') }),
    field({ name: 'incident.injuries', label: t('incident.injuries'), type: 'textarea', rows: 2 }),
  ];
}

// One perpetrator's fields, numbered for the API path.
export function perpetratorBlock(index, onRemove) {
  const p = `perpetrators[${index}]`;
  const legend = t('intake.perpetrator_n', { n: index + 1 });
  return h('fieldset', { class: 'person-block', dataset: { index } },
    h('legend', {}, legend),
    field({ name: `${p}.full_name`, label: t('person.full_name'), required: true, attrs: { autocomplete: 'off' } }),
    choices({ name: `${p}.sex`, legend: t('person.sex'), type: 'radio', required: true, options: options('sex') }),
    field({ name: `${p}.birth_year`, label: t('person.birth_year'), type: 'number', attrs: { min: 1900, max: year, inputmode: 'numeric' } }),
    field({ name: `${p}.relationship`, label: t('person.relationship'), type: 'select', required: true, options: [{ value: '', label: t('form.choose') }, ...options('relationship')] }),
    field({ name: `${p}.phone`, label: t('person.phone'), type: 'tel', attrs: { autocomplete: 'off' } }),
    field({ name: `${p}.id_number`, label: t('person.id_number'), attrs: { autocomplete: 'off' } }),
    h('button', { type: 'button', class: 'button link', onclick: onRemove, 'aria-label': t('intake.remove_perpetrator_n', { n: index + 1 }) }, t('intake.remove_perpetrator')));
}

export function riskStep() {
  return [
    choices({
      name: 'risk', legend: t('case.risk'), type: 'radio', required: true, missing: t('intake.risk_missing'),
      options: hinted('risk', 'risk_hint'),
    }),
    h('fieldset', { class: 'field choices' }, h('legend', {}, t('intake.flags')),
      field({ name: 'flags.crime', label: t('flags.crime'), type: 'checkbox', hint: t('flags.crime_hint') }),
      field({ name: 'flags.administrative_sanction', label: t('flags.administrative_sanction'), type: 'checkbox', hint: t('flags.sanction_hint') })),
    field({ name: 'safety_plan', label: t('case.safety_plan'), type: 'textarea', rows: 3, hint: t('intake.safety_plan_hint') }),
  ];
}

export function consentStep(ownAgency) {
  return [
    childRuleBox('child-rule-consent'),
    h('p', { class: 'hint' }, t('intake.consent_intro')),
    choices({
      name: 'consent.given', legend: t('consent.given_q'), type: 'radio', required: true, missing: t('intake.consent_missing'),
      options: [{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }],
    }),
    withNote(choices({ name: 'consent.given_by', legend: t('consent.given_by'), type: 'radio', required: true, options: options('given_by'), missing: t('intake.given_by_missing') }),
      h('p', { class: 'alert alert-info guardian-auto', id: 'guardian-auto', hidden: true }, t('intake.guardian_auto'))),
    // The boxes stay disabled (and the own agency unticked) until consent is answered "yes".
    withNote(choices({
      name: 'consent.agencies', legend: t('consent.agencies'), hint: t('intake.agencies_hint'),
      options: options('agency').map((o) => ({
        ...o, disabled: true, hint: o.value === ownAgency ? t('intake.own_agency') : t(`agency_duty.${o.value}`),
      })),
    }), h('p', { class: 'hint agencies-wait', id: 'agencies-wait' }, t('intake.agencies_wait'))),
    field({ name: 'consent.statistics', label: t('consent.statistics'), type: 'checkbox', hint: t('consent.statistics_hint') }),
  ];
}
