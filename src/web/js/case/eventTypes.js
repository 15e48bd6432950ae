// The event types of API.md "Events" as form descriptions: the fields of each type's
// `details`, their kinds and choices, and whether it takes a `due` date. It mirrors the
// server's catalogue (src/core/workflow/EventCatalogue.cpp); the server checks every event.

export const EVENT_TYPES = {
  'police.report': {
    fields: [{ name: 'channel', kind: 'choice', choices: ['in_person', 'phone', 'hotline', 'letter', 'other'] }, { name: 'summary', kind: 'text' }],
    due: 'none',
  },
  'police.intervention': {
    fields: [{ name: 'action', kind: 'choice', choices: ['stopped_violence', 'summons', 'other'] }, { name: 'summary', kind: 'text' }],
    due: 'optional',
  },
  'protection.request': {
    fields: [{ name: 'measure', kind: 'fixed', value: 'no_contact' }, { name: 'requested_by', kind: 'choice', choices: ['survivor', 'guardian', 'agency'] }, { name: 'summary', kind: 'text' }],
    due: 'none',
  },
  'protection.decision': {
    fields: [
      { name: 'request_event', kind: 'hidden' },
      { name: 'granted', kind: 'yesno' },
      { name: 'starts', kind: 'time', ifGranted: true },
      { name: 'ends', kind: 'time', ifGranted: true },
      { name: 'reason', kind: 'text' },
      { name: 'notified', kind: 'choices', choices: ['perpetrator', 'survivor', 'police_head', 'village_head'] },
    ],
    due: 'none',
  },
  'protection.revoke': {
    fields: [{ name: 'decision_event', kind: 'hidden' }, { name: 'reason', kind: 'text' }],
    due: 'none',
  },
  'justice.legal_aid': {
    fields: [
      { name: 'kind', kind: 'choice', choices: ['representation', 'advice', 'other'], group: 'legal_aid_kind' },
      { name: 'eligibility', kind: 'choice', choices: ['financial_hardship', 'child', 'trafficking', 'other'] },
      { name: 'summary', kind: 'text' },
    ],
    due: 'optional',
  },
  'justice.counselling': { fields: [{ name: 'summary', kind: 'text' }], due: 'optional' },
  'justice.mediation': {
    fields: [
      { name: 'session_date', kind: 'date' },
      { name: 'mediators', kind: 'names' },
      { name: 'outcome', kind: 'choice', choices: ['agreed', 'not_agreed', 'postponed'] },
      { name: 'summary', kind: 'text' },
    ],
    due: 'optional',
  },
  'union.follow_up': { fields: [{ name: 'summary', kind: 'text' }], due: 'required' },
  'union.support': {
    fields: [
      { name: 'kind', kind: 'choice', choices: ['shelter', 'essential_needs', 'health_care', 'counselling', 'behaviour_change', 'livelihood', 'other'], group: 'support_kind' },
      { name: 'summary', kind: 'text' },
    ],
    due: 'optional',
  },
  'school.action': { fields: [{ name: 'summary', kind: 'text' }], due: 'optional' },
  note: { fields: [{ name: 'text', kind: 'text' }], due: 'none' },
};

// The catalogue group of a field's choices ('choice.channel.phone').
export function choiceGroup(fieldSpec) {
  return `choice.${fieldSpec.group || fieldSpec.name}`;
}

// Mediation is refused on a crime or an administrative-sanction case (Law on Grassroots
// Mediation 2013, art. 3) and when consent does not cover justice.
export function mediationBlocked(theCase) {
  const flags = (theCase && theCase.flags) || {};
  if (flags.crime || flags.administrative_sanction) return 'flags';
  const consent = theCase && theCase.consent;
  if (consent && (!consent.given || !(consent.agencies || []).includes('justice'))) return 'consent';
  return '';
}
