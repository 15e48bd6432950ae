// "No raw key or code anywhere" (issue 19): every screen and print view each role can reach,
// in Vietnamese and in English, is read as the user reads it (document.body.innerText, plus
// the words of charts, option lists, aria-labels and the window title) and fails on any token
// that is a key or a code where a label belongs:
//   - a word with an underscore (`by_relationship`, `legal_aid`);
//   - a dotted i18n key (`reports.title`, `event.note`) or an event type (`protection.decision`);
//   - an enumeration value of the catalogue, an event field choice, an event type, an action,
//     a refusal code or a report table or category key (`spouse`, `no_contact`, `timeliness`)
//     as a whole word — unless the page's language uses that very word in its own labels
//     (English "Other", "perpetrator" are labels, not leaks);
//   - `true`, `false`, `null`, `undefined`, `NaN`, `[object Object]`;
//   - an ISO timestamp with a Z (UTC shown raw), and on paper any ISO date at all.
// The detector is tested first on made-up text, then on a page whose dictionary has had a
// label removed, so a broken label is seen to fail (the test is not vacuous).
//
// Needs the case endpoints: run with BINHAN_UI_STORY=1.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, launch, openPage, signIn, signOut, switchLanguage } from './lib/browser.js';
import { visit as visitScreen } from './lib/flows.js';
import { apiAs } from './lib/access.js';
import { paperCase, vnDate } from './lib/paperCase.js';

const RUN = Boolean(process.env.BINHAN_UI_STORY);
const SKIP = !RUN && 'set BINHAN_UI_STORY=1 (needs the case endpoints)';
const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/web');
const dictionary = (lang) => JSON.parse(fs.readFileSync(path.join(web, 'i18n', `${lang}.json`), 'utf8'));

let browser;
before(async () => { if (RUN) browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

// ---- the detector ------------------------------------------------------------------------

const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'NaN']);
const ISO_Z = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const WORD = /[\p{L}\p{N}_]+(?:[.][\p{L}\p{N}_]+)*/gu;

// The words a language's own labels use, as written (case kept): such a word on the page is a
// label, even when it equals a code ("perpetrator" in English).
function labelWords(dict) {
  const out = new Set();
  for (const text of Object.values(dict)) for (const w of String(text).match(WORD) || []) out.add(w);
  return out;
}

// detector({codes, dict}) → (text, {paper}) → [problems]: `codes` the code words of the
// server (catalogue, report keys), `dict` the language's dictionary.
function detector({ codes, dict }) {
  const allowed = labelWords(dict);
  const prefixes = new Set(Object.keys(dict).map((k) => k.split('.')[0]));
  const dotted = (w) => /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(w) && (prefixes.has(w.split('.')[0]) || codes.has(w) || w in dict);
  return (text, { paper = false } = {}) => {
    const found = new Set();
    for (const m of text.match(ISO_Z) || []) found.add(`ISO time "${m}"`);
    if (paper) for (const m of text.match(ISO_DATE) || []) found.add(`ISO date "${m}"`);
    if (text.includes('[object Object]')) found.add('"[object Object]"');
    for (const w of text.match(WORD) || []) {
      if (allowed.has(w)) continue;
      if (/_/.test(w) && /[a-z]/i.test(w)) found.add(`underscore word "${w}"`);
      else if (w.includes('.') && dotted(w)) found.add(`dotted key "${w}"`);
      else if (LITERALS.has(w)) found.add(`literal "${w}"`);
      else if (codes.has(w)) found.add(`code "${w}"`);
    }
    return [...found];
  };
}

// The code words of this server: the catalogue's values and names, the report's keys.
async function serverCodes() {
  const social = await apiAs('social');
  try {
    const catalogue = await social.get('/api/v1/catalogue');
    const report = await social.get(`/api/v1/reports/summary?from=${vnDate().slice(0, 4)}-01-01&to=${vnDate()}`);
    const codes = new Set();
    const add = (v) => { if (typeof v === 'string' && /[a-z]/.test(v) && v === v.toLowerCase()) codes.add(v); };
    for (const list of Object.values(catalogue.enumerations)) for (const e of list) add(e.value);
    for (const type of catalogue.event_types) {
      add(type.name);
      for (const f of type.fields) {
        add(f.name);
        for (const c of f.choices || []) add(c.value);
      }
    }
    for (const a of catalogue.actions || []) add(a.name);
    for (const r of catalogue.refusals || []) add(r.code);
    for (const [key, value] of Object.entries(report)) {
      if (key === 'header') continue;
      add(key);
      // Category keys (villages are names, not codes: they have capitals and spaces).
      if (value && typeof value === 'object') for (const k of Object.keys(value)) if (/^[a-z0-9_+-]+$/.test(k)) add(k);
    }
    return codes;
  } finally {
    await social.end();
  }
}

// Everything on the page a user reads or hears.
async function visibleText(page) {
  return page.evaluate(() => [
    document.title,
    document.body.innerText,
    ...[...document.querySelectorAll('svg text, svg title, svg desc, option')].map((el) => el.textContent),
    ...[...document.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label')),
  ].join('\n'));
}

// ---- the detector, on made-up text -------------------------------------------------------

test('the detector flags keys and codes, and leaves labels alone', () => {
  const codes = new Set(['spouse', 'no_contact', 'legal_aid', 'timeliness', 'other', 'perpetrator', 'protection.decision']);
  const vi = detector({ codes, dict: dictionary('vi') });
  const en = detector({ codes, dict: dictionary('en') });
  const bad = 'Theo by_relationship: spouse 3; reports.title; timeliness; true; null; 2026-12-03T04:05:06Z; event.protection.decision';
  const problems = vi(bad);
  for (const want of ['by_relationship', 'spouse', 'reports.title', 'timeliness', 'true', 'null', '2026-12-03T04:05:06Z', 'event.protection.decision']) {
    assert.ok(problems.some((p) => p.includes(want)), `"${want}" is flagged: ${problems.join('; ')}`);
  }
  assert.deepEqual(vi('Vợ / chồng: 3; Khác: <5; Người có hành vi bạo lực: x; ngày 03/12/2026 14:05; hoi.phunu; cong.an'), [], 'Vietnamese labels and user names pass');
  assert.deepEqual(en('Spouse: 3; Other: <5; Notified: perpetrator, survivor; 03/12/2026, 14:05'), [], 'English labels that happen to equal codes pass');
  assert.ok(en('Copies to: village_head').length, 'but an underscore code fails in English too');
  assert.deepEqual(vi('Kỳ báo cáo 2026-01-01'), [], 'a plain date is allowed on a screen');
  assert.ok(vi('Kỳ báo cáo 2026-01-01', { paper: true }).length, 'but not on paper');
});

// ---- every screen, every role, both languages --------------------------------------------

function screensOf(c) {
  const record = `#/cases/${c.id}/print`;
  const decision = `#/cases/${c.id}/decisions/${c.decisionId}/print`;
  const caseHash = `#/cases/${c.id}`;
  const report = `#/reports?from=${vnDate().slice(0, 4)}-01-01&to=${vnDate()}`;
  const reportPaper = `#/reports/print?from=${vnDate().slice(0, 4)}-01-01&to=${vnDate()}`;
  return {
    union: ['#/', '#/cases', caseHash, record, '#/cases/new', '#/account'],
    police: ['#/', '#/cases', caseHash, record, decision],
    leader: ['#/', '#/cases', caseHash, decision, report, reportPaper],
    social: [report, reportPaper, '#/account'],
    oversight: [report, reportPaper, '#/audit', '#/account'],
    admin: ['#/users', '#/audit', '#/account'],
  };
}

let codesOnce = null;
const codes = () => { codesOnce = codesOnce || serverCodes(); return codesOnce; };

for (const lang of ['vi', 'en']) {
  for (const role of ['union', 'police', 'leader', 'social', 'oversight', 'admin']) {
    test(`${role}, ${lang}: no raw key or code on any screen or paper`, { skip: SKIP }, async () => {
      const c = await paperCase();
      const check = detector({ codes: await codes(), dict: dictionary(lang) });
      const p = await openPage(browser);
      const found = [];
      try {
        await p.page.goto(`${BASE}/#/signin`);
        await p.page.locator('#page-title').waitFor();
        await switchLanguage(p.page, lang);
        found.push(...check(await visibleText(p.page)).map((x) => `#/signin: ${x}`));
        await signIn(p.page, role);
        for (const hash of screensOf(c)[role]) {
          await visitScreen(p.page, BASE, hash);
          const paper = hash.endsWith('/print') || hash.includes('/print?');
          if (paper) await p.page.locator('article.paper').waitFor();
          found.push(...check(await visibleText(p.page), { paper }).map((x) => `${hash}: ${x}`));
        }
        await p.assertClean();
      } finally {
        await p.close();
      }
      assert.deepEqual(found, [], `raw keys or codes shown to ${role} in ${lang}`);
    });
  }
}

// ---- and it fails when a label is missing ------------------------------------------------

test('a label removed from the dictionary is caught on the case page and on the report', { skip: SKIP }, async () => {
  const c = await paperCase();
  const check = detector({ codes: await codes(), dict: dictionary('vi') });
  const p = await openPage(browser);
  try {
    // The browser gets a Vietnamese dictionary without two labels; label() then shows the code.
    await p.page.route('**/ui/i18n/vi.json', async (route) => {
      const answer = await route.fetch();
      const broken = await answer.json();
      delete broken['relationship.spouse'];
      delete broken['report_group.by_relationship'];
      await route.fulfill({ response: answer, json: broken });
    });
    await p.page.goto(`${BASE}/#/signin`);
    await p.page.locator('#page-title').waitFor();
    await signIn(p.page, 'union');
    await visitScreen(p.page, BASE, `#/cases/${c.id}`);
    const onCase = check(await visibleText(p.page));
    assert.ok(onCase.some((x) => x.includes('"spouse"')), `the case page shows "spouse": ${onCase.join('; ')}`);
    await signOut(p.page);
    await signIn(p.page, 'leader');
    await visitScreen(p.page, BASE, `#/reports?from=${vnDate().slice(0, 4)}-01-01&to=${vnDate()}`);
    const onReport = check(await visibleText(p.page));
    assert.ok(onReport.some((x) => x.includes('by_relationship')), `the report shows "by_relationship": ${onReport.join('; ')}`);
  } finally {
    await p.close();
  }
});

// ---- the server's own printable pages ---------------------------------------------------
// GET /reports/print (core/report/ReportHtml) and GET /cases/{id}/export?format=html
// (http/CaseRecordHtml) are rendered by the server, in the same words: same detector.

test('the server-rendered printable pages (/reports/print, /export?format=html)', { skip: SKIP }, async () => {
  const c = await paperCase();
  const check = detector({ codes: await codes(), dict: dictionary('vi') });
  const strip = (html) => html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, '\n').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const found = [];
  const union = await apiAs('union');
  const social = await apiAs('social');
  try {
    const exported = await union.ask('GET', `/api/v1/cases/${c.id}/export?format=html`);
    found.push(...check(strip(exported.text), { paper: true }).map((x) => `export?format=html: ${x}`));
    const report = await social.ask('GET', `/reports/print?from=${vnDate().slice(0, 4)}-01-01&to=${vnDate()}`);
    found.push(...check(strip(report.text), { paper: true }).map((x) => `/reports/print: ${x}`));
  } finally {
    await Promise.all([union.end(), social.end()]);
  }
  assert.deepEqual(found, [], 'raw keys or codes on the server-rendered papers');
});
