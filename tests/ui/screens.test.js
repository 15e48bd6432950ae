// Every main screen, for the roles that have the duty: looked at (screenshots in
// build/ui-screenshots/), checked for labels and fit, and the guards that keep them honest —
// role routing, need-to-know (another agency's case is a 404), the idle warning, and the
// CSP/console guard itself.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, openApp, pendingEndpoints, signIn, signOut, shot, onPage } from './lib/browser.js';
import { assertContrast, assertFits, assertLabelled, openCaseThroughIntake } from './lib/flows.js';
import { call, login } from './lib/api.js';
import { credentials } from './lib/users.js';
import { visit as visitScreen } from './lib/flows.js';
import { installSampleApi, SAMPLE_CASE_ID } from './lib/sample.js';
import { apiAs, assertPanelMatchesServer } from './lib/access.js';
import { openMore } from './lib/casepage.js';

let browser;
const pending = await pendingEndpoints();
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const withPage = (opts, body) => onPage(browser, opts, body);

const visit = (page, hash) => visitScreen(page, BASE, hash);

const MAIN_SCREENS = {
  union: ['#/', '#/cases', '#/cases/new', '#/account'],
  leader: ['#/', '#/cases', '#/reports'],
  social: ['#/reports'],
  oversight: ['#/reports', '#/audit'],
  admin: ['#/users', '#/audit'],
};

for (const [role, hashes] of Object.entries(MAIN_SCREENS)) {
  test(`${role}: each main screen renders with a label on every field, AA contrast, and fits 1280 and 360 px`, async () => {
    for (const width of [1280, 360]) {
      await withPage({ width, height: 800 }, async ({ page }) => {
        await signIn(page, role);
        for (const hash of hashes) {
          await visit(page, hash);
          await assertLabelled(page);
          await assertFits(page);
          await assertContrast(page);
          const name = hash.replace(/^#\/?/, '').replace(/\W+/g, '-') || 'home';
          await shot(page, `${role}-${name}-${width}`);
        }
      });
    }
  });
}

test('the navigation offers each role only its duties, and a foreign screen says so', async () => {
  const expected = {
    union: ['Việc của tôi', 'Vụ việc', 'Mở vụ việc mới', 'Tài khoản'],
    leader: ['Việc của tôi', 'Vụ việc', 'Báo cáo', 'Tài khoản'],
    social: ['Báo cáo', 'Tài khoản'],
    oversight: ['Báo cáo', 'Nhật ký truy cập', 'Tài khoản'],
    admin: ['Nhật ký truy cập', 'Người dùng', 'Tài khoản'],
  };
  await withPage({}, async ({ page }) => {
    for (const [role, items] of Object.entries(expected)) {
      await signIn(page, role);
      const nav = (await page.locator('.main-nav a').allTextContents()).map((s) => s.replace(/^▸/, '').trim());
      assert.deepEqual(nav, items, `navigation of ${role}`);
      if (role === 'social') {
        await visit(page, '#/cases');
        await page.getByRole('heading', { level: 1, name: 'Không thuộc nhiệm vụ của bạn' }).waitFor();
      }
      await signOut(page);
    }
  });
});

test('intake in steps opens a case; the child rule shows; another agency cannot see the case', { skip: pending.includes('/api/v1/cases') && 'POST /api/v1/cases is not on this server yet' }, async () => {
  let opened;
  await withPage({}, async ({ page }) => {
    await signIn(page, 'union');
    // The child rule appears as soon as the birth year makes the survivor a child.
    await page.goto(`${BASE}/#/cases/new`);
    const birth = page.locator('[name="survivor.birth_year"]');
    await birth.fill(String(new Date().getFullYear() - 12));
    await page.locator('#child-rule-survivor').waitFor({ state: 'visible' });
    await shot(page, 'intake-child-rule-1280');
    await birth.fill('');
    assert.equal(await page.locator('#child-rule-survivor').isVisible(), false);

    opened = await openCaseThroughIntake(page, {
      survivor: { full_name: 'Nguyễn Thị Hoa', sex: 'female', birth_year: 1990, village: 'Thôn Đông', phone: '0912 000 001' },
      incident: { date: '2024-05-01', village: 'Thôn Đông', place: 'home', types: ['physical', 'psychological'], description: 'Bị chồng đánh sau khi uống rượu.' },
      perpetrators: [{ full_name: 'Trần Văn Nam', sex: 'male', relationship: 'spouse' }],
      risk: 'high',
      consent: { agencies: ['police', 'union'] },
    }, (name) => shot(page, `intake-${name}-1280`));
    assert.match(opened.code, /^HP-\d{4}-\d{4}$/);
    await page.getByText(`Đã mở vụ việc ${opened.code}.`).waitFor();
    await page.locator('.summary-grid').getByText('Nguyễn Thị Hoa').waitFor();
    await page.locator('.track-row[data-agency="union"]').getByText('Đang xử lý').first().waitFor();
    for (const key of ['event', 'update', 'refer', 'consent', 'complete_stage', 'recuse']) await page.locator(`#action-${key}`).waitFor({ state: 'attached' });
    assert.equal(await page.locator('#action-break_glass').count(), 0, 'break-glass is the leader’s only');
    const union = await apiAs('union');
    await assertPanelMatchesServer(page, union, await union.get('/api/v1/catalogue'), opened.id, 'union after intake');
    await union.end();
    await page.locator('.loading').waitFor({ state: 'detached' });
    await shot(page, 'case-page-union-1280');

    await visit(page, '#/cases');
    const row = page.locator('.cases-table tbody tr', { hasText: opened.code });
    await row.waitFor();
    assert.doesNotMatch(await page.locator('.cases-table').textContent(), /Nguyễn Thị Hoa/, 'lists show codes, never names');
    await shot(page, 'cases-list-1280');
  });
  await withPage({}, async ({ page, expectHttp }) => {
    expectHttp(404, new RegExp(`^/api/v1/cases/${opened.id}$`));
    await signIn(page, 'police');
    await visit(page, `#/cases/${opened.id}`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy vụ việc' }).waitFor();
    assert.doesNotMatch(await page.locator('main').textContent(), /Nguyễn Thị Hoa/);
  });
});

test('audit: the trail lists the sign-ins, and the chain verifies', { skip: pending.includes('/api/v1/audit') && 'GET /api/v1/audit is not on this server yet' }, async () => {
  await withPage({}, async ({ page }) => {
    await signIn(page, 'oversight');
    await visit(page, '#/audit');
    const table = page.locator('.audit-table');
    await table.getByRole('cell', { name: 'Đăng nhập', exact: true }).first().waitFor();
    const union = await table.getByRole('cell', { name: /^hoi\.phunu \(#\d+\)$/ }).first().textContent();
    const id = /#(\d+)/.exec(union)[1];
    await page.getByLabel('Người thực hiện', { exact: true }).selectOption(id);  // the person picker
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForFunction((n) => location.hash.includes(`actor=${n}`), id);
    await page.locator('.loading').waitFor({ state: 'detached' });
    const actors = await page.locator('.audit-table tbody tr td:nth-child(2)').allTextContents();
    assert.ok(actors.length > 0 && actors.every((a) => a === union), `only ${union} after filtering: ${actors.join(', ')}`);
    await page.locator('#audit-verify').click();
    await page.locator('.verify-result').getByText(/Chuỗi nhật ký toàn vẹn: \d+ mục\./).waitFor();
    await shot(page, 'audit-real-1280');
  });
});

test('break-glass opens a hidden case to the leader; recusal hides it from the officer', { skip: ['/api/v1/cases/{id}/break-glass', '/api/v1/cases/{id}/recusals'].some((p) => pending.includes(p)) && 'break-glass or recusals not on this server yet' }, async () => {
  const token = await login(credentials('union'));
  const created = await call('POST', '/api/v1/cases', { token, body: {
    survivor: { full_name: 'Đinh Thị Gấm', sex: 'female', birth_year: 1979, village: 'Thôn Tây' },
    incident: { date: '2024-03-02', village: 'Thôn Tây', place: 'home', types: ['economic'], description: 'Bị chiếm đoạt tiền công.' },
    risk: 'medium', consent: { given: true, given_by: 'survivor', agencies: ['union'] },
  } });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const caseApi = new RegExp(`^/api/v1/cases/${id}(/events)?$`);
  await withPage({}, async ({ page, expectHttp }) => {
    expectHttp(404, caseApi);
    await signIn(page, 'leader');
    await visit(page, `#/cases/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy vụ việc' }).waitFor();
    const form = page.locator('#break-glass-form');
    await form.locator('[name="reason"]').fill('ngắn');
    await form.locator('button[type="submit"]').click();
    await form.getByText('Lý do cần ít nhất 10 ký tự.').waitFor();
    await form.locator('[name="reason"]').fill('Người bị bạo lực gọi đường dây nóng lúc nửa đêm, cần xem ngay.');
    await form.locator('button[type="submit"]').click();
    await page.getByRole('heading', { level: 1, name: `Vụ việc ${created.json.code}` }).waitFor();
    await shot(page, 'break-glass-leader-1280');
  });
  await withPage({}, async ({ page, expectHttp }) => {
    expectHttp(404, caseApi);
    await signIn(page, 'union');
    await visit(page, `#/cases/${id}`);
    await openMore(page); // recusal waits under "More…"
    await page.locator('#action-recuse').click();
    await page.locator('#recuse-form [name="reason"]').fill('Tôi là hàng xóm của người có hành vi bạo lực.');
    await page.locator('#recuse-form button[type="submit"]').click();
    await page.getByText('Đã ghi nhận việc rút lui.').waitFor();
    await page.waitForFunction(() => location.hash === '#/cases');
    await visit(page, `#/cases/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy vụ việc' }).waitFor();
  });
  await call('DELETE', '/api/v1/session', { token });
});

test('a referral declined from the dashboard shows on the referring agency’s stage track', { skip: ['/api/v1/cases/{id}/referrals', '/api/v1/referrals/{rid}/decline', '/api/v1/dashboard'].some((p) => pending.includes(p)) && 'referrals or dashboard not on this server yet' }, async () => {
  const token = await login(credentials('union'));
  const created = await call('POST', '/api/v1/cases', { token, body: {
    survivor: { full_name: 'Hà Thị Nga', sex: 'female', birth_year: 1995, village: 'Thôn Nam' },
    incident: { date: '2024-06-10', village: 'Thôn Nam', place: 'public', types: ['psychological'], description: 'Bị đe dọa qua điện thoại.' },
    risk: 'low', consent: { given: true, given_by: 'survivor', agencies: ['union', 'justice'] },
  } });
  assert.equal(created.status, 201, created.text);
  const referral = await call('POST', `/api/v1/cases/${created.json.id}/referrals`, { token, body: { to: 'justice', reason: 'Cần tư vấn pháp luật.', mandatory: false } });
  assert.equal(referral.status, 201, referral.text);
  await withPage({}, async ({ page }) => {
    await signIn(page, 'justice');
    const item = page.locator('#dash-referrals .dash-item', { hasText: created.json.code });
    await item.locator('[data-action="decline"]').click();
    await item.getByLabel('Lý do từ chối').fill('Đã được trợ giúp pháp lý ở huyện.');
    await item.getByRole('button', { name: 'Xác nhận từ chối' }).click();
    await item.getByText(`Đã từ chối chuyển gửi vụ việc ${created.json.code}.`).waitFor();
    await shot(page, 'referral-declined-1280');
  });
  await withPage({}, async ({ page }) => {
    await signIn(page, 'union');
    await visit(page, `#/cases/${created.json.id}`);
    const track = page.locator('.track-row[data-agency="justice"]');
    await track.getByText('Đã từ chối').first().waitFor();
    await track.getByText('Lý do / kết quả: chuyển gửi bị từ chối').waitFor();
  });
  await call('DELETE', '/api/v1/session', { token });
});

test('the idle warning comes at 13 minutes and the session ends at 15', async () => {
  await withPage({}, async ({ page }) => {
    await page.clock.install();
    await signIn(page, 'justice');
    await page.clock.fastForward('13:05');
    const dialog = page.getByRole('alertdialog', { name: 'Phiên làm việc sắp kết thúc' });
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Còn 1 phút \d+ giây/);
    await shot(page, 'idle-warning-1280', { fullPage: false });
    await dialog.getByRole('button', { name: 'Tiếp tục làm việc' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.clock.fastForward('15:30');
    await page.getByText('Phiên làm việc đã kết thúc vì lâu không thao tác. Hãy đăng nhập lại.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  });
});

test('the guards themselves: an inline style fails the page, grey on blue fails the contrast check', async () => {
  const p = await openPage(browser);
  try {
    await openApp(p.page);
    await p.page.evaluate(() => document.body.setAttribute('style', 'background: red'));
    await p.page.waitForTimeout(200);
    await assert.rejects(p.assertClean(), /CSP violation|Refused to apply inline style/);
    // and the contrast check sees grey text on the blue header
    await p.page.evaluate(() => {
      const span = document.createElement('span');
      span.className = 'muted';
      span.textContent = 'khó đọc';
      document.querySelector('.topbar').append(span);
    });
    await assert.rejects(assertContrast(p.page), /contrast below WCAG AA/);
  } finally {
    await p.close();
  }
});

test('sample data: dashboard, case page with timeline and decision form, reports with charts, print view, audit', async () => {
  for (const width of [1280, 360]) {
    await withPage({ width, height: 800 }, async ({ page }) => {
      const sample = await installSampleApi(page);
      await signIn(page, 'union');
      await visit(page, '#/');
      await page.locator('#dash-referrals .dash-item').waitFor();
      await assertFits(page);
      await shot(page, `sample-dashboard-union-${width}`);
      await visit(page, `#/cases/${SAMPLE_CASE_ID}`);
      await page.locator('.timeline-item').first().waitFor();
      await assertFits(page);
      await assertContrast(page);
      await shot(page, `sample-case-union-${width}`);
      await page.locator('#action-event').click();
      await page.locator('#action-area select[name="type"]').selectOption('union.follow_up');
      await assertLabelled(page);
      await shot(page, `sample-case-union-event-form-${width}`);
      await page.locator('#action-refer').click();
      await page.locator('#refer-form select[name="to"]').selectOption('school');
      await page.locator('#refer-form .alert-warning').waitFor();
      assert.equal(await page.locator('#refer-form button[type="submit"]').isDisabled(), true, 'no referral without consent');
      await shot(page, `sample-case-refer-no-consent-${width}`);
      await signOut(page);

      sample.as('leader');
      await signIn(page, 'leader');
      await visit(page, '#/');
      await page.locator('#dash-requests .hours-left').waitFor();
      await shot(page, `sample-dashboard-leader-${width}`);
      await visit(page, `#/cases/${SAMPLE_CASE_ID}`);
      await page.locator('[data-action="decide"]').click();
      await page.locator('#action-area [name="details.ends"]').waitFor();
      await assertLabelled(page);
      await shot(page, `sample-case-leader-decision-${width}`);
      await visit(page, '#/reports?from=2024-01-01&to=2024-12-31');
      await page.locator('svg.chart').first().waitFor();
      await assertFits(page);
      await assertContrast(page);
      await shot(page, `sample-reports-${width}`);
      await visit(page, '#/reports/print?from=2024-01-01&to=2024-12-31');
      await page.locator('article.paper-report table').first().waitFor(); // the paper: tables, no charts
      await page.emulateMedia({ media: 'print' });
      await shot(page, `sample-reports-print-${width}`);
      await page.emulateMedia({ media: 'screen' });
      await visit(page, '#/');
      await signOut(page);

      await signIn(page, 'oversight');
      await visit(page, '#/audit');
      await page.locator('#audit-verify').click();
      await page.locator('.verify-result .alert-success').waitFor();
      await shot(page, `sample-audit-${width}`);
    });
  }
});
