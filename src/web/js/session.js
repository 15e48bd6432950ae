// Who is signed in. The csrf_token and the user from the sign-in answer live in sessionStorage
// (one tab; gone when it closes); the session token itself is only in the HttpOnly cookie.
// Without a stored session the app shows sign-in without asking the server, so a fresh page
// makes no 401 call. Unsaved work (the intake's draft) is held here, in memory only, through
// an idle sign-out, for the same user.

import { configureApi, del, get, post } from './api.js';

const STORAGE_KEY = 'binhan.session';
const listeners = new Set();
let state = null; // {csrf, user: {id, username, role, display_name, allowed_actions}, limited}
let lastContact = Date.now();
// {userId, route, data}: never written to any browser storage (the device may be shared), so
// it lasts as long as the page. Given back only to the user it belongs to; an explicit
// sign-out or another user's sign-in drops it.
let held = null;
let signOutCheck = () => true;

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
  if (held && held.userId !== state.user.id) held = null;
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

// Signs out on the server (the token dies at once), then locally — unless the screen has
// unsaved input and the officer, asked (checkBeforeSignOut), chooses to stay.
export async function signOut() {
  if (state && !signOutCheck()) return;
  try {
    if (state) await del('/api/v1/session');
  } finally {
    end('signout');
  }
}

// Forgets the session locally: reason 'expired' (the server said 401) or 'idle'.
export function end(reason) {
  if (!state) return;
  if (reason === 'signout') held = null;
  state = null;
  save();
  notify(reason);
}

// Keeps the server session alive (the idle warning's "continue" button).
export async function keepAlive() {
  await get('/api/v1/me');
}

// The router's question before an explicit sign-out (check() → false: stay signed in).
export function checkBeforeSignOut(check) {
  signOutCheck = check;
}

// Holds the unsaved work of the screen at `route` for the signed-in user.
export function holdWork(route, data) {
  if (state) held = { userId: state.user.id, route, data };
}

// The work held at `route` for the signed-in user, or null.
export function heldWork(route) {
  return held && state && held.userId === state.user.id && held.route === route ? held.data : null;
}

// The route of the signed-in user's held work ('' when none): where sign-in returns them.
export function heldRoute() {
  return held && state && held.userId === state.user.id ? held.route : '';
}

export function dropWork() {
  held = null;
}
