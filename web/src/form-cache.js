// Public form JSON by id, shared by pages that only need a title (notifications, orders).
import { signal } from '@preact/signals';
import { api } from './api.js';

export const forms = signal({});
const pending = new Set();

export function rememberForm(f) {
  if (f && f.id) forms.value = { ...forms.peek(), [f.id]: f };
}

// The form if known; otherwise starts fetching it and answers undefined (the signal updates).
export function formById(id) {
  const f = forms.value[id];
  if (f || !id || pending.has(id)) return f;
  pending.add(id);
  api(`/api/v1/forms/${id}`)
    .then(rememberForm)
    .catch(() => {})
    .finally(() => pending.delete(id));
  return undefined;
}

// The form the page was served with (its JSON in the page's data block), once: the first render
// needs no request. Later visits ask the API, as what the block says has aged by then.
export function takePageForm(id) {
  const block = document.getElementById('page-data');
  if (!block) return null;
  block.remove();
  try {
    const f = JSON.parse(block.textContent);
    if (f && String(f.id) === String(id) && Array.isArray(f.products)) {
      rememberForm(f);
      return f;
    }
  } catch {
    // A block that does not parse is ignored: the API answers instead.
  }
  return null;
}

// The order a successful submit answered, so its page shows at once without asking again.
const orders = new Map();
export function rememberOrder(o) {
  if (o && o.id) orders.set(o.id, o);
}
export function takeOrder(id) {
  const o = orders.get(Number(id));
  orders.delete(Number(id));
  return o;
}
