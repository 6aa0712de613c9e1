// A signed-in page keeps its notifications through a server crash: with /me/notifications open,
// the server is killed with SIGKILL right after changes the page may not have heard of yet, comes
// back on the same port and data, and more changes follow at once. Without a reload, the list ends
// up with every notification exactly once, in the server's order, and the bell agrees.
//
// Each notification here reads differently (each like is on another of the buyer's forms, each
// order step has its own sentence), so comparing the list's sentences with the server's list
// compares ids: a duplicate or a gap shows.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api, iso } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, MAIN_COMBOS } from './lib/browser.mjs';
import { t, money, number } from './lib/strings.mjs';
import { until } from './lib/wait.mjs';
import { waitReady, markDocument, assertSameDocument, signInThroughPage, bellCount } from './lib/app.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('stream-restart');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The sentence the app shows for a notification (web/src/components/notice.jsx), from what the
// notification carries; the titles are the ones this test gave its forms.
function sentence(lang, n, titles) {
  const d = n.data || {};
  if (titles.has(Number(d.form_id))) assert.equal(d.form_title, titles.get(Number(d.form_id)), 'the notification carries the form\'s title');
  const items = d.items || [];
  const first = items.length ? t(lang, 'notice.item', { name: items[0].name, n: number(lang, items[0].quantity) }) : '';
  const listed = items.length > 1 ? t(lang, 'notice.items_more', { first, more: number(lang, items.length - 1) }) : first;
  const summary = ` (${[listed, money(lang, d.amount)].join(', ')})`;
  const p = { order: d.order_id, title: d.form_title, summary, seller: d.seller?.name, liker: d.liker?.name };
  switch (n.kind) {
    case 'form_liked':
    case 'deposit_confirmed':
    case 'delivered':
      return t(lang, 'notice.' + n.kind, p);
    case 'shipped':
      return t(lang, 'notice.shipped_tracking', { ...p, tracking: d.tracking_number });
    default:
      throw new Error(`the scenario did not expect a ${n.kind} notification`);
  }
}

async function listedSentences(page) {
  return page.getByTestId('notification-item').evaluateAll((items) =>
    items.map((a) => (a.querySelector('.notice-text')?.textContent ?? a.textContent).trim()),
  );
}

for (const { lang, vp } of MAIN_COMBOS) {
  describe(`notifications across a server restart ${lang}/${vp}`, () => {
    let buyer;

    before(async () => {
      buyer = await newUserContext(browser, server.baseURL, { lang, vp, label: 'buyer' });
      // The stream breaks when the server dies, and whatever the page asks while it is down (the
      // stream, a form's title, marking read) is refused: the browser logs those, and they are
      // what this test does on purpose. (502 is how the overlay of overlay.mjs, when used, says
      // the server is down.) Nothing else may log an error.
      buyer.guard.allow(/net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|INCOMPLETE_CHUNKED_ENCODING|SOCKET_NOT_CONNECTED)/);
      buyer.guard.allow(/status of 502 \(Bad Gateway\)/);
    });

    after(async () => {
      await buyer?.context.close();
    });

    it('the open /me/notifications page ends with every notification exactly once, without a reload', async () => {
      const seller = await api.newUser('seller');
      const me = await api.newUser('buyer');
      const likers = [await api.newUser('fan'), await api.newUser('fan'), await api.newUser('fan'), await api.newUser('fan')];
      const sale = await api.createForm(seller.token, { title: `Sale ${lang}/${vp}` });
      const titles = new Map();
      const mine = [];
      for (let i = 1; i <= 4; i++) {
        const f = await api.createForm(me.token, { title: `My form ${i} ${lang}/${vp}`, opens_at: iso(Date.now() + 3 * 3600_000) });
        mine.push(f.id);
        titles.set(f.id, f.title);
      }
      const order = await api.order(me.token, sale.id, {
        items: [{ product_id: sale.products[0].id, quantity: 1 }],
        delivery: { option_id: sale.delivery_options[0].id },
      });

      const page = buyer.page;
      await signInThroughPage(page, lang, me.email, me.password, { next: '/me/notifications' });
      await page.waitForURL(/\/me\/notifications$/);
      await waitReady(page);
      const mark = await markDocument(page);

      const expected = async () => {
        const r = await api.notifications(me.token);
        return r.items.sort((a, b) => b.id - a.id).map((n) => sentence(lang, n, titles));
      };
      // Waits until the server has `count` notifications and the page lists exactly those.
      const listMatches = async (what, count) => {
        let last = null;
        try {
          return await until(
            async () => {
              const want = await expected();
              const got = await listedSentences(page);
              last = { want, got };
              return want.length === count && JSON.stringify(want) === JSON.stringify(got) ? want : false;
            },
            { timeout: 20_000, interval: 100, message: what },
          );
        } catch (e) {
          throw new Error(`${e.message}\n  server: ${JSON.stringify(last?.want)}\n  page:   ${JSON.stringify(last?.got)}`);
        }
      };

      // A like while all is well arrives live.
      await api.like(likers[0].token, mine[0]);
      await listMatches('the first like to be listed', 1);

      // Changes the page may not have heard of yet, then a crash.
      await api.confirmDeposit(seller.token, order.id);
      await api.like(likers[1].token, mine[1]);
      await server.kill9();
      await server.restart();
      // More at once, while the page is still reconnecting.
      await api.ship(seller.token, order.id, 'CJ-0000-1111');
      await api.like(likers[2].token, mine[2]);
      await api.deliver(seller.token, order.id);
      await api.like(likers[3].token, mine[3]);

      // 4 likes and 3 order steps.
      const final = await listMatches('every notification, once each, after the restart', 7);
      assert.equal(new Set(final).size, final.length, 'no sentence twice');
      await assertSameDocument(page, mark, 'across the restart');

      // The bell agrees with the server: the page has read them all.
      await until(async () => (await bellCount(page)) === (await api.notifications(me.token)).unread, {
        message: 'the bell to match the server\'s unread count',
      });
      await page.getByTestId('bell').click();
      const panel = page.locator('#bell-panel');
      await panel.waitFor();
      const inPanel = await panel.getByTestId('notification-item').evaluateAll((items) =>
        items.map((a) => (a.querySelector('.notice-text')?.textContent ?? a.textContent).trim()),
      );
      assert.deepEqual(inPanel, final.slice(0, 8), 'the bell lists the newest (up to 8), in order');
      await shot(page, 'restart-notifications');
      buyer.guard.check('across the restart');
    });
  });
}
