// DOM building without innerHTML: every text goes in through textContent or a text node, so
// data from the server (names, summaries) can never become markup. Attributes are set one by
// one; `on<event>` attributes take functions (never strings), so no inline handlers exist.

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttributes(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in el && el.namespaceURI !== SVG_NS) el.value = String(value);
    else if (key === 'checked' || key === 'selected' || key === 'disabled') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function appendChildren(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// h('p', {class: 'hint'}, 'text', otherNode): an HTML element.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  appendChildren(el, children);
  return el;
}

// svg('rect', {x: 0, width: 10}): an SVG element (charts). Presentation attributes only, no style.
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  appendChildren(el, children);
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

// A unique id for label/for and aria-describedby pairs.
let sequence = 0;
export function uid(prefix = 'f') {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

// el.append / el.replaceChildren that leave out null, undefined and false (a plain
// Element.append(null) would show the word "null").
export function add(el, ...children) {
  appendChildren(el, children);
  return el;
}

export function fill(el, ...children) {
  el.replaceChildren();
  appendChildren(el, children);
  return el;
}
