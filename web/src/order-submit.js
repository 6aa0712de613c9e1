// Placing an order safely over a phone network. Each attempt carries an Idempotency-Key: while
// the server has not answered (timeout, dropped connection, 503, a twin still in flight) the
// same key is sent again, so however many times it goes out, at most one order is made. Once
// the server has answered (201 or a refusal), or the order changes, the next attempt gets a new
// key, so a buyer who fixes a refused order is not answered the old refusal.
// An attempt still unanswered is kept in sessionStorage, so a reload (or a phone that dropped
// the tab) resumes it with its key: the server answers with the order it made, not a second one.
import { send, backoff, sessionGone } from './api.js';

// Per user and form: another account signed in on this tab never resumes someone else's order.
const storeKey = (userId, formId) => `order-attempt:${userId}:${formId}`;

function kept(where) {
  try {
    const a = JSON.parse(sessionStorage.getItem(where));
    return a && typeof a.key === 'string' && typeof a.body === 'string' ? { ...a, answered: false } : null;
  } catch {
    return null;
  }
}

function keep(where, a) {
  try {
    if (a && !a.answered) sessionStorage.setItem(where, JSON.stringify({ key: a.key, body: a.body }));
    else sessionStorage.removeItem(where);
  } catch {
    // Storage refused: the attempt still holds its key for as long as the page lives.
  }
}

// Whether this browser ever sent an order on the form for the user: their form page then asks
// for their orders on it at once, even in the opening crowd (orders-here.jsx).
const sentKey = (userId, formId) => `order-sent:${userId}:${formId}`;

export function orderSentHere(userId, formId) {
  try {
    return localStorage.getItem(sentKey(userId, formId)) === '1';
  } catch {
    return false;
  }
}

function noteSent(userId, formId) {
  try {
    localStorage.setItem(sentKey(userId, formId), '1');
  } catch {
    // Storage refused: the form page asks for the orders after the crowd instead.
  }
}

export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MAX_TRIES = 5;

const unanswered = (e) =>
  e.network || e.status === 502 || e.status === 503 || e.status === 504 || e.code === 'idempotency_in_flight';

export function createOrderSubmitter(formId, userId) {
  const where = storeKey(userId, formId);
  let attempt = userId ? kept(where) : null; // {key, body, answered}
  const answered = (a) => {
    a.answered = true;
    keep(where, a);
  };
  return {
    // The body of an attempt the page was left in the middle of (before a reload), or null.
    get unanswered() {
      if (!attempt || attempt.answered) return null;
      try {
        return JSON.parse(attempt.body);
      } catch {
        return null;
      }
    },
    // Resolves with the order; rejects with the ApiError that ended the attempt.
    async submit(body, { onRetry } = {}) {
      const text = JSON.stringify(body);
      if (!attempt || attempt.answered || attempt.body !== text) {
        attempt = { key: newKey(), body: text, answered: false };
      }
      const a = attempt;
      keep(where, a);
      if (userId) noteSent(userId, formId);
      for (let i = 0; ; i++) {
        try {
          const r = await send(`/api/v1/forms/${formId}/orders`, {
            method: 'POST',
            body,
            headers: { 'Idempotency-Key': a.key },
            timeout: 10_000,
          });
          answered(a);
          return r.data;
        } catch (e) {
          if (!unanswered(e)) {
            answered(a);
            sessionGone(e);
            throw e;
          }
          // Still unanswered after several tries: the key stays, so the buyer's next tap
          // is the same attempt again.
          if (i + 1 >= MAX_TRIES) throw e;
          onRetry?.(i + 1);
          await sleep(e.retryAfter ? Math.min(e.retryAfter, 5000) : backoff(i, 600, 5000));
        }
      }
    },
    get key() {
      return attempt?.key;
    },
  };
}
