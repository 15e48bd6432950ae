// The message catalogues (src/web/i18n/vi.json and en.json): the same keys in both, no empty
// text, the same {placeholders}, and every key the code asks for present. A plain Node test:
// no browser, no server.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

test('every key built from a value exists (events, fields, choices, steps, actions)', async () => {
  const { EVENT_TYPES, choiceGroup } = await import(path.join(web, 'js/case/eventTypes.js'));
  const { ROLES, AGENCIES } = await import(path.join(web, 'js/roles.js'));
  const want = [];
  for (const [type, spec] of Object.entries(EVENT_TYPES)) {
    want.push(`event.${type}`);
    for (const f of spec.fields) {
      want.push(`event_field.${f.name}`);
      for (const c of f.choices || (f.value ? [f.value] : [])) want.push(`${choiceGroup(f)}.${c}`);
    }
  }
  for (const r of ROLES) want.push(`role.${r}`);
  for (const a of AGENCIES) want.push(`agency.${a}`, `agency_short.${a}`, `agency_duty.${a}`);
  const groups = {
    risk: ['low', 'medium', 'high', 'critical'], risk_hint: ['low', 'medium', 'high', 'critical'],
    status: ['open', 'active', 'closed', 'reopened'], stage: ['referred', 'accepted', 'declined', 'active', 'completed'],
    sex: ['female', 'male', 'other', 'unknown'], place: ['home', 'school', 'workplace', 'public', 'online', 'other'],
    violence: ['physical', 'psychological', 'sexual', 'economic', 'forced_marriage', 'trafficking', 'neglect', 'other'],
    violence_hint: ['physical', 'psychological', 'sexual', 'economic', 'forced_marriage', 'trafficking', 'neglect', 'other'],
    relationship: ['spouse', 'former_spouse', 'partner', 'parent', 'child', 'sibling', 'other_relative', 'teacher', 'schoolmate', 'acquaintance', 'stranger', 'other'],
    given_by: ['survivor', 'guardian'], due: ['done', 'upcoming', 'due_today', 'overdue'], order: ['active', 'ending_soon', 'lapsed', 'revoked'],
    'intake.step': ['survivor', 'incident', 'perpetrators', 'risk', 'consent', 'review'],
    action: ['event', 'refer', 'consent', 'complete', 'close', 'reopen', 'recuse', 'break_glass', 'export'],
    'action.title': ['protection.decision', 'protection.revoke'],
    track: ['done', 'current', 'todo'], notice: ['info', 'success', 'warning', 'error'],
    'reports.preset': ['year', 'half1', 'half2', 'last_year'], 'dashboard.intro': ['agency', 'leader'],
    close: ['submit', 'reason', 'reason_code', 'done'], reopen: ['submit', 'reason', 'done'],
    closure: ['resolved', 'survivor_request', 'moved_away', 'transferred', 'other', 'unspecified'],
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
