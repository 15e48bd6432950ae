// The one client of the JSON API (API.md). Cookie session (the __Host-binhan cookie is
// HttpOnly, so the page never sees the token); unsafe methods carry X-CSRF-Token from the
// sign-in answer; every request names the UI's language (Accept-Language), so the words the
// server writes (a refusal's reason) match the page. Every failure becomes an ApiError
// {status, code, message, field}; the screens turn it into words with ui/notice.js. A 401 on
// any call but sign-in tells the session module.

import { language } from './i18n.js';
import { noteServerTime } from './format.js';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field || '';
  }

  // A 404 on a collection endpoint: the server does not offer it (yet).
  get notAvailable() {
    return this.status === 404;
  }
}

const hooks = {
  csrf: () => '',
  activity: () => {},
  unauthorized: () => {},
};

// Wires the session module in without an import cycle.
export function configureApi({ csrf, activity, unauthorized }) {
  if (csrf) hooks.csrf = csrf;
  if (activity) hooks.activity = activity;
  if (unauthorized) hooks.unauthorized = unauthorized;
}

const SAFE = new Set(['GET', 'HEAD']);

async function parse(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// request('POST', '/api/v1/cases', body) → the parsed answer (null for 204).
export async function request(method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': language() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method)) {
    const csrf = hooks.csrf();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  // Every answer's Date header is the server's clock: deadlines count on it, not on a phone
  // whose clock is wrong (issue 19).
  const serverDate = response.headers.get('Date');
  if (serverDate) noteServerTime(serverDate);
  const data = await parse(response);
  if (response.ok) {
    hooks.activity();
    return response.status === 204 ? null : data;
  }
  const error = (data && data.error) || {};
  const failure = new ApiError(response.status, error.code || `http_${response.status}`,
    error.message || '', error.field);
  if (response.status === 401 && path !== '/api/v1/session') hooks.unauthorized();
  throw failure;
}

// The failure of an answer that is not ok, as request() makes it (the JSON error body read
// from `text`); a 401 on any call but sign-in tells the session module.
function failureOf(status, text, path) {
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  const error = (data && data.error) || {};
  if (status === 401 && path !== '/api/v1/session') hooks.unauthorized();
  return new ApiError(status, error.code || `http_${status}`, error.message || '', error.field);
}

// upload(path, file, headers, onProgress(loaded, total)) → {done: Promise<answer>, abort()}:
// POSTs the raw bytes of `file` (a Blob) with XMLHttpRequest, since fetch reports no upload
// progress; same headers, CSRF token and failures (ApiError) as request(). An abort rejects
// `done` with ApiError code 'aborted' (status 0).
export function upload(path, file, headers, onProgress) {
  const xhr = new XMLHttpRequest();
  const done = new Promise((resolve, reject) => {
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', language());
    const csrf = hooks.csrf();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    for (const [name, value] of Object.entries(headers || {})) xhr.setRequestHeader(name, value);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const serverDate = xhr.getResponseHeader('Date');
      if (serverDate) noteServerTime(serverDate);
      if (xhr.status >= 200 && xhr.status < 300) {
        hooks.activity();
        let data = null;
        try {
          data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          data = null;
        }
        resolve(data);
      } else {
        reject(failureOf(xhr.status, xhr.responseText, path));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'aborted'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

// The bytes at `path` (a file the API serves) as a Blob, through fetch with the session
// cookie, so a page never puts an API address in an <img src> or <a href>; failures as
// request()'s.
export async function getBlob(path) {
  let response;
  try {
    response = await fetch(path, {
      method: 'GET', headers: { 'Accept-Language': language() }, credentials: 'same-origin', cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const serverDate = response.headers.get('Date');
  if (serverDate) noteServerTime(serverDate);
  if (!response.ok) throw failureOf(response.status, await response.text(), path);
  hooks.activity();
  return response.blob();
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const patch = (path, body) => request('PATCH', path, body);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

// '/api/v1/cases' + {status: 'open', q: ''} → '/api/v1/cases?status=open' (empty values left out).
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

// The items of a list answer ({items, next_cursor}) or of a bare array.
export function itemsOf(answer) {
  if (Array.isArray(answer)) return answer;
  if (answer && Array.isArray(answer.items)) return answer.items;
  return [];
}
