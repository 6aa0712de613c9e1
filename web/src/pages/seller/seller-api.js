// What seller pages share: their seller view of a form, and datetime-local conversions.
import { api } from '../../api.js';

// The seller's view of one form (with its bank account and order counts), from the list of
// their forms: the public GET /api/v1/forms/{id} leaves the bank account out.
export async function sellerForm(id) {
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const r = await api('/api/v1/me/forms?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    const f = r.items.find((x) => x.id === Number(id));
    if (f) return f;
    if (!r.next_cursor) break;
    cursor = r.next_cursor;
  }
  const e = new Error('not found');
  e.status = 404;
  e.code = 'not_found';
  throw e;
}

const pad = (n) => String(n).padStart(2, '0');

// RFC 3339 -> the value of an <input type="datetime-local"> in the viewer's zone.
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// A datetime-local value -> RFC 3339 with the viewer's offset (what they meant, said exactly).
export function fromLocalInput(v) {
  if (!v) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return null;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
