// A browser spends one connection on live data, whatever it has open: HTTP/1.1 gives a page six
// per origin, and a stream each for notifications and for every open form would starve the
// page's other requests at the opening second. A signed-in buyer's form page opens one stream,
// which carries both the stock and the notifications; a second tab of the same browser on
// another form adds no connection; a visitor signed out opens the form's public stream alone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api } from './lib/api.mjs';
import { launchBrowser, newUserContext } from './lib/browser.mjs';
import { countRequests, gotoReady, signInThroughPage, waitBell } from './lib/app.mjs';
import { until } from './lib/wait.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('one-connection');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Every stream request the browser context makes, and how many are open now.
function watchStreams(context) {
  const opened = [];
  const open = new Set();
  context.on('request', (r) => {
    if (/\/stream(\?|$)/.test(new URL(r.url()).pathname + new URL(r.url()).search)) {
      opened.push(r.url());
      open.add(r);
    }
  });
  context.on('requestfailed', (r) => open.delete(r));
  context.on('requestfinished', (r) => open.delete(r));
  return { opened, open };
}

describe('one connection for live data', () => {
  it('signed in: one stream carries the stock and the notifications, across tabs', async () => {
    const seller = await api.newUser('seller');
    const first = await api.createForm(seller.token, { title: 'First form', delivery_options: [] });
    const second = await api.createForm(seller.token, { title: 'Second form' });
    const buyerUser = await api.newUser('buyer');
    const buyer = await newUserContext(browser, server.baseURL, { lang: 'en', vp: 'desktop' });
    try {
      await signInThroughPage(buyer.page, 'en', buyerUser.email, buyerUser.password);
      const streams = watchStreams(buyer.context);
      const mine = countRequests(buyer.page, 'GET', /^\/api\/v1\/me\/coupons$/);
      const lists = countRequests(buyer.page, 'GET', /^\/api\/v1\/me\/notifications$/);
      await gotoReady(buyer.page, `/forms/${first.id}`);
      await until(() => streams.open.size === 1, { message: `one open stream (open: ${streams.open.size})` });
      // Live stock arrives on it.
      const product = first.products[0];
      const before = Number(await buyer.page.getByTestId(`stock-${product.id}`).innerText().then((t) => t.replace(/\D/g, '')));
      const other = await api.newUser('other');
      await api.order(other.token, first.id, { items: [{ product_id: product.id, quantity: 1 }] });
      await until(async () => {
        const now = Number((await buyer.page.getByTestId(`stock-${product.id}`).innerText()).replace(/\D/g, ''));
        return now === before - 1;
      }, { message: 'the stock fell live' });
      assert.deepEqual(mine.list, [], "a form without coupons asks for none of the buyer's");
      // A like on the buyer's own form reaches the bell on the same connection.
      const own = await api.createForm(buyerUser.token, { title: 'Mine' });
      await api.like(other.token, own.id);
      await waitBell(buyer.page, 1, { message: 'the like reached the bell' });
      // The count came with the stream: no page asked for the list until the bell opened.
      assert.deepEqual(lists.list, [], 'no notification list before the bell opens');
      await buyer.page.getByTestId('bell').click();
      await buyer.page.locator('#bell-panel .notice').first().waitFor();
      assert.equal(lists.count, 1, lists.list.join(', '));
      await waitBell(buyer.page, 0, { message: 'opening the bell read the like' });
      await buyer.page.getByTestId('bell').click();

      // A second tab on another form: the browser still holds one stream.
      const tab = await buyer.context.newPage();
      tab.e2e = buyer.page.e2e;
      await gotoReady(tab, `/forms/${second.id}`);
      await until(() => streams.open.size === 1 && streams.opened.some((u) => u.includes(String(second.id))), {
        message: 'one stream carries both forms',
      });
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(streams.open.size, 1, `open streams: ${[...streams.open].map((r) => r.url()).join(', ')}`);
      buyer.guard.check('one connection');
    } finally {
      await buyer.context.close();
    }
  });

  it('signed out: the form page opens the public stream alone', async () => {
    const seller = await api.newUser('seller2');
    const form = await api.createForm(seller.token, { title: 'Public form' });
    const visitor = await newUserContext(browser, server.baseURL, { lang: 'ko', vp: 'phone' });
    try {
      const streams = watchStreams(visitor.context);
      await gotoReady(visitor.page, `/forms/${form.id}`);
      await until(() => streams.open.size === 1, { message: `one open stream (open: ${streams.open.size})` });
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(streams.opened.length, 1, streams.opened.join(', '));
      assert.match(streams.opened[0], new RegExp(`/api/v1/forms/${form.id}/stream$`));
    } finally {
      await visitor.context.close();
    }
  });
});
