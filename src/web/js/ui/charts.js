// Horizontal bar charts drawn as SVG by hand (no library; CSP allows no inline style, so only
// presentation attributes and classes from style.css are used). Each chart has a text
// alternative and is followed by the same numbers in a table. A hidden count — "<5" (1 to 4)
// or "x" (hidden so that no "<5" can be worked out from a total) — is drawn hatched, as a
// short bar, with its mark: its size is not known, so no bar may suggest one.

import { svg } from '../dom.js';
import { t } from '../i18n.js';

const ROW = 44;
const LABEL_Y = 16;
const BAR_Y = 22;
const BAR_H = 14;
const VALUE_SPACE = 56;

// A count's number, or null for a hidden one ("<5", "x").
export function numeric(value) {
  if (typeof value === 'number') return value;
  const n = Number(value);
  return value !== '' && Number.isFinite(n) ? n : null;
}

let chartSeq = 0;

// barChart(title, [{label, value}]) → <svg>
export function barChart(title, rows) {
  chartSeq += 1;
  const id = `chart-${chartSeq}`;
  // Drawn at the width it will have, so its text stays readable on a 360-px phone.
  const WIDTH = Math.round(Math.min(640, Math.max(280, document.documentElement.clientWidth - 64)));
  const max = Math.max(5, ...rows.map((r) => numeric(r.value) ?? 4));
  const scale = (WIDTH - VALUE_SPACE) / max;
  const height = Math.max(ROW, rows.length * ROW);
  const summary = rows.map((r) => `${r.label}: ${r.value}`).join('; ');
  return svg('svg', {
    class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet',
  },
  svg('title', { id: `${id}-title` }, t('chart.title', { title })),
  svg('desc', { id: `${id}-desc` }, summary),
  svg('defs', {},
    svg('pattern', { id: `${id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, class: 'hatch-bg' }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }))),
  rows.map((r, i) => {
    const y = i * ROW;
    const n = numeric(r.value);
    const small = n === null;
    const width = Math.max(2, (small ? 4 : n) * scale);
    return svg('g', { class: 'chart-row' },
      svg('text', { x: 0, y: y + LABEL_Y, class: 'chart-label' }, r.label),
      svg('rect', { x: 0, y: y + BAR_Y, width, height: BAR_H, class: small ? 'bar bar-small' : 'bar', fill: small ? `url(#${id}-hatch)` : null }),
      svg('text', { x: width + 6, y: y + BAR_Y + BAR_H - 2, class: 'chart-value' }, String(r.value)));
  }));
}
