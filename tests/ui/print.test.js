// The papers (issue 19): the statistics report, the case record and the contact-prohibition
// decision, as print views of the browser UI. Each is checked for what an officer signs —
// its heading, its words, Vietnam time, no buttons or navigation on paper — and laid out on
// A4 by chromium's own PDF printer to count its pages. With BINHAN_UI_DOCS_SHOTS=1 the report
// and the decision are also photographed (1280×800 and 390×844) into docs/screens/.
//
// Needs the case endpoints: run with BINHAN_UI_STORY=1, like the story.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, SHOTS, launch, openPage, signIn, switchLanguage } from './lib/browser.js';
import { visit as visitScreen } from './lib/flows.js';
import { apiAs } from './lib/access.js';
import { words } from './lib/words.js';
import { NOTIFIED, PEOPLE, paperCase, pdfPages, vnDate } from './lib/paperCase.js';

const RUN = Boolean(process.env.BINHAN_UI_STORY);
const SKIP = !RUN && 'set BINHAN_UI_STORY=1 (needs the case endpoints)';
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screens');
const T = words('vi');
const E = words('en');

let browser;
before(async () => { if (RUN) browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const visit = (page, hash) => visitScreen(page, BASE, hash);

async function withPage(role, opts, body) {
  const p = await openPage(browser, opts);
  try {
    await p.page.goto(`${BASE}/#/signin`);
    await p.page.locator('#page-title').waitFor();
    if (opts.lang) await switchLanguage(p.page, opts.lang);
    await signIn(p.page, role);
    await body(p.page);
    await p.assertClean();
  } finally {
    await p.close();
  }
}

// The page as printed: A4 from the page's own @page rule, no browser header or footer. The
// PDF is kept beside the screenshots (build/ui-screenshots/<name>.pdf) to be looked at.
async function printedPages(page, name) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  fs.writeFileSync(path.join(SHOTS, `${name}.pdf`), pdf);
  return pdfPages(pdf);
}

// The text a printed paper carries, and whether any control or navigation is printed.
async function printedText(page) {
  await page.emulateMedia({ media: 'print' });
  const seen = await page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    return {
      text: document.body.innerText,
      controls: [...document.querySelectorAll('button, input, select, textarea, nav, a.button')].filter(shown).map((el) => el.outerHTML.slice(0, 80)),
    };
  });
  await page.emulateMedia({ media: 'screen' });
  return seen;
}

async function docsShot(page, name, hash) {
  if (!process.env.BINHAN_UI_DOCS_SHOTS) return;
  fs.mkdirSync(DOCS, { recursive: true });
  for (const [kind, size] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    await page.setViewportSize(size);
    await visit(page, hash);
    await page.screenshot({ path: path.join(DOCS, `${name}-${kind}.png`), fullPage: true });
  }
}

// "14 giờ 30 phút, ngày 03 tháng 12 năm 2026" for an instant, read in Vietnam time.
function vnLong(ms) {
  const d = new Date(ms + 7 * 3600e3);
  const two = (n) => String(n).padStart(2, '0');
  return T('paper.long_time', { hour: two(d.getUTCHours()), minute: two(d.getUTCMinutes()), day: two(d.getUTCDate()), month: two(d.getUTCMonth() + 1), year: d.getUTCFullYear() });
}

const reportHash = () => `#/reports/print?from=${vnDate().slice(0, 4)}-01-01&to=${vnDate()}`;

test('the report prints as the commune sends it: heading, recipient, legend, each table once, signatures, no buttons, a few A4 pages', { skip: SKIP }, async () => {
  await paperCase();
  const social = await apiAs('social');
  const answer = await social.get(`/api/v1/reports/summary?from=${vnDate().slice(0, 4)}-01-01&to=${vnDate()}`);
  await social.end();
  await withPage('social', {}, async (page) => {
    await visit(page, reportHash());
    const paper = page.locator('article.paper-report');
    await paper.waitFor();
    const text = await paper.innerText();
    assert.match(text, new RegExp(answer.header.commune.toLocaleUpperCase('vi')), 'the issuing commune');
    assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.match(text, /Độc lập - Tự do - Hạnh phúc/);
    assert.match(text, new RegExp(`${T('report_paper.to')}\\s+${answer.header.recipient}`), 'the recipient from the configuration');
    assert.match(text, /Kỳ báo cáo: từ \d{2}\/\d{2}\/\d{4} đến \d{2}\/\d{2}\/\d{4}/, 'the period, in Vietnamese dates');
    // "<5" and "x", and N taken from the answer.
    const legend = await paper.locator('.report-legend').innerText();
    assert.match(legend, /<5: từ 1 đến 4 trường hợp \(ít hơn 5\)/);
    assert.match(legend, /x: một số được che thêm/);
    // The signatures and the date line left to be written.
    assert.match(text, /NGƯỜI LẬP BIỂU/);
    assert.match(text, /THỦ TRƯỞNG ĐƠN VỊ/);
    assert.match(text, /Hòa Phong, ngày …… tháng …… năm ……/);
    // Each breakdown of the answer once, and only as a table.
    const tables = await paper.locator('table[data-table]').evaluateAll((els) => els.map((e) => e.dataset.table));
    const expected = Object.keys(answer).filter((k) => !['header', 'totals', 'timeliness', 'suppression'].includes(k));
    assert.deepEqual(tables, expected, 'every table of the answer, once, in its order');
    const captions = await paper.locator('table caption').allInnerTexts();
    assert.equal(new Set(captions).size, captions.length, `no table title twice: ${captions.join(' | ')}`);
    assert.equal(await paper.locator('svg').count(), 0, 'no chart repeats a table on paper');
    // What goes on paper: no control, no navigation, a few pages.
    const printed = await printedText(page);
    assert.deepEqual(printed.controls, [], 'no button, field or navigation on paper');
    assert.doesNotMatch(printed.text, new RegExp(T('reports.print')), 'the toolbar is not printed');
    const pages = await printedPages(page, 'paper-report');
    assert.ok(pages >= 1 && pages <= 3, `the report fits in 3 A4 pages (it took ${pages})`);
    // The recipient typed before printing goes on the paper.
    await page.locator('[name="recipient"]').fill('Phòng Văn hóa – Xã hội');
    await paper.getByText('Phòng Văn hóa – Xã hội').waitFor();
    await docsShot(page, 'report-print', reportHash());
  });
});

test('the report print view speaks English too', { skip: SKIP }, async () => {
  await withPage('oversight', { lang: 'en' }, async (page) => {
    await visit(page, reportHash());
    const text = await page.locator('article.paper-report').innerText();
    assert.match(text, /SOCIALIST REPUBLIC OF VIET NAM/);
    assert.match(text, new RegExp(E('report_paper.maker').toUpperCase()));
    assert.match(text, /fewer than 5/);
  });
});

test('the case record: one page in Vietnamese, Vietnam time, words for every code and yes/no', { skip: SKIP }, async () => {
  const c = await paperCase();
  const union = await apiAs('union');
  const doc = await union.get(`/api/v1/cases/${c.id}/export`);
  await union.end();
  await withPage('union', {}, async (page) => {
    await visit(page, `#/cases/${c.id}/print`);
    const paper = page.locator('article.paper-record');
    await paper.waitFor();
    const text = await paper.innerText();
    assert.match(text, new RegExp(T('record.title', { code: c.code }).toLocaleUpperCase('vi')));
    for (const want of [PEOPLE.survivor, PEOPLE.perpetrator, T('relationship.spouse'), T('place.home'), T('violence.economic'),
      T('given_by.survivor'), T('risk.high'), T('choice.action.stopped_violence'), T('choice.support_kind.counselling'),
      T('choice.requested_by.survivor'), T('decision.granted'), T('choice.notified.village_head'), T('common.yes')]) {
      assert.ok(text.includes(want), `the record says "${want}"`);
    }
    for (const code of ['spouse', 'no_contact', 'true', 'false', 'given_by', 'consent', 'stopped_violence', 'village_head']) {
      assert.doesNotMatch(text, new RegExp(`\\b${code}\\b`), `no code "${code}" on the record`);
    }
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no ISO time');
    // The decision's time as the timeline shows it: Vietnam time, not UTC.
    const decision = doc.events.find((e) => String(e.id) === c.decisionId);
    const vn = new Date(Date.parse(decision.at) + 7 * 3600e3);
    const two = (n) => String(n).padStart(2, '0');
    assert.ok(text.includes(`${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()}, ${two(vn.getUTCHours())}:${two(vn.getUTCMinutes())}`)
      || text.includes(`${two(vn.getUTCHours())}:${two(vn.getUTCMinutes())} ${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()}`),
    'the decision is shown at its Vietnam time');
    const printed = await printedText(page);
    assert.deepEqual(printed.controls, [], 'no button or field on paper');
    const pages = await printedPages(page, 'paper-record');
    assert.equal(pages, 1, `the case record fits on one A4 page (it took ${pages})`);
  });
});

test('the decision paper: Quốc hiệu, number, Article 25, the parties, Vietnam time, one page; names only as the caller reads them', { skip: SKIP }, async () => {
  const c = await paperCase();
  for (const role of ['leader', 'police']) {
    const api = await apiAs(role);
    const seen = await api.get(`/api/v1/cases/${c.id}`);
    await api.end();
    await withPage(role, {}, async (page) => {
      const hash = `#/cases/${c.id}/decisions/${c.decisionId}/print`;
      await visit(page, hash);
      const paper = page.locator('article.paper-decision');
      await paper.waitFor();
      // The issuing commune is the officer's own, from the server (GET /api/v1/me).
      assert.equal(await page.locator('[name="commune"]').inputValue(), 'Xã Hòa Phong');
      await paper.getByText('XÃ HÒA PHONG').first().waitFor();
      const text = await paper.innerText();
      assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s+Độc lập - Tự do - Hạnh phúc/);
      assert.match(text, /ỦY BAN NHÂN DÂN\s+XÃ HÒA PHONG/);
      assert.match(text, /Số: ……\/QĐ-UBND/);
      assert.match(text, /Hòa Phong, ngày \d{2} tháng \d{2} năm \d{4}/);
      assert.match(text, /QUYẾT ĐỊNH\s+Về việc cấm tiếp xúc theo quy định tại Điều 25 Luật Phòng, chống bạo lực gia đình/);
      assert.match(text, /CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA PHONG/);
      assert.match(text, /Căn cứ Luật Phòng, chống bạo lực gia đình/);
      assert.match(text, /Xét đề nghị cấm tiếp xúc của người bị bạo lực gia đình ngày \d{2}\/\d{2}\/\d{4}/);
      assert.ok(text.includes(vnLong(c.starts)), `starts ${vnLong(c.starts)} in Vietnam time`);
      assert.ok(text.includes(vnLong(c.ends)), `ends ${vnLong(c.ends)} in Vietnam time`);
      const recipients = await paper.locator('.paper-recipients').innerText();
      for (const who of NOTIFIED) assert.ok(recipients.includes(T(`choice.notified.${who}`)), `"Nơi nhận" lists ${who}`);
      assert.match(text, /\nCHỦ TỊCH\n/);
      // Names: exactly what this role's case answer carries.
      const survivorName = seen.survivor && seen.survivor.full_name;
      const perpetratorName = seen.perpetrators && seen.perpetrators[0] && seen.perpetrators[0].full_name;
      assert.equal(text.includes(PEOPLE.survivor), Boolean(survivorName), `${role}: survivor's name only if the case answer gives it`);
      assert.equal(text.includes(PEOPLE.perpetrator), Boolean(perpetratorName), `${role}: perpetrator's name only if the case answer gives it`);
      const printed = await printedText(page);
      assert.deepEqual(printed.controls, [], 'no button or field on paper');
      assert.equal(await printedPages(page, `paper-decision-${role}`), 1, 'the decision fits on one A4 page');
      // Nothing of the paper is kept by the browser (a shared device).
      assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'binhan.lang')), []);
      if (role === 'leader') await docsShot(page, 'decision-print', hash);
    });
  }
});

test('the decision paper refuses an entry that is not a granted decision', { skip: SKIP }, async () => {
  const c = await paperCase();
  await withPage('leader', {}, async (page) => {
    await visit(page, `#/cases/${c.id}/decisions/${c.requestId}/print`);
    await page.getByText(T('decision_paper.not_granted')).waitFor();
    assert.equal(await page.locator('article.paper-decision').count(), 0);
  });
});

test('the hooks for the case page: a record link when the server allows an export, a decision link on a granted decision only', { skip: SKIP }, async () => {
  const c = await paperCase();
  for (const role of ['union', 'leader']) {
    const api = await apiAs(role);
    const kase = await api.get(`/api/v1/cases/${c.id}`);
    const events = (await api.get(`/api/v1/cases/${c.id}/events`)).items;
    await api.end();
    await withPage(role, {}, async (page) => {
      await visit(page, `#/cases/${c.id}`);
      const links = await page.evaluate(async ({ kase: k, events: evs }) => {
        const record = await import('/ui/js/screens/casePrint.js');
        const decision = await import('/ui/js/screens/decisionPrint.js');
        return {
          record: record.casePrintLinks(k).map((a) => `${a.id} ${a.getAttribute('href')}`),
          decisions: evs.map((ev) => decision.decisionPrintLink(k, ev)).filter(Boolean).map((a) => a.getAttribute('href')),
        };
      }, { kase, events });
      assert.deepEqual(links.record, kase.allowed_actions.includes('export') ? [`action-export #/cases/${c.id}/print`] : [], `${role}: record link as the server allows`);
      assert.deepEqual(links.decisions, [`#/cases/${c.id}/decisions/${c.decisionId}/print`], `${role}: one link, on the granted decision`);
    });
  }
});

// Last in this file: it changes the case (the revoked order stays revoked).
test('a revoked decision still prints, and says on paper that it was revoked', { skip: SKIP }, async () => {
  const c = await paperCase();
  const leader = await apiAs('leader');
  const revoke = await leader.post(`/api/v1/cases/${c.id}/events`, { type: 'protection.revoke', details: { decision_event: c.decisionId, reason: 'Người bị bạo lực đề nghị hủy bỏ.' } });
  await leader.end();
  await withPage('leader', {}, async (page) => {
    await visit(page, `#/cases/${c.id}/decisions/${c.decisionId}/print`);
    await page.locator('.print-toolbar .alert-warning').getByText(T('decision_paper.revoked_screen')).waitFor();
    const note = await page.locator('article.paper-decision .paper-revoked').innerText();
    assert.equal(note, T('decision_paper.revoked', { time: vnLong(Math.floor(Date.parse(revoke.at) / 60e3) * 60e3) }));
    const printed = await printedText(page);
    assert.ok(printed.text.includes(note), 'the revocation is printed');
  });
});
