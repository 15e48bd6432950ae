// Sign-in with a second factor, on a server of its own started with auth.totp_enabled=true
// (admin and leader must then use TOTP): the first sign-in gives a limited session that can
// only enrol; the account page shows the secret; the first code confirms it; the next sign-in
// needs a code. Codes are computed here with RFC 6238 from the secret the page shows.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, shot } from './lib/browser.js';
import { waitHealthy } from './lib/api.js';
import { ADMIN } from './lib/users.js';

const BIN = process.env.BINHAN_BIN;
let browser;
let server;
let dataDir;
let base;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

// RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, 6 digits.
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(value).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 30000);

before(async () => {
  if (!BIN) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-ui-totp-'));
  const port = await freePort();
  const sets = ['--set', `data.dir=${dataDir}`, '--set', `server.port=${port}`, '--set', 'auth.totp_enabled=true'];
  const init = spawnSync(BIN, ['init', ...sets, '--admin-user', ADMIN.username, '--admin-password', ADMIN.password], { encoding: 'utf8' });
  assert.equal(init.status, 0, init.stdout + init.stderr);
  server = spawn(BIN, ['serve', ...sets, '--set', `web.root=${process.env.BINHAN_WEB_ROOT}`], { stdio: 'ignore' });
  base = `https://127.0.0.1:${port}`;
  await waitHealthy(15000, base);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fillSignIn(page, code) {
  await page.goto(`${base}/#/signin`);
  await page.locator('#signin-form').waitFor();
  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  if (code) await page.getByLabel('Mã xác thực (6 chữ số)').fill(code);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('an administrator enrols a second factor, then signs in with its code', { skip: !BIN && 'run through tests/ui/run.sh (needs BINHAN_BIN)' }, async () => {
  const p = await openPage(browser);
  const { page } = p;
  try {
    p.expectHttp(401, /^\/api\/v1\/session$/);
    await fillSignIn(page);
    // Limited session: only the account page, which says why.
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
    await page.getByText('Vai trò của bạn bắt buộc dùng xác thực hai lớp.').waitFor();
    assert.equal(await page.locator('.main-nav').count(), 0, 'no navigation before the second factor');
    await page.goto(`${base}/#/users`);
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
    await page.getByRole('button', { name: 'Thiết lập xác thực hai lớp' }).click();
    const secret = (await page.locator('#totp-secret').textContent()).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await shot(page, 'totp-enrol-1280');
    const step = stepNow();
    await page.getByLabel('Mã 6 chữ số').fill(totp(secret, step));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quản lý người dùng' }).waitFor();
    await page.locator('#sign-out').click();
    await page.locator('#signin-form').waitFor();

    // Without the code: the same generic refusal as a wrong password.
    await fillSignIn(page);
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng.' }).waitFor();
    // With the next step's code (a code is single use; the server accepts one step ahead).
    await fillSignIn(page, totp(secret, step + 1));
    await page.getByRole('heading', { level: 1, name: 'Quản lý người dùng' }).waitFor();
    await p.assertClean();
  } finally {
    await p.close();
  }
});
