// What an officer working alone needs (issue 19), in a real browser at desktop and phone size:
// changing one's own password, finding a case by its code, "my cases" and sorting, picking a
// person by name in the audit screen, and the commune's village list kept by the administrator.
// Made-up people only.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, signIn, shot } from './lib/browser.js';
import { call, login } from './lib/api.js';
import { ADMIN, OFFICERS, OFFICER_PASSWORD, credentials } from './lib/users.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const SIZES = [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }];

// A made-up case opened through the API by `token`; returns {id, code}.
async function openCase(token, survivor) {
  const answer = await call('POST', '/api/v1/cases', {
    token,
    body: {
      survivor: { full_name: survivor, sex: 'female', birth_year: 1992, village: 'Thôn Thử Nghiệm' },
      incident: { date: '2026-11-20', village: 'Thôn Thử Nghiệm', place: 'home', types: ['psychological'], description: 'Bị chửi mắng, đe dọa (thử nghiệm).' },
      risk: 'low',
      consent: { given: true, given_by: 'survivor', agencies: ['union'] },
    },
  });
  assert.equal(answer.status, 201, answer.text);
  return { id: answer.json.id, code: answer.json.code };
}

// Creates a made-up officer through the API as the administrator.
async function addOfficer(username, role, displayName) {
  const admin = await login(ADMIN);
  const answer = await call('POST', '/api/v1/users', { token: admin, body: { username, role, display_name: displayName, password: OFFICER_PASSWORD } });
  assert.ok(answer.status === 201 || answer.status === 409, answer.text);
}

async function signInAs(page, username, password) {
  await openApp(page, '#/signin');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('#signin-submit').click();
  await page.locator('#sign-out').waitFor();
  await page.waitForFunction(() => !location.hash.startsWith('#/signin'));
}

for (const size of SIZES) {
  test(`an officer changes their own password (${size.name})`, async () => {
    const username = `doi.matkhau.${size.name}`;
    const next = `Mat-khau-moi-${size.name}-2026`;
    await addOfficer(username, 'union', 'Cán bộ Đổi Mật Khẩu');
    const p = await openPage(browser, size);
    const { page } = p;
    try {
      await signInAs(page, username, OFFICER_PASSWORD);
      await page.goto(`${page.url().split('#')[0]}#/account`);
      const form = page.locator('#password-change');
      await form.waitFor();
      p.expectHttp(400, /\/api\/v1\/me\/password/);
      await form.getByLabel('Mật khẩu đang dùng').fill('Khong-dung-mat-khau-1');
      await form.getByLabel('Mật khẩu mới', { exact: false }).first().fill(next);
      await form.getByLabel('Nhập lại mật khẩu mới').fill(next);
      await form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await form.getByText('Mật khẩu đang dùng không đúng.').waitFor();

      await form.getByLabel('Mật khẩu đang dùng').fill(OFFICER_PASSWORD);
      await form.getByLabel('Nhập lại mật khẩu mới').fill(`${next}x`);
      await form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await form.getByText('Hai lần nhập mật khẩu mới không giống nhau.').waitFor();

      await form.getByLabel('Nhập lại mật khẩu mới').fill(next);
      await form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await form.getByText('Đã đổi mật khẩu.', { exact: false }).waitFor();
      if (size.name === 'phone') await shot(page, 'account-password-390');
      // Still signed in here; the old password no longer opens a session, the new one does.
      assert.equal((await call('GET', '/healthz')).status, 200);
      await page.locator('#sign-out').waitFor();
      assert.equal((await call('POST', '/api/v1/session', { body: { username, password: OFFICER_PASSWORD } })).status, 401);
      assert.equal((await call('POST', '/api/v1/session', { body: { username, password: next } })).status, 201);
      await p.assertClean();
    } finally {
      await p.close();
    }
  });
}

test('a case is found by its code; "my cases" and the sort order work (desktop and phone)', async () => {
  await addOfficer('hoi.phunu.hai', 'union', 'Cán bộ Hội Thứ Hai');
  const mine = await openCase(await login(credentials('union')), 'Phạm Thị Mã Số');
  const theirs = await openCase(await login({ username: 'hoi.phunu.hai', password: OFFICER_PASSWORD }), 'Ngô Thị Người Khác');
  for (const size of SIZES) {
    const p = await openPage(browser, size);
    const { page } = p;
    try {
      await signIn(page, 'union');
      await page.goto(`${page.url().split('#')[0]}#/cases`);
      const search = page.getByLabel('Tìm theo mã vụ việc', { exact: false });
      await search.fill(theirs.code.toLowerCase());
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForFunction(() => location.hash.includes('q='));
      const rows = page.locator('.cases-table tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().textContent(), new RegExp(theirs.code));

      await page.goto(`${page.url().split('#')[0]}#/cases`);
      await page.getByLabel('Chỉ vụ việc của tôi').check();
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForFunction(() => location.hash.includes('mine=true'));
      await rows.first().waitFor();
      const shown = await rows.allTextContents();
      assert.ok(shown.some((r) => r.includes(mine.code)), 'my case is listed');
      assert.ok(!shown.some((r) => r.includes(theirs.code)), "the other officer's case is not");

      await page.goto(`${page.url().split('#')[0]}#/cases`);
      await page.getByLabel('Sắp xếp').selectOption('oldest');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForFunction(() => location.hash.includes('sort=oldest'));
      await rows.first().waitFor();
      const codes = (await rows.allTextContents()).map((r) => /[A-Z0-9]+-\d{4}-\d+/.exec(r)[0]);
      assert.deepEqual(codes, [...codes].sort(), 'oldest first');
      if (size.name === 'phone') await shot(page, 'cases-sorted-390');
      await p.assertClean();
    } finally {
      await p.close();
    }
  }
});

for (const size of SIZES) {
  test(`the audit screen filters by a person picked by name (${size.name})`, async () => {
    const p = await openPage(browser, size);
    const { page } = p;
    try {
      await signIn(page, 'oversight');
      await page.goto(`${page.url().split('#')[0]}#/audit`);
      const picker = page.getByLabel('Người thực hiện', { exact: true });
      await picker.waitFor();
      const option = picker.locator('option', { hasText: `${OFFICERS.union.display_name} (${OFFICERS.union.username}` });
      assert.equal(await option.count(), 1, 'the union officer is listed by name');
      await picker.selectOption(await option.getAttribute('value'));
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForFunction(() => location.hash.includes('actor='));
      const rows = page.locator('.audit-table tbody tr');
      await rows.first().waitFor();
      for (const text of await rows.allTextContents()) assert.match(text, new RegExp(OFFICERS.union.username));
      await p.assertClean();
    } finally {
      await p.close();
    }
  });
}

for (const size of SIZES) {
  test(`the administrator keeps the commune's villages; officers read them (${size.name})`, async () => {
    const admin = await login(ADMIN);
    const communes = await call('GET', '/api/v1/communes', { token: admin });
    const code = communes.json.items[0].code;
    const p = await openPage(browser, size);
    const { page } = p;
    try {
      await signIn(page, 'admin');
      const form = page.locator('#villages-form');
      await form.waitFor();
      p.expectHttp(400, /\/villages$/);
      await form.getByLabel('Danh sách thôn, xóm', { exact: false }).fill('Thôn Đông\nthon dong');
      await form.getByRole('button', { name: 'Lưu danh sách thôn, xóm' }).click();
      await form.getByText('không được trùng tên', { exact: false }).first().waitFor();
      await form.getByLabel('Danh sách thôn, xóm', { exact: false }).fill('Thôn Đông\n  Thôn Tây \n\nXóm Bãi');
      await form.getByRole('button', { name: 'Lưu danh sách thôn, xóm' }).click();
      await form.getByText('Đã lưu 3 thôn, xóm.').waitFor();
      await shot(page, `villages-${size.width}`);
      const officer = await login(credentials('union'));
      const villages = await call('GET', '/api/v1/villages', { token: officer });
      assert.deepEqual(villages.json.items.map((v) => v.name), ['Thôn Đông', 'Thôn Tây', 'Xóm Bãi']);
      await page.reload();
      await form.waitFor();
      assert.equal(await form.getByLabel('Danh sách thôn, xóm', { exact: false }).inputValue(), 'Thôn Đông\nThôn Tây\nXóm Bãi');
      await p.assertClean();
    } finally {
      await p.close();
      // The other tests type their villages: leave the commune without a list.
      await call('PUT', `/api/v1/communes/${code}/villages`, { token: admin, body: { villages: [] } });
    }
  });
}
