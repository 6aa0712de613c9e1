// The web app's own words (web/src/i18n/{ko,en}.js and the seller pages' strings), so tests find
// buttons and check messages in each language by the text the app means to show, and money as
// the app formats it. Read-only: nothing under web/ is changed or built.
import { join } from 'node:path';
import { repoRoot } from './env.mjs';

const src = join(repoRoot, 'web', 'src');
const ko = (await import(join(src, 'i18n', 'ko.js'))).default;
const en = (await import(join(src, 'i18n', 'en.js'))).default;

// The seller pages' own, which they register with addStrings() when they load.
const seller = {
  ko: (await import(join(src, 'pages', 'seller', 'strings-ko.js'))).default,
  en: (await import(join(src, 'pages', 'seller', 'strings-en.js'))).default,
};
const dicts = { ko: { ...ko, ...seller.ko }, en: { ...en, ...seller.en } };

// Each dictionary's keys, by where it lives: both languages must hold the same.
export const dictionaries = { app: { ko, en }, seller };

export const LANGS = ['ko', 'en'];

export function t(lang, key, params = {}) {
  const v = dicts[lang][key] ?? dicts.ko[key];
  if (v === undefined) throw new Error(`no string ${key} in web/src`);
  if (typeof v === 'function') return v(params);
  return v.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

// Text as it must appear inside a regular expression.
export const escapeRe = (s) => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Text as a regular expression (exact, or anywhere with {exact: false}); parameters may be
// given as regular-expression source with {raw: true}.
export function tRe(lang, key, params = {}, { exact = true, raw = false } = {}) {
  const v = dicts[lang][key] ?? dicts.ko[key];
  if (v === undefined) throw new Error(`no string ${key} in web/src`);
  let source;
  if (typeof v === 'function') source = escapeRe(v(params));
  else {
    source = v
      .split(/(\{\w+\})/)
      .map((part) => {
        const m = part.match(/^\{(\w+)\}$/);
        if (!m) return escapeRe(part);
        return raw ? String(params[m[1]] ?? '.*?') : m[1] in params ? escapeRe(params[m[1]]) : '.*?';
      })
      .join('');
  }
  return new RegExp(exact ? `^\\s*${source}\\s*$` : source);
}

// 15000 -> "15,000원" (ko) or "₩15,000" (en), as web/src/i18n/format.js writes money.
export function money(lang, n) {
  if (lang === 'ko') return new Intl.NumberFormat('ko-KR').format(n) + '원';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'KRW' }).format(n);
}

export function number(lang, n) {
  return new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US').format(n);
}
