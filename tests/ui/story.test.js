// The workflow story of issue 5, played through the browser by five officers, once in
// Vietnamese and once in English: the Women's Union opens a case and refers it to police
// with consent; police accept, log a report and an intervention, and request a no-contact
// decision; the leader grants 3 days; justice receives a referral, logs legal aid and (on a
// non-crime case) a mediation; school is refused without consent and accepted after consent
// is amended; the union logs follow-ups and one goes overdue on the dashboard; every stage
// completes; the case (high risk) closes once the chair approves; each agency saw only its view.
//
// Needs the case, event, referral and dashboard endpoints of API.md: run with
// BINHAN_UI_STORY=1 (ops/test does once the server has them).

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, signIn, switchLanguage, shot } from './lib/browser.js';
import { confirmed, fillDetails, openAction, openCaseThroughIntake, recordEvent, submitAction } from './lib/flows.js';
import { visit as visitScreen } from './lib/flows.js';
import { call, login } from './lib/api.js';
import { apiAs, assertPanelMatchesServer } from './lib/access.js';
import { credentials } from './lib/users.js';
import { words } from './lib/words.js';
import { openMore } from './lib/casepage.js';

const RUN = Boolean(process.env.BINHAN_UI_STORY);
const ACTORS = ['union', 'police', 'leader', 'justice', 'school'];
const vnDate = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

let browser;
before(async () => { if (RUN) browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const visit = (page, hash) => visitScreen(page, BASE, hash);

async function signInAll(lang) {
  const officers = {};
  for (const role of ACTORS) {
    const p = await openPage(browser);
    await p.page.goto(`${BASE}/#/signin`);
    await p.page.locator('#page-title').waitFor();
    await switchLanguage(p.page, lang);
    await signIn(p.page, role);
    officers[role] = p;
  }
  return officers;
}

// From the dashboard: accept the referral of case `code`; lands on the case page.
async function acceptReferral(page, code, id) {
  await visit(page, '#/');
  const item = page.locator('#dash-referrals .dash-item', { hasText: code });
  await item.locator('[data-action="accept"]').click();
  await page.waitForFunction((target) => location.hash === `#/cases/${target}`, id);
  await page.locator('.actions-panel').waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

const stageText = (page, agency) => page.locator(`.track-row[data-agency="${agency}"] .track-head`).textContent();

async function playStory(lang) {
  const T = words(lang);
  const o = await signInAll(lang);
  const { union, police, leader, justice, school } = o;
  const snap = (p, name) => shot(p.page, `story-${lang}-${name}`);
  try {
    // 1. The Women's Union opens the case; consent covers police and justice, not school.
    const c = await openCaseThroughIntake(union.page, {
      survivor: { full_name: 'Phạm Thị Thu', sex: 'female', birth_year: 1988, village: 'Thôn Đông', phone: '0912 000 002' },
      incident: { date: vnDate(-2), village: 'Thôn Đông', place: 'home', types: ['physical', 'psychological'], description: 'Bị chồng đánh, đe dọa; hàng xóm báo Chi hội phụ nữ.' },
      perpetrators: [{ full_name: 'Lý Văn Cường', sex: 'male', relationship: 'spouse' }],
      risk: 'high', safety_plan: 'Tạm lánh ở nhà chị gái.',
      consent: { agencies: ['police', 'justice'] },
    });
    await snap(union, '01-union-opened');
    const caseHash = `#/cases/${c.id}`;
    const caseApi = new RegExp(`^/api/v1/cases/${c.id}(/events)?$`);

    // Need to know: police and justice do not see the case before a referral is accepted.
    for (const p of [police, justice]) {
      p.expectHttp(404, caseApi);
      await visit(p.page, caseHash);
      await p.page.getByRole('heading', { level: 1, name: T('case.not_found_title') }).waitFor();
      assert.doesNotMatch(await p.page.locator('main').textContent(), /Phạm Thị Thu/);
    }

    // 2. Union refers to police (consent covers police).
    await visit(union.page, caseHash);
    await confirmed(union.page, () => submitAction(union.page, 'refer', { to: 'police', reason: 'Cần can thiệp, buộc chấm dứt hành vi bạo lực.' }));
    assert.match(await stageText(union.page, 'police'), new RegExp(T('stage.referred')));

    // 3. Police accept, log a report and an intervention, request a no-contact decision.
    await acceptReferral(police.page, c.code, c.id);
    await recordEvent(police.page, 'police.report', { channel: 'in_person', summary: 'Tiếp nhận tin báo từ Hội Phụ nữ.' });
    await recordEvent(police.page, 'police.intervention', { action: 'stopped_violence', summary: 'Buộc chấm dứt hành vi bạo lực.' });
    await recordEvent(police.page, 'protection.request', { requested_by: 'survivor', summary: 'Người bị bạo lực đề nghị cấm tiếp xúc.' });
    await police.page.locator('.timeline-item[data-type="protection.request"]').waitFor();
    await snap(police, '03-police-case');

    // 4. The leader sees the request with its hours left and grants 3 days.
    await visit(leader.page, '#/');
    const request = leader.page.locator('#dash-requests .dash-item', { hasText: c.code });
    await request.locator('.hours-left').waitFor();
    await snap(leader, '04-leader-dashboard');
    await request.getByRole('link', { name: c.code }).click();
    await leader.page.locator('[data-action="decide"]').click();
    await confirmed(leader.page, async () => {
      const form = leader.page.locator('#action-area form');
      // Nothing is decided beforehand: the leader chooses to grant.
      assert.equal(await form.locator('[name="details.granted"]:checked').count(), 0, 'no decision is pre-selected');
      await form.locator('[name="details.granted"][value="yes"]').check();
      await form.locator('[name="details.reason"]').fill('Nguy cơ tái diễn cao; cấm tiếp xúc 3 ngày.');
      for (const who of ['perpetrator', 'survivor', 'police_head', 'village_head']) await form.locator(`[name="details.notified"][value="${who}"]`).check();
      await form.locator('button[type="submit"]').click();
    });
    await leader.page.locator('.timeline-item[data-type="protection.decision"]', { hasText: T('decision.granted') }).waitFor();
    await snap(leader, '04-leader-decided');

    // 5. Police refer to justice; justice accepts, logs legal aid and a mediation (no crime flag).
    await visit(police.page, caseHash);
    await confirmed(police.page, () => submitAction(police.page, 'refer', { to: 'justice', reason: 'Trợ giúp pháp lý và hòa giải.' }));
    await acceptReferral(justice.page, c.code, c.id);
    await recordEvent(justice.page, 'justice.legal_aid', { kind: 'advice', eligibility: 'financial_hardship', summary: 'Tư vấn quyền và nghĩa vụ.' });
    await recordEvent(justice.page, 'justice.mediation', { session_date: vnDate(0), mediators: 'Nguyễn Văn An, Lê Thị Bình', outcome: 'agreed', summary: 'Hòa giải thành.' });
    await snap(justice, '05-justice-case');

    // 6. School: refused without consent, accepted after consent is amended.
    await visit(union.page, caseHash);
    const refer = await openAction(union.page, 'refer');
    await refer.locator('[name="to"]').selectOption('school');
    await refer.getByText(T('refer.consent_missing', { agency: T('agency.school') })).waitFor();
    assert.equal(await refer.locator('button[type="submit"]').isDisabled(), true, 'the UI does not refer without consent');
    await snap(union, '06-school-refused');
    const token = await login(credentials('union'));
    const refused = await call('POST', `/api/v1/cases/${c.id}/referrals`, { token, body: { to: 'school', reason: 'thử', mandatory: false } });
    assert.equal(refused.status, 409, 'and neither does the server');
    await confirmed(union.page, async () => {
      const form = await openAction(union.page, 'consent');
      // A change of consent is asked afresh: whether she agrees and who gives it.
      await form.locator('[name="given"][value="yes"]').check();
      await form.locator('[name="given_by"][value="survivor"]').check();
      await form.locator('[name="agencies"][value="school"]').check();
      await form.locator('[name="reason"]').fill('Người bị bạo lực đồng ý báo nhà trường của con.');
      await form.locator('button[type="submit"]').click();
    });
    await confirmed(union.page, () => submitAction(union.page, 'refer', { to: 'school', reason: 'Con đang học lớp 7, cần theo dõi ở trường.' }));
    await acceptReferral(school.page, c.code, c.id);
    await recordEvent(school.page, 'school.action', { summary: 'Giáo viên chủ nhiệm theo dõi, tư vấn học đường.' });
    const perpetrator = await school.page.locator('section[aria-labelledby="sum-perpetrators"]').textContent();
    assert.doesNotMatch(perpetrator, new RegExp(T('person.id_number')), 'school sees no perpetrator ID number');
    await snap(school, '06-school-view');

    // 7. Union logs follow-ups; one is overdue on the dashboard.
    await visit(union.page, caseHash);
    await recordEvent(union.page, 'union.follow_up', { summary: 'Thăm hỏi tại nhà chị gái.' }, vnDate(7));
    // The form refuses a due date already past (tests/ui/intake.test.js), so the overdue visit
    // is one recorded afterwards through the API, dated two days ago and due yesterday.
    const late = await call('POST', `/api/v1/cases/${c.id}/events`, { token, body: {
      type: 'union.follow_up', at: new Date(Date.now() - 2 * 86400e3).toISOString().replace(/\.\d{3}Z$/, 'Z'), due: vnDate(-1),
      details: { summary: 'Thăm hỏi lần đầu (quá hạn).' },
    } });
    assert.equal(late.status, 201, late.text);
    await visit(union.page, '#/');
    await union.page.locator('#dash-overdue .dash-item', { hasText: c.code }).waitFor();
    await snap(union, '07-union-overdue');
    // The overdue visit is made and marked done: it leaves the dashboard.
    await visit(union.page, caseHash);
    const overdue = union.page.locator('.timeline-item[data-type="union.follow_up"]', { hasText: T('due.overdue') });
    await confirmed(union.page, () => overdue.locator('[data-action="done"]').click());
    const made = union.page.locator('.timeline-item[data-type="union.follow_up"]', { hasText: 'Thăm hỏi lần đầu (quá hạn).' });
    await made.locator('.due-line', { hasText: T('due.done') }).waitFor();
    assert.equal(await made.locator('[data-action="done"]').count(), 0, 'a done item has no "done" button');
    await visit(union.page, '#/');
    assert.equal(await union.page.locator('#dash-overdue .dash-item', { hasText: c.code }).count(), 0);

    // 8. Every stage completes; the leader closes the case.
    for (const [role, p] of [['school', school], ['justice', justice], ['police', police], ['union', union]]) {
      await visit(p.page, caseHash);
      await confirmed(p.page, () => submitAction(p.page, 'complete_stage', { summary: `Hoàn thành phần việc của ${role}.` }));
    }
    // A high-risk case closes once the chair approves (issue 20): the union asks from the
    // refused close, the leader approves from the request on the timeline.
    await visit(union.page, caseHash);
    await confirmed(union.page, async () => {
      await union.page.locator('#refusals #request-closure').click();
      await fillDetails(union.page.locator('#action-area form.event-form'), { reason: 'Người bị bạo lực đã an toàn; mọi cơ quan đã hoàn thành.' });
      await union.page.locator('#action-area form.event-form button[type="submit"]').click();
    });
    await visit(leader.page, caseHash);
    await confirmed(leader.page, async () => {
      await leader.page.locator('.timeline-item[data-type="closure.request"] [data-action="decide-closure"]').click();
      await fillDetails(leader.page.locator('#action-area form.event-form'), { approved: true });
      await leader.page.locator('#action-area form.event-form button[type="submit"]').click();
    });
    // The coded reason is required by the form (it is counted in the report); the note is sealed.
    await openMore(leader.page); // close waits under "More…"
    const closeForm = await submitAction(leader.page, 'close', { reason: 'Mọi cơ quan đã hoàn thành; người bị bạo lực an toàn.' });
    await closeForm.locator('.field-error:not([hidden])').first().waitFor();
    await confirmed(leader.page, async () => {
      await closeForm.locator('[name="reason_code"]').selectOption('resolved');
      await closeForm.locator('button[type="submit"]').click();
    });
    await leader.page.locator('.case-badges').getByText(T('status.closed')).waitFor();
    await leader.page.getByText(T('case.closed_code', { reason: T('closure.resolved') })).waitFor();
    await snap(leader, '08-closed');

    // Union reads a closed case: no activity can be recorded, the server's reason says why, and
    // the panel offers exactly what the server allows (Reopen among it).
    await visit(union.page, caseHash);
    const unionApi = await apiAs('union', lang);
    const closed = await assertPanelMatchesServer(union.page, unionApi, await unionApi.get('/api/v1/catalogue'), c.id, 'union on the closed case');
    await unionApi.end();
    assert.ok(closed.refusals['event:note'], 'the server says why no note can be added');
    await union.page.locator('.refusal[data-actions~="event:note"]', { hasText: closed.refusals['event:note'] }).waitFor();
    assert.equal(await union.page.locator('#action-event').count(), 0);
    await union.page.locator('#more-actions #action-reopen').waitFor({ state: 'attached' });
    for (const p of Object.values(o)) await p.assertClean();
  } catch (error) {
    // Where each officer was when the story broke.
    for (const [role, p] of Object.entries(o)) await shot(p.page, `story-${lang}-failed-${role}`).catch(() => {});
    throw error;
  } finally {
    for (const p of Object.values(o)) await p.close();
  }
}

test('workflow story through the UI, five officers, in Vietnamese', { skip: !RUN && 'set BINHAN_UI_STORY=1 once the case endpoints exist' }, () => playStory('vi'));
test('workflow story through the UI, five officers, in English', { skip: !RUN && 'set BINHAN_UI_STORY=1 once the case endpoints exist' }, () => playStory('en'));
