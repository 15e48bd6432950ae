// Who is signed in. The csrf_token and the user from the sign-in answer live in sessionStorage
// (one tab; gone when it closes); the session token itself is only in the HttpOnly cookie.
// Without a stored session the app shows sign-in without asking the server, so a fresh page
// makes no 401 call.

import { configureApi, del, get, post } from './api.js';

const STORAGE_KEY = 'binhan.session';
const listeners = new Set();
let state = null; // {csrf, user: {id, username, role, display_name, allowed_actions}, limited}
let lastContact = Date.now();

function save() {
  try {
    if (state) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage refused: the session lasts as long as the page
  }
}

function load() {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    const value = text ? JSON.parse(text) : null;
    return value && value.csrf && value.user ? value : null;
  } catch {
    return null;
  }
}

function notify(reason) {
  for (const listener of listeners) listener(state, reason);
}

configureApi({
  csrf: () => (state ? state.csrf : ''),
  activity: () => {
    lastContact = Date.now();
  },
  unauthorized: () => end('expired'),
});

// listener(state, reason): reason is 'signin', 'signout', 'expired', 'idle' or 'restore'.
export function onSessionChange(listener) {
  listeners.add(listener);
}

export function current() {
  return state;
}

export function user() {
  return state ? state.user : null;
}

export function role() {
  return state ? state.user.role : '';
}

export function lastServerContact() {
  return lastContact;
}

// Restores a stored session and checks it is still alive (GET /me).
export async function restore() {
  const stored = load();
  if (!stored) return null;
  state = stored;
  try {
    const me = await get('/api/v1/me');
    state = { csrf: stored.csrf, user: pickUser(me), limited: Boolean(me.totp_enrolment_required) };
    save();
    notify('restore');
    return state;
  } catch {
    state = null;
    save();
    return null;
  }
}

function pickUser(u) {
  return {
    id: u.id, username: u.username, role: u.role, display_name: u.display_name,
    allowed_actions: Array.isArray(u.allowed_actions) ? u.allowed_actions : [],
  };
}

// Signs in; throws ApiError (401 generic, 423 locked, 429 throttled).
export async function signIn(username, password, totp) {
  const body = { username, password };
  if (totp) body.totp = totp;
  const answer = await post('/api/v1/session', body);
  state = {
    csrf: answer.csrf_token,
    user: pickUser(answer.user),
    limited: Boolean(answer.totp_enrolment_required),
  };
  lastContact = Date.now();
  save();
  notify('signin');
  return state;
}

// The second factor is confirmed: the same session is no longer limited.
export function markEnrolled() {
  if (!state) return;
  state.limited = false;
  save();
  notify('restore');
}

// Signs out on the server (the token dies at once), then locally.
export async function signOut() {
  try {
    if (state) await del('/api/v1/session');
  } finally {
    end('signout');
  }
}

// Forgets the session locally: reason 'expired' (the server said 401) or 'idle'.
export function end(reason) {
  if (!state) return;
  state = null;
  save();
  notify(reason);
}

// Keeps the server session alive (the idle warning's "continue" button).
export async function keepAlive() {
  await get('/api/v1/me');
}
