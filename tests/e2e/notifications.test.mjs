// Notifications read as sentences, on a phone in Korean and in English: each kind names the
// form, the other party, the order with its items and amount, and what the step adds (the
// deadline, the courier and tracking number with a link to follow it, the refund account, shown
// only to its buyer), and leads to the order or the form.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, checkA11y } from './lib/browser.mjs';
import { t, tRe, money } from './lib/strings.mjs';
import { until } from './lib/wait.mjs';
import { signInThroughPage, waitReady } from './lib/app.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('notifications');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The listed notifications: their sentence, where they lead and their tracking link.
async function listed(page) {
  return page.locator('main .notice').evaluateAll((items) =>
    items.map((li) => ({
      text: li.querySelector('.notice-text').textContent.trim(),
      href: li.querySelector('.notice-main').getAttribute('href'),
      track: li.querySelector('.notice-track')?.getAttribute('href') ?? null,
    })),
  );
}

// Signs in on the notifications page and waits until it lists `count` of them.
async function openList(ctx, user, count) {
  const { page, lang } = ctx;
  await signInThroughPage(page, lang, user.email, user.password, { next: '/me/notifications' });
  await page.waitForURL(/\/me\/notifications$/);
  await waitReady(page);
  return until(
    async () => {
      const got = await listed(page);
      return got.length === count ? got : false;
    },
    { message: `${count} notifications listed` },
  );
}

const find = (list, re, what) => {
  const hit = list.find((n) => re.test(n.text));
  assert.ok(hit, `${what}: no sentence matches ${re}\n${list.map((n) => n.text).join('\n')}`);
  return hit;
};

for (const lang of ['ko', 'en']) {
  describe(`notifications as sentences ${lang}/phone`, () => {
    const s = {};

    before(async () => {
      s.seller = await api.newUser('seller', { name: 'Park Seoyeon' });
      s.buyer = await api.newUser('buyer', { name: 'Kim Minji' });
      s.form = await api.createForm(s.seller.token, { title: `Summer goods ${lang}` });
      await api.setRefundAccount(s.buyer.token, { bank: '090', account_number: '3333-01-7654321', holder_name: 'Kim Minji' });
      const red = s.form.products[0].id;
      const place = () =>
        api.order(s.buyer.token, s.form.id, { items: [{ product_id: red, quantity: 2 }], delivery: { option_id: s.form.delivery_options[1].id, address1: '', address2: '', zipcode: '' } });
      s.shipped = await place();
      await api.confirmDeposit(s.seller.token, s.shipped.id);
      await api.call('POST', `/api/v1/orders/${s.shipped.id}/shipment`, { token: s.seller.token, body: { tracking_number: '6123-4567-8901', courier: 'CJ' } });
      s.refunded = await place();
      await api.confirmDeposit(s.seller.token, s.refunded.id);
      await api.call('POST', `/api/v1/orders/${s.refunded.id}/cancellation`, { token: s.seller.token });
      s.withdrawn = await place();
      await api.call('POST', `/api/v1/orders/${s.withdrawn.id}/cancellation`, { token: s.buyer.token });
      await api.like(s.buyer.token, s.form.id);
      // Buyer: 2 confirmations, the shipment, the seller's cancellation. Seller: 3 orders, the
      // buyer's cancellation, the like.
      await until(async () => (await api.notifications(s.buyer.token)).items.length === 4 && (await api.notifications(s.seller.token)).items.length === 5, {
        message: 'every notification stored',
      });
    });

    it('the buyer reads each step with the seller, the items, the amount and where to follow the parcel', async () => {
      const ctx = await newUserContext(browser, server.baseURL, { lang, vp: 'phone', label: 'buyer' });
      try {
        const list = await openList(ctx, s.buyer, 4);
        const summary = ` (${t(lang, 'notice.item', { name: 'Red keyring', n: '2' })}, ${money(lang, 10000)})`;
        const title = s.form.title;
        const shipped = find(list, tRe(lang, 'notice.shipped_tracking', { order: s.shipped.id, title, summary, tracking: `${t(lang, 'courier.CJ')} 6123-4567-8901` }), 'shipped');
        assert.equal(shipped.href, `/orders/${s.shipped.id}`);
        assert.equal(shipped.track, 'https://trace.cjlogistics.com/next/tracking.html?wblNo=612345678901');
        const confirmed = find(list, tRe(lang, 'notice.deposit_confirmed', { seller: 'Park Seoyeon', order: s.shipped.id, title, summary }), 'deposit confirmed');
        assert.equal(confirmed.track, null);
        const refund = t(lang, 'notice.refund_to', { bank: lang === 'ko' ? '카카오뱅크' : 'KakaoBank', account: '3333-01-7654321' });
        const cancelled = t(lang, 'notice.cancelled_by_seller', { seller: 'Park Seoyeon', order: s.refunded.id, title, summary });
        find(list, new RegExp('^' + (cancelled + ' ' + refund).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$'), 'cancelled by the seller, with the refund account');
        await shot(ctx.page, 'notifications-buyer');
        await checkA11y(ctx.page, 'notifications-buyer');
        ctx.guard.check('on the buyer\'s notifications');
      } finally {
        await ctx.context.close();
      }
    });

    it('the seller reads who ordered what and by when, who cancelled, and who liked; never the refund account', async () => {
      const ctx = await newUserContext(browser, server.baseURL, { lang, vp: 'phone', label: 'seller' });
      try {
        const list = await openList(ctx, s.seller, 5);
        const summary = ` (${t(lang, 'notice.item', { name: 'Red keyring', n: '2' })}, ${money(lang, 10000)})`;
        const title = s.form.title;
        const placed = find(list, tRe(lang, 'notice.order_placed_until', { buyer: 'Kim Minji', order: s.withdrawn.id, title, summary }), 'order placed');
        assert.equal(placed.href, `/orders/${s.withdrawn.id}`);
        find(list, tRe(lang, 'notice.cancelled_by_buyer', { buyer: 'Kim Minji', order: s.withdrawn.id, title, summary }), 'cancelled by the buyer');
        const liked = find(list, tRe(lang, 'notice.form_liked', { liker: 'Kim Minji', title }), 'liked');
        assert.equal(liked.href, `/forms/${s.form.id}`);
        assert.ok(list.every((n) => !n.text.includes('3333-01-7654321')), 'the buyer\'s refund account is not the seller\'s to read');
        await shot(ctx.page, 'notifications-seller');
        ctx.guard.check('on the seller\'s notifications');
      } finally {
        await ctx.context.close();
      }
    });
  });
}
