// The countdown on a phone whose clock is wrong: the page runs on the server's time, asks for it
// once (three samples) and keeps it for five minutes in every tab, so a buyer reloading the form
// page in the opening second sends no time requests; a clock that jumps (a phone waking up) or
// is set while the page is open is sampled again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot } from './lib/browser.mjs';
import { until } from './lib/wait.mjs';
import { gotoReady, countRequests } from './lib/app.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('server-clock');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The seconds a countdown shows ("1일 0:09:58", "0:09:58").
function seconds(text) {
  const m = /(?:(\d+)\S*\s+)?(\d+):(\d{2}):(\d{2})$/.exec(text.trim());
  assert.ok(m, `a countdown, not ${JSON.stringify(text)}`);
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

// Waits until the page's countdown is within 3 s of the server's time left to `opensAt`.
async function countsToServerTime(page, opensAt, what) {
  let shown;
  await until(
    async () => {
      shown = seconds(await page.getByTestId('countdown').textContent());
      const left = (opensAt - (await api.serverNow())) / 1000;
      if (Math.abs(shown - left) > 3) throw new Error(`it shows ${shown} s, the server has ${Math.round(left)} s left`);
      return true;
    },
    { message: `${what}: the countdown on the server's time` },
  );
}

describe('the server clock on a phone that is 90 s slow', () => {
  it('counts down on server time, samples once for every tab and reload, and again when the clock jumps', async () => {
    const seller = await api.newUser('seller', { name: 'Seller Clock' });
    const opensAt = Math.ceil((await api.serverNow()) / 1000) * 1000 + 600_000;
    const form = await api.createForm(seller.token, {
      title: 'Clock keyrings',
      opens_at: new Date(opensAt).toISOString(),
      closes_at: new Date(opensAt + 86_400_000).toISOString(),
    });
    const c = await newUserContext(browser, server.baseURL, { lang: 'ko', vp: 'phone', label: 'slow clock' });
    try {
      await c.context.clock.install({ time: Date.now() - 90_000 });
      const times = countRequests(c.page, 'GET', /^\/api\/v1\/time$/);
      await gotoReady(c.page, `/forms/${form.id}`);
      await countsToServerTime(c.page, opensAt, 'the first load');
      await until(() => times.count === 3, { message: 'three time samples on the first load' });
      await shot(c.page, 'clock-slow-phone');

      for (let i = 0; i < 3; i++) {
        await gotoReady(c.page, `/forms/${form.id}`);
        await countsToServerTime(c.page, opensAt, `reload ${i + 1}`);
      }
      const other = await c.context.newPage();
      const otherTimes = countRequests(other, 'GET', /^\/api\/v1\/time$/);
      await gotoReady(other, `/forms/${form.id}`);
      await countsToServerTime(other, opensAt, 'a second tab');
      assert.equal(times.count, 3, `reloads asked for the time again: ${times.count} requests`);
      assert.equal(otherTimes.count, 0, 'a second tab asked for the time again');
      await other.close();

      // The phone wakes with its clock five minutes further on: the kept sample is stale and
      // the page asks again.
      await c.context.clock.fastForward('05:01');
      await until(() => times.count === 6, { message: 'three new samples after the jump' });
      await countsToServerTime(c.page, opensAt, 'after the jump');

      // The phone's clock is set two minutes on while the page is open (the page's monotonic
      // clock runs on): the page notices on its next tick and asks again.
      const phoneNow = await c.page.evaluate(() => Date.now());
      await c.context.clock.setSystemTime(phoneNow + 120_000);
      await until(() => times.count === 9, { message: 'three new samples after the clock was set' });
      await countsToServerTime(c.page, opensAt, 'after the clock was set');
      c.guard.check('on the slow phone');
    } finally {
      await c.context.close();
    }
  });
});
