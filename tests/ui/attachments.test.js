// Evidence files on the case page (issue 21), at 1280×800 and at 360×740 (a phone). The commune
// police, on a case the Women's Union referred to them, add a photo of an injury: a real JPEG
// (drawn by the browser's canvas) carrying an Exif segment with a GPS text, sent raw with a
// progress bar that reaches 100 %; the file is listed with its kind, size, author and "metadata
// removed"; it opens in the page from a blob (never an API address in an <img src> or <a href>),
// closes with Esc giving the focus back, and its download — the same blob, as the server keeps
// it — has no GPS text left. A PDF opens in an <iframe> from a blob. The browser refuses a wrong
// type and a file over max_bytes before sending anything; the server refuses a text file renamed
// .jpg (415) and the page says so; an upload can be cancelled. A file removed with its reason
// (≥ 5 characters, from the file's own "More…") stays listed, struck through, with the reason,
// and is gone from the server (410). The union is not shown the police's own record (kind
// police_record), as the server lists it for them. On a phone the page does not scroll sideways.
// Made-up people; cases are opened through the API.
//
// Needs the issue-21 endpoints: run with BINHAN_UI_STORY=1, like the story.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { BASE, SHOTS, launch, signIn, shot, onPage } from './lib/browser.js';
import { assertLabelled, visit as visitScreen } from './lib/flows.js';
import { apiAs } from './lib/access.js';
import { words } from './lib/words.js';
import { assertNoSideScroll, openCase } from './lib/casepage.js';

const RUN = Boolean(process.env.BINHAN_UI_STORY);
const SKIP = !RUN && 'set BINHAN_UI_STORY=1 (needs the attachment endpoints)';
const T = words('vi');
const GPS = 'GPS 21.0285N';
const LIST = /^\/api\/v1\/cases\/\d+\/attachments$/;

let browser;
before(async () => { if (RUN) browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const visit = (page, hash) => visitScreen(page, BASE, hash);

// ---- files made here ----------------------------------------------------------------------

// An APP1 Exif segment whose IFD0 holds one ASCII tag (ImageDescription) with `text`.
function exifSegment(text) {
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const tiff = Buffer.alloc(26 + ascii.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // IFD0 at 8
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x010e, 10); // ImageDescription
  tiff.writeUInt16LE(2, 12); // ASCII
  tiff.writeUInt32LE(ascii.length, 14);
  tiff.writeUInt32LE(26, 18); // the text right after the IFD
  tiff.writeUInt32LE(0, 22); // no next IFD
  ascii.copy(tiff, 26);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// A real image drawn by the page's canvas (24×16), as JPEG or PNG bytes.
async function drawn(page, type) {
  const base64 = await page.evaluate((mime) => {
    const canvas = document.createElement('canvas');
    canvas.width = 24;
    canvas.height = 16;
    const g = canvas.getContext('2d');
    g.fillStyle = '#b03a2e';
    g.fillRect(0, 0, 24, 16);
    g.fillStyle = '#f5d76e';
    g.fillRect(6, 4, 10, 8);
    return canvas.toDataURL(mime, 0.92).split(',')[1];
  }, type);
  return Buffer.from(base64, 'base64');
}

// The JPEG with the Exif segment put right after its SOI marker.
async function photoWithGps(page) {
  const jpeg = await drawn(page, 'image/jpeg');
  assert.equal(jpeg.readUInt16BE(0), 0xffd8, 'the canvas gives a JPEG');
  const photo = Buffer.concat([jpeg.subarray(0, 2), exifSegment(`${GPS} 105.8542E`), jpeg.subarray(2)]);
  assert.ok(photo.includes(GPS), 'the photo sent carries the GPS text');
  return photo;
}

// A small valid PDF (one page, one line of text), its cross-reference table computed.
function tinyPdf(text) {
  const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 240 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---- set-up through the API ----------------------------------------------------------------

// POSTs raw bytes as an attachment with a Bearer token (set-up only; the page uses its form).
function uploadAs(token, caseId, { kind, name, type, bytes }) {
  const url = new URL(`/api/v1/cases/${caseId}/attachments`, BASE);
  const headers = {
    Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': type,
    'Content-Length': bytes.length, 'X-Filename': encodeURIComponent(name), 'X-Attachment-Kind': kind,
  };
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', headers, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        assert.equal(res.statusCode, 201, `upload ${name} as ${kind}: ${res.statusCode} ${text}`);
        resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

// A case the union opened and referred to the commune police, who accepted: both agencies work
// on it.
async function sharedCase(label) {
  const union = await apiAs('union');
  const police = await apiAs('police');
  const c = await openCase(union, { types: ['physical'], risk: 'high', consent: ['union', 'police'], description: `Bị chồng đánh bầm tay (${label}).` });
  const referral = await union.post(`/api/v1/cases/${c.id}/referrals`, { to: 'police', reason: 'Cần can thiệp, lập biên bản.', mandatory: false });
  await police.post(`/api/v1/referrals/${referral.id}/accept`);
  await union.end();
  await police.end();
  return c;
}

async function listAs(role, caseId) {
  const api = await apiAs(role);
  const answer = await api.get(`/api/v1/cases/${caseId}/attachments`);
  await api.end();
  return answer;
}

// ---- page steps ------------------------------------------------------------------------------

const item = (page, id) => page.locator(`#attachment-${id}`);
const section = (page) => page.locator('#attachments');

// The ids of the files the page lists, in its order.
const listedIds = (page) => page.locator('#attachment-list .attachment').evaluateAll((els) => els.map((e) => e.dataset.attachment));

// Chooses a kind and a file in the attach form (the file as playwright gives it: name, type, bytes).
async function choose(page, kind, file) {
  const form = page.locator('#attach-form');
  if (kind) await form.locator('select[name="kind"]').selectOption(kind);
  await form.locator('input[name="file"]').setInputFiles({ name: file.name, mimeType: file.type, buffer: file.bytes });
  return form;
}

// Uploads through the form and waits for the list to show the new file; returns its id.
async function uploadInPage(page, kind, file) {
  const before = new Set(await listedIds(page));
  const form = await choose(page, kind, file);
  await form.locator('#attach-submit').click();
  await page.locator('#attach-progress').waitFor({ state: 'attached' });
  await page.locator('#attach-status[data-state="done"]').waitFor();
  assert.equal(await page.locator('#attach-progress').evaluate((el) => el.value), 100, 'the progress bar reaches 100 %');
  assert.ok((await page.locator('#attach-status').textContent()).includes(T('attachments.uploaded', { name: file.name })));
  await page.waitForFunction((n) => document.querySelectorAll('#attachment-list .attachment').length === n, before.size + 1);
  const added = (await listedIds(page)).filter((id) => !before.has(id));
  assert.equal(added.length, 1, 'one new file listed');
  return added[0];
}

// No API address is ever the source of an image, frame or link on the page.
async function assertNoApiAddresses(page) {
  const found = await page.evaluate(() => [...document.querySelectorAll('img[src], iframe[src], a[href], embed[src], object[data]')]
    .map((el) => el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('data'))
    .filter((u) => /\/api\/v1\/cases\/[^/]+\/attachments/.test(u)));
  assert.deepEqual(found, [], 'no attachment API address in src or href');
}

// Opens a file in the viewer; returns the viewer's blob addresses.
async function openViewer(page, id) {
  await item(page, id).locator('[data-action="view"]').click();
  const viewer = page.locator('dialog#attachment-viewer');
  await viewer.waitFor();
  assert.equal(await viewer.evaluate((d) => d.open), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'attachment-close', 'the viewer takes the focus');
  const view = viewer.locator('#attachment-view');
  const download = viewer.locator('#attachment-download');
  return { viewer, view, download, src: await view.getAttribute('src'), href: await download.getAttribute('href') };
}

async function bytesAt(page, url) {
  const seen = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    return { status: r.status, headers: Object.fromEntries(r.headers.entries()), bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
  }, url);
  return { ...seen, bytes: Buffer.from(seen.bytes) };
}

// ---- the tests -------------------------------------------------------------------------------

test('desktop: police add a photo with progress, view it in the page, download it without its GPS metadata; refusals, cancel and removal', { skip: SKIP }, async () => {
  const c = await sharedCase('desktop');
  const caseHash = `#/cases/${c.id}`;
  await onPage(browser, { width: 1280, height: 800 }, async ({ page, context, expectHttp }) => {
    // Which blob addresses the page lets go (URL.revokeObjectURL, watched).
    await context.addInitScript(() => {
      window.__revoked = [];
      const revoke = URL.revokeObjectURL.bind(URL);
      URL.revokeObjectURL = (u) => { window.__revoked.push(u); revoke(u); };
    });
    await signIn(page, 'police');
    await visit(page, caseHash);
    const police = await apiAs('police');
    const caseAnswer = await police.get(`/api/v1/cases/${c.id}`);
    const limits = await police.get(`/api/v1/cases/${c.id}/attachments`);
    await police.end();
    assert.ok(caseAnswer.allowed_actions.includes('attach'), `the police may attach: ${caseAnswer.allowed_actions}`);

    // The section and its form: the kinds the server lets the police add, and both inputs.
    await section(page).waitFor();
    assert.equal(await section(page).locator('h2').textContent(), T('attachments.title'));
    await page.locator('#attach-form').waitFor();
    const kinds = await page.locator('#attach-form select[name="kind"] option').evaluateAll((els) => els.map((o) => o.value).filter(Boolean));
    assert.deepEqual(kinds, limits.addable_kinds, 'the kinds offered are the server’s addable_kinds');
    assert.equal(await page.locator('#attach-form input[name="file"]').getAttribute('accept'), 'image/jpeg,image/png,application/pdf');
    const camera = page.locator('#attach-camera-input');
    assert.equal(await camera.getAttribute('accept'), 'image/*');
    assert.equal(await camera.getAttribute('capture'), 'environment');
    assert.equal(await page.locator('#attach-camera').textContent(), T('attachments.camera'));
    await assertLabelled(page);

    // Refused here, before sending: a wrong type, a file over max_bytes, no file at all.
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST' && LIST.test(new URL(r.url()).pathname)) posts.push(r.url()); });
    await choose(page, 'other', { name: 'ghi-chep.txt', type: 'text/plain', bytes: Buffer.from('ghi chép') });
    await page.locator('#attach-message [role="alert"]').waitFor();
    assert.ok((await page.locator('#attach-message').textContent()).includes(T('attachments.bad_type', { name: 'ghi-chep.txt' })));
    const big = limits.max_bytes + 512 * 1024;
    const mb = (n) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(n / (1024 * 1024));
    const tooBig = T('attachments.too_big', { name: 'ban-chup.pdf', size: `${mb(big)} MB`, max: mb(limits.max_bytes) });
    await choose(page, 'other', { name: 'ban-chup.pdf', type: 'application/pdf', bytes: Buffer.alloc(big, 0x20) });
    assert.equal(await page.locator('#attach-message .alert span').last().textContent(), tooBig, 'over max_bytes, said before sending');
    await page.locator('#attach-submit').click();
    assert.equal(await page.locator('#attach-message .alert span').last().textContent(), tooBig, 'still refused on submit');
    await page.locator('#attach-form input[name="file"]').setInputFiles([]);
    assert.equal(await page.locator('#attach-message').textContent(), '', 'no file, no message');
    await page.locator('#attach-form select[name="kind"]').selectOption('other');
    await page.locator('#attach-submit').click();
    assert.ok((await page.locator('#attach-message').textContent()).includes(T('attachments.no_file')));
    assert.deepEqual(posts, [], 'nothing was sent');

    // The photo: progress, then listed with its kind, size, author and metadata note.
    const photo = { name: 'vet-bam-tay.jpg', type: 'image/jpeg', bytes: await photoWithGps(page) };
    const photoId = await uploadInPage(page, 'injury_photo', photo);
    const entry = item(page, photoId);
    const text = await entry.textContent();
    for (const expected of [T('attachments.kind.injury_photo'), photo.name, T('role.police'), T('attachments.metadata_removed')]) {
      assert.ok(text.includes(expected), `the entry shows "${expected}": ${text}`);
    }
    assert.match(await entry.locator('.attachment-size').textContent(), /^\d+ KB$/);
    const stored = (await listAs('police', c.id)).items.find((a) => String(a.id) === photoId);
    assert.equal(stored.kind, 'injury_photo');
    assert.equal(stored.filename, photo.name);
    assert.equal(stored.metadata_removed, true);
    await shot(page, 'attachments-list-1280');

    // Viewed in the page from a blob; the image decodes.
    const opened = await openViewer(page, photoId);
    assert.match(opened.src, /^blob:/, 'the image comes from a blob');
    assert.match(opened.href, /^blob:/, 'the download is the same blob');
    assert.equal(await opened.download.getAttribute('download'), photo.name, 'downloaded under its own name');
    await page.waitForFunction(() => { const img = document.getElementById('attachment-view'); return img.complete && img.naturalWidth > 0; });
    assert.equal(await opened.view.evaluate((img) => img.naturalWidth), 24, 'the photo decodes at its size');
    await assertNoApiAddresses(page);
    await shot(page, 'attachments-viewer-1280', { fullPage: false });

    // The download (the viewer's blob, under the file's name) has the photo without its GPS
    // text; so has the server's own answer, fetched in the page with the session cookie.
    const [download] = await Promise.all([page.waitForEvent('download'), opened.download.click()]);
    assert.equal(download.suggestedFilename(), photo.name);
    const downloaded = fs.readFileSync(await download.path());
    assert.equal(downloaded.readUInt16BE(0), 0xffd8, 'a JPEG');
    assert.equal(downloaded.includes(GPS), false, 'no GPS text in the downloaded photo');
    const served = await bytesAt(page, `/api/v1/cases/${c.id}/attachments/${photoId}`);
    assert.equal(served.status, 200);
    assert.equal(served.bytes.includes(GPS), false, 'no GPS text in the served bytes');
    assert.match(served.headers['content-disposition'] || '', /^attachment/);
    assert.equal(served.headers['x-content-type-options'], 'nosniff');

    // Esc closes the viewer, the blob is let go and the focus is back on "View".
    await page.keyboard.press('Escape');
    await opened.viewer.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'view', 'the focus is back on the button');
    assert.ok((await page.evaluate(() => window.__revoked)).includes(opened.href), 'the blob address is revoked on closing');

    // A PDF opens in a frame, from a blob.
    const pdfId = await uploadInPage(page, 'medical', { name: 'giay-chung-nhan-thuong-tich.pdf', type: 'application/pdf', bytes: tinyPdf('Giay chung nhan thuong tich') });
    const pdf = await openViewer(page, pdfId);
    assert.equal(await pdf.view.evaluate((el) => el.tagName), 'IFRAME');
    assert.match(pdf.src, /^blob:/);
    await assertNoApiAddresses(page);
    await page.locator('#attachment-close').click();
    await pdf.viewer.waitFor({ state: 'detached' });

    // A text file renamed .jpg: the server reads the bytes and refuses; the page says so.
    expectHttp(415, LIST);
    await choose(page, 'other', { name: 'bien-ban.jpg', type: 'image/jpeg', bytes: Buffer.from('Đây là một tệp văn bản, không phải ảnh.\n') });
    await page.locator('#attach-submit').click();
    await page.locator('#attach-status[data-state="failed"]').waitFor({ state: 'attached' });
    const refusal = await page.locator('#attach-message [role="alert"]').textContent();
    assert.ok([T('attachments.error.malformed_file'), T('attachments.error.unsupported_media_type')].some((w) => refusal.includes(w)), `the refusal in words: ${refusal}`);
    await shot(page, 'attachments-refused-1280', { fullPage: false });

    // Cancelled while the server has not answered: nothing added.
    const countBefore = (await listAs('police', c.id)).items.length;
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    const posting = (url) => LIST.test(url.pathname);
    await page.route(posting, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await held;
      return route.abort().catch(() => {});
    });
    await choose(page, 'other', { name: 'anh-chup-lai.png', type: 'image/png', bytes: await drawn(page, 'image/png') });
    await page.locator('#attach-submit').click();
    await page.locator('#attach-status[data-state="uploading"] #attach-cancel').click();
    await page.locator('#attach-status[data-state="cancelled"]').waitFor();
    assert.ok((await page.locator('#attach-status').textContent()).includes(T('attachments.cancelled')));
    release();
    await page.unroute(posting);
    assert.equal((await listAs('police', c.id)).items.length, countBefore, 'a cancelled upload adds nothing');

    // Removed with a reason, from the file's own "More…": struck through, with the reason.
    const wrongId = await uploadInPage(page, 'other', { name: 'anh-nham-vu-khac.png', type: 'image/png', bytes: await drawn(page, 'image/png') });
    const wrong = item(page, wrongId);
    await wrong.locator('details.entry-more > summary').click();
    await wrong.locator('[data-action="remove"]').click();
    const removeForm = wrong.locator('form.remove-form');
    await removeForm.locator('textarea[name="reason"]').fill('nhầm');
    await removeForm.locator('button[type="submit"]').click();
    await removeForm.locator('.field-error').waitFor({ state: 'visible' });
    assert.equal(await removeForm.locator('.field-error').textContent(), T('attachments.reason_short', { n: 5 }));
    const reason = 'Tải nhầm ảnh của vụ việc khác.';
    await removeForm.locator('textarea[name="reason"]').fill(reason);
    await removeForm.locator('button[type="submit"]').click();
    await page.locator(`#attachment-${wrongId}.removed`).waitFor();
    const gone = item(page, wrongId);
    assert.ok((await gone.textContent()).includes(T('attachments.removed_reason', { reason })), 'the reason is shown');
    assert.match(await gone.locator('.attachment-name').evaluate((el) => getComputedStyle(el).textDecorationLine), /line-through/);
    assert.equal(await gone.locator('[data-action="view"]').count(), 0, 'a removed file is not offered for viewing');
    const removed = (await listAs('police', c.id)).items.find((a) => String(a.id) === wrongId);
    assert.equal(removed.removed.reason, reason);
    expectHttp(410, /\/attachments\/\d+$/);
    const after = await bytesAt(page, `/api/v1/cases/${c.id}/attachments/${wrongId}`);
    assert.equal(after.status, 410, 'the server no longer gives the removed file');
    await shot(page, 'attachments-removed-1280');
  });
});

test('the union is not shown the police’s own record, as the server lists the files for them', { skip: SKIP }, async () => {
  const c = await sharedCase('union');
  const police = await apiAs('police');
  const pdf = tinyPdf('Bien ban vu viec');
  const record = await uploadAs(police.token, c.id, { kind: 'police_record', name: 'bien-ban-cong-an.pdf', type: 'application/pdf', bytes: pdf });
  const other = await uploadAs(police.token, c.id, { kind: 'other', name: 'ghi-nhan-khac.pdf', type: 'application/pdf', bytes: pdf });
  await police.end();
  const forUnion = await listAs('union', c.id);
  assert.equal(forUnion.items.some((a) => a.kind === 'police_record'), false, 'the server lists no police record for the union');
  assert.ok(forUnion.items.some((a) => String(a.id) === String(other.id)), 'but the other file');
  await onPage(browser, { width: 1280, height: 800 }, async ({ page }) => {
    await signIn(page, 'union');
    await visit(page, `#/cases/${c.id}`);
    await page.locator('#attachment-list .attachment').first().waitFor();
    assert.deepEqual(await listedIds(page), forUnion.items.map((a) => String(a.id)), 'the page lists what the server gives the union');
    assert.equal(await page.locator('.attachment[data-kind="police_record"]').count(), 0);
    assert.equal(await item(page, record.id).count(), 0);
    const offered = await page.locator('#attach-form select[name="kind"] option').evaluateAll((els) => els.map((o) => o.value).filter(Boolean));
    assert.deepEqual(offered, forUnion.addable_kinds || [], 'the union is offered its own addable kinds only');
  });
});

test('phone 360×740: the case page with its files does not scroll sideways; the viewer fits', { skip: SKIP }, async () => {
  const c = await sharedCase('phone');
  const police = await apiAs('police');
  await onPage(browser, { width: 360, height: 740 }, async ({ page }) => {
    await signIn(page, 'police');
    const jpeg = await photoWithGps(page);
    const long = 'anh-vet-thuong-o-canh-tay-trai-chup-tai-tram-y-te-xa-ngay-hom-sau.jpg';
    const added = await uploadAs(police.token, c.id, { kind: 'injury_photo', name: long, type: 'image/jpeg', bytes: jpeg });
    await uploadAs(police.token, c.id, { kind: 'medical', name: 'giay-chung-nhan.pdf', type: 'application/pdf', bytes: tinyPdf('Giay chung nhan') });
    await visit(page, `#/cases/${c.id}`);
    await item(page, added.id).waitFor();
    await page.locator('#attach-form').waitFor();
    await section(page).scrollIntoViewIfNeeded();
    await assertNoSideScroll(page, 'case page with its files at 360 px');
    await section(page).screenshot({ path: path.join(SHOTS, 'attachments-section-360.png') });
    await item(page, added.id).locator('details.entry-more > summary').click();
    await assertNoSideScroll(page, 'a file’s "More…" open at 360 px');
    await item(page, added.id).locator('details.entry-more > summary').click();
    const opened = await openViewer(page, added.id);
    await page.waitForFunction(() => document.getElementById('attachment-view').naturalWidth > 0);
    const box = await opened.viewer.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `the viewer fits the width: ${JSON.stringify(box)}`);
    await assertNoSideScroll(page, 'the viewer at 360 px');
    await shot(page, 'attachments-viewer-360', { fullPage: false });
    await page.keyboard.press('Escape');
    await opened.viewer.waitFor({ state: 'detached' });
  });
  await police.end();
});
