// The stage tracks of a case, one per agency: referred → accepted | declined → active →
// completed. Each step is a word and a symbol (done ✓, current ●, to come ○), never colour alone.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import { formatDateTime } from '../format.js';
import { values } from '../catalogue.js';
import { stageBadge } from '../ui/bits.js';

const TRACK = ['referred', 'accepted', 'active', 'completed'];

function steps(status) {
  const reached = status === 'declined' ? 1 : TRACK.indexOf(status);
  const names = status === 'declined' ? ['referred', 'declined'] : TRACK;
  return h('ol', { class: 'track' }, names.map((name, i) => {
    const state = i < reached ? 'done' : i === reached ? 'current' : 'todo';
    const symbol = { done: '✓', current: '●', todo: '○' }[state];
    return h('li', { class: `track-step ${state}`, 'aria-current': state === 'current' ? 'step' : null },
      h('span', { class: 'track-symbol', 'aria-hidden': 'true' }, symbol),
      h('span', {}, label('stage', name)),
      h('span', { class: 'visually-hidden' }, ` (${t(`track.${state}`)})`));
  }));
}

export function stageTracks(stages) {
  const order = values('agency');
  const entries = Object.entries(stages || {}).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  if (!entries.length) return h('p', { class: 'empty' }, t('case.no_stages'));
  return h('ul', { class: 'tracks' }, entries.map(([agency, stage]) => {
    const status = typeof stage === 'string' ? stage : (stage && stage.status) || '';
    const since = stage && stage.since;
    const reason = stage && (stage.reason || stage.summary);
    return h('li', { class: 'track-row', dataset: { agency } },
      h('div', { class: 'track-head' },
        h('strong', {}, label('agency', agency)), ' ', stageBadge(status),
        since ? h('span', { class: 'muted' }, ` ${t('stage.since', { time: formatDateTime(since) })}`) : null),
      steps(status),
      reason ? h('p', { class: 'hint' }, t('stage.reason', { reason: label('stage_reason', reason) })) : null);
  }));
}
