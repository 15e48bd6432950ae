// The pictures of docs/screens/ that the README shows (issue 19): the intake (a step with its
// errors shown, as an officer meets them) and the case page, at 1280×800 and 390×844. Runs only
// with BINHAN_UI_DOCS_SHOTS=1 (ordinary runs leave docs/ alone); the print views are taken by
// print.test.js under the same variable.

import test, { before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, launch, openPage, signIn } from './lib/browser.js';
import { visit } from './lib/flows.js';
import { paperCase } from './lib/paperCase.js';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screens');
const SIZES = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]];
const SKIP = !process.env.BINHAN_UI_DOCS_SHOTS && 'set BINHAN_UI_DOCS_SHOTS=1 to photograph the screens for docs/';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function photograph(role, name, hash, prepare = async () => {}) {
  fs.mkdirSync(DOCS, { recursive: true });
  for (const [kind, size] of SIZES) {
    const p = await openPage(browser, size);
    try {
      await signIn(p.page, role);
      await visit(p.page, BASE, hash);
      await prepare(p.page);
      await p.page.screenshot({ path: path.join(DOCS, `${name}-${kind}.png`), fullPage: kind === 'phone' });
    } finally {
      await p.close();
    }
  }
}

test('docs/screens: the intake, with a step\'s errors shown at once', { skip: SKIP }, async () => {
  await photograph('union', 'intake', '#/cases/new', async (page) => {
    await page.locator('[name="survivor.full_name"]').fill('Đặng Thị Nhung');
    await page.locator('[name="survivor.phone"]').fill('0912/000');
    await page.locator('[name="survivor.id_number"]').fill('0341 9000');
    await page.locator('#intake-next').click();
    await page.locator('.field-error:not([hidden])').first().waitFor();
  });
});

test('docs/screens: the case page', { skip: SKIP }, async () => {
  const c = await paperCase();
  await photograph('police', 'case', `#/cases/${c.id}`, async (page) => {
    await page.locator('section[aria-labelledby="timeline-title"] .timeline-item').first().waitFor();
  });
});
