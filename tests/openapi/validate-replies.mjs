// node validate-replies.mjs DOCUMENT DIR — checks every answer the API suite recorded in DIR
// (tests/api/TestServer.h: replies-<pid>.jsonl) against the OpenAPI document DOCUMENT with a
// JSON Schema 2020-12 validator (Ajv, pinned in package-lock.json). For each answer:
//   - its path and method name an operation of the document (else it must be an error
//     document, or a file of the browser application under /ui/);
//   - its status is one the operation lists (an exact code or its 4XX/5XX range);
//   - its Content-Type is one of that answer's media types (none for 204);
//   - a JSON body parses as UTF-8 JSON and matches the answer's schema;
//   - for a 2XX answer, the request body the server accepted matches the request schema (a
//     validating proxy in front of the server must not refuse what the server takes).
// Prints a summary and every mismatch; exits 1 on any mismatch or when nothing was recorded.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [documentFile, dir] = process.argv.slice(2);
if (!documentFile || !dir) {
  console.error('usage: node validate-replies.mjs OPENAPI_DOCUMENT REPLY_DIR');
  process.exit(2);
}
const document = JSON.parse(readFileSync(documentFile, 'utf8'));

// ---- the schemas: components/schemas as $defs of one schema, refs rewritten to point there ----
const SCHEMAS = 'https://binhan.invalid/components';
function rewriteRefs(value) {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
      ? `${SCHEMAS}#/$defs/${v.slice('#/components/schemas/'.length)}`
      : rewriteRefs(v);
  }
  return out;
}
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
ajv.addSchema({ $id: SCHEMAS, $defs: rewriteRefs(document.components?.schemas ?? {}) });
const compiled = new Map();
function validator(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(rewriteRefs(schema)));
  return compiled.get(key);
}
function resolve(object) {  // a $ref to components/responses (the error answer)
  if (!object?.$ref) return object;
  const [, , kind, name] = object.$ref.split('/');
  return document.components[kind][name];
}
const errorSchema = { $ref: '#/components/schemas/Error' };

// ---- operations by path template (segments compared after %-decoding, as the server does) ----
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const templates = Object.keys(document.paths).map((template) => ({
  template,
  segments: template.slice(1).split('/'),
  item: document.paths[template],
}));
function findPath(rawPath) {
  let segments;
  try {
    segments = rawPath.split('?')[0].slice(1).split('/').map(decodeURIComponent);
  } catch {
    return null;  // a malformed %-escape names no route
  }
  const matches = templates.filter((t) => t.segments.length === segments.length &&
    t.segments.every((s, i) => (s.startsWith('{') ? segments[i] !== '' : s === segments[i])));
  // A literal segment wins over a parameter (…/audit/verify over …/{id}).
  matches.sort((a, b) => b.segments.filter((s) => !s.startsWith('{')).length -
    a.segments.filter((s) => !s.startsWith('{')).length);
  return matches[0] ?? null;
}

// ---- the recorded answers ----
const records = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
  for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
    if (line.trim() !== '') records.push(JSON.parse(line));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const failures = [];
const counts = { json: 0, other: 0, binary: 0, empty: 0, errors: 0, unlisted: 0, ui: 0, requests: 0 };
const seen = new Map();  // "METHOD template" → set of statuses
function fail(record, what, detail = '') {
  const found = findPath(record.path);
  const where = found?.item[record.method.toLowerCase()] ? found.template : record.path.split('?')[0];
  failures.push({ record, what, detail, kind: `${record.method} ${where} ${record.status}: ${what}` });
}
function schemaErrors(validate) {
  return validate.errors.slice(0, 8)
    .map((e) => `  ${e.instancePath || '(root)'} ${e.message}${e.params && Object.keys(e.params).length
      ? ` ${JSON.stringify(e.params)}` : ''}`).join('\n');
}

// The body as JSON matched against `schema`; true when it does.
function checkJson(record, text, schema, what) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    fail(record, `${what}: not JSON`);
    return false;
  }
  const validate = validator(schema);
  if (validate(value)) return true;
  fail(record, `${what} does not match ${schema.$ref ?? 'its schema'}`, schemaErrors(validate));
  return false;
}

function isBinaryMedia(media) {
  return media.startsWith('image/') || media === 'application/pdf' ||
    media === 'application/octet-stream';
}

function essence(contentType) {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

for (const record of records) {
  const bytes = Buffer.from(record.body, 'base64');
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = null;
  }
  const found = findPath(record.path);
  const operation = found?.item[record.method.toLowerCase()];
  if (!operation) {
    // Not an operation of the document: an unknown path (404), a method the path lacks (405),
    // or a file of the browser application. A refusal is still the error document.
    if (record.status >= 400) {
      counts.unlisted++;
      if (essence(record.content_type) !== 'application/json') fail(record, 'refusal is not JSON');
      else if (text !== null) checkJson(record, text, errorSchema, 'refusal');
    } else if (record.path.startsWith('/ui/') && METHODS.includes(record.method.toLowerCase())) {
      counts.ui++;
    } else {
      fail(record, 'answered with success, but the document has no such operation');
    }
    continue;
  }
  const key = `${record.method} ${found.template}`;
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key).add(record.status);

  const responses = operation.responses ?? {};
  const response = resolve(responses[String(record.status)] ??
    responses[`${String(record.status)[0]}XX`] ?? responses.default);
  if (!response) {
    fail(record, `status ${record.status} is not listed (${Object.keys(responses).join(', ')})`);
    continue;
  }
  if (!response.content) {
    if (bytes.length > 0) fail(record, `status ${record.status} has no body in the document`);
    counts.empty++;
  } else {
    const media = Object.keys(response.content).find((m) => m === essence(record.content_type));
    if (!media) {
      fail(record, `Content-Type '${record.content_type}' is not one of ` +
        `${Object.keys(response.content).join(', ')}`);
      continue;
    }
    if (isBinaryMedia(media)) {
      // An evidence file (image, PDF) is bytes; only its declared type is checked.
      if (bytes.length === 0) fail(record, `status ${record.status}: the ${media} body is empty`);
      counts.binary++;
      continue;
    }
    if (text === null) {
      fail(record, 'the body is not UTF-8 text');
      continue;
    }
    if (media === 'application/json') {
      checkJson(record, text, response.content[media].schema, 'answer');
      if (record.status >= 400) counts.errors++;
      else counts.json++;
    } else {
      counts.other++;
    }
  }
  // What the server accepted, a validating proxy must let through.
  const requestSchema = operation.requestBody?.content?.['application/json']?.schema;
  if (record.status < 300 && requestSchema && record.request_body !== undefined) {
    const sent = Buffer.from(record.request_body, 'base64').toString('utf8');
    counts.requests++;
    checkJson(record, sent.trim() === '' ? '{}' : sent, requestSchema, 'accepted request body');
  }
}

// ---- report ----
const tests = new Set(records.map((r) => r.test));
console.log(`OpenAPI live validation: ${records.length} answers recorded by ${tests.size} tests ` +
  `(${readdirSync(dir).filter((f) => f.endsWith('.jsonl')).length} processes).`);
console.log(`  ${counts.json} JSON answers and ${counts.errors} error documents matched against ` +
  `their operation's schema; ${counts.other} of other media types (CSV, HTML, Prometheus ` +
  `text) checked for type and UTF-8; ${counts.binary} files (images, PDF) checked for type; ` +
  `${counts.empty} without a body (204);`);
console.log(`  ${counts.unlisted} refusals of paths or methods outside the document checked ` +
  `against the error schema; ${counts.ui} browser-application files; ${counts.requests} ` +
  `accepted request bodies matched against the request schemas.`);
const never = [];
for (const t of templates) {
  for (const method of METHODS) {
    if (!t.item[method]) continue;
    const statuses = seen.get(`${method.toUpperCase()} ${t.template}`);
    if (!statuses || ![...statuses].some((s) => s < 300)) never.push(`${method.toUpperCase()} ${t.template}`);
  }
}
if (never.length > 0) {
  console.log(`  Operations the suite never answered with success (${never.length}): ` +
    `${never.join(', ')}`);
}
if (records.length === 0) {
  console.log('FAILED: no answers were recorded (is BINHAN_TEST_REPLY_LOG set for the API tests?)');
  process.exit(1);
}
if (failures.length > 0) {
  console.log(`FAILED: ${failures.length} answers do not match the document:`);
  const kinds = new Map();
  for (const { kind } of failures) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  for (const [kind, n] of kinds) console.log(`  ${n} × ${kind}`);
  console.log('The first of them:');
  for (const { record, what, detail } of failures.slice(0, 60)) {
    const body = Buffer.from(record.body, 'base64').toString('utf8').slice(0, 300);
    console.log(`- ${record.method} ${record.path} → ${record.status}: ${what}\n  test: ` +
      `${record.test}${detail ? `\n${detail}` : ''}\n  body: ${body}`);
  }
  if (failures.length > 60) console.log(`… and ${failures.length - 60} more`);
  process.exit(1);
}
console.log('Every answer matches the document.');
