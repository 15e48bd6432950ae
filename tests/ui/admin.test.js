// User administration (admin only): the list, creating an account through the form (and the
// new officer signing in with it), a weak password refused with the field named, and
// disabling an account.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, signIn, signOut, shot } from './lib/browser.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const NEW_USER = { username: 'can.bo.moi', display_name: 'Phan Thị Thử', role: 'school', password: 'Mat-khau-truong-hoc-02' };

test('the administrator creates an account, and the new officer can sign in with it', async () => {
  const p = await openPage(browser);
  const { page } = p;
  try {
    await signIn(page, 'admin');
    await page.getByRole('heading', { level: 1, name: 'Quản lý người dùng' }).waitFor();
    const table = page.locator('.users-table');
    await table.waitFor();
    for (const username of ['quantri', 'hoi.phunu', 'cong.an', 'chu.tich', 'tu.phap', 'truong.hoc']) {
      await table.getByRole('rowheader', { name: username, exact: true }).waitFor();
    }
    await shot(page, 'users-1280');

    const form = page.locator('#user-create');
    await form.getByLabel('Tên đăng nhập').fill(NEW_USER.username);
    await form.getByLabel('Họ tên hiển thị').fill(NEW_USER.display_name);
    await form.getByLabel('Vai trò').selectOption(NEW_USER.role);
    await form.getByLabel('Mật khẩu ban đầu').fill(NEW_USER.password);
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText(`Đã tạo tài khoản ${NEW_USER.username}.`).waitFor();
    const row = page.locator('.users-table tr', { has: page.getByRole('rowheader', { name: NEW_USER.username, exact: true }) });
    await row.waitFor();
    assert.match(await row.textContent(), /Nhà trường/);
    assert.match(await row.textContent(), /Đang dùng/);
    await signOut(page);

    await openApp(page, '#/signin');
    await page.getByLabel('Tên đăng nhập').fill(NEW_USER.username);
    await page.getByLabel('Mật khẩu').fill(NEW_USER.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    assert.match(await page.locator('.user-box').textContent(), /Phan Thị Thử/);
    // A school officer has no user administration: the page says so instead.
    await page.goto(`${page.url().split('#')[0]}#/users`);
    await page.getByRole('heading', { level: 1, name: 'Không thuộc nhiệm vụ của bạn' }).waitFor();
    assert.equal(await page.locator('.main-nav').getByText('Người dùng').count(), 0, 'no "Người dùng" in the navigation');
    await signOut(page);
    await p.assertClean();
  } finally {
    await p.close();
  }
});

test('a weak password is refused with the field named; disabling an account shows it', async () => {
  const p = await openPage(browser);
  const { page } = p;
  try {
    p.expectHttp(400, /^\/api\/v1\/users$/);
    await signIn(page, 'admin');
    const form = page.locator('#user-create');
    await form.getByLabel('Tên đăng nhập').fill('yeu.qua');
    await form.getByLabel('Họ tên hiển thị').fill('Mật khẩu yếu');
    await form.getByLabel('Mật khẩu ban đầu').fill('123456');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await form.getByRole('alert').filter({ hasText: 'mật khẩu' }).waitFor();
    assert.equal(await form.getByLabel('Mật khẩu ban đầu').getAttribute('aria-invalid'), 'true');
    await shot(page, 'users-weak-password-1280');

    await page.getByRole('button', { name: 'Sửa tài khoản lao.dong.xh' }).click();
    const edit = page.locator('#user-edit');
    await edit.getByLabel('Khóa tài khoản').check();
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu tài khoản lao.dong.xh.').waitFor();
    const row = page.locator('.users-table tr', { has: page.getByRole('rowheader', { name: 'lao.dong.xh', exact: true }) });
    await row.getByText('Đã khóa').waitFor();
    // Enable it again: the other tests sign in as this officer.
    await page.getByRole('button', { name: 'Sửa tài khoản lao.dong.xh' }).click();
    await page.locator('#user-edit').getByLabel('Khóa tài khoản').uncheck();
    await page.locator('#user-edit').getByRole('button', { name: 'Lưu thay đổi' }).click();
    await row.getByText('Đang dùng').waitFor();
    await p.assertClean();
  } finally {
    await p.close();
  }
});
