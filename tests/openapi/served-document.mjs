// The OpenAPI document exactly as a server serves it: `binhan init` in a throw-away data dir,
// `binhan serve` on a free loopback port, GET /api/v1/openapi.json, then SIGTERM and the data
// dir removed. Used by lint.mjs; run `node served-document.mjs BINHAN [OUT]` to look at it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// GET over HTTPS from the server's own self-signed certificate (a fresh data dir makes one).
function get(port, urlPath) {
  return new Promise((resolve, reject) => {
    const request = https.get(
      { host: '127.0.0.1', port, path: urlPath, rejectUnauthorized: false, timeout: 5000 },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

export async function servedDocument(binary) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'binhan-openapi-'));
  const port = await freePort();
  const sets = ['--set', `data.dir=${dataDir}`, '--set', `server.port=${port}`];
  let server;
  try {
    // The first admin is required by init; its password is random and thrown away.
    const password = `Openapi-${randomBytes(12).toString('hex')}`;
    const init = spawnSync(binary, ['init', ...sets, '--admin-user', 'quantri', '--admin-password',
      password], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`binhan init failed: ${init.stdout}${init.stderr}`);
    let output = '';
    server = spawn(binary, ['serve', ...sets], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout.on('data', (d) => { output += d; });
    server.stderr.on('data', (d) => { output += d; });
    for (let i = 0; ; i++) {
      try {
        if ((await get(port, '/healthz')).status === 200) break;
      } catch {
        // not listening yet
      }
      if (i === 200 || server.exitCode !== null)
        throw new Error(`binhan serve did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const answer = await get(port, '/api/v1/openapi.json');
    if (answer.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${answer.status}`);
    return answer.body;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [binary, out] = process.argv.slice(2);
  if (!binary) {
    console.error('usage: node served-document.mjs BINHAN_BINARY [OUT_FILE]');
    process.exit(2);
  }
  const text = await servedDocument(binary);
  if (out) writeFileSync(out, text);
  else process.stdout.write(`${text}\n`);
}
