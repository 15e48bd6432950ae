// The message catalogues (i18n/vi.json, i18n/en.json): every string the UI shows comes from
// one of them. Vietnamese is the default; the choice is remembered in localStorage.
// t(key, {name}) fills {name} placeholders; a missing key is reported with console.error
// (the browser tests fail on it) and shown as the key itself.

const STORAGE_KEY = 'binhan.lang';
export const LANGUAGES = ['vi', 'en'];

let current = 'vi';
let catalogue = {};
const listeners = new Set();

function storedLanguage() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(value) ? value : 'vi';
  } catch {
    return 'vi';
  }
}

async function fetchCatalogue(lang) {
  const response = await fetch(`/ui/i18n/${lang}.json`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`catalogue ${lang}: ${response.status}`);
  return response.json();
}

// Loads the remembered language's catalogue; call once before the first render.
export async function loadLanguage(lang = storedLanguage()) {
  catalogue = await fetchCatalogue(lang);
  current = lang;
  document.documentElement.lang = lang;
}

export function language() {
  return current;
}

// Switches language, remembers it, and tells every listener (the router re-renders).
export async function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  await loadLanguage(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the switch still works for this page
  }
  for (const listener of listeners) listener(lang);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}

export function t(key, params) {
  if (!has(key)) {
    console.error(`i18n: missing key "${key}" in ${current}.json`);
    return key;
  }
  let text = catalogue[key];
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
  }
  return text;
}

// The label of an API value: label('risk', 'high') → t('risk.high'); an unknown value (a new
// server enumeration) is shown as it is rather than failing.
export function label(group, value) {
  const key = `${group}.${value}`;
  return has(key) ? catalogue[key] : String(value ?? '');
}
