// The bell and the notifications (issue 22), in the browser. The commune chair has the app
// open; the commune police record a contact-prohibition request on their case through the API,
// and the bell's count rises to 1 without a reload (the Server-Sent Events stream, one per
// page); the bell's list shows the notice with the case code, its time in Vietnam time, marked
// unread; opening it shows the case and the count drops to 0 (and the server has it read). In
// English the notice reads in English. On a phone (390×844) the bell with a count fits the
// compact header without sideways scrolling, and "mark as read" works from the list. Signing
// out closes the stream. The account screen's "Thông báo" section: channels run.sh has not
// configured are disabled with the note; a bad address is refused at its field; an address and
// phone are saved. The administrator's users screen lists the sends that failed. Made-up
// people only; the cases are opened through the API by the officers of lib/users.js.
//
// Needs the issue-22 endpoints: run with BINHAN_UI_STORY=1.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, signIn, signOut, shot, switchLanguage } from './lib/browser.js';
import { assertContrast, assertFits, assertLabelled, visit as visitScreen } from './lib/flows.js';
import { apiAs } from './lib/access.js';
import { addEvent, assertNoSideScroll, openCase } from './lib/casepage.js';
import { words } from './lib/words.js';

const RUN = Boolean(process.env.BINHAN_UI_STORY);
const SKIP = !RUN && 'set BINHAN_UI_STORY=1 (needs the issue-22 endpoints)';
const T = words('vi');
const E = words('en');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// The server's dispatcher looks at its outbox every 2 s and the stream at the count every second.
const LIVE_MS = 12000;

let browser;
before(async () => { if (RUN) browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const visit = (page, hash) => visitScreen(page, BASE, hash);
const REQUEST = { measure: 'no_contact', requested_by: 'agency', consent_by: 'survivor', summary: 'Đe dọa' };

// A page whose EventSources are counted (window.__streams), so a test can see how many the
// app opened and whether they are closed.
async function streamPage(size) {
  const p = await openPage(browser, size);
  await p.context.addInitScript(() => {
    const Native = window.EventSource;
    window.__streams = [];
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args);
        window.__streams.push(this);
      }
    };
  });
  return p;
}

const streams = (page) => page.evaluate(() => window.__streams.map((s) => ({ url: new URL(s.url).pathname, state: s.readyState })));

// Marks every notification of `api`'s user read, so a test starts from an unread count of 0
// (the tests before this file asked the chair for many decisions).
async function readAll(api) {
  for (;;) {
    const { items, unread } = await api.get('/api/v1/notifications?limit=500');
    if (!unread) return;
    for (const item of items.filter((i) => !i.read_at)) {
      const r = await api.ask('POST', `/api/v1/notifications/${item.id}/read`);
      assert.equal(r.status, 204, `marking ${item.id} read: ${r.status} ${r.text}`);
    }
  }
}

// The bell's accessible name for `count` unread, in `w`'s language.
const bellName = (w, count) => (count ? w('bell.label', { count }) : w('bell.label_none'));

// Waits, without reloading, until the bell says `count`; fails after LIVE_MS.
async function bellSays(page, w, count) {
  const name = bellName(w, count);
  try {
    await page.waitForFunction((n) => document.getElementById('bell')?.getAttribute('aria-label') === n, name, { timeout: LIVE_MS });
  } catch {
    const shown = await page.locator('#bell').getAttribute('aria-label');
    assert.fail(`the bell says "${shown}", not "${name}", after ${LIVE_MS / 1000} s`);
  }
  const badge = page.locator('#bell .bell-count');
  if (count) {
    assert.equal(await badge.isVisible(), true, 'the count is shown on the bell');
    assert.equal((await badge.textContent()).trim(), String(count));
  } else {
    assert.equal(await badge.isVisible(), false, 'no count on the bell at 0');
  }
}

// A police case with a contact-prohibition request on it; returns {id, code}.
async function requestOnNewCase(description) {
  const police = await apiAs('police');
  try {
    const c = await openCase(police, { risk: 'high', consent: ['police'], description });
    await addEvent(police, c.id, 'protection.request', REQUEST);
    return { id: String(c.id), code: c.code };
  } finally {
    await police.end();
  }
}

// The created_at of a notice as the page writes it: Vietnam time, the UI language's way.
const vnTime = (instant, lang) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
}).format(new Date(instant));

const state = {};

test('desktop: a protection request raises the chair\'s bell to 1 without a reload; the notice opens the case and the count drops to 0', { skip: SKIP }, async () => {
  const leader = await apiAs('leader');
  await readAll(leader);
  const p = await streamPage(DESKTOP);
  const { page } = p;
  try {
    await signIn(page, 'leader');
    const bell = page.locator('#bell');
    await bell.waitFor();
    await bellSays(page, T, 0);
    assert.equal(await page.getByRole('link', { name: T('bell.label_none'), exact: true }).count(), 1, 'the bell is a link named by its count');
    await page.evaluate(() => { window.__sameDocument = true; });

    state.first = await requestOnNewCase('Bị chồng đe dọa, đề nghị cấm tiếp xúc (chuông 1).');
    await bellSays(page, T, 1);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the count rose without a reload');
    assert.deepEqual(await streams(page), [{ url: '/api/v1/notifications/stream', state: 1 }], 'one open stream for the page');
    await page.getByRole('link', { name: T('bell.label', { count: 1 }), exact: true }).waitFor();
    await shot(page, 'notifications-bell-1280', { fullPage: false });

    // The list: the notice with the case code, when it came, unread.
    await bell.click();
    await page.waitForFunction(() => location.hash === '#/notifications');
    await page.getByRole('heading', { level: 1, name: T('notifications.title') }).waitFor();
    const { items } = await leader.get('/api/v1/notifications?limit=5');
    const notice = items.find((i) => String(i.case_id) === state.first.id);
    assert.ok(notice, `the server lists the notice: ${JSON.stringify(items)}`);
    assert.equal(notice.kind, 'protection.request');
    const item = page.locator(`.notice-item[data-id="${notice.id}"]`);
    await item.waitFor();
    assert.equal(await page.locator('.notice-item').first().getAttribute('data-id'), String(notice.id), 'newest first');
    const said = await item.textContent();
    assert.ok(said.includes(state.first.code), `the notice names the case code: ${said}`);
    assert.ok(said.includes(notice.text), `the server's Vietnamese sentence: ${said}`);
    assert.ok(said.includes(T('notification_kind.protection.request')), 'the kind in words');
    assert.ok(said.includes(T('notifications.at', { time: vnTime(notice.created_at, 'vi') })), `its time in Vietnam time: ${said}`);
    assert.ok(said.includes(T('notifications.unread')), 'marked unread in words');
    assert.match(await item.getAttribute('class'), /\bunread\b/);
    assert.equal(await item.locator('a.notice-open').getAttribute('href'), `#/cases/${state.first.id}`, 'the app\'s own route, not the link\'s host');
    await assertLabelled(page);
    await assertContrast(page);
    await shot(page, 'notifications-list-1280');

    // Opening it: the case page, the count at 0, the notice read on the server.
    await item.locator('a.notice-open').click();
    await page.waitForFunction((id) => location.hash === `#/cases/${id}`, state.first.id);
    await page.locator('h1', { hasText: state.first.code }).waitFor();
    await bellSays(page, T, 0);
    const after = await leader.get('/api/v1/notifications?limit=5');
    assert.equal(after.unread, 0);
    assert.ok(after.items.find((i) => i.id === notice.id).read_at, 'read on the server');

    // In English, the server's English sentence; the notice now read.
    await switchLanguage(page, 'en');
    await visit(page, '#/notifications');
    const read = page.locator(`.notice-item[data-id="${notice.id}"]`);
    await read.waitFor();
    const english = await read.textContent();
    assert.ok(english.includes(notice.text_en), `the English sentence: ${english}`);
    assert.ok(english.includes(E('notifications.read')), 'marked read in words');
    assert.equal(await read.locator('[data-action="mark-read"]').count(), 0, 'nothing to mark any more');
    assert.equal(await page.locator('#bell').getAttribute('aria-label'), bellName(E, 0));
    await switchLanguage(page, 'vi');

    // Signing out closes the stream.
    await signOut(page);
    assert.equal(await page.locator('#bell').count(), 0, 'no bell when signed out');
    const left = await streams(page);
    assert.ok(left.length >= 1 && left.every((s) => s.state === 2), `every stream closed after sign-out: ${JSON.stringify(left)}`);
    await p.assertClean();
  } finally {
    await p.close();
    await leader.end();
  }
});

test('phone 390×844: the bell with its count fits the compact header; "mark as read" from the list', { skip: SKIP }, async () => {
  const leader = await apiAs('leader');
  await readAll(leader);
  const p = await streamPage(PHONE);
  const { page } = p;
  try {
    await signIn(page, 'leader');
    await bellSays(page, T, 0);
    state.second = await requestOnNewCase('Bị đe dọa qua điện thoại (chuông 2).');
    await bellSays(page, T, 1);
    const box = await page.locator('#bell').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the bell is on the screen: ${JSON.stringify(box)}`);
    assert.ok(box.width >= 40 && box.height >= 40, 'a touch target of 40 px at least');
    const header = await page.locator('#top').boundingBox();
    assert.ok(header.height <= 112, `the header stays compact: ${header.height}px`);
    await assertNoSideScroll(page, 'the dashboard with the bell at 390 px');
    await shot(page, 'notifications-bell-390', { fullPage: false });

    await page.locator('#bell').click();
    await page.getByRole('heading', { level: 1, name: T('notifications.title') }).waitFor();
    const item = page.locator('.notice-item', { hasText: state.second.code });
    await item.waitFor();
    await assertNoSideScroll(page, 'the notifications at 390 px');
    await assertFits(page);
    await assertContrast(page);
    await shot(page, 'notifications-list-390');
    const mark = item.getByRole('button', { name: T('notifications.mark_read_named', { code: state.second.code }) });
    await mark.click();
    await bellSays(page, T, 0);
    const read = page.locator('.notice-item.read', { hasText: state.second.code });
    await read.waitFor();
    assert.ok((await read.locator('.badge').textContent()).includes(T('notifications.read')), 'now marked read in words');
    assert.equal(await read.locator('[data-action="mark-read"]').count(), 0, 'nothing left to mark');
    assert.equal(await page.evaluate(() => location.hash), '#/notifications', 'marking read leaves the page where it was');
    assert.equal((await leader.get('/api/v1/notifications?limit=5')).unread, 0);
    await p.assertClean();
  } finally {
    await p.close();
    await leader.end();
  }
});

test('account: the channels not set up are disabled with the note; a bad address is refused at its field; an address and phone are saved', { skip: SKIP }, async () => {
  const leader = await apiAs('leader');
  const p = await openPage(browser, DESKTOP);
  const { page } = p;
  try {
    const before = await leader.get('/api/v1/me/notifications');
    assert.deepEqual(before.channels, { email: false, webhook: false }, 'run.sh configures no channel');
    await signIn(page, 'leader');
    await visit(page, '#/account');
    const section = page.locator('#notify-settings');
    await section.getByRole('heading', { level: 2, name: T('notify_settings.title') }).waitFor();
    const form = section.locator('#notify-settings-form');
    await form.waitFor();
    // One group per kind the server lists for the chair, each with its two boxes, disabled.
    const kinds = await form.locator('fieldset.notify-kind').evaluateAll((els) => els.map((e) => e.dataset.kind));
    assert.deepEqual(kinds, before.kinds.map((k) => k.kind), 'the kinds of the role, as the server lists them');
    for (const k of before.kinds) {
      const group = form.getByRole('group', { name: T(`notification_kind.${k.kind}`), exact: true });
      for (const channel of ['email', 'webhook']) {
        const box = group.getByLabel(T(`notify_channel.${channel}`), { exact: true });
        assert.equal(await box.isDisabled(), true, `${k.kind} by ${channel}: disabled, not configured`);
      }
    }
    await section.getByText(T('notify_settings.not_set_up.email')).waitFor();
    await section.getByText(T('notify_settings.not_set_up.webhook')).waitFor();
    await assertLabelled(page);
    await assertContrast(page);

    // A bad address: refused by the server, said at the field.
    p.expectHttp(400, /^\/api\/v1\/me\/notifications$/);
    const email = form.getByLabel(T('notify_settings.email'));
    await email.fill('chu.tich-khong-co-a-com-cong');
    await form.getByRole('button', { name: T('notify_settings.save') }).click();
    await form.locator('[data-name="email"] .field-error', { hasText: T('notify_settings.email_bad') }).waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'email', 'the field refused takes the focus');
    await shot(page, 'account-notifications-refused-1280');

    // A good one, and a phone written with spaces: saved, as the server keeps them.
    await email.fill('chu.tich@hoaphong.gov.vn');
    await form.getByLabel(T('notify_settings.phone')).fill('0912 345 678');
    await form.getByRole('button', { name: T('notify_settings.save') }).click();
    await section.getByText(T('notify_settings.saved')).waitFor();
    const saved = await leader.get('/api/v1/me/notifications');
    assert.equal(saved.email, 'chu.tich@hoaphong.gov.vn');
    assert.equal(saved.phone, '0912345678');
    assert.equal(await section.locator('[data-name="email"] .field-error').isVisible(), false, 'no error left');
    await visit(page, '#/account');
    await page.locator('#notify-settings-form').waitFor();
    assert.equal(await page.locator('#notify-settings-form [name="email"]').inputValue(), 'chu.tich@hoaphong.gov.vn', 'shown again after a reload');
    assert.equal(await page.locator('#notify-settings-form [name="phone"]').inputValue(), '0912345678');
    await page.setViewportSize(PHONE);
    await assertNoSideScroll(page, 'the account screen at 390 px');
    await shot(page, 'account-notifications-390');
    await p.assertClean();
  } finally {
    await p.close();
    // Leave the chair as run.sh made them.
    await leader.ask('PUT', '/api/v1/me/notifications', { email: '', phone: '' });
    await leader.end();
  }
});

test('admin: the users screen lists the notifications that failed to send, in words', { skip: SKIP }, async () => {
  const admin = await apiAs('admin');
  const real = await admin.get('/api/v1/notifications/deliveries');
  await admin.end();
  assert.deepEqual(real.items, [], 'nothing is sent without channels, so nothing failed');
  for (const size of [DESKTOP, PHONE]) {
    const p = await openPage(browser, size);
    const { page } = p;
    try {
      await signIn(page, 'admin');
      await visit(page, '#/users');
      const section = page.locator('#notify-failures');
      await section.getByRole('heading', { level: 2, name: T('notify_failures.title') }).waitFor();
      await section.getByText(T('notify_failures.none')).waitFor();

      // With sends in trouble (an answer of the documented shape), each is one row in words.
      const created = '2026-12-02T03:04:00Z';
      const next = '2026-12-02T03:34:00Z';
      await page.route(/\/api\/v1\/notifications\/deliveries(\?.*)?$/, (route) => route.fulfill({
        status: 200, contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ items: [
          { id: 7, channel: 'email', kind: 'protection.request', state: 'pending', attempts: 2, username: 'chu.tich', last_error: 'connection refused', created_at: created, next_attempt_at: next },
          { id: 8, channel: 'webhook', kind: 'referral.incoming', state: 'failed', attempts: 8, username: 'cong.an', last_error: 'HTTP 502', created_at: created },
        ] }),
      }));
      await visit(page, '#/users');
      const rows = section.locator('.notify-failures-table tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 2);
      const first = await rows.nth(0).textContent();
      for (const part of [T('notify_channel.email'), T('notification_kind.protection.request'), 'chu.tich', '2', T('notify_state.pending'), 'connection refused', vnTime(next, 'vi')]) {
        assert.ok(first.includes(part), `the pending send shows "${part}": ${first}`);
      }
      const second = await rows.nth(1).textContent();
      for (const part of [T('notify_channel.webhook'), T('notification_kind.referral.incoming'), 'cong.an', '8', T('notify_state.failed'), 'HTTP 502', T('notify_failures.no_retry')]) {
        assert.ok(second.includes(part), `the failed send shows "${part}": ${second}`);
      }
      await assertFits(page);
      await assertContrast(page);
      await shot(page, `users-notify-failures-${size.width}`);
      await p.assertClean();
    } finally {
      await p.close();
    }
  }
});
