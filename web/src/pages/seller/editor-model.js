// The form editor's data: a seller view becomes editable text fields, and fields become the
// POST body of a new form or the PATCH of only what changed.
import { toLocalInput, fromLocalInput } from './seller-api.js';

let seq = 0;
const key = () => 'k' + ++seq;
const str = (v) => (v === null || v === undefined ? '' : String(v));

export function emptyForm() {
  return {
    title: '',
    description: '',
    opens_at: '',
    closes_at: '',
    deposit_deadline_hours: '24',
    bank: '',
    account_number: '',
    holder_name: '',
    products: [emptyProduct()],
    delivery: [],
    free_shipping_over: '',
  };
}

export const emptyProduct = () => ({ key: key(), name: '', price: '', stock: '', per_buyer_limit: '' });
export const emptyOption = () => ({ key: key(), kind: 'COURIER', label: '', fee: '0', pickup_note: '' });

export function fromSellerView(f) {
  return {
    title: f.title,
    description: f.description || '',
    opens_at: toLocalInput(f.opens_at),
    closes_at: toLocalInput(f.closes_at),
    deposit_deadline_hours: str(f.deposit_deadline_hours),
    bank: f.bank_account ? f.bank_account.bank : '',
    account_number: f.bank_account ? f.bank_account.account_number : '',
    holder_name: f.bank_account ? f.bank_account.holder_name : '',
    products: f.products.map((p) => ({
      key: 'p' + p.id,
      id: p.id,
      name: p.name,
      price: str(p.price),
      stock: str(p.stock_total),
      per_buyer_limit: str(p.per_buyer_limit),
    })),
    delivery: f.delivery_options.map((d) => ({
      key: 'd' + d.id,
      id: d.id,
      kind: d.kind,
      label: d.label,
      fee: str(d.fee),
      pickup_note: d.pickup_note || '',
    })),
    free_shipping_over: str(f.free_shipping_over),
  };
}

// '' stays '' (the server names it missing); anything else must be a whole number.
const int = (v) => {
  const s = String(v).replace(/[,\s]/g, '');
  return s === '' ? null : /^-?\d+$/.test(s) ? Number(s) : s;
};

function option(d, withId) {
  const o = { kind: d.kind, label: d.label.trim(), fee: int(d.fee) ?? 0 };
  if (d.kind === 'PICKUP') o.pickup_note = d.pickup_note;
  if (withId && d.id) o.id = d.id;
  return o;
}

export function createBody(v) {
  const body = {
    title: v.title.trim(),
    description: v.description,
    opens_at: fromLocalInput(v.opens_at),
    closes_at: fromLocalInput(v.closes_at),
    deposit_deadline_hours: int(v.deposit_deadline_hours) ?? undefined,
    bank_account: { bank: v.bank, account_number: v.account_number.trim(), holder_name: v.holder_name.trim() },
    products: v.products.map((p) => {
      const o = { name: p.name.trim(), price: int(p.price), stock: int(p.stock) };
      if (int(p.per_buyer_limit) !== null) o.per_buyer_limit = int(p.per_buyer_limit);
      return o;
    }),
    delivery_options: v.delivery.map((d) => option(d, false)),
  };
  if (int(v.free_shipping_over) !== null) body.free_shipping_over = int(v.free_shipping_over);
  return body;
}

// Only what differs from `was`: a PATCH never restates a field the seller did not touch.
export function patchBody(was, v) {
  const body = {};
  if (v.title !== was.title) body.title = v.title.trim();
  if (v.description !== was.description) body.description = v.description;
  if (v.opens_at !== was.opens_at) body.opens_at = fromLocalInput(v.opens_at);
  if (v.closes_at !== was.closes_at) body.closes_at = fromLocalInput(v.closes_at);
  if (v.deposit_deadline_hours !== was.deposit_deadline_hours) body.deposit_deadline_hours = int(v.deposit_deadline_hours);
  if (v.bank !== was.bank || v.account_number !== was.account_number || v.holder_name !== was.holder_name) {
    body.bank_account = { bank: v.bank, account_number: v.account_number.trim(), holder_name: v.holder_name.trim() };
  }
  const products = [];
  for (const p of v.products) {
    const old = was.products.find((x) => x.id === p.id);
    if (!old) continue;
    const c = { id: p.id };
    if (p.name !== old.name) c.name = p.name.trim();
    if (p.price !== old.price) c.price = int(p.price);
    if (p.stock !== old.stock) c.stock = int(p.stock);
    if (p.per_buyer_limit !== old.per_buyer_limit) c.per_buyer_limit = int(p.per_buyer_limit);
    if (Object.keys(c).length > 1) products.push(c);
  }
  if (products.length) body.products = products;
  const opts = (list) => JSON.stringify(list.map((d) => option(d, true)));
  if (opts(v.delivery) !== opts(was.delivery)) body.delivery_options = v.delivery.map((d) => option(d, true));
  if (v.free_shipping_over !== was.free_shipping_over) body.free_shipping_over = int(v.free_shipping_over);
  return body;
}
