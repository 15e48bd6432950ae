// What the case screen offers, read from the page, and what it must offer, read from the
// server's own answer to the same user (allowed_actions, refusals, the timeline entries'
// allowed_actions). The tests compare the two, so a rule re-typed in the browser — a button
// the server would refuse, or one it allows that is missing — fails them.

import assert from 'node:assert/strict';
import { call, login } from './api.js';
import { credentials } from './users.js';

// An API client signed in as `role` (Bearer token), asking in `lang`.
export async function apiAs(role, lang = 'vi') {
  const token = await login(credentials(role));
  const ask = (method, path, body) => call(method, path, { token, body, lang });
  return {
    token,
    ask,
    async get(path) {
      const r = await ask('GET', path);
      assert.equal(r.status, 200, `GET ${path} as ${role}: ${r.status} ${r.text}`);
      return r.json;
    },
    async post(path, body = {}) {
      const r = await ask('POST', path, body);
      assert.ok(r.status === 200 || r.status === 201, `POST ${path} as ${role}: ${r.status} ${r.text}`);
      return r.json;
    },
    async end() {
      await call('DELETE', '/api/v1/session', { token });
    },
  };
}

// The panel as the page shows it: the buttons (#action-<name>), the export link, the event
// types of the "record an activity" picker, and the refusals with their words.
export async function panelOnPage(page) {
  const panel = page.locator('.actions-panel');
  await panel.waitFor();
  const buttons = (await panel.locator('.action-buttons button[id^="action-"]').evaluateAll((els) => els.map((e) => e.id.slice('action-'.length)))).sort();
  const exportLink = await panel.locator('a#action-export').count();
  let eventTypes = [];
  if (buttons.includes('event')) {
    await page.locator('#action-event').click();
    const form = page.locator('#action-area form.event-form');
    await form.waitFor();
    const picker = form.locator('select[name="type"]');
    eventTypes = (await picker.count())
      ? await picker.locator('option').evaluateAll((els) => els.map((o) => o.value))
      : [await form.locator('input[name="type"]').inputValue()];
    await page.locator('#action-event').click(); // closes the form again
    await form.waitFor({ state: 'detached' });
  }
  const refusals = await panel.locator('.refusal').evaluateAll((els) => els.map((e) => ({
    actions: e.dataset.actions.split(' ').sort(), text: e.querySelector('.refusal-text').textContent,
  })));
  // The chair's "link with a case" form (issue 21) sits in the related-files section.
  const linkForm = (await page.locator('#earlier-link-form').count()) === 1;
  return { buttons, exportLink: exportLink === 1, eventTypes: eventTypes.sort(), refusals: sortRefusals(refusals), linkForm };
}

const sortRefusals = (list) => [...list].sort((a, b) => a.text.localeCompare(b.text));

// The panel the server's answer calls for. Event types that answer another timeline entry
// (a field of kind event_id in the catalogue: a decision, a revocation) are offered from that
// entry, not from the picker.
export function panelFromAnswer(answer, catalogue) {
  const allowed = answer.allowed_actions;
  const answersEntry = new Set(catalogue.event_types.filter((e) => e.fields.some((f) => f.kind === 'event_id')).map((e) => e.name));
  const eventTypes = allowed.filter((a) => a.startsWith('event:')).map((a) => a.slice('event:'.length)).filter((type) => !answersEntry.has(type)).sort();
  // "attach" (issue 21) is offered by the case page's section of evidence files, not the panel,
  // and "link" by its section of related case files.
  const caseLevel = allowed.filter((a) => !a.startsWith('event:') && !a.startsWith('refer:') && a !== 'export' && a !== 'attach' && a !== 'link');
  const byText = new Map();
  for (const [action, text] of Object.entries(answer.refusals || {})) if (!action.startsWith('refer:')) byText.set(text, [...(byText.get(text) || []), action]);
  return {
    buttons: [...(eventTypes.length ? ['event'] : []), ...caseLevel].sort(),
    exportLink: allowed.includes('export'),
    eventTypes,
    refusals: sortRefusals([...byText].map(([text, actions]) => ({ actions: actions.sort(), text }))),
    linkForm: allowed.includes('link'),
  };
}

// The case page of `caseId` offers exactly what GET /api/v1/cases/{id} allows this user now;
// returns the answer for further checks.
export async function assertPanelMatchesServer(page, api, catalogue, caseId, what) {
  const answer = await api.get(`/api/v1/cases/${caseId}`);
  assert.deepEqual(await panelOnPage(page), panelFromAnswer(answer, catalogue), `${what}: the panel offers exactly the server's allowed_actions and refusals`);
  return answer;
}

// Each timeline entry has a "done" button exactly when its allowed_actions has "done";
// returns how many do.
export async function assertDoneButtonsMatchServer(page, api, caseId, what) {
  const { items } = await api.get(`/api/v1/cases/${caseId}/events`);
  let count = 0;
  for (const item of items) {
    const expected = (item.allowed_actions || []).includes('done');
    if (expected) count += 1;
    const shown = await page.locator(`#event-${item.id} [data-action="done"]`).count();
    assert.equal(shown, expected ? 1 : 0, `${what}: "done" on entry ${item.id} (${item.type}) as the server allows`);
  }
  return count;
}
