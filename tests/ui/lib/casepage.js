// Set-up and reading helpers of the case-page, dashboard and referral-inbox tests
// (casepage.test.js): made-up cases opened through the API, dates in Vietnam time, the
// "More…" menu of the case page, and the countdown's words turned back into minutes.

import assert from 'node:assert/strict';

// A date 'YYYY-MM-DD' `days` from today in Vietnam (UTC+7).
export const vnDate = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

// An instant (RFC 3339, seconds) `hours` from now (negative: in the past).
export const hoursFromNow = (hours) => new Date(Date.now() + hours * 3600e3).toISOString().replace(/\.\d{3}Z$/, 'Z');

let serial = 0;

// Opens a made-up case as `api` (apiAs from access.js) and returns the server's answer.
// `consent` lists the agencies the survivor agreed to share with; `crime` sets the flag.
export async function openCase(api, { village = 'Thôn Bắc', types = ['psychological'], risk = 'medium', consent = ['union'], crime = false, description } = {}) {
  serial += 1;
  return api.post('/api/v1/cases', {
    survivor: { full_name: `Người thử ${serial}`, sex: 'female', birth_year: 1986, village },
    incident: { date: vnDate(-3), village, place: 'home', types, description: description || `Sự việc thử số ${serial}.` },
    risk,
    consent: { given: true, given_by: 'survivor', agencies: consent },
    flags: { crime, administrative_sanction: false },
  });
}

// Records an event through the API (`at` defaults to now on the server).
export async function addEvent(api, caseId, type, details, { at, due } = {}) {
  const body = { type, details };
  if (at) body.at = at;
  if (due) body.due = due;
  return api.post(`/api/v1/cases/${caseId}/events`, body);
}

// Opens the case page's "More…" menu (a <details>), if it is not open yet.
export async function openMore(page) {
  const menu = page.locator('#more-actions');
  if (!(await menu.evaluate((el) => el.open))) await menu.locator('summary').click();
  await page.waitForFunction(() => document.getElementById('more-actions').open);
}

// "Còn 10 giờ 59 phút …" / "10 h 59 min left …" / "Quá hạn 1 giờ 2 phút" → minutes.
export function minutesIn(text) {
  const match = /(\d+)\s*(?:giờ|h)\s*(\d+)\s*(?:phút|min)/.exec(text || '');
  assert.ok(match, `a countdown in "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

// No sideways scrolling of the whole page at the current width.
export async function assertNoSideScroll(page, what) {
  const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(sizes.scroll <= sizes.inner, `${what}: scrollWidth ${sizes.scroll} ≤ innerWidth ${sizes.inner}`);
}

// The texts of the timeline's entries in the order the page shows them.
export async function timelineTexts(page) {
  return page.locator('.timeline > .timeline-item').evaluateAll((els) => els.map((e) => e.textContent));
}

// Waits (from Node: the page's own timers are playwright's fake clock) until `locator`'s text
// is no longer `before`, and returns the new text.
export async function changedText(locator, before, tries = 50) {
  for (let i = 0; i < tries; i += 1) {
    const now = await locator.textContent();
    if (now !== before) return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`"${before}" did not change`);
  return before;
}
