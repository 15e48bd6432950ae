// The bell's live count (issue 22): while someone is signed in (a full session whose role the
// server lets read notifications), one EventSource on GET /api/v1/notifications/stream, which
// sends `event: unread` with {"unread": n} at once and whenever the count changes. The server
// ends the stream every ~55 s and the browser reconnects by itself (retry: 3000); a refused
// stream (429 too_many_streams: a fourth tab, or 401 once the session is gone) is closed by the
// browser for good, so it is opened again here after a growing pause. The stream does not keep
// the session alive (the server does not renew it, and nothing here counts as activity for the
// idle watch). Closed on sign-out, expiry and the idle sign-out.

import { mayOpen } from '../roles.js';
import * as session from '../session.js';

const STREAM = '/api/v1/notifications/stream';
const FIRST_PAUSE_MS = 5000;
const LONGEST_PAUSE_MS = 120000;

let source = null;
let count = 0;
let pause = FIRST_PAUSE_MS;
let reopenTimer = null;
const listeners = new Set();

function shouldListen(state) {
  return Boolean(state && !state.limited && mayOpen(state.user, 'notifications'));
}

function tell() {
  for (const listener of listeners) listener(count);
}

// Sets the count shown (from the stream, or at once after a notice is marked read here).
export function setUnread(n) {
  const next = Math.max(0, Number(n) || 0);
  if (next === count) return;
  count = next;
  tell();
}

export function unreadCount() {
  return count;
}

// listener(count) after each change; returns the function that removes it.
export function onUnreadChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function stop() {
  clearTimeout(reopenTimer);
  reopenTimer = null;
  if (source) source.close();
  source = null;
}

function open() {
  stop();
  if (!shouldListen(session.current()) || typeof EventSource !== 'function') return;
  const stream = new EventSource(STREAM);
  source = stream;
  stream.addEventListener('unread', (event) => {
    pause = FIRST_PAUSE_MS;
    try {
      setUnread(JSON.parse(event.data).unread);
    } catch {
      // a malformed event: keep the count shown
    }
  });
  stream.addEventListener('error', () => {
    // CONNECTING: the browser retries by itself. CLOSED: the answer was not a stream.
    if (source !== stream || stream.readyState !== EventSource.CLOSED) return;
    source = null;
    reopenTimer = setTimeout(open, pause);
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  });
}

// Follows the session from now on: opens the stream for a signed-in user, closes it and
// forgets the count when the session ends.
export function startUnreadWatch() {
  session.onSessionChange((state, reason) => {
    if (reason === 'signin') {
      setUnread(0);
      pause = FIRST_PAUSE_MS;
      open();
    } else if (reason === 'restore') {
      if (!shouldListen(state)) stop();
      else if (!source && !reopenTimer) open();
    } else {
      stop();
      setUnread(0);
    }
  });
  open();
}
