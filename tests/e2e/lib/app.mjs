// What the tests do to the web app's pages, in the page's own language.
import assert from 'node:assert/strict';
import { t } from './strings.mjs';
import { until } from './wait.mjs';

// Opens a path and waits until the page has its heading and no spinner left in <main>.
export async function gotoReady(page, path, { timeout = 10_000 } = {}) {
  const response = await page.goto(path);
  await waitReady(page, { timeout, what: path });
  return response;
}

export async function waitReady(page, { timeout = 10_000, what = page.url() } = {}) {
  await until(
    async () => {
      const state = await page.evaluate(() => ({
        h1: document.querySelectorAll('h1').length,
        spinners: document.querySelectorAll('main .spinner-wrap, main .spinner:not(.spinner-small)').length,
      }));
      if (!state.h1) throw new Error('no <h1> yet');
      if (state.spinners) throw new Error(`${state.spinners} spinner(s) still showing`);
      return true;
    },
    { timeout, message: `${what} to finish loading` },
  );
}

// Marks the current document; sameDocument() later proves there was no reload in between.
export async function markDocument(page) {
  const mark = `m${Math.random().toString(36).slice(2)}`;
  await page.evaluate((m) => {
    window.__e2eMark = m;
  }, mark);
  return mark;
}

export async function assertSameDocument(page, mark, what) {
  const now = await page.evaluate(() => window.__e2eMark ?? null);
  assert.equal(now, mark, `${what}: the page reloaded (its document changed) but should have updated in place`);
}

export async function signUpThroughPage(page, lang, user) {
  await gotoReady(page, '/signup');
  await page.getByLabel(t(lang, 'auth.name'), { exact: true }).fill(user.name);
  await page.getByLabel(t(lang, 'auth.email'), { exact: true }).fill(user.email);
  await page.getByLabel(t(lang, 'auth.phone'), { exact: true }).fill(user.phone);
  await page.getByLabel(t(lang, 'auth.password'), { exact: true }).fill(user.password);
  await page.getByRole('button', { name: t(lang, 'auth.signup_submit'), exact: true }).click();
  await signedInHeader(page, lang);
}

export async function signInThroughPage(page, lang, email, password, { next } = {}) {
  await gotoReady(page, '/signin' + (next ? `?next=${encodeURIComponent(next)}` : ''));
  await page.getByLabel(t(lang, 'auth.email'), { exact: true }).fill(email);
  await page.getByLabel(t(lang, 'auth.password'), { exact: true }).fill(password);
  await page.locator('main form').getByRole('button', { name: t(lang, 'auth.signin'), exact: true }).click();
  await signedInHeader(page, lang);
}

// The header of a signed-in page: the bell and the user's menu, no sign-in link.
export async function signedInHeader(page, lang) {
  await page.getByTestId('bell').waitFor({ state: 'visible' });
  await page.getByRole('button', { name: t(lang, 'nav.menu'), exact: true }).waitFor({ state: 'visible' });
}

export async function bellCount(page) {
  const text = (await page.getByTestId('bell-count').textContent()) ?? '';
  const n = Number(text.trim().replace('+', ''));
  if (!Number.isFinite(n)) throw new Error(`bell-count shows ${JSON.stringify(text)}`);
  return n;
}

// Waits until the bell shows `want` (a number, or a function of the count).
export async function waitBell(page, want, { timeout = 10_000, message } = {}) {
  const ok = typeof want === 'function' ? want : (n) => n === want;
  let last;
  return until(
    async () => {
      last = await bellCount(page);
      if (!ok(last)) throw new Error(`bell-count is ${last}`);
      return last;
    },
    { timeout, message: message || `the bell to show ${typeof want === 'function' ? 'the expected count' : want}` },
  );
}

// Counts the requests a page makes whose method and path match, from now on.
export function countRequests(page, method, pathRe) {
  const seen = [];
  const on = (req) => {
    const url = new URL(req.url());
    if (req.method() === method && pathRe.test(url.pathname)) seen.push(url.pathname + url.search);
  };
  page.on('request', on);
  return {
    get list() {
      return seen.slice();
    },
    get count() {
      return seen.length;
    },
    stop: () => page.off('request', on),
  };
}

export function cookieHeader(cookies, name) {
  const c = cookies.find((x) => x.name === name);
  return c ? `${c.name}=${c.value}` : null;
}
