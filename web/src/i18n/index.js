// The language of the page: Korean unless the viewer chose English (?lang=, the toggle, or a
// remembered choice). The cookie lets the server set <html lang> before any script runs.
import { signal } from '@preact/signals';
import ko from './ko.js';
import en from './en.js';

const dicts = { ko: { ...ko }, en: { ...en } };
const LANGS = ['ko', 'en'];

function readCookie(name) {
  const m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
  return m ? decodeURIComponent(m[1]) : null;
}

function stored() {
  try {
    const v = localStorage.getItem('fl_lang');
    if (LANGS.includes(v)) return v;
  } catch {
    // Private modes may refuse storage; the cookie still remembers.
  }
  const c = readCookie('fl_lang');
  return LANGS.includes(c) ? c : null;
}

function initial() {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (LANGS.includes(fromUrl)) return fromUrl;
  return stored() || 'ko';
}

export const lang = signal(initial());

export function setLang(l) {
  if (!LANGS.includes(l)) return;
  lang.value = l;
  try {
    localStorage.setItem('fl_lang', l);
  } catch {
    // ignored: see stored()
  }
  document.cookie = `fl_lang=${l}; Path=/; Max-Age=31536000; SameSite=Lax`;
  document.documentElement.lang = l;
}

// Applies ?lang= once at boot and drops it from the address so shared links stay clean.
export function initLang() {
  setLang(lang.value);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.delete('lang');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
}

// Lazily loaded pages bring their own strings.
export function addStrings(more) {
  for (const l of LANGS) Object.assign(dicts[l], more[l]);
}

export function t(key, params) {
  const v = dicts[lang.value][key] ?? dicts.ko[key] ?? key;
  if (typeof v === 'function') return v(params || {});
  if (!params) return v;
  return v.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? '') + '');
}

export function has(key) {
  return key in dicts[lang.value];
}
