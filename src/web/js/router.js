// Screens by location.hash ('#/cases/12'): one table of routes, each with the screen module
// and the screen key whose policy action the server must list for the caller (roles.js). A
// route the caller's role may not open shows a calm "not for your role" page; the server
// refuses the calls anyway. Before the first signed-in screen the catalogue is loaded. A
// screen with unsaved input (the intake) asks before it is left: through a link, the back
// button, a sign-out or closing the page.

import { h, fill, add } from './dom.js';
import { t } from './i18n.js';
import { mayOpen, homeRoute } from './roles.js';
import { loadCatalogue } from './catalogue.js';
import * as session from './session.js';
import { alertBox, loadFailure } from './ui/notice.js';

const routes = [];
let main = null;
let afterRender = () => {};

// add('/cases/:id', 'cases', module): `screen` is a roles.js screen key ('account' = everyone
// signed in; 'public' = also signed out).
export function addRoute(pattern, screen, module) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (whole, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}$`), names, screen, module });
}

export function parseHash(hash = location.hash) {
  const text = hash.replace(/^#/, '') || '/';
  const [path, queryText = ''] = text.split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(queryText)) };
}

function match(path) {
  for (const route of routes) {
    const found = route.regex.exec(path);
    if (found) {
      const params = {};
      route.names.forEach((name, i) => { params[name] = decodeURIComponent(found[i + 1]); });
      return { route, params };
    }
  }
  return null;
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

// The page heading: an <h1> that takes focus after each navigation, and the window title.
export function heading(text) {
  document.title = `${text} — ${t('app.name')}`;
  return h('h1', { id: 'page-title', tabindex: '-1' }, text);
}

let pendingAfterSignIn = '';
let firstRender = true;
let shownHash = '';
let leaveGuard = null; // {unsaved() → bool, message, onLeave()}; one screen's, reset at each render

// The current screen asks before it is left while guard.unsaved() (screens/intake.js).
export function guardLeaving(guard) {
  leaveGuard = guard;
}

// Whether the screen may be left now: nothing unsaved, or the officer confirms (then
// guard.onLeave() drops the work). With no session left — an idle sign-out — nobody is asked:
// the work stays held for the same officer (session.holdWork).
function mayLeave() {
  const guard = leaveGuard;
  if (!guard || !session.current() || !guard.unsaved()) return true;
  if (!window.confirm(guard.message)) return false;
  leaveGuard = null;
  guard.onLeave();
  return true;
}

export async function render() {
  if (!main) return;
  leaveGuard = null;
  shownHash = location.hash;
  const { path, query } = parseHash();
  const found = match(path);
  const state = session.current();
  const view = h('div', { class: 'view' });
  fill(main, view);
  if (!found) {
    add(view, heading(t('nav.not_found')), alertBox('warning', t('notice.no_such_page')));
    afterRender();
    return;
  }
  const { route, params } = found;
  if (route.screen !== 'public' && !state) {
    if (path !== '/') pendingAfterSignIn = location.hash;
    navigate('#/signin');
    return;
  }
  if (state && state.limited && route.screen !== 'public' && route.screen !== 'account') {
    navigate('#/account');
    return;
  }
  if (state && path === '/' && !mayOpen(state.user, 'dashboard')) {
    navigate(homeRoute(state.user));
    return;
  }
  if (route.screen !== 'public' && !mayOpen(state.user, route.screen)) {
    add(view, heading(t('nav.not_for_role')), alertBox('info', t('notice.not_for_role')));
    afterRender();
    return;
  }
  if (state && !state.limited) {
    try {
      await loadCatalogue();
    } catch (error) {
      add(view, heading(t('app.name')), loadFailure(error, t('app.name')));
      afterRender();
      return;
    }
  }
  const ctx = { params, query, user: state ? state.user : null, role: state ? state.user.role : '', view };
  try {
    await route.module.render(view, ctx);
  } catch (error) {
    console.error('screen failed', error);
    add(view, alertBox('error', t('error.generic')));
  }
  // After a navigation, focus goes to the new page's heading (screen readers announce it);
  // not on the first page of a visit, nor when something else already has focus.
  if (view.isConnected && !firstRender) {
    const title = view.querySelector('h1');
    if (title && document.activeElement === document.body) title.focus();
  }
  firstRender = false;
  afterRender();
}

// Where to go after sign-in: the screen of the user's held work (an intake interrupted by an
// idle sign-out), else the page asked for before, else the user's home.
export function takePendingRoute(user) {
  const target = session.heldRoute() || pendingAfterSignIn;
  pendingAfterSignIn = '';
  return target && target !== '#/signin' ? target : homeRoute(user);
}

export function startRouter(mainElement, onRendered) {
  main = mainElement;
  afterRender = onRendered || afterRender;
  window.addEventListener('hashchange', () => {
    if (!mayLeave()) {
      history.replaceState(null, '', shownHash || '#/'); // stay: the address goes back, nothing re-renders
      return;
    }
    document.activeElement?.blur?.();
    render();
  });
  window.addEventListener('beforeunload', (event) => {
    if (leaveGuard && session.current() && leaveGuard.unsaved()) {
      event.preventDefault();
      event.returnValue = ''; // older browsers want it set to show their own question
    }
  });
  session.checkBeforeSignOut(mayLeave);
  return render();
}
