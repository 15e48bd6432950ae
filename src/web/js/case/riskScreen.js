// The risk screen (event type risk.screen, issue 20): its own part of the event form, and what
// the case page shows around it.
// - The catalogue's questions ("risk_questions": {id, severe, label}), each answered yes, no or
//   don't know (the wire: "yes" | "no" | "unknown", every question).
// - The level the answers suggest, shown live as they are given, by the rule of the HTTP
//   contract (docs/issue20-contract.md; the catalogue's "risk_levels_rule" words it): the
//   server computes it again on saving ("suggested") and the case's risk becomes the officer's
//   own choice ("level"), which starts unchosen. A level other than the suggested one needs
//   the reason ("override_reason").
// - The catalogue's "risk_screen_note", shown plainly: this is no validated clinical instrument.
// - After saving, when the answer carries "prompt": "protection.request", the case page offers
//   the protection request form at once (rememberPrompt / promptView).
// - The case page's hint to screen again when a police report or intervention is newer than
//   the newest risk screen (reassessHint), from the timeline the page has loaded.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import { cataloguePart, inLanguage } from '../catalogue.js';
import { alertBox } from '../ui/notice.js';
import { badge } from '../ui/bits.js';
import { choices, field, fieldProblems, radioValue, value } from '../ui/form.js';

export const RISK_SCREEN = 'risk.screen';
const ANSWERS = ['yes', 'no', 'unknown'];
const SEVERE_LEVELS = ['high', 'critical'];

const questions = () => (Array.isArray(cataloguePart('risk_questions')) ? cataloguePart('risk_questions') : []);
const answerName = (q) => `details.answers.${q.id}`;
const specOf = (spec, name) => spec.fields.find((f) => f.name === name) || null;

// Whether an event type's form is this one (it has a field of kind "answers").
export const isRiskScreen = (spec) => Boolean(spec && spec.fields.some((f) => f.kind === 'answers'));

// The level the answers suggest ({id: 'yes'|'no'|'unknown'}; an unanswered question counts as
// no): any severe "yes" → high; two severe, or one severe with 3+ other "yes" → critical;
// no severe: 5+ "yes" → high, 2–4 → medium, else low (the contract's rule).
export function suggestedLevel(list, answers) {
  const yes = (q) => answers[q.id] === 'yes';
  const severe = list.filter((q) => q.severe && yes(q)).length;
  const other = list.filter((q) => !q.severe && yes(q)).length;
  if (severe >= 2 || (severe === 1 && other >= 3)) return 'critical';
  if (severe === 1) return 'high';
  if (other >= 5) return 'high';
  return other >= 2 ? 'medium' : 'low';
}

// The words of a level (the UI's risk words, as the case badge shows them).
export function levelWords(value) {
  return label('risk', value);
}

function readAnswers(form) {
  return Object.fromEntries(questions().map((q) => [q.id, radioValue(form, answerName(q))]));
}

function questionGroup(q, n) {
  return choices({
    name: answerName(q), type: 'radio', required: true,
    legend: [h('span', { class: 'risk-q-number' }, `${n}. `), inLanguage(q.label, q.id), q.severe ? [' ', badge('danger', t('risk_screen.severe'))] : null],
    short: t('risk_screen.question_n', { n }), missing: t('risk_screen.answer_missing', { n }),
    options: ANSWERS.map((a) => ({ value: a, label: a === 'unknown' ? t('risk_screen.unknown') : t(`common.${a}`) })),
  });
}

// The controls of the risk screen's fields; other(f) builds any field this form does not know.
function fields(spec, _preset, other) {
  const note = inLanguage(cataloguePart('risk_screen_note'));
  const rule = inLanguage(cataloguePart('risk_levels_rule'));
  const level = specOf(spec, 'level');
  const reason = specOf(spec, 'override_reason');
  const parts = [];
  if (note) parts.push(h('div', { class: 'risk-note', role: 'note' }, h('strong', {}, `${t('risk_screen.note_title')}: `), note));
  for (const f of spec.fields) {
    if (f.kind === 'answers') {
      parts.push(h('fieldset', { class: 'risk-questions' },
        h('legend', {}, t('risk_screen.questions')),
        h('p', { class: 'hint' }, t('risk_screen.intro')),
        h('ol', { class: 'plain-list risk-question-list' }, questions().map((q, i) => h('li', { class: 'risk-question', dataset: { question: q.id, severe: String(Boolean(q.severe)) } }, questionGroup(q, i + 1))))));
      parts.push(h('div', { class: 'risk-suggested', id: 'risk-suggested', 'aria-live': 'polite' },
        h('p', { class: 'risk-suggested-level' }), h('p', { class: 'hint risk-counts' }), rule ? h('p', { class: 'hint risk-rule' }, rule) : null));
    } else if (f === level) {
      parts.push(choices({
        name: 'details.level', type: 'radio', required: true, legend: inLanguage(f.label, f.name), hint: t('risk_screen.level_hint'),
        options: (f.choices || []).map((c) => ({ value: c.value, label: inLanguage(c.label, c.value) })),
      }));
    } else if (f === reason) {
      // Its hint names the suggested level (refresh keeps it current).
      parts.push(field({ name: 'details.override_reason', label: inLanguage(f.label, f.name), type: 'textarea', rows: 2, required: true, hint: ' ', missing: t('risk_screen.override_missing') }));
    } else if (f.name !== 'suggested') {
      parts.push(other(f));
    }
  }
  return parts;
}

// Redraws the suggested level and shows the reason field only when the chosen level differs.
function refresh(form) {
  const box = form.querySelector('#risk-suggested');
  if (!box) return;
  const list = questions();
  const answers = readAnswers(form);
  const suggested = suggestedLevel(list, answers);
  const yes = list.filter((q) => answers[q.id] === 'yes');
  box.querySelector('.risk-suggested-level').replaceChildren(t('risk_screen.suggested', { level: '' }), h('strong', { dataset: { level: suggested } }, levelWords(suggested)));
  box.dataset.level = suggested;
  box.querySelector('.risk-counts').textContent = t('risk_screen.counts', {
    yes: yes.length, severe: yes.filter((q) => q.severe).length, answered: Object.values(answers).filter(Boolean).length, total: list.length,
  });
  const reason = form.querySelector('[data-name="details.override_reason"]');
  if (reason) {
    const chosen = radioValue(form, 'details.level');
    reason.hidden = !chosen || chosen === suggested;
    reason.querySelector('.hint').textContent = t('risk_screen.override_hint', { level: levelWords(suggested) });
  }
}

function read(form, spec, other) {
  const details = {};
  for (const f of spec.fields) {
    if (f.kind === 'answers') details[f.name] = readAnswers(form);
    else if (f.name === 'level') details.level = radioValue(form, 'details.level');
    else if (f.name === 'override_reason') {
      const wrap = form.querySelector('[data-name="details.override_reason"]');
      if (wrap && !wrap.hidden) details.override_reason = value(form, 'details.override_reason');
    } else if (f.name !== 'suggested') Object.assign(details, other(f));
  }
  return details;
}

function problems(form, spec) {
  const names = [...questions().map(answerName), 'details.level', 'details.override_reason'];
  const rest = spec.fields.filter((f) => !['answers', 'level', 'override_reason', 'suggested'].includes(f.name) && f.kind !== 'answers').map((f) => `details.${f.name}`);
  return fieldProblems(form, [...names, ...rest]);
}

// What an entry recorded, as this form's controls hold it (a correction starts from it).
function answersOf(spec, ev) {
  const d = ev.details || {};
  const out = {};
  for (const [id, a] of Object.entries(d.answers || {})) out[`details.answers.${id}`] = [String(a)];
  if (d.level) out['details.level'] = [String(d.level)];
  if (d.override_reason) out['details.override_reason'] = String(d.override_reason);
  return out;
}

// The server's answer to a saved screen: remember its prompt for the case page, which reloads.
let pendingPrompt = null;
function afterSave(caseId, answer) {
  const details = (answer && answer.details) || {};
  pendingPrompt = answer && answer.prompt === 'protection.request'
    ? { caseId: String(caseId), level: details.suggested || details.level || '' }
    : null;
}

// The risk screen's part of the event form (case/eventForm.js uses it for a type with an
// "answers" field): fields, refresh on change, read, problems, answersOf, afterSave.
export const riskScreenPart = { fields, refresh, read, problems, answersOf, afterSave };

// The prompt after a screen that suggests high or critical, once, on the case's page:
// a button opens the protection request form (when the case answer allows it). The page
// focuses its heading (focusPrompt), so it is in view and read out after the save.
export function promptView(c, allowed, openRequest) {
  if (!pendingPrompt || pendingPrompt.caseId !== String(c.id)) return null;
  const { level } = pendingPrompt;
  pendingPrompt = null;
  const words = levelWords(SEVERE_LEVELS.includes(level) ? level : 'high');
  const section = h('section', { class: 'card risk-prompt', id: 'risk-prompt', 'aria-labelledby': 'risk-prompt-title' },
    h('h2', { id: 'risk-prompt-title', tabindex: '-1' }, t('risk_screen.prompt_title', { level: words })),
    h('p', {}, t('risk_screen.prompt_text', { level: words.toLocaleLowerCase() })));
  const may = allowed.includes('event:protection.request');
  const refusal = (c.refusals || {})['event:protection.request'];
  section.append(h('div', { class: 'actions' },
    may ? h('button', { type: 'button', class: 'button primary', id: 'risk-prompt-request', onclick: () => { section.remove(); openRequest(); } }, t('risk_screen.prompt_button')) : null,
    h('button', { type: 'button', class: 'button secondary', id: 'risk-prompt-later', onclick: () => section.remove() }, t('risk_screen.prompt_later'))));
  if (!may && refusal) section.append(alertBox('info', refusal));
  return section;
}

const timeOf = (ev) => Date.parse(ev.at || ev.created_at || '') || 0;
const standing = (ev) => !ev.voided && !ev.superseded_by;
const newest = (events, types) => Math.max(0, ...events.filter((e) => types.includes(e.type) && standing(e)).map(timeOf));

// The hint to screen (again): the newest police report or intervention is newer than the newest
// risk screen, or there is none. Offered to a caller who may record a screen now.
export function reassessHint(events, allowed, openScreen) {
  if (!allowed.includes(`event:${RISK_SCREEN}`)) return null;
  const police = newest(events, ['police.report', 'police.intervention']);
  const screened = newest(events, [RISK_SCREEN]);
  if (!police || police <= screened) return null;
  return h('div', { class: 'alert alert-warning reassess-hint', id: 'reassess-hint', role: 'status' },
    h('strong', { class: 'alert-kind' }, t('risk_screen.reassess_title')), ' ',
    h('span', {}, t(screened ? 'risk_screen.reassess_text' : 'risk_screen.reassess_none')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button secondary small', id: 'reassess-open', onclick: openScreen }, t('risk_screen.reassess_button'))));
}

// Moves the focus to the prompt on `view`, if there is one (the router then leaves it there).
export function focusPrompt(view) {
  const title = view.querySelector('#risk-prompt-title');
  if (title) title.focus();
}
