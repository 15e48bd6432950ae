// What each role is for in the UI (DESIGN.md §1). This only decides what is shown: the server's
// policy decides what is allowed, and refuses anything else whatever the UI shows.

export const AGENCIES = ['police', 'justice', 'union', 'school'];
export const ROLES = ['police', 'justice', 'union', 'school', 'social', 'leader', 'oversight', 'admin'];

export function isAgency(role) {
  return AGENCIES.includes(role);
}

// The screens of the navigation, in order, with the roles that have the duty.
export const SCREENS = {
  dashboard: [...AGENCIES, 'leader'],
  cases: [...AGENCIES, 'leader'],
  intake: [...AGENCIES],
  reports: ['social', 'leader', 'oversight'],
  audit: ['oversight', 'admin'],
  users: ['admin'],
  account: ROLES,
};

export function may(role, screen) {
  return (SCREENS[screen] || []).includes(role);
}

// Where a role lands after sign-in.
export function homeRoute(role) {
  if (may(role, 'dashboard')) return '#/';
  if (may(role, 'reports')) return '#/reports';
  if (may(role, 'users')) return '#/users';
  return '#/account';
}

// The event types a role may record (API.md "Events"); `needsActive` types need the agency's
// stage on the case to be active.
const OWN_EVENTS = {
  police: ['police.report', 'police.intervention'],
  justice: ['justice.legal_aid', 'justice.counselling', 'justice.mediation'],
  union: ['union.follow_up', 'union.support'],
  school: ['school.action'],
};

export function eventTypesFor(role, stageActive) {
  if (role === 'leader') return ['note'];
  if (!isAgency(role)) return [];
  if (!stageActive) return ['note'];
  return [...OWN_EVENTS[role], 'protection.request', 'note'];
}

// The agency that owns an event type (its prefix), for "mark done".
export function eventOwner(type) {
  const prefix = String(type || '').split('.')[0];
  return AGENCIES.includes(prefix) ? prefix : '';
}
