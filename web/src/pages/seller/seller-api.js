// What seller pages share: their seller view of a form, and datetime-local conversions.
import { api } from '../../api.js';

// The seller's view of one form (with its bank account and order counts): the public
// GET /api/v1/forms/{id} leaves the bank account out.
export function sellerForm(id) {
  return api('/api/v1/me/forms/' + encodeURIComponent(id));
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
