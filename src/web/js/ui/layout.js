// The frame around every screen: skip link, header with the app name, the navigation to the
// screens the server allows the caller's role (GET /me "allowed_actions"), the language
// switch and the signed-in user with "sign out". On a phone the header is one row (the mark
// stands for the name, the user's name is cut short) and the navigation one scrolling row, so
// the screen's own content starts high (style.css, narrow screens).

import { h, clear } from '../dom.js';
import { language, setLanguage, t, label } from '../i18n.js';
import { mayOpen } from '../roles.js';
import * as session from '../session.js';
import { parseHash } from '../router.js';

const NAV = [
  { screen: 'dashboard', hash: '#/', key: 'nav.dashboard', paths: ['/'] },
  { screen: 'cases', hash: '#/cases', key: 'nav.cases', paths: ['/cases'], prefix: '/cases/' },
  { screen: 'intake', hash: '#/cases/new', key: 'nav.intake', paths: ['/cases/new'] },
  { screen: 'reports', hash: '#/reports', key: 'nav.reports', paths: ['/reports', '/reports/print'] },
  { screen: 'audit', hash: '#/audit', key: 'nav.audit', paths: ['/audit'] },
  { screen: 'users', hash: '#/users', key: 'nav.users', paths: ['/users'] },
  { screen: 'account', hash: '#/account', key: 'nav.account', paths: ['/account'] },
];

function isCurrent(item, path) {
  if (item.paths.includes(path)) return true;
  return Boolean(item.prefix && path.startsWith(item.prefix) && path !== '/cases/new');
}

function languageSwitch() {
  const other = language() === 'vi' ? 'en' : 'vi';
  return h('button', {
    type: 'button', class: 'button link lang-switch', id: 'lang-switch', lang: other,
    'aria-label': t('lang.switch_label'),
    onclick: () => setLanguage(other),
  }, t('lang.other'));
}

async function signOut() {
  try {
    await session.signOut();
  } catch {
    // the local session is gone whatever the server said
  }
}

function userBox(state) {
  if (!state) return null;
  const u = state.user;
  return h('div', { class: 'user-box' },
    h('span', { class: 'user-who' },
      h('span', { class: 'user-name' }, u.display_name || u.username),
      h('span', { class: 'user-role' }, label('role', u.role))),
    h('button', { type: 'button', class: 'button secondary', id: 'sign-out', onclick: signOut }, t('nav.sign_out')));
}

function navigation(state) {
  if (!state || state.limited) return null;
  const { path } = parseHash();
  const items = NAV.filter((item) => mayOpen(state.user, item.screen)).map((item) =>
    h('li', {}, h('a', { href: item.hash, 'aria-current': isCurrent(item, path) ? 'page' : null }, t(item.key))));
  return h('nav', { class: 'main-nav', 'aria-label': t('nav.label') }, h('ul', {}, items));
}

export function renderHeader() {
  const header = document.getElementById('top');
  const state = session.current();
  clear(header).append(...[
    h('div', { class: 'topbar' },
      h('a', { class: 'brand', href: '#/' },
        h('img', { class: 'brand-mark', src: '/ui/icon.svg', alt: '', width: 28, height: 28 }),
        h('span', { class: 'brand-name' }, t('app.name')),
        h('span', { class: 'brand-tagline' }, t('app.tagline'))),
      h('div', { class: 'topbar-tools' }, languageSwitch(), userBox(state))),
    navigation(state)].filter(Boolean));
  const skip = document.getElementById('skip-link');
  skip.textContent = t('nav.skip');
  document.getElementById('footer').textContent = t('app.footer');
}

export function wireSkipLink() {
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    const target = document.getElementById('page-title') || document.getElementById('main');
    target.focus();
  });
}
