// The browser shows exactly what the server allows (issue 16): on the case screen every
// button, the event types offered, the export link and the reasons given for what is refused
// now are compared with the server's own answer to the same user, fetched here, at desktop
// 1280×800 in Vietnamese and on a phone 390×844 in English. Along the way: the opening union
// officer sees no Close while its stage is active but is told why, Close appears once the stage
// is completed and Reopen once the case is closed, for that agency and for the leader who sees
// the case through a protection request; justice on a crime case is told why mediation is
// refused; "done" is offered only to the agency that owns the entry; an incoming referral
// shows its reason and a summary without names, and its case opens only once accepted; a
// correction based on an old reading is refused as stale and can be made again after a reload.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, openApp, signIn, switchLanguage, shot } from './lib/browser.js';
import { assertFits, confirmed, submitAction, visit as visitScreen } from './lib/flows.js';
import { apiAs, assertDoneButtonsMatchServer, assertPanelMatchesServer } from './lib/access.js';
import { words } from './lib/words.js';
import { openMore } from './lib/casepage.js';

const VIEWS = [
  { name: 'desktop', width: 1280, height: 800, lang: 'vi' },
  { name: 'phone', width: 390, height: 844, lang: 'en' },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const visit = (page, hash) => visitScreen(page, BASE, hash);
const nowRfc3339 = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const vnDate = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

async function withPage(view, body) {
  const p = await openPage(browser, { width: view.width, height: view.height });
  try {
    await body(p);
    await p.assertClean();
  } finally {
    await p.close();
  }
}

async function signInAs(page, role, lang) {
  await openApp(page, '#/signin');
  await switchLanguage(page, lang);
  await signIn(page, role);
}

function caseBody({ village, types = ['physical'], crime = false, agencies }) {
  return {
    survivor: { full_name: 'Đào Thị Xuân', sex: 'female', birth_year: 1987, village, phone: '0912 000 016' },
    incident: { date: vnDate(-3), village, place: 'home', types, description: 'Bị chồng đánh, đe dọa.' },
    perpetrators: [{ full_name: 'Mạc Văn Đức', sex: 'male', relationship: 'spouse' }],
    risk: 'high', flags: { crime, administrative_sanction: false },
    consent: { given: true, given_by: 'survivor', agencies },
  };
}

for (const view of VIEWS) {
  test(`${view.name}: Close only once the stage is done, Reopen for the opener and the leader, a stale correction refused`, async () => {
    const union = await apiAs('union', view.lang);
    const leader = await apiAs('leader', view.lang);
    const catalogue = await union.get('/api/v1/catalogue');
    const c = await union.post('/api/v1/cases', caseBody({ village: 'Thôn Đông', agencies: ['union'] }));
    // The leader sees the case through this protection request (Law 13/2022 art. 25).
    await union.post(`/api/v1/cases/${c.id}/events`, { type: 'protection.request', at: nowRfc3339(), details: { measure: 'no_contact', requested_by: 'survivor', summary: 'Đề nghị cấm tiếp xúc.' } });
    const hash = `#/cases/${c.id}`;
    try {
      await withPage(view, async ({ page, expectHttp }) => {
        await signInAs(page, 'union', view.lang);
        await visit(page, hash);
        let answer = await assertPanelMatchesServer(page, union, catalogue, c.id, 'union, stage active');
        assert.ok(!answer.allowed_actions.includes('close') && answer.refusals.close, 'the server refuses close while the stage is open');
        assert.equal(await page.locator('#action-close').count(), 0, 'no Close button');
        await page.locator('.refusal[data-actions~="close"]', { hasText: answer.refusals.close }).waitFor();
        await assertFits(page);
        await shot(page, `access-union-active-${view.name}`);

        // A correction based on the reading before someone else's is refused, nothing is
        // overwritten, and after a reload it goes through.
        expectHttp(409, new RegExp(`^/api/v1/cases/${c.id}$`));
        const form = page.locator('#update-form');
        await page.locator('#action-update').click();
        await form.locator('[name="safety_plan"]').fill('Ở nhà chị gái.');
        const other = await union.ask('PATCH', `/api/v1/cases/${c.id}`, { risk: 'critical', based_on: answer.updated_at });
        assert.equal(other.status, 200, other.text);
        await form.locator('button[type="submit"]').click();
        await form.locator('.alert-error', { hasText: words(view.lang)('error.code.stale') }).waitFor();
        assert.equal((await union.get(`/api/v1/cases/${c.id}`)).safety_plan ?? '', '', 'the stale correction changed nothing');
        await page.locator('#update-reload').click();
        await page.locator('.loading').waitFor({ state: 'detached' });
        await confirmed(page, async () => {
          await page.locator('#action-update').click();
          await form.locator('[name="safety_plan"]').fill('Ở nhà chị gái.');
          await form.locator('button[type="submit"]').click();
        });
        answer = await union.get(`/api/v1/cases/${c.id}`);
        assert.equal(answer.safety_plan, 'Ở nhà chị gái.');
        assert.equal(answer.risk, 'critical', 'the other correction was kept');

        await confirmed(page, () => submitAction(page, 'complete_stage', { summary: 'Đã hỗ trợ xong.' }));
        // The risk is critical now: closing waits for the chair's approval (issue 20, played
        // through the browser in closure.test.js), given here through the API.
        const request = await union.post(`/api/v1/cases/${c.id}/events`, { type: 'closure.request', details: { reason: 'Người bị bạo lực đã an toàn.' } });
        await leader.post(`/api/v1/cases/${c.id}/events`, { type: 'closure.decision', details: { request_event: request.id, approved: true } });
        await visit(page, hash);
        answer = await assertPanelMatchesServer(page, union, catalogue, c.id, 'union, stage completed');
        assert.ok(answer.allowed_actions.includes('close'), 'the server allows close once every stage is done');
        await page.locator('#more-actions #action-close').waitFor({ state: 'attached' });

        await openMore(page); // close waits under "More…"
        await confirmed(page, () => submitAction(page, 'close', { reason_code: 'resolved', reason: 'Người bị bạo lực đã an toàn.' }));
        answer = await assertPanelMatchesServer(page, union, catalogue, c.id, 'union, case closed');
        assert.ok(answer.allowed_actions.includes('reopen'), 'the server allows the opener to reopen');
        await page.locator('#more-actions #action-reopen').waitFor({ state: 'attached' });
        await shot(page, `access-union-closed-${view.name}`);
      });
      await withPage(view, async ({ page }) => {
        await signInAs(page, 'leader', view.lang);
        await visit(page, hash);
        const answer = await assertPanelMatchesServer(page, leader, catalogue, c.id, 'leader through a protection request, case closed');
        assert.ok(answer.allowed_actions.includes('reopen'), 'the server allows the leader to reopen');
        await page.locator('#more-actions #action-reopen').waitFor({ state: 'attached' });
        await assertFits(page);
        await shot(page, `access-leader-closed-${view.name}`);
      });
    } finally {
      await union.end();
      await leader.end();
    }
  });

  test(`${view.name}: an incoming referral shows its reason and summary; justice on a crime case is told why mediation is refused`, async () => {
    const T = words(view.lang);
    const union = await apiAs('union', view.lang);
    const justice = await apiAs('justice', view.lang);
    const catalogue = await union.get('/api/v1/catalogue');
    const c = await union.post('/api/v1/cases', caseBody({ village: 'Thôn Bắc', types: ['physical', 'economic'], crime: true, agencies: ['union', 'justice'] }));
    const reason = `Cần trợ giúp pháp lý (${view.name}).`;
    await union.post(`/api/v1/cases/${c.id}/referrals`, { to: 'justice', reason, mandatory: false });
    try {
      assert.equal((await justice.ask('GET', `/api/v1/cases/${c.id}`)).status, 404, 'the case is hidden from justice until it accepts');
      await withPage(view, async ({ page }) => {
        await signInAs(page, 'justice', view.lang);
        await visit(page, '#/');
        const item = page.locator('#dash-referrals .dash-item', { hasText: c.code });
        await item.getByText(reason).waitFor();
        for (const text of ['Thôn Bắc', T('violence.physical'), T('violence.economic'), T('risk.high')]) await item.getByText(text, { exact: false }).first().waitFor();
        // The code links to the referral (the case itself is a 404 for justice until accepted).
        assert.match(await item.locator('a.case-code').getAttribute('href'), new RegExp(`^#/cases/${c.id}\\?referral=\\d+$`), 'the code leads to the referral, not to a case justice may not open yet');
        await assertFits(page);
        await shot(page, `access-justice-referral-${view.name}`);

        await item.locator('[data-action="accept"]').click();
        await page.waitForFunction((id) => location.hash === `#/cases/${id}`, String(c.id));
        await page.locator('.loading').waitFor({ state: 'detached' });
        const answer = await assertPanelMatchesServer(page, justice, catalogue, c.id, 'justice on a crime case');
        const refusal = answer.refusals['event:justice.mediation'];
        assert.ok(refusal && !answer.allowed_actions.includes('event:justice.mediation'), 'the server refuses mediation on a crime case');
        assert.match(refusal, /3/, 'the refusal cites the article');
        await page.locator('.refusal[data-actions~="event:justice.mediation"]', { hasText: refusal }).waitFor();
        await assertFits(page);
        await shot(page, `access-justice-crime-${view.name}`);
      });
    } finally {
      await union.end();
      await justice.end();
    }
  });

  test(`${view.name}: "done" on a due item only for the agency that owns it`, async () => {
    const union = await apiAs('union', view.lang);
    const police = await apiAs('police', view.lang);
    const c = await union.post('/api/v1/cases', caseBody({ village: 'Thôn Nam', agencies: ['union', 'police'] }));
    const referral = await union.post(`/api/v1/cases/${c.id}/referrals`, { to: 'police', reason: 'Cần can thiệp.', mandatory: false });
    await police.post(`/api/v1/referrals/${referral.id}/accept`);
    await union.post(`/api/v1/cases/${c.id}/events`, { type: 'union.follow_up', at: nowRfc3339(), due: vnDate(3), details: { summary: 'Thăm hỏi tại nhà.' } });
    await police.post(`/api/v1/cases/${c.id}/events`, { type: 'police.intervention', at: nowRfc3339(), due: vnDate(2), details: { action: 'summons', summary: 'Mời lên trụ sở.' } });
    try {
      for (const [role, api] of [['union', union], ['police', police]]) {
        await withPage(view, async ({ page }) => {
          await signInAs(page, role, view.lang);
          await visit(page, `#/cases/${c.id}`);
          const own = await assertDoneButtonsMatchServer(page, api, c.id, role);
          assert.equal(own, 1, `${role} may mark its own due item done, and only that one`);
          const mine = page.locator(`.timeline-item[data-type^="${role}."]`);
          await mine.locator('[data-action="done"]').waitFor();
          const theirs = page.locator(`.timeline-item[data-type^="${role === 'union' ? 'police' : 'union'}."]`);
          assert.equal(await theirs.locator('[data-action="done"]').count(), 0, `${role} gets no "done" on another agency's item`);
        });
      }
    } finally {
      await union.end();
      await police.end();
    }
  });
}
