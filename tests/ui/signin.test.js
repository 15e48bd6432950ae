// Sign-in, sign-out, the language switch, the generic error, keyboard access and the first
// screens at phone and desktop widths.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, signIn, signOut, shot, switchLanguage, onPage } from './lib/browser.js';
import { credentials } from './lib/users.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const withPage = (opts, body) => onPage(browser, opts, body);

test('sign in and sign out in Vietnamese, by the labels of the form', async () => {
  await withPage({}, async ({ page, expectHttp }) => {
    await openApp(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    assert.equal(await page.locator('h1').textContent(), 'Đăng nhập');
    const user = credentials('union');
    await page.getByLabel('Tên đăng nhập').fill(user.username);
    await page.getByLabel('Mật khẩu').fill(user.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    assert.match(await page.locator('.user-box').textContent(), /Nguyễn Thị Lan/);
    assert.match(await page.locator('.user-box').textContent(), /Hội Liên hiệp Phụ nữ xã/);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    // The server ended the session: the cookie no longer signs anything in.
    expectHttp(401, /^\/api\/v1\/me$/);
    const status = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(status, 401);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  });
});

test('English by the switch, remembered after a reload and a sign-in', async () => {
  await withPage({}, async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: /Switch to English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const user = credentials('police');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    assert.match(await page.locator('.user-box').textContent(), /Commune police/);
    await shot(page, 'dashboard-en-1280');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await switchLanguage(page, 'vi');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  });
});

test('a wrong password or an unknown user gets the same generic message', async () => {
  await withPage({}, async ({ page, expectHttp }) => {
    expectHttp(401, /^\/api\/v1\/session$/);
    await openApp(page);
    const message = 'Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng.';
    for (const [username, password] of [['hoi.phunu', 'not-the-password-at-all'], ['nobody.here', 'Mat-khau-can-bo-xa-01']]) {
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').filter({ hasText: message }).waitFor();
      assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '', 'the password field is emptied');
    }
    await shot(page, 'signin-error-1280');
  });
});

test('keyboard only: Tab reaches every field and the sign-in button, focus is visible, Enter signs in', async () => {
  await withPage({}, async ({ page }) => {
    await openApp(page);
    const seen = [];
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id, name: el.getAttribute('name'), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      seen.push(info);
      assert.notEqual(info.outline, 'none', `focus is visible on ${info.id || info.name}`);
      assert.ok(info.width >= 2, `focus outline is at least 2px on ${info.id || info.name}`);
      if (info.id === 'signin-submit') break;
    }
    const order = seen.map((s) => s.name || s.id);
    assert.deepEqual(order.slice(-4), ['username', 'password', 'totp', 'signin-submit'], `tab order was ${order.join(' → ')}`);
    assert.equal(order[0], 'skip-link', 'the skip link comes first');
    await page.locator('input[name="username"]').focus();
    const user = credentials('justice');
    await page.keyboard.type(user.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    await shot(page, 'keyboard-focus-after-signin-1280', { fullPage: false });
  });
});

for (const width of [360, 1280]) {
  test(`sign-in and dashboard fit a ${width}-px screen`, async () => {
    await withPage({ width, height: width === 360 ? 740 : 800 }, async ({ page }) => {
      await openApp(page);
      await shot(page, `signin-${width}`);
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(await fits(), 'no sideways scrolling on the sign-in page');
      await signIn(page, 'union');
      await shot(page, `dashboard-${width}`);
      assert.ok(await fits(), 'no sideways scrolling on the dashboard');
      await signOut(page);
    });
  });
}
