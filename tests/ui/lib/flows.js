// Steps through the UI shared by several tests: the intake form, the case page's action
// panel, and accessibility checks run on every screen. Controls are found by their name
// attributes (which are the API paths), so the same steps run in Vietnamese and in English;
// the tests that are about words find things by their labels instead.

import assert from 'node:assert/strict';

// Every visible form control has a label (a <label for>, a wrapping label or aria-label).
export async function assertLabelled(page) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden' && el.getClientRects().length > 0)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.name || el.id || el.outerHTML.slice(0, 60)));
  assert.deepEqual(unlabelled, [], 'every field has a label');
}

// WCAG 2.1 AA text contrast (1.4.3): every visible text has at least 4.5:1 against the
// background it sits on (3:1 for large text: ≥ 24 px, or ≥ 18.66 px bold). Disabled controls
// are exempt, as WCAG allows.
export async function assertContrast(page) {
  const failures = await page.evaluate(() => {
    const rgb = (text) => (text.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
      const f = (c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
        const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || !el.getClientRects().length) continue;
      if (el.closest('svg, [disabled], :disabled, .visually-hidden, [hidden], option')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || Number(style.opacity) < 0.1) continue;
      const fg = luminance(rgb(style.color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`${ratio.toFixed(2)}:1 "${node.textContent.trim().slice(0, 40)}"`);
    }
    return [...new Set(out)];
  });
  assert.deepEqual(failures, [], 'text contrast below WCAG AA');
}

// No sideways scrolling at the current width.
export async function assertFits(page) {
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  assert.ok(fits, 'the page fits the screen width');
}

// Goes to a screen of the app (reloading when already there, so it shows fresh data) and
// waits until it has loaded.
export async function visit(page, base, hash) {
  const target = `${base}/${hash}`;
  if (page.url() === target) await page.reload();
  else await page.goto(target);
  await page.locator('#page-title').waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

const step = (page, key) => page.locator(`section[data-step="${key}"]`);

async function next(page) {
  await page.locator('#intake-next').click();
}

// A text field, or the select it becomes when the commune has a village list.
async function enter(control, text) {
  if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(text);
  else await control.fill(text);
}

// Fills the intake form with `c` (the API case body, plus consent.agencies to tick) and opens
// the case. Nothing is pre-chosen on the form, so every choice is made here: sex, risk, and
// consent (c.consent.given, default true; c.consent.given_by, default 'survivor' — for a
// child the form chooses the guardian itself) and how the report arrived (c.intake.channel,
// default 'in_person'; c.intake.received_at_local, a datetime-local value, default an hour ago).
// Returns {id, code} read from the case page. `onStep(name)` runs on each step (screenshots).
export async function openCaseThroughIntake(page, c, onStep = async () => {}) {
  await page.goto(`${page.url().split('#')[0]}#/cases/new`);
  await page.locator('#intake-form').waitFor();
  const s = step(page, 'survivor');
  await s.locator('[name="survivor.full_name"]').fill(c.survivor.full_name);
  await s.locator(`[name="survivor.sex"][value="${c.survivor.sex}"]`).check();
  if (c.survivor.birth_year) await s.locator('[name="survivor.birth_year"]').fill(String(c.survivor.birth_year));
  await enter(s.locator('[name="survivor.village"]'), c.survivor.village);
  if (c.survivor.phone) await s.locator('[name="survivor.phone"]').fill(c.survivor.phone);
  await onStep('survivor');
  await next(page);

  const i = step(page, 'incident');
  // How the report arrived (asked when the server's catalogue lists the channels): c.intake.
  const channel = i.locator('[name="intake.channel"]');
  if (await channel.count()) {
    await channel.selectOption((c.intake && c.intake.channel) || 'in_person');
    const anHourAgo = new Date(Date.now() + 6 * 3600e3).toISOString().slice(0, 16); // Vietnam time
    await i.locator('[name="intake.received_at"]').fill((c.intake && c.intake.received_at_local) || anHourAgo);
  }
  await i.locator('[name="incident.date"]').fill(c.incident.date);
  await enter(i.locator('[name="incident.village"]'), c.incident.village);
  await i.locator('[name="incident.place"]').selectOption(c.incident.place);
  for (const type of c.incident.types) await i.locator(`[name="incident.types"][value="${type}"]`).check();
  await i.locator('[name="incident.description"]').fill(c.incident.description);
  await onStep('incident');
  await next(page);

  const p = step(page, 'perpetrators');
  const blocks = p.locator('.person-block');
  for (let n = 0; n < c.perpetrators.length; n += 1) {
    if (n > 0) await p.getByRole('button', { name: /Thêm người|Add a perpetrator/ }).click();
    const block = blocks.nth(n);
    await block.locator('[name$=".full_name"]').fill(c.perpetrators[n].full_name);
    await block.locator(`[name$=".sex"][value="${c.perpetrators[n].sex}"]`).check();
    await block.locator('[name$=".relationship"]').selectOption(c.perpetrators[n].relationship);
  }
  await onStep('perpetrators');
  await next(page);

  const r = step(page, 'risk');
  await r.locator(`[name="risk"][value="${c.risk}"]`).check();
  if (c.flags && c.flags.crime) await r.locator('[name="flags.crime"]').check();
  if (c.safety_plan) await r.locator('[name="safety_plan"]').fill(c.safety_plan);
  await onStep('risk');
  await next(page);

  const k = step(page, 'consent');
  const given = c.consent.given ?? true;
  await k.locator(`[name="consent.given"][value="${given ? 'yes' : 'no'}"]`).check();
  const by = k.locator(`[name="consent.given_by"][value="${c.consent.given_by || 'survivor'}"]`);
  if (!(await by.isDisabled())) await by.check();
  for (const agency of given ? c.consent.agencies : []) {
    const box = k.locator(`[name="consent.agencies"][value="${agency}"]`);
    if (!(await box.isDisabled())) await box.check();
  }
  await onStep('consent');
  await next(page);

  await step(page, 'review').locator('.review dl').first().waitFor();
  await onStep('review');
  await next(page);
  await page.waitForFunction(() => /^#\/cases\/\d+$/.test(location.hash));
  await page.locator('.actions-panel').waitFor();
  const id = await page.evaluate(() => location.hash.split('/').pop());
  const code = (await page.locator('h1').textContent()).split(' ').pop();
  return { id, code };
}

// Opens one action of the case page's panel by its button id (#action-<key>).
export async function openAction(page, key) {
  await page.locator(`#action-${key}`).click();
  await page.locator('#action-area form').first().waitFor();
  return page.locator('#action-area form').first();
}

// Runs `act` (a form submission) and waits for its outcome: the success flash, or the form's
// error, which fails the test with the words the user would read.
export async function confirmed(page, act) {
  await page.evaluate(() => document.getElementById('flash').replaceChildren());
  await act();
  const outcome = page.locator('#flash .alert-success, main .form-message .alert-error').first();
  await outcome.waitFor();
  const text = await outcome.textContent();
  if ((await outcome.getAttribute('class')).includes('alert-error')) throw new Error(`refused: ${text}`);
  await page.locator('.loading').waitFor({ state: 'detached' });
  return text;
}

// Records an event through the action panel: details by field name, optional due date.
export async function recordEvent(page, type, details = {}, due) {
  return confirmed(page, async () => {
    const form = await openAction(page, 'event');
    const picker = form.locator('select[name="type"]');
    if (await picker.count()) await picker.selectOption(type);
    await fillDetails(form, details);
    if (due) await form.locator('[name="due"]').fill(due);
    await form.locator('button[type="submit"]').click();
  });
}

export async function fillDetails(form, details) {
  for (const [name, value] of Object.entries(details)) {
    const control = form.locator(`[name="details.${name}"]`);
    if (Array.isArray(value)) {
      for (const v of value) await form.locator(`[name="details.${name}"][value="${v}"]`).check();
    } else if (typeof value === 'boolean') {
      await form.locator(`[name="details.${name}"][value="${value ? 'yes' : 'no'}"]`).check();
    } else if ((await control.first().evaluate((el) => el.tagName)) === 'SELECT') {
      await control.selectOption(String(value));
    } else {
      await control.fill(String(value));
    }
  }
}

// Submits a reason-style action form (close, reopen, recuse, refer…) with `fields` by name.
export async function submitAction(page, key, fields) {
  const form = await openAction(page, key);
  for (const [name, value] of Object.entries(fields)) {
    const control = form.locator(`[name="${name}"]`);
    const tag = await control.first().evaluate((el) => `${el.tagName}:${el.type}`);
    if (tag.startsWith('SELECT')) await control.selectOption(String(value));
    else if (tag.endsWith('checkbox')) await (value ? control.check() : control.uncheck());
    else await control.fill(String(value));
  }
  await form.locator('button[type="submit"]').click();
  return form;
}
