// The case page, the dashboard and the referral inbox (issue 19), at 1280×800 and at 390×844
// (a phone): an incoming referral shows its reason and a summary before accepting and its
// code leads to the referral, never to an error; the 12-hour countdown of a protection
// request ticks without a reload (the page's clock driven by playwright's page.clock), on the
// dashboard and on the case page, and shows when it is overdue; "due soon" holds only the
// next 7 days; no sideways scrolling and a compact header on a phone; close and recuse wait
// under "More…"; the timeline is newest first with a switch; a blocked action gives the
// server's reason; a voided entry (voided from its own "More…") and a corrected one stay on
// the timeline, struck through, with their reasons. Cases are made through the API by the
// officers of lib/users.js.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, SHOTS, launch, signIn, shot, onPage } from './lib/browser.js';
import { assertFits, visit as visitScreen } from './lib/flows.js';
import { apiAs } from './lib/access.js';
import { words } from './lib/words.js';
import { addEvent, assertNoSideScroll, changedText, hoursFromNow, minutesIn, openCase, openMore, timelineTexts, vnDate } from './lib/casepage.js';

const T = words('vi');
const SIZES = [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const withPage = (opts, body) => onPage(browser, opts, body);

const visit = (page, hash) => visitScreen(page, BASE, hash);

// The dashboard fits the width; on a phone the header is compact.
async function assertHeaderAndDashboard(page, size, role) {
  await visit(page, '#/');
  await assertNoSideScroll(page, `${role} dashboard`);
  await assertFits(page);
  if (size.width < 500) {
    const header = await page.locator('#top').boundingBox();
    assert.ok(header.height <= 112, `a compact header on a phone: ${header.height}px`);
  }
}

// On the case page, each of `rare` waits under "More…": hidden until the menu opens (by
// keyboard too), and choosing one opens its form and folds the menu again.
async function assertMoreMenu(page, caseId, rare, role) {
  await visit(page, `#/cases/${caseId}`);
  await page.locator('.timeline-item').first().waitFor();
  await assertNoSideScroll(page, `${role} case page`);
  const menu = page.locator('#more-actions');
  for (const key of rare) {
    assert.equal(await menu.locator(`#action-${key}`).count(), 1, `${key} is under "More…"`);
    assert.equal(await page.locator(`#action-${key}`).isVisible(), false, `${key} is hidden until "More…" is opened`);
  }
  const width = page.viewportSize().width;
  await shot(page, `casepage-case-${role}-${width}`, { fullPage: false });
  await menu.locator('summary').focus();
  await page.keyboard.press('Enter');
  for (const key of rare) await page.locator(`#action-${key}`).waitFor();
  await assertNoSideScroll(page, `${role} case page, "More…" open`);
  await shot(page, `casepage-case-${role}-more-${width}`, { fullPage: false });
  await page.keyboard.press('Enter');
  await page.locator(`#action-${rare[0]}`).waitFor({ state: 'hidden' });
  await openMore(page);
  await page.locator(`#action-${rare[0]}`).click();
  await page.locator('#action-area form').waitFor();
  assert.equal(await menu.evaluate((el) => el.open), false, 'the menu folds once an action is chosen');
}

for (const size of SIZES) {
  test(`${size.name}: an incoming referral shows its reason and summary before accepting; its code leads to the referral, then to the case`, async () => {
    const union = await apiAs('union');
    const c = await openCase(union, { village: 'Thôn Bắc', types: ['economic', 'psychological'], risk: 'high', consent: ['union', 'justice'] });
    const reason = `Cần trợ giúp pháp lý về chia tài sản (${size.name}).`;
    await union.post(`/api/v1/cases/${c.id}/referrals`, { to: 'justice', reason, mandatory: false });
    await union.end();
    await withPage(size, async ({ page, expectHttp }) => {
      await signIn(page, 'justice');
      await visit(page, '#/');
      const item = page.locator('#dash-referrals .dash-item', { hasText: c.code });
      await item.waitFor();
      const text = await item.textContent();
      for (const expected of [reason, 'Thôn Bắc', T('violence.economic'), T('violence.psychological'), T('risk.high')]) {
        assert.ok(text.includes(expected), `the referral shows "${expected}" before accepting: ${text}`);
      }
      assert.doesNotMatch(text, /Người thử/, 'no name before accepting');
      await assertNoSideScroll(page, 'dashboard with a referral');
      await shot(page, `casepage-referral-inbox-${size.width}`);

      // The code is a link; it opens the referral (accept / decline), not an error page.
      await item.getByRole('link', { name: c.code }).click();
      await page.getByRole('heading', { level: 1, name: T('referral.title', { code: c.code }) }).waitFor();
      assert.ok((await page.locator('main').textContent()).includes(reason));
      assert.equal(await page.getByRole('heading', { level: 1, name: T('case.not_found_title') }).count(), 0);
      await assertNoSideScroll(page, 'the referral page');
      await shot(page, `casepage-referral-view-${size.width}`);

      // The bare case address, asked before accepting, is a 404 by design: the page still
      // shows the referral.
      expectHttp(404, new RegExp(`^/api/v1/cases/${c.id}$`));
      await visit(page, `#/cases/${c.id}`);
      await page.getByRole('heading', { level: 1, name: T('referral.title', { code: c.code }) }).waitFor();

      await page.locator('.referral-view [data-action="accept"]').click();
      await page.getByRole('heading', { level: 1, name: T('case.title', { code: c.code }) }).waitFor();
      await page.locator('.summary-grid').waitFor();
      assert.equal(await page.evaluate(() => location.hash), `#/cases/${c.id}`);
    });
  });

  test(`${size.name}: the 12-hour countdown ticks without a reload on the dashboard and the case page, and says when it is overdue`, async () => {
    const union = await apiAs('union');
    const fresh = await openCase(union, { risk: 'critical' });
    await addEvent(union, fresh.id, 'protection.request', { measure: 'no_contact', requested_by: 'survivor', summary: 'Đề nghị cấm tiếp xúc.' }, { at: hoursFromNow(-1) });
    const late = await openCase(union, { risk: 'high' });
    await addEvent(union, late.id, 'protection.request', { measure: 'no_contact', requested_by: 'agency', consent_by: 'survivor', summary: 'Đề nghị cấm tiếp xúc (đã quá hạn).' }, { at: hoursFromNow(-13) });
    await union.end();
    await withPage(size, async ({ page }) => {
      await page.clock.install();
      await signIn(page, 'leader');
      await visit(page, '#/');
      const item = page.locator('#dash-requests .dash-item', { hasText: fresh.code });
      const clock = item.locator('.countdown');
      await clock.waitFor();
      const before = minutesIn(await clock.textContent());
      assert.ok(before > 10 * 60 && before <= 11 * 60, `about 11 hours left: ${before} min`);
      await page.evaluate(() => { window.__notReloaded = true; });
      const shown = await clock.textContent();
      await page.clock.fastForward('05:00');
      const after = minutesIn(await changedText(clock, shown));
      assert.ok(before - after >= 4 && before - after <= 6, `5 minutes later: ${before} → ${after}`);
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');

      // The request past its 12 hours says so, in red.
      const overdue = page.locator('#dash-requests .dash-item', { hasText: late.code }).locator('.countdown.late');
      await overdue.waitFor();
      assert.match(await overdue.textContent(), /Quá hạn \d+ giờ \d+ phút/);
      assert.equal(await overdue.locator('.badge-danger').count(), 1);
      await assertNoSideScroll(page, 'dashboard with countdowns');
      await shot(page, `casepage-countdown-dashboard-${size.width}`, { fullPage: false });

      // The same countdown on the case page, ticking there too; the chair decides from it.
      await item.getByRole('link', { name: fresh.code }).click();
      const banner = page.locator('.deadline-banner .countdown');
      await banner.waitFor();
      const onCaseText = await banner.textContent();
      const onCase = minutesIn(onCaseText);
      await page.clock.fastForward('03:00');
      const later = minutesIn(await changedText(banner, onCaseText));
      assert.ok(onCase - later >= 2 && onCase - later <= 4, `3 minutes later on the case page: ${onCase} → ${later}`);
      await page.locator('.deadline-banner [data-action="decide-top"]').waitFor();
      await page.locator(`.timeline-item[data-type="protection.request"] .countdown`).waitFor();
      await shot(page, `casepage-countdown-case-${size.width}`, { fullPage: false });

      // Once the countdowns have left the page, the shared timer lets them go.
      await visit(page, '#/cases');
      await page.clock.fastForward('00:30');
      const kept = await page.evaluate(async () => (await import('/ui/js/ui/bits.js')).liveCountdowns());
      assert.equal(kept, 0, 'no countdown kept after leaving the page');
    });
  });

  test(`${size.name}: "due soon" holds only the next 7 days; overdue apart, later ones folded away`, async () => {
    const union = await apiAs('union');
    const c = await openCase(union);
    const visitDetails = { summary: 'Thăm hỏi tại nhà.' };
    await addEvent(union, c.id, 'union.follow_up', visitDetails, { due: vnDate(2) });
    await addEvent(union, c.id, 'union.follow_up', visitDetails, { due: vnDate(40) });
    await addEvent(union, c.id, 'union.follow_up', visitDetails, { due: '2030-06-01' });
    await addEvent(union, c.id, 'union.follow_up', visitDetails, { due: vnDate(-3), at: hoursFromNow(-24 * 6) });
    await union.end();
    await withPage(size, async ({ page }) => {
      await signIn(page, 'union');
      await visit(page, '#/');
      const dueDates = async (selector) => page.locator(selector, { hasText: c.code }).evaluateAll((els) => els.map((e) => e.dataset.due));
      assert.deepEqual(await dueDates('#dash-due .dash-item'), [vnDate(2)], 'due soon: the next 7 days only');
      assert.deepEqual(await dueDates('#dash-overdue .dash-item'), [vnDate(-3)]);
      const horizon = vnDate(7);
      const all = await page.locator('#dash-due .dash-item').evaluateAll((els) => els.map((e) => e.dataset.due));
      assert.ok(all.every((d) => d <= horizon), `nothing beyond ${horizon} under due soon: ${all.join(', ')}`);
      const later = page.locator('#dash-later');
      assert.equal(await later.evaluate((el) => el.open), false, 'the later ones are folded');
      assert.deepEqual(await dueDates('#dash-later .dash-item'), [vnDate(40), '2030-06-01']);
      await later.locator('summary').click();
      await later.locator('.dash-item', { hasText: c.code }).first().waitFor();
      await assertNoSideScroll(page, 'dashboard with due items');
      await shot(page, `casepage-due-${size.width}`);
    });
  });

  test(`${size.name}: the case page fits, opens on the main action, and keeps close and recuse under "More…"`, async () => {
    const union = await apiAs('union');
    const c = await openCase(union, { description: 'Một mô tả dài để xem trang có vừa màn hình điện thoại không: '.repeat(6) });
    await addEvent(union, c.id, 'protection.request', { measure: 'no_contact', requested_by: 'survivor', summary: 'Đề nghị cấm tiếp xúc.' });
    await addEvent(union, c.id, 'note', { text: 'Ghi chú rất dài: '.repeat(20) });
    await withPage(size, async ({ page }) => {
      await signIn(page, 'union');
      await assertHeaderAndDashboard(page, size, 'union');
      await assertMoreMenu(page, c.id, ['recuse', 'export'], 'union');
      const main = page.locator('#action-event');
      assert.equal(await main.isVisible(), true, 'the main action is shown');
      assert.match(await main.getAttribute('class'), /primary/);
      assert.equal(await page.locator('#more-actions #action-event').count(), 0);
      // A table's caption runs across the width, not one word a line (ui/bits.js table).
      await visit(page, '#/cases');
      const caption = await page.locator('.table-wrap caption').first().evaluate((el) => ({
        width: el.getBoundingClientRect().width, wrap: el.closest('.table-wrap').getBoundingClientRect().width,
        lines: el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
      }));
      assert.ok(caption.width >= caption.wrap * 0.9 && caption.lines < 2.5, `the caption spans the table: ${JSON.stringify(caption)}`);
    });
    // Every stage done: the chair (who sees the case through the protection request) may close it.
    await union.post(`/api/v1/cases/${c.id}/stages/union/complete`, { summary: 'Hoàn thành phần việc.' });
    await union.end();
    const leader = await apiAs('leader');
    const answer = await leader.get(`/api/v1/cases/${c.id}`);
    await leader.end();
    assert.ok(answer.allowed_actions.includes('close') && answer.allowed_actions.includes('recuse'), `the chair may close and recuse: ${answer.allowed_actions}`);
    await withPage(size, async ({ page }) => {
      await signIn(page, 'leader');
      await assertHeaderAndDashboard(page, size, 'leader');
      await assertMoreMenu(page, c.id, ['close', 'recuse'], 'leader');
    });
  });

  test(`${size.name}: the timeline is newest first; the switch flips it, for this page load only`, async () => {
    const union = await apiAs('union');
    const c = await openCase(union);
    for (const n of [1, 2, 3]) await addEvent(union, c.id, 'note', { text: `Ghi chú thứ ${n}` }, { at: hoursFromNow(n - 4) });
    await union.end();
    const order = async (page) => (await timelineTexts(page)).map((text) => (/Ghi chú thứ (\d)/.exec(text) || [])[1]).filter(Boolean);
    await withPage(size, async ({ page }) => {
      await signIn(page, 'union');
      await visit(page, `#/cases/${c.id}`);
      assert.deepEqual(await order(page), ['3', '2', '1'], 'newest first');
      const toggle = page.locator('#timeline-order');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      assert.deepEqual(await order(page), ['1', '2', '3'], 'oldest first after the switch');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      await visit(page, '#/');
      await visit(page, `#/cases/${c.id}`);
      assert.deepEqual(await order(page), ['1', '2', '3'], 'the choice holds while the page is open');
      const stored = await page.evaluate(() => [...Object.values(localStorage), ...Object.keys(localStorage)].join(' '));
      assert.doesNotMatch(stored, /oldest|newest|timeline|order/i, 'nothing of it in localStorage');
      await page.reload();
      await page.locator('.timeline-item').first().waitFor();
      assert.deepEqual(await order(page), ['3', '2', '1'], 'a new page load starts newest first');
    });
  });

  test(`${size.name}: a blocked action gives the server's reason (no mediation on a crime case)`, async () => {
    const union = await apiAs('union');
    const c = await openCase(union, { consent: ['union', 'justice'], crime: true });
    const referral = await union.post(`/api/v1/cases/${c.id}/referrals`, { to: 'justice', reason: 'Tư vấn pháp luật.', mandatory: false });
    await union.end();
    const justice = await apiAs('justice');
    await justice.post(`/api/v1/referrals/${referral.id}/accept`);
    const answer = await justice.get(`/api/v1/cases/${c.id}`);
    await justice.end();
    const reason = answer.refusals['event:justice.mediation'];
    assert.ok(reason, `the server refuses mediation with a reason: ${JSON.stringify(answer.refusals)}`);
    await withPage(size, async ({ page }) => {
      await signIn(page, 'justice');
      await visit(page, `#/cases/${c.id}`);
      const refusal = page.locator('.refusal[data-actions~="event:justice.mediation"]');
      await refusal.waitFor();
      assert.equal(await refusal.locator('.refusal-text').textContent(), reason);
      assert.ok((await refusal.textContent()).includes(T('event.justice.mediation')), 'the refusal names the action');
      await page.locator('#action-event').click();
      const types = await page.locator('#action-area select[name="type"] option').evaluateAll((els) => els.map((o) => o.value));
      assert.ok(!types.includes('justice.mediation'), `mediation is not offered: ${types}`);
      await assertNoSideScroll(page, 'case page with a refusal');
      await shot(page, `casepage-refusal-${size.width}`, { fullPage: false });
    });
  });

  test(`${size.name}: a corrected or voided entry stays on the timeline, struck through, with its reason`, async () => {
    const union = await apiAs('union');
    const c = await openCase(union);
    const mistaken = await addEvent(union, c.id, 'note', { text: 'Ghi nhầm vụ việc khác' }, { at: hoursFromNow(-3) });
    const wrong = await addEvent(union, c.id, 'note', { text: 'Thăm hỏi ngày 12' }, { at: hoursFromNow(-2) });
    const right = await union.post(`/api/v1/cases/${c.id}/events/${wrong.id}/correct`, { details: { text: 'Thăm hỏi ngày 13' }, reason: 'Ghi sai ngày thăm hỏi.' });
    await union.end();
    assert.equal(String(right.corrects), String(wrong.id));
    await withPage(size, async ({ page }) => {
      await signIn(page, 'union');
      await visit(page, `#/cases/${c.id}`);
      // Void one entry from its own "More…" menu, with a reason.
      const entry = page.locator(`#event-${mistaken.id}`);
      await entry.locator('.entry-more > summary').click();
      await entry.locator('[data-action="void"]').click();
      await entry.locator('.void-form [name="reason"]').fill('Ghi vào nhầm vụ việc.');
      await entry.locator('.void-form button[type="submit"]').click();
      await page.getByText(T('timeline.voided_done')).waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      const voided = page.locator(`#event-${mistaken.id}`);
      assert.match(await voided.getAttribute('class'), /voided/);
      assert.ok((await voided.textContent()).includes('Ghi vào nhầm vụ việc.'), 'the void gives its reason');
      assert.ok((await voided.textContent()).includes(T('timeline.voided')));
      assert.equal(await voided.locator('[data-action="void"]').count(), 0, 'a voided entry cannot be voided again');
      // The corrected entry stays, struck through, with the reason; the correction names it.
      const superseded = page.locator(`#event-${wrong.id}`);
      assert.match(await superseded.getAttribute('class'), /superseded/);
      assert.ok((await superseded.textContent()).includes('Ghi sai ngày thăm hỏi.'), 'the correction gives its reason');
      const textDecoration = await superseded.locator('.facts.struck dd').first().evaluate((el) => getComputedStyle(el).textDecorationLine);
      assert.equal(textDecoration, 'line-through', 'its details are struck through');
      const correction = page.locator(`#event-${right.id}`);
      assert.ok((await correction.textContent()).includes(T('timeline.correction')));
      await correction.locator(`[data-jump="${wrong.id}"]`).click();
      assert.equal(await page.evaluate(() => document.activeElement.id), `event-${wrong.id}`, 'the correction leads to what it corrects');
      // Correct an entry through the form: it starts from what was recorded and asks why.
      const current = page.locator(`#event-${right.id}`);
      await current.locator('.entry-more > summary').click();
      await current.locator('[data-action="correct"]').click();
      const form = current.locator('.correct-form');
      assert.equal(await form.locator('[name="details.text"]').inputValue(), 'Thăm hỏi ngày 13', 'the form starts from the entry');
      await form.locator('[name="details.text"]').fill('Thăm hỏi ngày 14');
      await form.locator('button[type="submit"]').click();
      await form.locator('[data-name="reason"] .field-error').waitFor({ state: 'visible' });  // a reason is required
      await form.locator('[name="reason"]').fill('Ngày thăm hỏi ghi sai lần nữa.');
      await form.locator('button[type="submit"]').click();
      await page.getByText(T('timeline.corrected_done', { type: T('event.note') })).waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      assert.match(await page.locator(`#event-${right.id}`).getAttribute('class'), /superseded/);
      await page.locator('.timeline-item:not(.superseded):not(.voided)', { hasText: 'Thăm hỏi ngày 14' }).waitFor();
      await assertNoSideScroll(page, 'timeline with corrections');
      await page.locator('section[aria-labelledby="timeline-title"]').screenshot({ path: path.join(SHOTS, `casepage-corrections-${size.width}.png`) });
    });
  });
}
