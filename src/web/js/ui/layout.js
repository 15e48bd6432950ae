// The frame around every screen: skip link, header with the app name, the navigation to the
// screens the server allows the caller's role (GET /me "allowed_actions"), the language
// switch and the signed-in user with "sign out". On a phone the header is one row (the mark
// stands for the name, the user's name is cut short) and the navigation one scrolling row, so
// the screen's own content starts high (style.css, narrow screens). The bell (issue 22) leads
// to the notifications and shows the unread count, kept live by notify/unread.js.

import { h, svg, clear } from '../dom.js';
import { language, setLanguage, t, label } from '../i18n.js';
import { mayOpen } from '../roles.js';
import * as session from '../session.js';
import { parseHash } from '../router.js';
import { onUnreadChange, unreadCount } from '../notify/unread.js';

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

// The bell's name says the count ("Thông báo (2 chưa đọc)"); the number on it is hidden at 0.
function paintBell(link, count) {
  const name = count > 0 ? t('bell.label', { count }) : t('bell.label_none');
  link.setAttribute('aria-label', name);
  link.setAttribute('title', name);
  const shown = link.querySelector('.bell-count');
  shown.textContent = count > 99 ? '99+' : String(count);
  shown.hidden = count === 0;
}

function bell(state) {
  if (!state || state.limited || !mayOpen(state.user, 'notifications')) return null;
  const link = h('a', {
    class: 'bell', id: 'bell', href: '#/notifications',
    'aria-current': parseHash().path === '/notifications' ? 'page' : null,
  },
  svg('svg', { class: 'bell-icon', viewBox: '0 0 24 24', width: 24, height: 24, 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: 'M12 2.5a6 6 0 0 0-6 6v3.4l-1.8 3.3A1.2 1.2 0 0 0 5.3 17h13.4a1.2 1.2 0 0 0 1.1-1.8L18 11.9V8.5a6 6 0 0 0-6-6Z', fill: 'currentColor' }),
    svg('path', { d: 'M9.3 18.6a2.8 2.8 0 0 0 5.4 0Z', fill: 'currentColor' })),
  h('span', { class: 'bell-count', 'aria-hidden': 'true' }));
  paintBell(link, unreadCount());
  return link;
}

onUnreadChange((count) => {
  const link = document.getElementById('bell');
  if (link) paintBell(link, count);
});

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
      h('div', { class: 'topbar-tools' }, languageSwitch(), bell(state), userBox(state))),
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
