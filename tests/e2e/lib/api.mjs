// Seeding and checking over plain HTTP with bearer tokens, as an API client would.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sampleJpeg } from './env.mjs';

let addressSeq = 0;
let userSeq = 0;
// Each seeded user comes from an address of its own (X-Forwarded-For, trusted from loopback by
// the test server), so the per-address sign-up limit is the browser's alone.
function nextAddress() {
  addressSeq++;
  return `10.${(process.pid >> 8) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;
}

export class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class Api {
  constructor(baseURL) {
    this.baseURL = baseURL;
  }

  // One exchange: {status, headers, body} (JSON parsed when it is JSON). Never throws on status.
  async raw(method, path, { token, body, headers = {}, address } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    if (address) h['X-Forwarded-For'] = address;
    let payload = body;
    if (body !== undefined && !(body instanceof Uint8Array) && typeof body !== 'string') {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseURL + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let parsed = text;
    if ((res.headers.get('content-type') || '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  // The answer's body when its status is one of `ok`, else an ApiError.
  async call(method, path, opts = {}, ok = [200, 201, 204]) {
    const r = await this.raw(method, path, opts);
    if (!ok.includes(r.status)) throw new ApiError(method, path, r.status, r.body);
    return r.body;
  }

  async serverNow() {
    const t0 = Date.now();
    const { now_ms } = await this.call('GET', '/api/v1/time');
    return now_ms + (Date.now() - t0) / 2;
  }

  // The server clock minus this process's (both read the same machine's clock, so about 0).
  async clockOffset() {
    const t0 = Date.now();
    const { now_ms } = await this.call('GET', '/api/v1/time');
    const t1 = Date.now();
    return now_ms - (t0 + t1) / 2;
  }

  newUserData(prefix = 'user') {
    const n = ++userSeq;
    const tag = `${Date.now().toString(36)}${n}${Math.random().toString(36).slice(2, 6)}`;
    return {
      name: `${prefix[0].toUpperCase()}${prefix.slice(1)} ${n}`,
      email: `${prefix}-${tag}@example.com`,
      password: 'correct horse battery',
      phone: `010-${String(1000 + n).slice(-4)}-${String(5000 + n).slice(-4)}`,
    };
  }

  async signUp(data) {
    return this.call('POST', '/api/v1/users', { body: data, address: data.address }, [201]);
  }

  async signIn(email, password, address) {
    const r = await this.call('POST', '/api/v1/sessions', { body: { email, password }, address });
    return r.access_token;
  }

  // Signs a new user up and in: {id, name, email, password, phone, token, address}.
  async newUser(prefix = 'user', extra = {}) {
    const data = { ...this.newUserData(prefix), ...extra, address: nextAddress() };
    const { address, ...body } = data;
    const u = await this.call('POST', '/api/v1/users', { body, address }, [201]);
    const token = await this.signIn(data.email, data.password, address);
    return { ...data, id: u.id, token };
  }

  // A user already signed up (say, through the pages) gets a bearer token of their own.
  async tokenFor(user) {
    user.address ??= nextAddress();
    user.token = await this.signIn(user.email, user.password, user.address);
    return user.token;
  }

  me(token) {
    return this.call('GET', '/api/v1/me', { token });
  }

  setAddress(token, address) {
    return this.call('PUT', '/api/v1/me/address', { token, body: address });
  }

  setRefundAccount(token, account) {
    return this.call('PUT', '/api/v1/me/refund-account', { token, body: account });
  }

  // A form opening at `opensAt` (ms) unless given: two products, courier and pick-up delivery.
  createForm(token, overrides = {}) {
    const now = Date.now();
    const body = {
      title: 'Hand-made keyrings',
      description: 'A limited run of keyrings.\nMade by hand.',
      opens_at: iso(now - 60_000),
      closes_at: iso(now + 86_400_000),
      deposit_deadline_hours: 24,
      bank_account: { bank: 'SHINHAN', account_number: '110-123-456789', holder_name: 'Seller' },
      products: [
        { name: 'Red keyring', price: 5000, stock: 20, per_buyer_limit: 5 },
        { name: 'Blue keyring', price: 7000, stock: 20, per_buyer_limit: 5 },
      ],
      delivery_options: [
        { kind: 'COURIER', label: 'CJ Courier', fee: 3000 },
        { kind: 'PICKUP', label: 'Studio pick-up', fee: 0, pickup_note: 'Seoul studio, weekdays 10-18' },
      ],
      ...overrides,
    };
    return this.call('POST', '/api/v1/forms', { token, body }, [201]);
  }

  patchForm(token, formId, body) {
    return this.call('PATCH', `/api/v1/forms/${formId}`, { token, body });
  }

  closeForm(token, formId) {
    return this.call('POST', `/api/v1/forms/${formId}/close`, { token });
  }

  publish(token, formId, visibility) {
    return this.call('POST', `/api/v1/forms/${formId}/publish`, { token, body: { visibility } });
  }

  // The seller's own forms (drafts included), optionally of one status: `draft`, `open`, ...
  myForms(token, status) {
    return this.call('GET', `/api/v1/me/forms?limit=100${status ? '&status=' + status : ''}`, { token });
  }

  // Public forms: `q` searches titles and descriptions.
  forms(query = '') {
    return this.call('GET', `/api/v1/forms?limit=100${query ? '&' + query : ''}`);
  }

  form(formId) {
    return this.call('GET', `/api/v1/forms/${formId}`);
  }

  // Uploads docs/sample-keyring.jpg to the form's cover, or to a product's pictures.
  uploadImage(token, formId, productId) {
    const path = productId ? `/api/v1/forms/${formId}/products/${productId}/images` : `/api/v1/forms/${formId}/images`;
    return this.call('POST', path, {
      token,
      body: new Uint8Array(readFileSync(sampleJpeg)),
      headers: { 'Content-Type': 'image/jpeg' },
    }, [201]);
  }

  createCoupon(token, formId, coupon = {}) {
    return this.call('POST', `/api/v1/forms/${formId}/coupons`, {
      token,
      body: { name: 'Welcome coupon', discount: 1000, quantity: 50, ...coupon },
    }, [201]);
  }

  claimCoupon(token, couponId) {
    return this.call('POST', `/api/v1/coupons/${couponId}/claims`, { token }, [201]);
  }

  // Places an order: items as [{product_id, quantity}], delivery as {option_id, ...}, answers as
  // [{question_id, value}].
  order(token, formId, { items, delivery, couponId, answers, depositor = 'Buyer', key = randomUUID() }) {
    const body = { items, depositor_name: depositor };
    if (answers) body.answers = answers;
    if (delivery) {
      body.delivery = {
        recipient_name: 'Kim Minji',
        phone: '010-1234-5678',
        address1: '110 Sejong-daero, Jung-gu, Seoul',
        address2: '101',
        zipcode: '04524',
        ...delivery,
      };
    }
    if (couponId) body.user_coupon_id = couponId;
    return this.call('POST', `/api/v1/forms/${formId}/orders`, { token, body, headers: { 'Idempotency-Key': key } }, [201]);
  }

  getOrder(token, orderId) {
    return this.call('GET', `/api/v1/orders/${orderId}`, { token });
  }

  myOrders(token) {
    return this.call('GET', '/api/v1/me/orders?limit=100', { token });
  }

  confirmDeposit(token, orderId) {
    return this.call('POST', `/api/v1/orders/${orderId}/deposit-confirmation`, { token });
  }

  ship(token, orderId, tracking = 'CJ-1234-5678') {
    return this.call('POST', `/api/v1/orders/${orderId}/shipment`, { token, body: { tracking_number: tracking } });
  }

  deliver(token, orderId) {
    return this.call('POST', `/api/v1/orders/${orderId}/delivery`, { token });
  }

  like(token, formId) {
    return this.call('PUT', `/api/v1/forms/${formId}/like`, { token });
  }

  notifications(token, limit = 100) {
    return this.call('GET', `/api/v1/me/notifications?limit=${limit}`, { token });
  }

  myCoupons(token) {
    return this.call('GET', '/api/v1/me/coupons', { token });
  }
}
