// Closing a high-risk case (issue 20), at 1280×800 and 390×844: the close is refused until the
// commune chair approves (409 closure_needs_approval, said in refusals.close), and the page
// offers the request for approval there; the request waits on the leader's dashboard, whose
// link opens the decision form on the case; a request sent back keeps the case open (its
// reason on the timeline) until another is approved; the close then takes the survivor's
// anonymous feedback (answers, or "declined"), which is never kept with the case and is
// counted in the report's survivor_feedback table, on the screen and on paper. Also the
// court's contact prohibitions on the dashboard. Made-up people only; cases are prepared
// through the API by the officers of lib/users.js.
//
// Needs the case endpoints: run with BINHAN_UI_STORY=1.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, signIn, signOut, shot, onPage } from './lib/browser.js';
import { assertFits, assertLabelled, confirmed, fillDetails, visit as visitScreen } from './lib/flows.js';
import { apiAs } from './lib/access.js';
import { addEvent, assertNoSideScroll, openCase, openMore, vnDate } from './lib/casepage.js';
import { words } from './lib/words.js';

const RUN = Boolean(process.env.BINHAN_UI_STORY);
const SKIP = !RUN && 'set BINHAN_UI_STORY=1 (needs the case endpoints)';
const T = words('vi');
const SIZES = [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }];
const MARK = /^(\d+|<5|x)$/;

let browser;
before(async () => { if (RUN) browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const visit = (page, hash) => visitScreen(page, BASE, hash);
const entries = (page, type) => page.locator(`.timeline-item[data-type="${type}"]`);

// A high-risk case of the union's, its stage completed: only the chair's approval is missing.
async function readyToClose(union, serial) {
  const c = await openCase(union, { risk: 'high', village: 'Thôn Nam', description: `Bị đe dọa bằng dao (đóng ${serial}).` });
  await union.post(`/api/v1/cases/${c.id}/stages/union/complete`, { summary: 'Đã hỗ trợ xong phần việc của Hội.' });
  return c;
}

// The request for approval, from the refusal of "close" on the case page.
async function requestApproval(page, reason) {
  const offer = page.locator('#refusals #request-closure');
  await offer.waitFor();
  await confirmed(page, async () => {
    await offer.click();
    const form = page.locator('#action-area form.event-form');
    await form.locator('input[name="type"][value="closure.request"]').waitFor({ state: 'attached' });
    await fillDetails(form, { reason });
    await form.locator('button[type="submit"]').click();
  });
  const request = entries(page, 'closure.request').first();
  await request.getByText(T('timeline.awaiting_closure')).waitFor();
  return request;
}

// The leader: from the dashboard's list to the decision form on the case, and the decision.
async function decideFromDashboard(page, code, { approved, reason }) {
  await visit(page, '#/');
  const item = page.locator('#dash-closure-requests .dash-item', { hasText: code });
  await item.waitFor();
  await assertFits(page);
  await item.locator('a[data-action="decide-closure"]').click();
  const form = page.locator('#action-area form.event-form');
  await form.locator('input[name="type"][value="closure.decision"]').waitFor({ state: 'attached' });
  assert.equal(await form.locator('input[name="details.approved"]:checked').count(), 0, 'approve or send back is not chosen beforehand');
  await assertLabelled(page);
  await confirmed(page, async () => {
    await fillDetails(form, reason ? { approved, reason } : { approved });
    await form.locator('button[type="submit"]').click();
  });
}

for (const size of SIZES) {
  test(`${size.name}: a high-risk case is closed only after the chair approves, from the dashboard; the close takes the survivor's anonymous feedback, counted in the report`, { skip: SKIP }, async () => {
    const union = await apiAs('union');
    const c = await readyToClose(union, size.name);
    const answer = await union.get(`/api/v1/cases/${c.id}`);
    assert.equal(answer.refusal_codes && answer.refusal_codes.close, 'closure_needs_approval', 'the server refuses the close until the chair approves');
    assert.ok(answer.allowed_actions.includes('event:closure.request'));
    const refused = await union.ask('POST', `/api/v1/cases/${c.id}/close`, { reason_code: 'resolved', reason: 'Thử đóng trước khi được đồng ý.' });
    assert.equal(refused.status, 409, refused.text);

    await onPage(browser, size, async ({ page }) => {
      // 1. The union: the refusal says why, and offers the request for approval.
      await signIn(page, 'union');
      await visit(page, `#/cases/${c.id}`);
      const refusal = page.locator('#refusals .refusal[data-actions~="close"]');
      await refusal.getByText(answer.refusals.close).waitFor();
      await assertNoSideScroll(page, 'the refused close');
      await shot(page, `closure-refused-${size.name}`);
      const first = await requestApproval(page, 'Người bị bạo lực đã chuyển về nhà mẹ đẻ, không còn bị đe dọa.');
      const firstId = await first.getAttribute('data-event');
      await signOut(page);

      // 2. The leader, on a desktop: sends the first request back with a reason; the case
      // stays open and the union asks again.
      if (size.name === 'desktop') {
        await signIn(page, 'leader');
        await decideFromDashboard(page, c.code, { approved: false, reason: 'Cần thêm một lần thăm hỏi sau 7 ngày.' });
        await entries(page, 'closure.decision').first().getByText('Cần thêm một lần thăm hỏi sau 7 ngày.').waitFor();
        assert.equal(await page.locator(`#event-${firstId}`).getByText(T('timeline.awaiting_closure')).count(), 0, 'the request is decided');
        await signOut(page);
        const back = await union.get(`/api/v1/cases/${c.id}`);
        assert.ok(!back.allowed_actions.includes('close'), 'a request sent back does not allow the close');
        await signIn(page, 'union');
        await visit(page, `#/cases/${c.id}`);
        await requestApproval(page, 'Đã thăm hỏi thêm; người bị bạo lực an toàn.');
        await signOut(page);
      }

      // 3. The leader approves from the dashboard; the request leaves the list.
      await signIn(page, 'leader');
      await decideFromDashboard(page, c.code, { approved: true });
      await shot(page, `closure-approved-${size.name}`);
      await visit(page, '#/');
      await page.locator('#dash-closure-requests').waitFor();
      assert.equal(await page.locator('#dash-closure-requests .dash-item', { hasText: c.code }).count(), 0, 'a decided request leaves the dashboard');
      await signOut(page);

      // 4. The union closes, with the survivor's feedback (anonymous; declined on the phone).
      await signIn(page, 'union');
      await visit(page, `#/cases/${c.id}`);
      await openMore(page);
      await page.locator('#action-close').click();
      const form = page.locator('#close-form');
      const feedback = form.locator('#survivor-feedback');
      await feedback.getByText(T('close.feedback_hint')).waitFor();
      assert.equal(await feedback.locator('input:checked').count(), 0, 'nothing answered for the survivor beforehand');
      const questions = feedback.locator('fieldset[data-name^="feedback."]');
      assert.ok(await questions.count() >= 1, 'the catalogue\'s questions are there');
      for (const q of await questions.all()) assert.equal(await q.isVisible(), false, 'the questions wait until the survivor answers');
      await form.locator('[name="reason_code"]').selectOption('resolved');
      await form.locator('[name="reason"]').fill('Người bị bạo lực an toàn; Chủ tịch đã đồng ý đóng.');
      if (size.name === 'desktop') {
        await feedback.locator('input[name="feedback"][value="answered"]').check();
        for (const q of await questions.all()) await q.waitFor();
        await form.locator('button[type="submit"]').click();
        await form.locator(`fieldset[data-name^="feedback."] .field-error:not([hidden])`).first().waitFor();
        assert.equal(await page.locator('.case-badges').getByText(T('status.closed')).count(), 0, 'unanswered questions stop the close');
        for (const q of await questions.all()) await q.locator('input[type="radio"][value="yes"]').check();
      } else {
        await feedback.locator('input[name="feedback"][value="declined"]').check();
        for (const q of await questions.all()) assert.equal(await q.isVisible(), false, 'no question for a survivor who declined');
      }
      await assertLabelled(page);
      await assertNoSideScroll(page, 'the close form with feedback');
      await shot(page, `closure-feedback-${size.name}`);
      await confirmed(page, () => form.locator('button[type="submit"]').click());
      await page.locator('.case-badges').getByText(T('status.closed')).waitFor();

      // Never kept with the case: not in its answer, not in its timeline.
      for (const path of [`/api/v1/cases/${c.id}`, `/api/v1/cases/${c.id}/events?limit=500`]) {
        const text = JSON.stringify(await union.get(path));
        assert.ok(!/survivor_feedback|felt_safe|respected|knows_help|would_return/.test(text), `${path} holds no feedback`);
      }
      await signOut(page);

      // 5. The report counts it, on the screen and on paper, withheld while fewer than five answered.
      await signIn(page, 'social');
      const year = vnDate(0).slice(0, 4);
      await visit(page, `#/reports?from=${year}-01-01&to=${vnDate(0)}`);
      const table = page.locator('section.report-group[data-table="survivor_feedback"]');
      await table.locator('table').waitFor();
      await table.getByRole('heading', { name: T('report_group.survivor_feedback') }).waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
      assert.ok(rows.length > 0, 'the feedback table has rows');
      for (const [, count] of rows) assert.match(count, MARK, 'a count, "<5" or "x"');
      const counted = size.name === 'desktop' ? T('feedback.felt_safe.yes') : T('feedback.declined.true');
      assert.ok(rows.some(([cell]) => cell === counted), `"${counted}" is a row: ${JSON.stringify(rows)}`);
      // Fewer than five forms in the period: every answer is withheld ("x"), so no closure's
      // answers can be read off the table by whoever knows which case closed.
      assert.ok(rows.every(([, count]) => count === 'x'), `every answer withheld: ${JSON.stringify(rows)}`);
      for (const key of ['by_channel', 'hours_to_police', 'hours_to_decision', 'hours_to_acceptance', 'hours_to_union']) {
        await page.locator(`section.report-group[data-table="${key}"]`).getByRole('heading', { name: T(`report_group.${key}`) }).waitFor();
      }
      await assertNoSideScroll(page, 'the report');
      await shot(page, `closure-report-${size.name}`);
      await visit(page, `#/reports/print?from=${year}-01-01&to=${vnDate(0)}`);
      const paper = page.locator('table.paper-table[data-table="survivor_feedback"]');
      await paper.waitFor();
      assert.equal(await paper.locator('caption').textContent(), T('report_group.survivor_feedback'));
      assert.ok((await paper.locator('tbody th').allTextContents()).includes(counted), 'the paper counts it too');
      for (const key of ['by_channel', 'hours_to_police']) await page.locator(`table.paper-table[data-table="${key}"]`).waitFor();
    });
    await union.end();
  });
}

test('the court\'s contact prohibitions in force are on the dashboard of the agency working the case, with their dates; one ending within 7 days says so', { skip: SKIP }, async () => {
  const police = await apiAs('police');
  const c = await openCase(police, { risk: 'high', consent: ['police'], village: 'Thôn Đông', description: 'Tòa án đã ra quyết định cấm tiếp xúc.' });
  await addEvent(police, c.id, 'protection.court_order', { court: 'Tòa án nhân dân khu vực 1', order_number: '12/2026/QĐ-CTX', issued: vnDate(0), starts: vnDate(0), ends: vnDate(5) });
  await police.end();
  for (const size of SIZES) {
    await onPage(browser, size, async ({ page }) => {
      await signIn(page, 'police');
      await visit(page, '#/');
      const item = page.locator('#dash-court-orders .dash-item', { hasText: c.code });
      await item.waitFor();
      await item.getByText(T('court_order_state.ending_soon')).waitFor();
      assert.match(await item.textContent(), /\d{2}\/\d{2}\/\d{4}.*\d{2}\/\d{2}\/\d{4}/, 'from and until, as dates are written');
      await assertNoSideScroll(page, 'the dashboard with a court order');
      await shot(page, `closure-court-order-${size.name}`);
    });
  }
});
