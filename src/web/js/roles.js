// What the signed-in user's role may do, as the server lists it: GET /api/v1/me and the
// sign-in answer carry "allowed_actions", the role-level action names of core/Policy
// ('case.list', 'report.read' …). The navigation and the route guards follow that list; the
// browser holds no role table of its own, and the server refuses anything else anyway.

// The policy action behind each screen of the navigation ('' = every signed-in user).
const SCREEN_ACTIONS = {
  dashboard: 'dashboard.read',
  cases: 'case.list',
  intake: 'case.create',
  reports: 'report.read',
  audit: 'audit.read',
  users: 'user.admin',
  notifications: 'notification.read',
  account: '',
};

// allows(user, 'case.create'): the server lists the action for the user's role.
export function allows(user, action) {
  return Boolean(user && Array.isArray(user.allowed_actions) && user.allowed_actions.includes(action));
}

// mayOpen(user, 'reports'): the screen's action is allowed (an unknown screen never is).
export function mayOpen(user, screen) {
  if (!Object.prototype.hasOwnProperty.call(SCREEN_ACTIONS, screen)) return false;
  return SCREEN_ACTIONS[screen] === '' || allows(user, SCREEN_ACTIONS[screen]);
}

// Where a user lands after sign-in: the first of these screens the role may open.
export function homeRoute(user) {
  if (mayOpen(user, 'dashboard')) return '#/';
  if (mayOpen(user, 'reports')) return '#/reports';
  if (mayOpen(user, 'users')) return '#/users';
  return '#/account';
}
