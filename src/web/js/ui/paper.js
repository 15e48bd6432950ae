// The pieces of a paper the commune prints and signs (the report, the case record, the
// contact-prohibition decision): the heading of an administrative document (issuing body on
// the left, Quốc hiệu and Tiêu ngữ on the right, number, place and date), the signature blocks,
// dotted blanks for what is written by hand, times written out in Vietnam time, and the
// toolbar that stays on the screen only. The paper styles live in report.css, which these
// views load themselves (index.html links style.css only).

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { field } from './form.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const STYLESHEET = '/ui/report.css';
let styles = null;

// Loads report.css once; resolves when it applies, so a page printed or photographed right
// after rendering is laid out as paper (a failed load still resolves: the paper stays usable).
export function paperStyles() {
  if (!styles) {
    styles = new Promise((resolve) => {
      const link = h('link', { rel: 'stylesheet', href: STYLESHEET, id: 'paper-styles' });
      link.addEventListener('load', resolve);
      link.addEventListener('error', resolve);
      document.head.append(link);
    });
  }
  return styles;
}

// An instant's calendar parts in Vietnam time: {day, month, year, hour, minute} (2 digits,
// year 4), whatever the browser's own time zone; null for a missing or unreadable value.
export function vietnamParts(instant) {
  const date = new Date(instant || NaN);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type).value;
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour'), minute: get('minute') };
}

// "14 giờ 30 phút, ngày 03 tháng 12 năm 2026" (Vietnam time), or a blank to write in.
export function longTime(instant) {
  const parts = vietnamParts(instant);
  return parts ? t('paper.long_time', parts) : blank();
}

// A dotted line to be filled in by hand; `wide` for a name.
export function blank(wide = false) {
  const dots = t('paper.blank');
  return h('span', { class: 'blank' }, wide ? `${dots}${dots}` : dots);
}

// "Xã Hòa Phong" → "Hòa Phong": the place name of the date line.
export function placeName(commune) {
  return String(commune || '').replace(/^\s*(xã|phường|thị trấn|tỉnh|thành phố)\s+/i, '').trim();
}

// "Hòa Phong, ngày 03 tháng 12 năm 2026"; without an instant the day, month and year are
// left blank (the date the paper is signed on is written by hand).
export function dateLine(place, instant) {
  const parts = vietnamParts(instant);
  const where = place || t('paper.blank');
  const text = parts
    ? t('paper.date_line', { place: where, day: parts.day, month: parts.month, year: parts.year })
    : t('paper.date_line', { place: where, day: t('paper.blank_short'), month: t('paper.blank_short'), year: t('paper.blank_short') });
  return h('p', { class: 'paper-date' }, text);
}

// The heading of an administrative document: {issuer: [line, …], number, kind ('QĐ-UBND'),
// place, date}: date an instant, absent for a date line with blanks, or false for none (a
// report dates itself above its signatures).
export function documentHead({ issuer, number, kind, place, date }) {
  return h('header', { class: 'paper-head' },
    h('div', { class: 'paper-issuer' },
      issuer.map((line) => h('p', { class: 'paper-issuer-line' }, line)),
      h('p', { class: 'paper-number' }, t('paper.number', { number: number || t('paper.blank_short'), kind }))),
    h('div', { class: 'paper-nation' },
      h('p', { class: 'paper-nation-name' }, t('paper.nation')),
      h('p', { class: 'paper-motto' }, t('paper.motto')),
      date === false ? null : dateLine(place, date)));
}

// The issuing body's lines: "ỦY BAN NHÂN DÂN" / "XÃ HÒA PHONG" (a blank when the name is not
// known to this page).
export function issuerLines(commune) {
  return [t('paper.committee'), commune ? commune.toLocaleUpperCase('vi') : blank()];
}

// A signature block: the title (upper case), the hint in brackets, space to sign, the name.
export function signature(title, hint, name) {
  return h('div', { class: 'paper-sign' },
    h('p', { class: 'paper-sign-title' }, title),
    hint ? h('p', { class: 'paper-sign-hint' }, hint) : null,
    h('p', { class: 'paper-sign-name' }, name || blank(true)));
}

// The screen-only toolbar of a print view: Print, a way back, and optional fields to fill in
// before printing. Hidden on paper (class no-print).
export function printToolbar(backHref, backText, ...extra) {
  return h('div', { class: 'print-toolbar no-print', role: 'region', 'aria-label': t('paper.toolbar') },
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button primary', id: 'print-now', onclick: () => window.print() }, t('reports.print')),
      h('a', { class: 'button secondary', id: 'print-back', href: backHref }, backText)),
    extra.length ? h('div', { class: 'print-fill' }, h('p', { class: 'print-fill-title' }, t('paper.before_print')), extra) : null);
}

// A field typed on the screen whose words go on the paper: onChange(words) runs as it is typed
// (the view redraws its paper). Nothing typed is kept by the browser: the device may be shared.
// Returns the field; field.value() reads it.
export function fillIn({ name, label, hint, value, onChange }) {
  const input = field({ name, label, hint, value: value || '', attrs: { autocomplete: 'off' } });
  input.value = () => input.control.value.trim();
  input.control.addEventListener('input', () => onChange(input.value()));
  return input;
}

// "người bị bạo lực" → "Người bị bạo lực": the first letter of a list item in upper case.
export function capitalise(text) {
  const s = String(text || '');
  return s ? s.charAt(0).toLocaleUpperCase('vi') + s.slice(1) : s;
}
