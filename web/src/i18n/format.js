// Money, dates and countdowns in the page's language and the viewer's time zone.
import { lang } from './index.js';

const cache = new Map();
function fmt(kind, make) {
  const key = kind + lang.value;
  if (!cache.has(key)) cache.set(key, make(lang.value === 'ko' ? 'ko-KR' : 'en-US'));
  return cache.get(key);
}

export function money(n) {
  const v = Number(n) || 0;
  if (lang.value === 'ko') return fmt('num', (l) => new Intl.NumberFormat(l)).format(v) + '원';
  return fmt('krw', (l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'KRW' })).format(v);
}

export function number(n) {
  return fmt('num', (l) => new Intl.NumberFormat(l)).format(Number(n) || 0);
}

const toMs = (v) => (typeof v === 'number' ? v : Date.parse(v));

// Korea's offset from UTC, in the minutes getTimezoneOffset() counts (it has no summer time).
const KOREA_OFFSET = -540;

// A date and time; the time zone is named only for a viewer whose clock is not on Korea's time
// (a fan abroad), since sales keep Korean hours.
function zoned(v, key, options) {
  const ms = toMs(v);
  if (!Number.isFinite(ms)) return '';
  const abroad = new Date(ms).getTimezoneOffset() !== KOREA_OFFSET;
  return fmt(abroad ? key + 'z' : key, (l) =>
    new Intl.DateTimeFormat(l, { ...options, ...(abroad ? { timeZoneName: 'short' } : {}) }),
  ).format(ms);
}

export function dateTime(v) {
  return zoned(v, 'dt', { month: 'short', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit' });
}

// With the year.
export function dateTimeLong(v) {
  return zoned(v, 'dtl', { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit' });
}

// "3:12:05", or "2일 3:12:05" / "2d 3:12:05" when a day or more is left.
export function countdown(ms) {
  let s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  if (!d) return hms;
  return (lang.value === 'ko' ? `${d}일 ` : `${d}d `) + hms;
}

// A relative age for lists: "3분 전" / "3 min. ago".
export function ago(v, nowMs) {
  const diff = (toMs(v) - nowMs) / 1000;
  const rtf = fmt('rtf', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto', style: 'short' }));
  const a = Math.abs(diff);
  if (a < 60) return rtf.format(Math.round(diff), 'second');
  if (a < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (a < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  if (a < 86400 * 7) return rtf.format(Math.round(diff / 86400), 'day');
  return dateTime(v);
}
