// The risk screen and the contact prohibition end to end (issue 20), at 1280×800 and at
// 390×844 (a phone): the commune police screen the risk of a case the page tells them to
// reassess (a report newer than any screen); the level the answers suggest is shown live by the
// contract's rule and agrees with the server's, the officer's own level starts unchosen and a
// different one needs a reason; a screen suggesting high offers the protection request at once,
// whose consent question appears only for an agency's request (required_if). The chair refuses
// with reasons: the decision shows them, awaits the requester, and prints as the written notice
// to the requester with the reasons (Law 13/2022 art. 25(2)), on one A4 page. The police ask
// again; the chair grants; the four deliveries of art. 25(3) are recorded from the decision,
// which then awaits no one. Made-up people; the case is opened through the API.
//
// Needs the issue-20 endpoints: run with BINHAN_UI_STORY=1, like the story.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, SHOTS, launch, signIn, shot, onPage } from './lib/browser.js';
import { confirmed, fillDetails, openAction, visit as visitScreen } from './lib/flows.js';
import { apiAs } from './lib/access.js';
import { words } from './lib/words.js';
import { addEvent, assertNoSideScroll } from './lib/casepage.js';
import { pdfPages } from './lib/paperCase.js';

const RUN = Boolean(process.env.BINHAN_UI_STORY);
const SKIP = !RUN && 'set BINHAN_UI_STORY=1 (needs the case endpoints)';
const T = words('vi');
const SIZES = [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }];
const PARTIES = ['perpetrator', 'survivor', 'police_head', 'village_head'];

let browser;
let catalogue;
before(async () => {
  if (!RUN) return;
  browser = await launch();
  const social = await apiAs('social');
  catalogue = await social.get('/api/v1/catalogue');
  await social.end();
});
after(async () => { if (browser) await browser.close(); });

const visit = (page, hash) => visitScreen(page, BASE, hash);
const spec = (type) => catalogue.event_types.find((e) => e.name === type);
const level = (v) => T(`risk.${v}`);

// The details a type needs, the least an officer would write (a police report, whatever its
// fields are on this server).
function briefDetails(type, text) {
  const details = {};
  for (const f of spec(type).fields.filter((x) => x.required)) {
    if (f.kind === 'choice' || f.kind === 'fixed') details[f.name] = f.choices[0].value;
    else if (f.kind === 'choices') details[f.name] = [f.choices[0].value];
    else if (f.kind === 'yesno') details[f.name] = false;
    else details[f.name] = text;
  }
  return details;
}

let serial = 0;
// A case the commune police opened and logged a report on (their stage active), as the API.
async function policeCase(size) {
  serial += 1;
  const police = await apiAs('police');
  const c = await police.post('/api/v1/cases', {
    survivor: { full_name: `Hà Thị Thử ${serial}`, sex: 'female', birth_year: 1989, village: 'Thôn Đông' },
    perpetrators: [{ full_name: `Kiều Văn Thử ${serial}`, sex: 'male', birth_year: 1984, relationship: 'spouse' }],
    incident: { date: new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 10), village: 'Thôn Đông', place: 'home', types: ['physical'], description: `Bị chồng đánh, đe dọa (${size}).` },
    risk: 'medium',
    consent: { given: true, given_by: 'survivor', agencies: ['police'] },
    flags: { crime: false, administrative_sanction: false },
  });
  await addEvent(police, c.id, 'police.report', briefDetails('police.report', 'Tiếp nhận tin báo tại trụ sở.'), { at: new Date(Date.now() - 3600e3).toISOString().replace(/\.\d{3}Z$/, 'Z') });
  const answer = await police.get(`/api/v1/cases/${c.id}`);
  await police.end();
  assert.ok(answer.allowed_actions.includes('event:risk.screen'), `police may screen the risk of their case: ${answer.allowed_actions}`);
  return c;
}

async function events(role, caseId) {
  const api = await apiAs(role);
  const { items } = await api.get(`/api/v1/cases/${caseId}/events`);
  await api.end();
  return items;
}

// The page as printed on A4: its pages, its text and any control left on it.
async function printed(page, name) {
  await page.emulateMedia({ media: 'print' });
  const seen = await page.evaluate(() => ({
    text: document.body.innerText,
    controls: [...document.querySelectorAll('button, input, select, textarea, nav, a.button')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden').map((el) => el.outerHTML.slice(0, 80)),
  }));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  fs.writeFileSync(path.join(SHOTS, `${name}.pdf`), pdf);
  return { ...seen, pages: pdfPages(pdf) };
}

// The suggested level the form shows now.
const shownLevel = (form) => form.locator('#risk-suggested strong').textContent();

async function answer(form, id, value) {
  await form.locator(`[name="details.answers.${id}"][value="${value}"]`).check();
}

async function screenRisk(page, size) {
  const questions = catalogue.risk_questions;
  const severe = questions.filter((q) => q.severe);
  const other = questions.filter((q) => !q.severe);
  assert.ok(severe.length >= 2 && other.length >= 4, 'the catalogue has severe and other questions');

  // No screen yet after a police report: the page says to screen, and opens the form.
  const hint = page.locator('#reassess-hint');
  await hint.waitFor();
  assert.ok((await hint.textContent()).includes(T('risk_screen.reassess_none')), 'the hint says there is no screen yet');
  await page.locator('#reassess-open').click();
  const form = page.locator('#action-area form.event-form');
  await form.waitFor();
  assert.equal(await form.locator('input[name="type"]').inputValue(), 'risk.screen');
  assert.ok((await form.textContent()).includes(catalogue.risk_screen_note.vi), 'the note (not a validated instrument) is shown');
  assert.equal(await form.locator('.risk-question').count(), questions.length, 'every question of the catalogue');
  assert.equal(await form.locator('[name="details.level"]:checked').count(), 0, 'the officer’s level starts unchosen');
  await assertNoSideScroll(page, 'risk screen form');

  // Live: the level follows the answers, by the contract's rule.
  assert.equal(await shownLevel(form), level('low'), 'nothing answered: low');
  await answer(form, other[0].id, 'yes');
  await answer(form, other[1].id, 'yes');
  assert.equal(await shownLevel(form), level('medium'), 'two "yes", none severe: medium');
  await answer(form, severe[0].id, 'yes');
  assert.equal(await shownLevel(form), level('high'), 'one severe "yes": high');
  await answer(form, other[2].id, 'yes');
  assert.equal(await shownLevel(form), level('critical'), 'one severe with three other "yes": critical');
  await answer(form, other[2].id, 'unknown');
  assert.equal(await shownLevel(form), level('high'), '"don’t know" is not "yes": high again');

  // Every question must be answered; the unanswered ones are named.
  await form.locator('button[type="submit"]').click();
  const missing = questions.length - 4;
  assert.equal(await form.locator('.risk-question .has-error').count(), missing, 'each unanswered question is marked');
  assert.equal(await form.locator('.has-error[data-name="details.level"]').count(), 1, 'the level must be chosen');
  for (const q of questions) if (!(await form.locator(`[name="details.answers.${q.id}"]:checked`).count())) await answer(form, q.id, 'no');
  assert.equal(await shownLevel(form), level('high'));

  // A level other than the suggested one needs a reason; the suggested one needs none.
  const reason = form.locator('[data-name="details.override_reason"]');
  assert.equal(await reason.isVisible(), false, 'no reason asked before a level is chosen');
  await form.locator('[name="details.level"][value="medium"]').check();
  await reason.waitFor();
  await form.locator('button[type="submit"]').click();
  await reason.locator('.field-error').waitFor({ state: 'visible' });
  assert.ok((await reason.locator('.field-error').textContent()).includes(T('risk_screen.override_missing')));
  await form.locator('[name="details.level"][value="high"]').check();
  await reason.waitFor({ state: 'hidden' });
  await form.locator('[name="details.level"][value="critical"]').check();
  await form.locator('[name="details.override_reason"]').fill('Người có hành vi vừa mua dao, nói sẽ quay lại.');
  await shot(page, `riskflow-screen-${size.width}`);
  await confirmed(page, () => form.locator('button[type="submit"]').click());
}

async function requestProtection(page, summary) {
  const form = page.locator('#action-area form.event-form');
  await form.waitFor();
  assert.equal(await form.locator('input[name="type"]').inputValue(), 'protection.request');
  const consentBy = form.locator('[data-name="details.consent_by"]');
  const objects = form.locator('[data-name="details.survivor_objects"]');
  assert.equal(await consentBy.isVisible(), false, 'no consent question before "requested by" is chosen');
  await form.locator('[name="details.requested_by"]').selectOption('survivor');
  assert.equal(await consentBy.isVisible(), false, 'the survivor’s own request asks no consent');
  await form.locator('[name="details.requested_by"]').selectOption('agency');
  await consentBy.waitFor();
  assert.equal(await objects.isVisible(), false, 'the objection question is for the chair’s initiative only');
  await form.locator('[name="details.summary"]').fill(summary);
  await form.locator('button[type="submit"]').click();
  await consentBy.locator('.field-error').waitFor({ state: 'visible' });
  await fillDetails(form, { consent_by: 'survivor' });
  await confirmed(page, () => form.locator('button[type="submit"]').click());
}

// The decision on a request, as the server has it, and its entry on the page.
async function decisionOn(role, caseId, requestId) {
  const found = (await events(role, caseId)).find((e) => e.type === 'protection.decision' && String(e.details.request_event) === String(requestId));
  assert.ok(found, `a decision on request ${requestId}`);
  return found;
}
const entryOf = (page, ev) => page.locator(`#event-${ev.id}`);
const choiceWords = (type, field, value) => spec(type).fields.find((f) => f.name === field).choices.find((x) => x.value === value).label.vi;

async function deliver(page, decision, party) {
  await decision.locator(`[data-action="deliver"][data-party="${party}"]`).click();
  const form = page.locator('#action-area form.event-form');
  await form.waitFor();
  assert.equal(await form.locator('input[name="type"]').inputValue(), 'protection.delivery');
  assert.equal(await form.locator('[name="details.party"]').inputValue(), party, 'the party is preset');
  assert.equal(await form.locator('[name="details.decision_event"]').inputValue(), await decision.getAttribute('data-event'), 'the decision is preset');
  await fillDetails(form, { method: 'in_person' });
  await confirmed(page, () => form.locator('button[type="submit"]').click());
}

for (const size of SIZES) {
  test(`${size.name}: risk screen → prompt → request → refusal with its notice → new request → grant → four deliveries`, { skip: SKIP }, async () => {
    const c = await policeCase(size.name);
    const caseHash = `#/cases/${c.id}`;
    const refusalReason = `Người bị bạo lực đã về nhà mẹ đẻ ở xã khác; chưa có căn cứ cấm tiếp xúc (${size.name}).`;

    // 1. Police: the screen, then the prompt opens the request form.
    await onPage(browser, size, async ({ page }) => {
      await signIn(page, 'police');
      await visit(page, caseHash);
      await screenRisk(page, size);
      // Saved: the prompt is in view and has the focus (read out), whatever the scroll was.
      const prompt = page.locator('#risk-prompt');
      await prompt.waitFor();
      const place = await prompt.locator('h2').evaluate((el) => ({ ...el.getBoundingClientRect().toJSON(), height: window.innerHeight, focus: document.activeElement.id }));
      assert.ok(place.top >= -1 && place.bottom <= place.height + 1, `the prompt is in view after saving: ${JSON.stringify(place)}`);
      assert.equal(place.focus, 'risk-prompt-title', 'the prompt has the focus');
      await shot(page, `riskflow-prompt-${size.width}`, { fullPage: false });
      const screen = (await events('police', c.id)).find((e) => e.type === 'risk.screen');
      assert.equal(screen.details.suggested, 'high', 'the server suggests what the form showed');
      assert.equal(screen.details.level, 'critical');
      const entry = page.locator(`#event-${screen.id}`);
      const text = await entry.textContent();
      for (const expected of [T('risk_screen.row_suggested'), level('high'), T('risk_screen.overridden', { level: level('critical') }), 'Người có hành vi vừa mua dao']) {
        assert.ok(text.includes(expected), `the entry shows "${expected}": ${text}`);
      }
      assert.ok(text.includes(T('risk_screen.yes_count', { yes: 3, total: catalogue.risk_questions.length, severe: 1, unknown: 1 })), `how many "yes": ${text}`);
      assert.ok((await page.locator('.case-badges').textContent()).includes(level('critical')), 'the case takes the officer’s level');
      assert.equal(await page.locator('#reassess-hint').count(), 0, 'screened after the report: no hint');
      await entry.screenshot({ path: path.join(SHOTS, `riskflow-screen-entry-${size.width}.png`) });
      await assertNoSideScroll(page, 'the prompt');
      await prompt.locator('#risk-prompt-request').click();
      await requestProtection(page, 'Công an xã đề nghị cấm tiếp xúc: đe dọa dùng dao.');
      assert.equal(await page.locator('#risk-prompt').count(), 0, 'the prompt is shown once');
      await page.locator('.deadline-banner').waitFor();
    });
    const firstRequest = (await events('police', c.id)).find((e) => e.type === 'protection.request');
    assert.equal(firstRequest.details.requested_by, 'agency');
    assert.equal(firstRequest.details.consent_by, 'survivor');
    assert.ok(!('survivor_objects' in firstRequest.details), 'a field not asked is not sent');

    // 2. The chair refuses with reasons; the refusal awaits the requester; its notice prints.
    await onPage(browser, size, async ({ page }) => {
      await signIn(page, 'leader');
      await visit(page, caseHash);
      await page.locator(`[data-action="decide"][data-event="${firstRequest.id}"]`).click();
      const form = page.locator('#action-area form.event-form');
      await form.waitFor();
      await form.locator('[name="details.granted"][value="no"]').check();
      assert.equal(await form.locator('[data-name="details.starts"]').isVisible(), false, 'a refusal asks no dates');
      await form.locator('[name="details.reason"]').fill(refusalReason);
      await confirmed(page, () => form.locator('button[type="submit"]').click());
      const refused = await decisionOn('leader', c.id, firstRequest.id);
      assert.equal(refused.details.granted, false);
      const refusal = entryOf(page, refused);
      await refusal.locator('.deliveries').waitFor();
      assert.ok((await refusal.locator('.refusal-reasons').textContent()).includes(refusalReason), 'the refusal shows its reasons');
      assert.deepEqual(await refusal.locator('.delivery.awaiting').evaluateAll((els) => els.map((e) => e.dataset.party)), ['requester'], 'a refusal goes to the requester only');
      await deliver(page, refusal, 'requester');
      const sent = entryOf(page, refused);
      assert.equal(await sent.locator('.deliveries').getAttribute('data-awaiting'), '0');
      const delivered = await sent.locator('.delivery.delivered[data-party="requester"]').textContent();
      assert.ok(delivered.includes(choiceWords('protection.delivery', 'method', 'in_person')), `the delivery says how: ${delivered}`);
      await assertNoSideScroll(page, 'the refused decision');
      await sent.screenshot({ path: path.join(SHOTS, `riskflow-refused-entry-${size.width}.png`) });

      await sent.locator('[data-action="print-refusal"]').click();
      const paper = page.locator('article.paper-notice');
      await paper.waitFor();
      const words = await paper.innerText();
      assert.match(words, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
      assert.match(words, /Số: ……\/TB-UBND/);
      assert.match(words, new RegExp(T('refusal_notice.title').toLocaleUpperCase('vi')));
      assert.ok(words.includes(T('refusal_notice.about')));
      assert.ok(words.includes(`${T('refusal_notice.to')} ${T('role.police')}`), `to the requester, the commune police: ${words}`);
      assert.ok(words.includes(refusalReason), 'the notice states the reasons');
      assert.ok(words.includes('Điều 25'), 'under Article 25');
      assert.equal(await page.locator('article.paper-decision').count(), 0, 'no decision is printed for a refusal');
      await assertNoSideScroll(page, 'the refusal notice');
      await shot(page, `riskflow-refusal-notice-${size.width}`);
      const onPaper = await printed(page, `riskflow-refusal-notice-${size.width}`);
      assert.deepEqual(onPaper.controls, [], 'no button or field on paper');
      assert.ok(onPaper.text.includes(refusalReason));
      assert.equal(onPaper.pages, 1, 'the notice fits on one A4 page');
    });

    // 3. The police ask again.
    await onPage(browser, size, async ({ page }) => {
      await signIn(page, 'police');
      await visit(page, caseHash);
      await confirmed(page, async () => {
        const form = await openAction(page, 'event');
        await form.locator('select[name="type"]').selectOption('protection.request');
        await fillDetails(form, { requested_by: 'survivor', summary: 'Người bị bạo lực đề nghị lại: bị đe dọa qua điện thoại.' });
        await form.locator('button[type="submit"]').click();
      });
    });
    const second = (await events('police', c.id)).filter((e) => e.type === 'protection.request').find((e) => String(e.id) !== String(firstRequest.id));
    assert.ok(second, 'the second request is recorded');

    // 4. The chair grants, and records the four deliveries from the decision.
    await onPage(browser, size, async ({ page }) => {
      await signIn(page, 'leader');
      await visit(page, caseHash);
      await page.locator(`[data-action="decide"][data-event="${second.id}"]`).click();
      const form = page.locator('#action-area form.event-form');
      await form.waitFor();
      await form.locator('[name="details.granted"][value="yes"]').check();
      await form.locator('[name="details.reason"]').fill('Nguy cơ tái diễn cao; cấm tiếp xúc 3 ngày.');
      await confirmed(page, () => form.locator('button[type="submit"]').click());
      const order = await decisionOn('leader', c.id, second.id);
      const granted = () => entryOf(page, order);
      await granted().locator('.deliveries').waitFor();
      assert.deepEqual((await granted().locator('.delivery.awaiting').evaluateAll((els) => els.map((e) => e.dataset.party))).sort(), [...PARTIES].sort(),
        'a granted order awaits the four parties');
      await granted().screenshot({ path: path.join(SHOTS, `riskflow-granted-awaiting-${size.width}.png`) });
      for (const party of PARTIES) await deliver(page, granted(), party);
      const done = granted();
      assert.equal(await done.locator('.deliveries').getAttribute('data-awaiting'), '0', 'none awaiting');
      assert.equal(await done.locator('.delivery.awaiting').count(), 0);
      assert.deepEqual((await done.locator('.delivery.delivered').evaluateAll((els) => els.map((e) => e.dataset.party))).sort(), [...PARTIES].sort());
      assert.ok((await done.locator('.deliveries-state').textContent()).includes(T('delivery.none_awaiting')));
      assert.equal(await done.locator('[data-action="deliver"]').count(), 0, 'nothing left to record');
      const deliveryEntries = page.locator('.timeline-item[data-type="protection.delivery"]');
      assert.equal(await deliveryEntries.count(), 5, 'each delivery is an entry (one for the refusal, four for the order)');
      await assertNoSideScroll(page, 'the delivered decision');
      await done.screenshot({ path: path.join(SHOTS, `riskflow-delivered-${size.width}.png`) });
    });
    const decision = await decisionOn('leader', c.id, second.id);
    assert.deepEqual(decision.protection.awaiting, [], 'the server awaits no one');
    assert.deepEqual(decision.protection.deliveries.map((d) => d.party).sort(), [...PARTIES].sort());
  });
}
