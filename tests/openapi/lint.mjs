// node lint.mjs BINHAN_BINARY — lints the OpenAPI document that binary serves with Redocly CLI
// (the version package-lock.json pins; rules in redocly.yaml: "recommended"). Exits non-zero
// on any error, as ./ops/test expects; warnings are printed and do not fail.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { servedDocument } from './served-document.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const binary = process.argv[2];
if (!binary) {
  console.error('usage: node lint.mjs BINHAN_BINARY');
  process.exit(2);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'binhan-openapi-lint-'));
try {
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, await servedDocument(binary));
  const redocly = path.join(here, 'node_modules', '.bin', 'redocly');
  const lint = spawnSync(redocly, ['lint', '--config', path.join(here, 'redocly.yaml'), file], {
    stdio: 'inherit',
    // No usage data sent, no update check: the run needs nothing from the network.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
  });
  if (lint.error) throw lint.error;
  process.exitCode = lint.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
