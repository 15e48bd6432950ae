// The message catalogues (src/web/i18n/vi.json and en.json): the same keys in both, no empty
// text, the same {placeholders}, and every key the code asks for present; and every label of
// the server's catalogue (GET /api/v1/catalogue, built from these files) in both languages.
// No browser; the catalogue test asks the server run.sh started.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, login } from './lib/api.js';
import { credentials } from './lib/users.js';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/web');
const read = (lang) => JSON.parse(fs.readFileSync(path.join(web, 'i18n', `${lang}.json`), 'utf8'));
const vi = read('vi');
const en = read('en');

function jsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
}

test('vi.json and en.json have exactly the same keys', () => {
  const onlyVi = Object.keys(vi).filter((k) => !(k in en));
  const onlyEn = Object.keys(en).filter((k) => !(k in vi));
  assert.deepEqual(onlyVi, [], `keys missing in en.json: ${onlyVi.join(', ')}`);
  assert.deepEqual(onlyEn, [], `keys missing in vi.json: ${onlyEn.join(', ')}`);
});

test('no message is empty, and both languages use the same placeholders', () => {
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const key of Object.keys(vi)) {
    assert.ok(vi[key].trim(), `vi.json ${key} is empty`);
    assert.ok(en[key] && en[key].trim(), `en.json ${key} is empty`);
    assert.equal(names(vi[key]), names(en[key]), `placeholders differ for ${key}`);
  }
});

test('every literal key the code asks for exists', () => {
  const missing = [];
  for (const file of jsFiles(path.join(web, 'js'))) {
    const source = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
    // t('key'), reasonField('key') and the navigation table's key: 'key'
    for (const m of source.matchAll(/\b(?:t|reasonField)\('([a-z0-9_.]+)'|\bkey: '([a-z0-9_.]+)'/g)) {
      const key = m[1] || m[2];
      if (!(key in vi)) missing.push(`${path.relative(web, file)}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});

// The server's catalogue, as any signed-in user reads it.
async function serverCatalogue() {
  const token = await login(credentials('social'));
  try {
    const answer = await call('GET', '/api/v1/catalogue', { token });
    assert.equal(answer.status, 200, answer.text);
    return answer.json;
  } finally {
    await call('DELETE', '/api/v1/session', { token });
  }
}

test('every label of the server catalogue is there in Vietnamese and English', { skip: !process.env.BINHAN_URL && 'run through tests/ui/run.sh (needs the server)' }, async () => {
  const catalogue = await serverCatalogue();
  const missing = [];
  const check = (where, text) => {
    for (const lang of ['vi', 'en']) if (!text || typeof text[lang] !== 'string' || !text[lang].trim()) missing.push(`${where} (${lang})`);
  };
  for (const type of catalogue.event_types) {
    check(`event ${type.name}`, type.label);
    for (const f of type.fields) {
      check(`${type.name}.${f.name}`, f.label);
      for (const c of f.choices || []) check(`${type.name}.${f.name}=${c.value}`, c.label);
    }
  }
  for (const [name, list] of Object.entries(catalogue.enumerations)) for (const e of list) check(`${name}=${e.value}`, e.label);
  for (const a of catalogue.actions) check(`action ${a.name}`, a.label);
  for (const r of catalogue.refusals) check(`refusal ${r.code}`, r.label);
  assert.deepEqual(missing, []);
  // The keys the UI builds from the catalogue's values.
  const want = [];
  for (const a of catalogue.actions) want.push(`action.${a.name}`);
  for (const v of catalogue.enumerations.agency.map((e) => e.value)) want.push(`agency.${v}`, `agency_short.${v}`, `agency_duty.${v}`);
  for (const v of catalogue.enumerations.role.map((e) => e.value)) want.push(`role.${v}`);
  for (const v of catalogue.enumerations.risk.map((e) => e.value)) want.push(`risk_hint.${v}`);
  for (const v of catalogue.enumerations.violence_type.map((e) => e.value)) want.push(`violence_hint.${v}`, `violence.${v}`);
  for (const v of catalogue.enumerations.stage_status.map((e) => e.value)) want.push(`stage.${v}`);
  for (const v of catalogue.enumerations.case_status.map((e) => e.value)) want.push(`status.${v}`);
  for (const v of catalogue.enumerations.closure_reason.map((e) => e.value)) want.push(`closure.${v}`);
  assert.deepEqual(want.filter((k) => !(k in vi)), []);
});

test('every key built from a value exists (steps, actions, states)', () => {
  const want = [];
  const groups = {
    due: ['done', 'upcoming', 'due_today', 'overdue'], order: ['active', 'ending_soon', 'lapsed', 'revoked'],
    'intake.step': ['survivor', 'incident', 'perpetrators', 'risk', 'consent', 'review'],
    action: ['event'],
    'action.title': ['protection.decision', 'protection.revoke'],
    track: ['done', 'current', 'todo'], notice: ['info', 'success', 'warning', 'error'],
    'reports.preset': ['year', 'half1', 'half2', 'last_year'], 'dashboard.intro': ['agency', 'leader'],
    close: ['submit', 'reason', 'reason_code', 'done'], reopen: ['submit', 'reason', 'done'],
    closure: ['unspecified'], event_field: ['due', 'due_hint', 'mediators_hint'],
    // issue 22: the kinds of notification, the channels and the states of a failed send
    notification_kind: ['protection.request', 'protection.decision', 'protection.ending', 'protection.lapsed',
      'referral.incoming', 'followup.overdue', 'closure.request', 'earlier.request', 'earlier.answer'],
    notify_channel: ['email', 'webhook'], 'notify_settings.not_set_up': ['email', 'webhook'],
    notify_state: ['pending', 'failed'],
  };
  for (const [group, values] of Object.entries(groups)) for (const v of values) want.push(`${group}.${v}`);
  const missing = want.filter((k) => !(k in vi));
  assert.deepEqual(missing, []);
});

test('the domain words of DESIGN.md and the seed plan are used', () => {
  const all = Object.values(vi).join('\n');
  for (const word of ['Tiếp nhận tin báo', 'Cấm tiếp xúc', 'Hòa giải ở cơ sở', 'Trợ giúp pháp lý', 'Việc của tôi', 'Tư vấn pháp luật', 'Thăm hỏi, theo dõi', 'Báo cáo bắt buộc', 'Tự rút lui', 'Truy cập khẩn cấp', 'Nhật ký truy cập']) {
    assert.ok(all.toLowerCase().includes(word.toLowerCase()), `"${word}" is not used in vi.json`);
  }
});
