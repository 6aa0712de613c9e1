// What happens around and after an order, in the browser: a reload while the order is on its way
// resumes it (one order, not two) and the form page then says the buyer already ordered; a
// pick-up order is handed over without a tracking number; a paid order the seller cancels shows
// the refund it owes, to the seller after a reload and to the buyer, until the seller marks it
// sent; seller pages of someone
// else's form say so; a signed-out visitor of an order is offered the sign-in; a closed sale
// asks nothing more of the buyer. Both languages, on a phone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, checkA11y } from './lib/browser.mjs';
import { t, money } from './lib/strings.mjs';
import { gotoReady, waitReady, signInThroughPage, countRequests } from './lib/app.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('after-the-order');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ordersPath = (formId) => `/api/v1/forms/${formId}/orders`;

for (const lang of ['ko', 'en']) {
  const vp = 'phone';
  describe(`after the order ${lang}/${vp}`, () => {
    let seller;
    let buyer;
    let form;
    let ctx;
    before(async () => {
      seller = await api.newUser('seller');
      buyer = await api.newUser('buyer');
      form = await api.createForm(seller.token);
      ctx = await newUserContext(browser, server.baseURL, { lang, vp, label: 'buyer' });
      await signInThroughPage(ctx.page, lang, buyer.email, buyer.password);
    });
    after(async () => {
      await ctx?.context.close();
    });
    // The seller, signed in in a browser of their own, on the form's orders page.
    const onSellerOrders = async (fn) => {
      const s = await newUserContext(browser, server.baseURL, { lang, vp, label: 'seller' });
      try {
        await signInThroughPage(s.page, lang, seller.email, seller.password);
        await gotoReady(s.page, `/seller/forms/${form.id}/orders`);
        await fn(s.page);
        s.guard.check('on the seller orders page');
      } finally {
        await s.context.close();
      }
    };

    it('a reload while the order is on its way resumes it: one order, and the form page says so', async () => {
      const page = ctx.page;
      await gotoReady(page, `/forms/${form.id}`);
      const red = form.products[0];
      await page.getByRole('button', { name: t(lang, 'stepper.more', { name: red.name }), exact: true }).click();
      await page.getByRole('radio', { name: /Studio pick-up/ }).check();

      // The first attempt reaches the server, which makes the order, but its answer is lost:
      // the page is reloaded before it arrives.
      const keys = [];
      let reached;
      const arrived = new Promise((r) => (reached = r));
      await page.route(`**${ordersPath(form.id)}`, async (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        if (keys.length > 1) return route.continue();
        await route.fetch();
        reached();
        // Never answered: the reload below cancels it.
        return new Promise(() => {});
      });
      ctx.guard.allow(/net::ERR_FAILED|net::ERR_ABORTED/);
      await page.getByTestId('order-submit').click();
      await arrived;
      assert.equal((await api.myOrders(buyer.token)).items.length, 1, 'the server made the order');

      await page.reload();
      await page.waitForURL(/\/orders\/\d+$/, { timeout: 15_000 });
      await waitReady(page);
      await page.unroute(`**${ordersPath(form.id)}`);
      const orders = (await api.myOrders(buyer.token)).items;
      assert.equal(orders.length, 1, `still one order after the reload (keys sent: ${keys.join(', ')})`);
      assert.equal(Number(new URL(page.url()).pathname.split('/')[2]), orders[0].id, 'the page shows that order');
      assert.equal(keys.length, 2, 'the reloaded page sent the order once more');
      assert.equal(keys[1], keys[0], 'with the same Idempotency-Key');

      // Back on the form page, the buyer sees the order they already have.
      await gotoReady(page, `/forms/${form.id}`);
      const here = page.getByTestId('orders-here');
      await here.getByRole('link', { name: t(lang, 'order.title', { id: orders[0].id }), exact: true }).waitFor();
      await checkA11y(page, 'form page with an earlier order');
      await shot(page, 'form-already-ordered');
      ctx.guard.check('after the reload');
    });

    it('a pick-up order is handed over once paid, with no tracking number', async () => {
      const order = (await api.myOrders(buyer.token)).items[0];
      assert.equal(order.delivery.option.kind, 'PICKUP');
      await api.confirmDeposit(seller.token, order.id);
      await onSellerOrders(async (sp) => {
        const row = sp.getByTestId(`order-row-${order.id}`);
        await row.waitFor();
        assert.equal(await row.getByPlaceholder(t(lang, 'order.tracking')).count(), 0, 'no tracking number is asked of a pick-up');
        await row.getByRole('button', { name: t(lang, 'sorders.handover'), exact: true }).click();
        await row.getByText(t(lang, 'sorders.done.handover', { id: order.id }), { exact: true }).waitFor();
        await row.getByText(t(lang, 'order.status.HANDED_OVER'), { exact: true }).waitFor();
        assert.equal((await api.getOrder(buyer.token, order.id)).status, 'DELIVERED');
        await shot(sp, 'seller-handed-over');
      });
      const page = ctx.page;
      await gotoReady(page, `/orders/${order.id}`);
      await page.getByTestId('order-status').getByText(t(lang, 'order.status.HANDED_OVER'), { exact: true }).waitFor();
      const steps = await page.locator('.timeline li').allInnerTexts();
      assert.deepEqual(
        steps.map((x) => x.trim()),
        ['CREATED', 'PAID', 'HANDED_OVER'].map((k) => t(lang, 'order.status.' + k)),
        'a handed-over order has no shipping step',
      );
      await shot(page, 'order-handed-over');
    });

    it('a paid order the seller cancels shows its refund, after a reload and to the buyer', async () => {
      await api.setRefundAccount(buyer.token, { bank: '090', account_number: '3333-01-2345678', holder_name: 'Buyer' });
      const blue = form.products[1];
      const order = await api.order(buyer.token, form.id, { items: [{ product_id: blue.id, quantity: 2 }], delivery: { option_id: form.delivery_options[0].id } });
      await api.confirmDeposit(seller.token, order.id);
      await onSellerOrders(async (sp) => {
        const row = sp.getByTestId(`order-row-${order.id}`);
        await row.getByRole('button', { name: t(lang, 'sorders.cancel'), exact: true }).click();
        await row.getByRole('button', { name: t(lang, 'sorders.cancel'), exact: true }).click();
        const due = t(lang, 'sorders.refund_due', { amount: money(lang, order.amount) });
        await row.getByTestId('refund').getByText(due, { exact: true }).waitFor();
        await row.getByTestId('refund').getByText('3333-01-2345678', { exact: true }).waitFor();
        // Not a message that goes with the answer: the list says it after a reload.
        await sp.reload();
        await waitReady(sp);
        await sp.getByTestId(`order-row-${order.id}`).getByTestId('refund').getByText(due, { exact: true }).waitFor();
        await checkA11y(sp, 'seller orders with a refund due');
        await shot(sp, 'seller-refund-due');
      });
      const page = ctx.page;
      await gotoReady(page, `/orders/${order.id}`);
      const card = page.getByTestId('refund-due');
      await card.getByText(t(lang, 'order.refund_due', { amount: money(lang, order.amount) }), { exact: true }).waitFor();
      await card.getByText('3333-01-2345678', { exact: true }).waitFor();
      // The timeline keeps the deposit it had confirmed.
      const done = await page.locator('.timeline li.done').allInnerTexts();
      assert.deepEqual(done.map((x) => x.trim()), ['CREATED', 'PAID'].map((k) => t(lang, 'order.status.' + k)));
      await checkA11y(page, 'buyer order with a refund due');
      await shot(page, 'order-refund-due');

      // The seller marks the refund sent; the buyer's open page says so as it happens.
      await onSellerOrders(async (sp) => {
        const row = sp.getByTestId(`order-row-${order.id}`);
        await row.getByRole('button', { name: t(lang, 'sorders.mark_refunded'), exact: true }).click();
        await row.getByRole('button', { name: t(lang, 'sorders.mark_refunded_yes'), exact: true }).click();
        await row.locator('.refund-done').waitFor();
        assert.equal(await row.getByRole('button', { name: t(lang, 'sorders.mark_refunded'), exact: true }).count(), 0);
        await shot(sp, 'seller-refunded');
      });
      await card.getByTestId('refunded').waitFor();
      const stored = await api.raw('GET', `/api/v1/orders/${order.id}`, { token: buyer.token });
      assert.ok(stored.body.refund.refunded_at, 'the order keeps when');
      await checkA11y(page, 'buyer order refunded');
      await shot(page, 'order-refunded');
    });

    it("someone else's seller pages say so, and a signed-out visitor of an order is offered the sign-in", async () => {
      const page = ctx.page;
      // Each page asks whether the form is the buyer's own: 404, as it should be, and nothing else.
      const own = /status of 404 .*\/api\/v1\/me\/forms\/\d+\)$/;
      await ctx.guard.allowing([own], async () => {
        const pages = ['orders', 'coupons', 'edit', 'preview'].map((p) => `/seller/forms/${form.id}/${p}`);
        for (const path of [...pages, '/seller/forms/999999/orders', '/seller/forms/999999/edit']) {
          await gotoReady(page, path);
          await page.getByTestId('not-your-form').getByText(t(lang, 'seller.not_your_form'), { exact: true }).waitFor();
          assert.equal(await page.getByRole('button', { name: t(lang, 'scoupons.create'), exact: true }).count(), 0, `${path}: no form to fill`);
        }
      });
      await shot(page, 'seller-not-your-form');
      ctx.guard.check("on someone else's seller pages");
      const order = (await api.myOrders(buyer.token)).items[0];
      const stranger = await newUserContext(browser, server.baseURL, { lang, vp, label: 'signed out' });
      try {
        stranger.guard.allow(/status of 401/);
        await gotoReady(stranger.page, `/orders/${order.id}`);
        await stranger.page.getByText(t(lang, 'order.signin_to_see'), { exact: true }).waitFor();
        await stranger.page.locator('main').getByRole('link', { name: t(lang, 'nav.signin'), exact: true }).click();
        await stranger.page.waitForURL(/\/signin\?next=/);
        await stranger.page.getByLabel(t(lang, 'auth.email'), { exact: true }).fill(buyer.email);
        await stranger.page.getByLabel(t(lang, 'auth.password'), { exact: true }).fill(buyer.password);
        await stranger.page.locator('main form').getByRole('button', { name: t(lang, 'auth.signin'), exact: true }).click();
        await stranger.page.waitForURL(new RegExp(`/orders/${order.id}$`));
        await stranger.page.getByTestId('order-status').waitFor();
      } finally {
        await stranger.context.close();
      }
    });

    it('a closed sale lists what it sold, with nothing left to fill in', async () => {
      await api.closeForm(seller.token, form.id);
      const page = ctx.page;
      await gotoReady(page, `/forms/${form.id}`);
      for (const p of form.products) {
        await page.getByTestId(`stock-${p.id}`).getByText(t(lang, 'product.closed'), { exact: true }).waitFor();
      }
      assert.equal(await page.getByRole('radio').count(), 0, 'no delivery to choose');
      assert.equal(await page.getByLabel(t(lang, 'order.depositor'), { exact: true }).count(), 0, 'no depositor to type');
      assert.equal(await page.locator('.stepper').count(), 0, 'no quantities to pick');
      const button = page.getByTestId('order-submit');
      assert.equal((await button.innerText()).trim(), t(lang, 'order.button.closed'));
      assert.ok(await button.isDisabled());
      await page.getByTestId('orders-here').waitFor();
      await checkA11y(page, 'a closed form');
      await shot(page, 'form-closed');
    });

    it('in the opening minute the form page asks for earlier orders only where this browser sent one', async () => {
      const page = ctx.page;
      const asks = countRequests(page, 'GET', /^\/api\/v1\/me\/orders$/);
      const items = (f) => [{ product_id: f.products[0].id, quantity: 1 }];
      const courier = (f) => ({ option_id: f.delivery_options[0].id });
      // Opened a few seconds ago; the buyer ordered on it from another device (the API).
      const fresh = await api.createForm(seller.token, { opens_at: new Date(Date.now() - 5000).toISOString() });
      await api.order(buyer.token, fresh.id, { items: items(fresh), delivery: courier(fresh) });
      await gotoReady(page, `/forms/${fresh.id}`);
      await page.waitForTimeout(1500);
      assert.deepEqual(asks.list, [], 'a reload in the opening crowd asks nothing more');
      assert.equal(await page.getByTestId('orders-here').count(), 0);

      // Ordering from this page: back on it, still in the opening minute, the buyer is shown it.
      await page.getByRole('button', { name: t(lang, 'stepper.more', { name: fresh.products[0].name }), exact: true }).click();
      await page.getByRole('radio', { name: /Studio pick-up/ }).check();
      await page.getByTestId('order-submit').click();
      await page.waitForURL(/\/orders\/\d+$/, { timeout: 15_000 });
      const mine = Number(new URL(page.url()).pathname.split('/')[2]);
      await gotoReady(page, `/forms/${fresh.id}`);
      await page.getByTestId('orders-here').getByRole('link', { name: t(lang, 'order.title', { id: mine }), exact: true }).waitFor();

      // Past the opening minute, an order from elsewhere is shown at once.
      const older = await api.createForm(seller.token, { opens_at: new Date(Date.now() - 120_000).toISOString() });
      const elsewhere = await api.order(buyer.token, older.id, { items: items(older), delivery: courier(older) });
      await gotoReady(page, `/forms/${older.id}`);
      await page.getByTestId('orders-here').getByRole('link', { name: t(lang, 'order.title', { id: elsewhere.id }), exact: true }).waitFor();
      asks.stop();
      ctx.guard.check('in the opening minute');
    });
  });
}
