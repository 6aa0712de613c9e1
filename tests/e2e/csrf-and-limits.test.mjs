// What another site can make a signed-in browser do (nothing), what the app's own origin can do
// without the app's header (nothing either), and how the sign-in page tells a visitor who typed
// too many wrong passwords how long to wait, in the page's language.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer, freePort } from './lib/server.mjs';
import { Api } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, MAIN_COMBOS } from './lib/browser.mjs';
import { t, tRe } from './lib/strings.mjs';
import { until } from './lib/wait.mjs';
import { gotoReady, signInThroughPage } from './lib/app.mjs';

let server;
let api;
let browser;
let attacker; // {server, url}
let attackerPages = {}; // path -> html

before(async () => {
  server = await startServer('csrf-and-limits');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
  // Another origin (another port): what a malicious page elsewhere would serve.
  const port = await freePort();
  const s = createServer((req, res) => {
    const html = attackerPages[new URL(req.url, 'http://x').pathname];
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html || 'not found');
  });
  await new Promise((r) => s.listen(port, '127.0.0.1', r));
  attacker = { server: s, url: `http://127.0.0.1:${port}` };
});

after(async () => {
  await browser?.close();
  await server?.stop();
  attacker?.server.closeAllConnections();
  await new Promise((r) => (attacker ? attacker.server.close(r) : r()));
});

const ADDRESS = { address1: '1 Safe Street, Seoul', address2: 'Unit 1', zipcode: '04524' };
const EVIL = { address1: 'Attacker Road 666', address2: 'x', zipcode: '66666' };

// An auto-submitting form; a text/plain body can spell JSON, the classic cross-site trick.
function formPage(action) {
  const name = JSON.stringify(EVIL).slice(0, -1) + ',"pad":"';
  return `<!doctype html><html lang="en"><title>Win a prize</title><body>
<form id="f" method="POST" action="${action}" enctype="text/plain">
<input type="hidden" name='${name}' value='"}'>
</form><script>document.getElementById('f').submit()</script></body></html>`;
}

function fetchPage(base, couponId) {
  return `<!doctype html><html lang="en"><title>Win a prize</title><body><script>
window.results = (async () => {
  const out = {};
  const attempt = async (name, fn) => {
    try { const r = await fn(); out[name] = { ok: true, status: r.status, type: r.type }; }
    catch (e) { out[name] = { ok: false, error: String(e) }; }
  };
  await attempt('put_address', () => fetch(${JSON.stringify(base)} + '/api/v1/me/address', {
    method: 'PUT', credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'X-Formlympics-Web': '1' },
    body: ${JSON.stringify(JSON.stringify(EVIL))},
  }));
  await attempt('claim_no_cors', () => fetch(${JSON.stringify(base)} + '/api/v1/coupons/${couponId}/claims', {
    method: 'POST', mode: 'no-cors', credentials: 'include',
  }));
  await attempt('read_profile', () => fetch(${JSON.stringify(base)} + '/api/v1/me', { credentials: 'include' }));
  return out;
})();
</script></body></html>`;
}

for (const { lang, vp } of MAIN_COMBOS) {
  describe(`cross-site requests and sign-in limits ${lang}/${vp}`, () => {
    let ctx;
    let user;
    let couponId;

    before(async () => {
      ctx = await newUserContext(browser, server.baseURL, { lang, vp, label: 'buyer' });
      user = await api.newUser('buyer');
      await api.setAddress(user.token, ADDRESS);
      const seller = await api.newUser('seller');
      const form = await api.createForm(seller.token, { title: `CSRF target ${lang}/${vp}` });
      couponId = (await api.createCoupon(seller.token, form.id)).id;
      await signInThroughPage(ctx.page, lang, user.email, user.password);
    });

    after(async () => {
      await ctx?.context.close();
    });

    it('a form another origin auto-submits changes nothing', async () => {
      const page = await ctx.context.newPage();
      const results = [];
      // The refusals, and the browser asking the API's origin for /favicon.ico as it shows them.
      await ctx.guard.allowing([/status of 40[35]/, /favicon\.ico/], async () => {
        for (const [path, target] of [
          ['/address', `${server.baseURL}/api/v1/me/address`],
          ['/claim', `${server.baseURL}/api/v1/coupons/${couponId}/claims`],
        ]) {
          attackerPages[path] = formPage(target);
          const answered = page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST');
          await page.goto(attacker.url + path);
          const r = await answered;
          const sent = await r.request().allHeaders();
          results.push({ path, status: r.status(), cookie: /fl_session=/.test(sent.cookie || ''), site: sent['sec-fetch-site'] });
          await page.waitForLoadState();
        }
      });
      await page.close();
      for (const r of results) assert.ok([403, 405].includes(r.status), `${r.path}: refused (got ${r.status})`);
      // The session cookie went along (same site, other port): the server's own check refused it.
      const claim = results.find((r) => r.path === '/claim');
      assert.ok(claim.cookie, 'the browser sent the session cookie with the cross-origin post');
      assert.equal(claim.status, 403, 'the claim was refused as cross-site');
      assert.deepEqual((await api.me(user.token)).address, ADDRESS, 'the address is unchanged');
      assert.equal((await api.myCoupons(user.token)).items.length, 0, 'no coupon was claimed');
      ctx.guard.check('after the cross-site forms');
    });

    it('fetch with credentials from another origin fails and changes nothing', async () => {
      const page = await ctx.context.newPage();
      attackerPages['/fetch'] = fetchPage(server.baseURL, couponId);
      const out = await ctx.guard.allowing([/CORS policy/, /net::ERR_FAILED/, /status of 40[3-5]/], async () => {
        await page.goto(attacker.url + '/fetch');
        return page.evaluate(() => window.results);
      });
      await page.close();
      assert.equal(out.put_address.ok, false, `the cross-origin PUT failed in the browser (${JSON.stringify(out.put_address)})`);
      assert.equal(out.read_profile.ok, false, `the profile could not be read cross-origin (${JSON.stringify(out.read_profile)})`);
      assert.equal(out.claim_no_cors.type, 'opaque', 'the no-cors post got nothing readable');
      assert.deepEqual((await api.me(user.token)).address, ADDRESS, 'the address is unchanged');
      assert.equal((await api.myCoupons(user.token)).items.length, 0, 'no coupon was claimed');
      ctx.guard.check('after the cross-site fetches');
    });

    it('a same-origin fetch without the X-Formlympics-Web header gets 403', async () => {
      const page = ctx.page;
      await gotoReady(page, '/me/profile');
      const put = (withHeader) =>
        page.evaluate(
          async ({ body, withHeader }) => {
            const headers = { 'Content-Type': 'application/json' };
            if (withHeader) headers['X-Formlympics-Web'] = '1';
            const r = await fetch('/api/v1/me/address', { method: 'PUT', headers, body, credentials: 'same-origin' });
            return { status: r.status, body: await r.json() };
          },
          { body: JSON.stringify(EVIL), withHeader },
        );
      const refused = await ctx.guard.allowing([/status of 403/], () => put(false));
      assert.equal(refused.status, 403, `without the header: ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.code, 'forbidden');
      assert.deepEqual((await api.me(user.token)).address, ADDRESS, 'the address is unchanged');
      // The same request with the header goes through: the header is what made the difference.
      const accepted = await put(true);
      assert.equal(accepted.status, 200);
      assert.deepEqual((await api.me(user.token)).address, EVIL);
      await api.setAddress(user.token, ADDRESS);
      ctx.guard.check('after the same-origin fetches');
    });

    it('wrong passwords at /signin until 429: the page says how many seconds to wait, in its language', async () => {
      const anon = await newUserContext(browser, server.baseURL, { lang, vp, label: 'visitor' });
      try {
        anon.guard.allow(/status of 401/).allow(/status of 429/);
        const victim = await api.newUser('victim');
        const page = anon.page;
        await gotoReady(page, '/signin');
        const email = page.getByLabel(t(lang, 'auth.email'), { exact: true });
        const password = page.getByLabel(t(lang, 'auth.password'), { exact: true });
        const submit = page.locator('main form').getByRole('button', { name: t(lang, 'auth.signin'), exact: true });
        await email.fill(victim.email);
        let limited = null;
        for (let i = 1; i <= 12 && !limited; i++) {
          await password.fill(`wrong password ${i}`);
          await until(() => submit.isEnabled(), { message: 'the sign-in button to enable' });
          const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/web/session') && r.request().method() === 'POST');
          // Catch the wait message the moment it shows: it counts down from there.
          const shown = page.waitForFunction(() => document.querySelector('[data-testid="signin-wait"]')?.textContent, null, { timeout: 5000 }).catch(() => null);
          await submit.click();
          const r = await answered;
          if (r.status() === 429) limited = { retryAfter: Number(r.headers()['retry-after']), shown: await shown };
          else assert.equal(r.status(), 401, `attempt ${i}`);
        }
        assert.ok(limited, 'twelve wrong passwords in a row were never slowed down');
        assert.ok(limited.retryAfter >= 1, 'the 429 says when to retry');
        assert.ok(limited.shown, 'the page showed how long to wait');
        const text = await limited.shown.jsonValue();
        const m = text.match(tRe(lang, 'auth.wait', { n: '(\\d+)' }, { raw: true }));
        assert.ok(m, `the wait reads ${JSON.stringify(text)}, not the ${lang} sentence ${tRe(lang, 'auth.wait', { n: '(\\d+)' }, { raw: true })}`);
        const n = Number(m[1]);
        assert.ok(n >= 1 && n <= limited.retryAfter, `it says ${n} s; the server said ${limited.retryAfter} s`);
        await page.getByRole('alert').filter({ hasText: t(lang, 'err.too_many_requests') }).waitFor();
        await shot(page, 'signin-too-many');
        // Once the wait is over the page says so and lets the visitor try again.
        await page.getByTestId('signin-wait').filter({ hasText: t(lang, 'auth.wait_over') }).waitFor({ timeout: (limited.retryAfter + 2) * 1000 });
        await until(() => submit.isEnabled(), { message: 'the sign-in button to enable after the wait' });
        anon.guard.check('at the sign-in limit');
      } finally {
        await anon.context.close();
      }
    });
  });
}
