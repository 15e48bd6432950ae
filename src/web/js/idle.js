// The idle warning. The server ends a session after 15 minutes without a request
// (auth.idle_timeout_minutes); at 13 minutes this dialog says so and offers to continue.
// Typing or clicking counts as activity: it keeps the server session alive with a light
// GET /me at most once a minute, so a long form is not lost while someone is writing it.

import { h } from './dom.js';
import { t } from './i18n.js';
import * as session from './session.js';

const MINUTE = 60 * 1000;
export const WARN_AFTER_MS = 13 * MINUTE;
export const END_AFTER_MS = 15 * MINUTE;

let dialog = null;
let countdown = null;
let pinging = false;

function remainingText(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return t('idle.remaining', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

async function ping() {
  if (pinging || !session.current()) return;
  pinging = true;
  try {
    await session.keepAlive();
  } catch {
    // a 401 ends the session through api.js; nothing else to do here
  } finally {
    pinging = false;
  }
}

function build() {
  countdown = h('p', { id: 'idle-countdown', class: 'idle-countdown' });
  dialog = h('dialog', { id: 'idle-dialog', role: 'alertdialog', 'aria-labelledby': 'idle-title', 'aria-describedby': 'idle-countdown' },
    h('h2', { id: 'idle-title' }, t('idle.title')),
    countdown,
    h('p', {}, t('idle.explain')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button primary', id: 'idle-continue', onclick: async () => { await ping(); hide(); } }, t('idle.continue')),
      h('button', { type: 'button', class: 'button secondary', id: 'idle-sign-out', onclick: () => { hide(); session.signOut().catch(() => {}); } }, t('nav.sign_out'))));
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  document.body.append(dialog);
}

function hide() {
  if (dialog && dialog.open) dialog.close();
}

function show(remainingMs) {
  if (!dialog) build();
  countdown.textContent = remainingText(remainingMs);
  if (!dialog.open) {
    dialog.showModal();
    document.getElementById('idle-continue').focus();
  }
}

function check() {
  if (!session.current()) {
    hide();
    return;
  }
  const idle = Date.now() - session.lastServerContact();
  if (idle >= END_AFTER_MS) {
    hide();
    session.end('idle');
  } else if (idle >= WARN_AFTER_MS) {
    show(END_AFTER_MS - idle);
  } else {
    hide();
  }
}

function onActivity(event) {
  if (dialog && dialog.open) return;
  if (!session.current() || event.isTrusted === false) return;
  if (Date.now() - session.lastServerContact() > MINUTE) ping();
}

// Rebuilds the dialog's words after a language switch.
export function relabelIdle() {
  if (!dialog) return;
  const wasOpen = dialog.open;
  hide();
  dialog.remove();
  dialog = null;
  if (wasOpen) check();
}

export function startIdleWatch() {
  setInterval(check, 1000);
  for (const type of ['keydown', 'pointerdown']) document.addEventListener(type, onActivity, { capture: true, passive: true });
}

