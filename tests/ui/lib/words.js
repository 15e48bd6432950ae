// The UI's own words, read from the catalogues, so a test written once checks the Vietnamese
// and the English run alike: words('en')('referral.accept') → 'Accept'.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/web/i18n');

export function words(lang) {
  const catalogue = JSON.parse(fs.readFileSync(path.join(dir, `${lang}.json`), 'utf8'));
  return (key, params = {}) => {
    if (!(key in catalogue)) throw new Error(`no key ${key} in ${lang}.json`);
    return catalogue[key].replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}
