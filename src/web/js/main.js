// Starts the browser application: the language, the session (if this tab has one), the
// frame, the idle watch, the bell's live count and the router. Every screen is one module
// under screens/.

import { loadLanguage, onLanguageChange } from './i18n.js';
import * as session from './session.js';
import { addRoute, navigate, parseHash, render, startRouter, takePendingRoute } from './router.js';
import { renderHeader, wireSkipLink } from './ui/layout.js';
import { relabelIdle, startIdleWatch } from './idle.js';
import { clearFlash } from './ui/notice.js';
import * as signin from './screens/signin.js';
import * as account from './screens/account.js';
import * as dashboard from './screens/dashboard.js';
import * as cases from './screens/cases.js';
import * as intake from './screens/intake.js';
import * as casePage from './screens/case.js';
import * as reports from './screens/reports.js';
import * as reportPrint from './screens/reportPrint.js';
import * as casePrint from './screens/casePrint.js';
import * as decisionPrint from './screens/decisionPrint.js';
import * as audit from './screens/audit.js';
import * as users from './screens/users.js';
import * as notifications from './screens/notifications.js';
import { startUnreadWatch } from './notify/unread.js';

addRoute('/signin', 'public', signin);
addRoute('/', 'dashboard', dashboard);
addRoute('/cases', 'cases', cases);
addRoute('/cases/new', 'intake', intake);
addRoute('/cases/:id', 'cases', casePage);
addRoute('/cases/:id/print', 'cases', casePrint);
addRoute('/cases/:id/decisions/:eid/print', 'cases', decisionPrint);
addRoute('/reports', 'reports', reports);
addRoute('/reports/print', 'reports', reportPrint);
addRoute('/audit', 'audit', audit);
addRoute('/users', 'users', users);
addRoute('/account', 'account', account);
addRoute('/notifications', 'notifications', notifications);

session.onSessionChange((state, reason) => {
  renderHeader();
  if (reason === 'signin') {
    clearFlash();
    navigate(state.limited ? '#/account' : takePendingRoute(state.user));
  } else if (reason === 'signout' || reason === 'expired' || reason === 'idle') {
    clearFlash();
    signin.setReason(reason);
    navigate('#/signin');
  }
});

onLanguageChange(() => {
  renderHeader();
  relabelIdle();
  render();
});

function afterRender() {
  // Every paper (a route ending in /print) is shown without the site's frame.
  document.body.classList.toggle('print-view', parseHash().path.endsWith('/print'));
  renderHeader();
}

async function start() {
  await loadLanguage();
  await session.restore();
  startUnreadWatch();
  renderHeader();
  wireSkipLink();
  startIdleWatch();
  await startRouter(document.getElementById('main'), afterRender);
}

start().catch((error) => {
  console.error('start failed', error);
});
