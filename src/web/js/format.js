// Dates and times as the commune reads them: in Vietnam time (UTC+7, no daylight saving),
// whatever the browser's own time zone, in the UI language's conventions.

import { language } from './i18n.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600 * 1000;

function locale() {
  return language() === 'en' ? 'en-GB' : 'vi-VN';
}

export function formatDateTime(value) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(date);
}

// 'YYYY-MM-DD' → the local way of writing that calendar date.
export function formatDate(value) {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (!match) return String(value);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(date);
}

// Today in Vietnam, 'YYYY-MM-DD'.
export function todayVietnam(now = Date.now()) {
  return new Date(now + OFFSET_MS).toISOString().slice(0, 10);
}

// A date 'YYYY-MM-DD' shifted by `days`.
export function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// A <input type="datetime-local"> value ('YYYY-MM-DDTHH:mm', Vietnam time) for an instant.
export function toLocalInput(instant) {
  return new Date(new Date(instant).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

// The instant (RFC 3339 UTC, seconds) of a datetime-local value read as Vietnam time.
export function fromLocalInput(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(value || ''));
  if (!match) return '';
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]),
    Number(match[4]), Number(match[5])) - OFFSET_MS;
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nowRfc3339() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Hours (may be fractional or negative) → {hours, minutes} for "còn 3 giờ 20 phút".
export function splitHours(hours) {
  const total = Math.max(0, Math.round(Number(hours) * 60));
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

// The server's clock as the browser last heard it (the Date header of every answer, api.js): a
// phone whose clock is wrong must still count the 12 hours as the server does. Zero until told.
let serverSkewMs = 0;

// Records the server's time `instant` (RFC 3339 or an HTTP date) as read now.
export function noteServerTime(instant, receivedAt = Date.now()) {
  const at = Date.parse(instant);
  if (!Number.isNaN(at)) serverSkewMs = at - receivedAt;
}

// Now, in milliseconds, on the server's clock.
export function serverNow() {
  return Date.now() + serverSkewMs;
}

// Milliseconds → {hours, minutes} for "còn 3 giờ 20 phút"; `up` rounds a part-minute up (time
// left: "1 phút" until it has passed), else down (time since).
export function splitDuration(ms, up = false) {
  const minutes = Math.max(0, (up ? Math.ceil : Math.floor)(Math.abs(ms) / 60000));
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
