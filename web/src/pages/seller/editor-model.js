// The form editor's data: a seller view becomes editable text fields, and fields become the
// POST body of a new form or the PATCH of only what changed (with the products added and removed,
// and the questions as a whole list).
import { toLocalInput, fromLocalInput } from './seller-api.js';

let seq = 0;
// Unique across reloads too: a restored draft keeps the keys it was saved with.
const key = () => 'k' + ++seq + Math.random().toString(36).slice(2, 8);
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
    questions: [],
    visibility: 'PUBLIC',
  };
}

export const emptyProduct = () => ({ key: key(), name: '', price: '', stock: '', per_buyer_limit: '', grouped: false, group: '', option: '', group_limit: '' });
// The next option of `p`'s group: same group, limit and price, a name and stock of its own.
export const nextOption = (p) => ({ ...emptyProduct(), grouped: true, group: p.group, group_limit: p.group_limit, price: p.price });
export const emptyQuestion = () => ({ key: key(), label: '', kind: 'TEXT', choices: ['', ''], required: false });
export const QUESTION_MAX = 10;
export const CHOICE_MIN = 2;
export const CHOICE_MAX = 20;
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
      grouped: !!p.group,
      group: p.group || '',
      option: p.option || '',
      group_limit: str(p.group_limit),
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
    questions: (f.questions || []).map((q) => ({
      key: 'q' + q.id,
      label: q.label,
      kind: q.kind,
      choices: q.kind === 'CHOICE' ? [...q.choices] : ['', ''],
      required: !!q.required,
    })),
    visibility: f.visibility || 'PUBLIC',
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

// An option may leave its name empty: it is then named by its group and option ("포토카드 A 버전").
export const productName = (p) => {
  const name = p.name.trim();
  return name || !p.grouped ? name : `${p.group.trim()} ${p.option.trim()}`.trim();
};

function newProduct(p) {
  const o = { name: productName(p), price: int(p.price), stock: int(p.stock) };
  if (int(p.per_buyer_limit) !== null) o.per_buyer_limit = int(p.per_buyer_limit);
  if (p.grouped) {
    o.group = p.group.trim();
    o.option = p.option.trim();
    if (int(p.group_limit) !== null) o.group_limit = int(p.group_limit);
  }
  return o;
}

export function questionsBody(list) {
  return list.map((q) => {
    const o = { label: q.label.trim(), kind: q.kind, required: !!q.required };
    if (q.kind === 'CHOICE') o.choices = q.choices.map((c) => c.trim());
    return o;
  });
}

// A seller typing a group limit on one option types it for the whole group.
export function setGroupLimit(products, group, value) {
  const g = group.trim();
  return products.map((p) => (p.grouped && p.group.trim() === g ? { ...p, group_limit: value } : p));
}

export function createBody(v) {
  const body = {
    title: v.title.trim(),
    description: v.description,
    opens_at: fromLocalInput(v.opens_at),
    closes_at: fromLocalInput(v.closes_at),
    deposit_deadline_hours: int(v.deposit_deadline_hours) ?? undefined,
    bank_account: { bank: v.bank, account_number: v.account_number.trim(), holder_name: v.holder_name.trim() },
    products: v.products.map(newProduct),
    delivery_options: v.delivery.map((d) => option(d, false)),
    questions: questionsBody(v.questions),
    visibility: v.visibility,
  };
  if (int(v.free_shipping_over) !== null) body.free_shipping_over = int(v.free_shipping_over);
  return body;
}

// Only what differs from `was`: a PATCH never restates a field the seller did not touch.
// `map` says which editor row each entry of `products` and `add_products` came from, so the
// server's "products[0].stock" lands next to the row the seller sees.
export function patchBody(was, v) {
  const body = {};
  const map = { products: [], add_products: [] };
  if (v.title !== was.title) body.title = v.title.trim();
  if (v.description !== was.description) body.description = v.description;
  if (v.opens_at !== was.opens_at) body.opens_at = fromLocalInput(v.opens_at);
  if (v.closes_at !== was.closes_at) body.closes_at = fromLocalInput(v.closes_at);
  if (v.deposit_deadline_hours !== was.deposit_deadline_hours) body.deposit_deadline_hours = int(v.deposit_deadline_hours);
  if (v.bank !== was.bank || v.account_number !== was.account_number || v.holder_name !== was.holder_name) {
    body.bank_account = { bank: v.bank, account_number: v.account_number.trim(), holder_name: v.holder_name.trim() };
  }
  const products = [];
  const added = [];
  v.products.forEach((p, i) => {
    const old = p.id && was.products.find((x) => x.id === p.id);
    if (!old) {
      added.push(newProduct(p));
      map.add_products.push(i);
      return;
    }
    const c = { id: p.id };
    if (p.name !== old.name) c.name = productName(p);
    if (p.price !== old.price) c.price = int(p.price);
    if (p.stock !== old.stock) c.stock = int(p.stock);
    if (p.per_buyer_limit !== old.per_buyer_limit) c.per_buyer_limit = int(p.per_buyer_limit);
    if (p.grouped !== old.grouped || (p.grouped && (p.group !== old.group || p.option !== old.option))) {
      c.group = p.grouped ? p.group.trim() : '';
      c.option = p.grouped ? p.option.trim() : '';
    }
    if ((p.grouped ? p.group_limit : '') !== (old.grouped ? old.group_limit : '')) c.group_limit = p.grouped ? int(p.group_limit) : null;
    if (Object.keys(c).length > 1) {
      products.push(c);
      map.products.push(i);
    }
  });
  if (products.length) body.products = products;
  if (added.length) body.add_products = added;
  const removed = was.products.filter((o) => !v.products.some((p) => p.id === o.id)).map((o) => o.id);
  if (removed.length) body.remove_products = removed;
  const qs = (list) => JSON.stringify(questionsBody(list));
  if (qs(v.questions) !== qs(was.questions)) body.questions = questionsBody(v.questions);
  const opts = (list) => JSON.stringify(list.map((d) => option(d, true)));
  if (opts(v.delivery) !== opts(was.delivery)) body.delivery_options = v.delivery.map((d) => option(d, true));
  if (v.free_shipping_over !== was.free_shipping_over) body.free_shipping_over = int(v.free_shipping_over);
  return { body, map };
}

// The server's field errors of a PATCH, renamed to the editor's rows: "add_products[0].name" of
// the product added as the third row becomes "products[2].name".
export function editorErrors(errs, map) {
  if (!map) return errs;
  const out = {};
  for (const [k, v] of Object.entries(errs)) {
    const m = k.match(/^(products|add_products)\[(\d+)\](.*)$/);
    const row = m && map[m[1]][Number(m[2])];
    out[row !== undefined && m ? `products[${row}]${m[3]}` : k] = v;
  }
  return out;
}
