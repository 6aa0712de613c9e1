// The whole sale in a browser, on the embedded default (SQLite, in-process bus): a buyer signs
// up and fills their profile, a seller signs in and publishes a form with pictures, the order
// button opens on the server's second, stock moves live, the buyer orders with a coupon and
// follows the order live while the seller works it, a double tap through a failing network makes
// one order, a product sells out live, and signing out ends the session. Once in Korean on a
// phone, once in English on a desktop.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api, iso } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, MAIN_COMBOS } from './lib/browser.mjs';
import { t, tRe, money, number, escapeRe } from './lib/strings.mjs';
import { sampleJpeg } from './lib/env.mjs';
import { until, sleep, textMatches } from './lib/wait.mjs';
import {
  gotoReady,
  waitReady,
  markDocument,
  assertSameDocument,
  signUpThroughPage,
  signInThroughPage,
  bellCount,
  waitBell,
  countRequests,
  cookieHeader,
} from './lib/app.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('main-flow');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const P1 = { name: 'Red keyring', price: 5000, stock: 8, limit: 3 };
const P2 = { name: 'Blue keyring', price: 7000, stock: 30, limit: 2 };
// Banks go by their standard codes; the pages name them in their language.
const ACCOUNT = { bank: '088', name: { ko: '신한은행', en: 'Shinhan Bank' }, number: '110-123-456789', holder: 'Seller Park' };
const KAKAO = { code: '090', name: { ko: '카카오뱅크', en: 'KakaoBank' } };
const COUPON = { name: 'Opening day', discount: 1000, quantity: 10 };

// "2026-11-30T15:04" in Seoul (UTC+9, no daylight saving): a datetime-local value.
const seoulInput = (ms) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);

function need(value, what) {
  if (value === undefined || value === null) throw new Error(`cannot run: an earlier step did not produce ${what}`);
  return value;
}

for (const { lang, vp } of MAIN_COMBOS) {
  describe(`main flow ${lang}/${vp}`, () => {
    const s = {}; // what the steps hand on
    let buyer; // {context, page, guard}
    let seller;

    before(async () => {
      buyer = await newUserContext(browser, server.baseURL, { lang, vp, label: 'buyer' });
      seller = await newUserContext(browser, server.baseURL, { lang, vp, label: 'seller' });
    });

    after(async () => {
      await buyer?.context.close();
      await seller?.context.close();
    });

    const checkConsoles = (what) => {
      buyer.guard.check(what);
      seller.guard.check(what);
    };

    it('the buyer signs up at /signup and fills address and refund account at /me/profile', async () => {
      const page = buyer.page;
      const user = api.newUserData('buyer');
      user.name = lang === 'ko' ? '김민지' : 'Kim Minji';
      await signUpThroughPage(page, lang, user);
      s.buyer = user;
      await api.tokenFor(user);

      await gotoReady(page, '/me/profile');
      await page.getByLabel(t(lang, 'order.zipcode'), { exact: true }).fill('04524');
      await page.getByLabel(t(lang, 'order.address1'), { exact: true }).fill('110 Sejong-daero, Jung-gu, Seoul');
      await page.getByLabel(t(lang, 'order.address2'), { exact: true }).fill('Apt 101');
      const addressForm = page.locator('form', { has: page.getByLabel(t(lang, 'order.zipcode'), { exact: true }) });
      await addressForm.getByRole('button', { name: t(lang, 'profile.save_address'), exact: true }).click();
      await addressForm.getByRole('status').filter({ hasText: t(lang, 'common.saved') }).waitFor();

      const refundForm = page.locator('form', { has: page.getByLabel(t(lang, 'order.bank'), { exact: true }) });
      const bankSelect = refundForm.getByLabel(t(lang, 'order.bank'), { exact: true });
      // The full list, in the page's language: Toss Bank is there, by its code.
      await until(async () => (await bankSelect.locator('option').count()) > 20, { message: 'the bank list to load' });
      assert.equal((await bankSelect.locator('option[value="092"]').textContent()).trim(), lang === 'ko' ? '토스뱅크' : 'Toss Bank');
      await bankSelect.selectOption({ label: KAKAO.name[lang] });
      await refundForm.getByLabel(t(lang, 'order.account'), { exact: true }).fill('3333-01-1234567');
      await refundForm.getByLabel(t(lang, 'order.holder'), { exact: true }).fill(user.name);
      await refundForm.getByRole('button', { name: t(lang, 'profile.save_refund'), exact: true }).click();
      await refundForm.getByRole('status').filter({ hasText: t(lang, 'common.saved') }).waitFor();
      await shot(page, 'main-profile');

      const me = await api.me(user.token);
      assert.deepEqual(me.address, { address1: '110 Sejong-daero, Jung-gu, Seoul', address2: 'Apt 101', zipcode: '04524' });
      assert.deepEqual(me.refund_account, { bank: KAKAO.code, bank_name: KAKAO.name, account_number: '3333-01-1234567', holder_name: user.name });
      checkConsoles('after the profile');
    });

    it('the seller signs in at /signin and publishes a form with two products and two delivery options at /seller/forms/new', async () => {
      const page = seller.page;
      s.seller = await api.newUser('seller', { name: 'Seller Park' });
      await signInThroughPage(page, lang, s.seller.email, s.seller.password);
      const now = await api.serverNow();
      try {
        await gotoReady(page, '/seller/forms/new');
        const label = (key) => page.getByLabel(t(lang, key), { exact: true });
        await label('editor.title').fill(`Keyrings ${lang}/${vp}`);
        await label('editor.description').fill('Hand-made keyrings.\nOne run only.');
        // datetime-local takes minutes; the opening is moved to the second through the API below.
        await label('editor.opens_at').fill(seoulInput(now + 3600_000));
        await label('editor.closes_at').fill(seoulInput(now + 86_400_000));
        await label('editor.deposit_hours').fill('24');
        await label('order.bank').selectOption({ label: ACCOUNT.name[lang] });
        await label('order.account').fill(ACCOUNT.number);
        await label('order.holder').fill(ACCOUNT.holder);
        await page.locator('#p0-name').fill(P1.name);
        await page.locator('#p0-price').fill(String(P1.price));
        await page.locator('#p0-stock').fill(String(P1.stock));
        await page.locator('#p0-limit').fill(String(P1.limit));
        await page.getByRole('button', { name: t(lang, 'editor.add_product'), exact: true }).click();
        await page.locator('#p1-name').fill(P2.name);
        await page.locator('#p1-price').fill(String(P2.price));
        await page.locator('#p1-stock').fill(String(P2.stock));
        await page.locator('#p1-limit').fill(String(P2.limit));
        const addOption = page.getByRole('button', { name: t(lang, 'editor.add_option'), exact: true });
        await addOption.click();
        await page.locator('#d0-kind').selectOption('COURIER');
        await page.locator('#d0-fee').fill('3000');
        await page.locator('#d0-label').fill('CJ Courier');
        await addOption.click();
        await page.locator('#d1-kind').selectOption('PICKUP');
        await page.locator('#d1-fee').fill('0');
        await page.locator('#d1-label').fill('Studio pick-up');
        await page.locator('#d1-note').fill('Seoul studio, weekdays 10-18');
        // A cover picture chosen before the first save goes up as the form is published.
        const cover = page.getByRole('group', { name: new RegExp('^' + escapeRe(t(lang, 'editor.cover'))) });
        await cover.locator('input[type=file]').setInputFiles(sampleJpeg);
        await cover.locator('img').first().waitFor();
        await shot(page, 'main-seller-new-form');
        await page.getByRole('button', { name: t(lang, 'editor.publish'), exact: true }).click();
        await page.waitForURL(/\/seller\/forms\/\d+\/edit\?created=1$/, { timeout: 30_000 });
        await page.getByRole('status').filter({ hasText: t(lang, 'editor.created') }).waitFor();
        s.formId = Number(new URL(page.url()).pathname.split('/')[3]);
      } catch (e) {
        // Seed the form through the API so the rest of the scenario still runs; this step fails.
        const f = await api.createForm(s.seller.token, {
          title: `Keyrings ${lang}/${vp}`,
          opens_at: iso(now + 3600_000),
          bank_account: { bank: ACCOUNT.bank, account_number: ACCOUNT.number, holder_name: ACCOUNT.holder },
          products: [P1, P2].map((p) => ({ name: p.name, price: p.price, stock: p.stock, per_buyer_limit: p.limit })),
        });
        s.formId = f.id;
        s.formSeeded = true;
        throw new Error(`creating the form through the page failed (seeded through the API instead): ${e.message}`);
      } finally {
        if (s.formId) {
          const f = await api.form(s.formId);
          s.p1 = f.products.find((p) => p.name === P1.name);
          s.p2 = f.products.find((p) => p.name === P2.name);
          s.courier = f.delivery_options.find((d) => d.kind === 'COURIER');
        }
      }
      const f = await api.form(s.formId);
      assert.equal(f.status, 'upcoming');
      assert.equal(f.visibility, 'PUBLIC');
      assert.equal(f.images.length, 1, 'the cover picture went up with the form');
      assert.deepEqual(
        f.products.map((p) => [p.name, p.price, p.stock_total, p.per_buyer_limit]),
        [[P1.name, P1.price, P1.stock, P1.limit], [P2.name, P2.price, P2.stock, P2.limit]],
      );
      assert.deepEqual(
        f.delivery_options.map((d) => [d.kind, d.fee, d.label]),
        [['COURIER', 3000, 'CJ Courier'], ['PICKUP', 0, 'Studio pick-up']],
      );
      checkConsoles('after publishing');
    });

    it('the seller uploads a product picture on the form\'s edit page', async () => {
      const formId = need(s.formId, 'a form');
      const page = seller.page;
      try {
        if (!/\/edit/.test(page.url())) await gotoReady(page, `/seller/forms/${formId}/edit`);
        else await waitReady(page);
        const group = page.getByRole('group', { name: new RegExp('^' + escapeRe(P1.name)) });
        await group.locator('input[type=file]').setInputFiles(sampleJpeg);
        await group.locator('img').first().waitFor({ state: 'visible', timeout: 15_000 });
        await until(() => group.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), {
          message: 'the uploaded thumbnail to load',
        });
        await shot(page, 'main-seller-edit-pictures');
      } catch (e) {
        await api.uploadImage(s.seller.token, formId, need(s.p1, 'the product')?.id);
        throw new Error(`uploading through the edit page failed (uploaded through the API instead): ${e.message}`);
      }
      const f = await api.form(formId);
      const p1 = f.products.find((p) => p.name === P1.name);
      assert.equal(p1.images.length, 1, 'the product has the uploaded picture');
      assert.ok(p1.images[0].url.endsWith('.webp'));
      checkConsoles('after the upload');
    });

    it('the seller makes a coupon at /seller/forms/{id}/coupons', async () => {
      const formId = need(s.formId, 'a form');
      const page = seller.page;
      try {
        await gotoReady(page, `/seller/forms/${formId}/coupons`);
        await page.getByLabel(t(lang, 'scoupons.name'), { exact: true }).fill(COUPON.name);
        await page.getByLabel(t(lang, 'scoupons.discount'), { exact: true }).fill(String(COUPON.discount));
        await page.getByLabel(t(lang, 'scoupons.quantity'), { exact: true }).fill(String(COUPON.quantity));
        await page.getByRole('button', { name: t(lang, 'scoupons.create'), exact: true }).click();
        await page.getByRole('status').filter({ hasText: t(lang, 'scoupons.created') }).waitFor();
        await page.getByRole('rowheader', { name: COUPON.name }).waitFor();
      } catch (e) {
        await api.createCoupon(s.seller.token, formId, COUPON);
        throw new Error(`making the coupon through the page failed (made through the API instead): ${e.message}`);
      }
      const r = await api.call('GET', `/api/v1/forms/${formId}/coupons`);
      assert.deepEqual(r.items.map((c) => [c.name, c.discount, c.quantity]), [[COUPON.name, COUPON.discount, COUPON.quantity]]);
      checkConsoles('after the coupon');
    });

    it('the form page counts down with the order button disabled, and enables it at opens_at without a reload', async (tc) => {
      const formId = need(s.formId, 'a form');
      need(s.buyer, 'a signed-in buyer');
      const page = buyer.page;
      // The opening, to the second, from now: time for the page to load and the buyer to choose
      // (3 s of the 12 under the sanitizers).
      const opensAt = Math.ceil((await api.serverNow()) / 1000) * 1000 + 12_000;
      await api.patchForm(s.seller.token, formId, { opens_at: iso(opensAt) });
      s.opensAt = opensAt;
      s.formGets = countRequests(page, 'GET', new RegExp(`^/api/v1/forms/${formId}$`));
      s.ordersHere = countRequests(page, 'GET', /^\/api\/v1\/me\/orders$/);
      await gotoReady(page, `/forms/${formId}`);
      s.mark = await markDocument(page);

      const countdown = page.getByTestId('countdown');
      await countdown.waitFor({ state: 'visible' });
      const c1 = await textMatches(countdown, /^(\d+:)?\d{1,2}:\d{2}:\d{2}$/);
      const button = page.getByTestId('order-submit');
      assert.ok(await button.isDisabled(), 'the order button is disabled before the opening');
      await textMatches(button, tRe(lang, 'order.button.upcoming'));

      // Claim the coupon, choose two of the first product, courier delivery and the coupon.
      await page.getByRole('button', { name: t(lang, 'coupon.claim_named', { name: COUPON.name }), exact: true }).click();
      await page.getByRole('status').filter({ hasText: t(lang, 'coupon.claimed_now') }).waitFor();
      const more = page.getByRole('button', { name: t(lang, 'stepper.more', { name: P1.name }), exact: true });
      await more.click();
      await more.click();
      assert.equal(await page.getByTestId(`qty-${s.p1.id}`).inputValue(), '2');
      await page.getByRole('radio', { name: /CJ Courier/ }).check();
      const couponSelect = page.getByRole('combobox', { name: t(lang, 'order.coupon'), exact: true });
      const coupons = await api.myCoupons(s.buyer.token);
      s.userCoupon = coupons.items.find((c) => c.form_id === formId);
      assert.ok(s.userCoupon, 'the claim reached the server');
      await couponSelect.selectOption(String(s.userCoupon.id));
      s.expected = { items: 2 * P1.price, fee: 3000, discount: COUPON.discount };
      s.expected.amount = s.expected.items + s.expected.fee - s.expected.discount;
      await textMatches(page.locator('.bar-amount'), new RegExp(`^${escapeRe(money(lang, s.expected.amount))}$`));
      await until(async () => (await countdown.textContent()) !== c1, { timeout: 2500, message: 'the countdown to tick' });
      await shot(page, 'main-form-countdown');

      const offset = await api.clockOffset();
      const serverNow = () => Date.now() + offset;
      // The page notes the instant the button enables (the browser and this process read the
      // same machine clock), so the measure does not include the test's own polling.
      await page.evaluate(() => {
        const b = () => document.querySelector('[data-testid="order-submit"]');
        window.__enabledAt = null;
        const look = () => {
          if (window.__enabledAt === null && b() && !b().disabled) window.__enabledAt = Date.now();
        };
        new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
        look();
      });
      await sleep(opensAt - 1000 - serverNow());
      assert.ok(await button.isDisabled(), 'the order button is still disabled 1 s before the opening');
      await until(() => page.evaluate(() => window.__enabledAt), { timeout: opensAt + 3000 - serverNow(), interval: 20, message: 'the order button to enable (3 s past the opening)' });
      const enabledAt = (await page.evaluate(() => window.__enabledAt)) + offset;
      assert.ok(enabledAt >= opensAt - 150, `the order button enabled ${opensAt - enabledAt} ms before the opening`);
      assert.ok(enabledAt <= opensAt + 1500, `the order button enabled ${enabledAt - opensAt} ms after the opening (over 1.5 s)`);
      tc.diagnostic(`the order button enabled ${Math.round(enabledAt - opensAt)} ms after opens_at`);
      await textMatches(button, tRe(lang, 'order.button.order'));
      await until(async () => (await page.getByTestId('countdown').count()) === 0, { message: 'the countdown to give way' });
      await assertSameDocument(page, s.mark, 'at the opening');
      await shot(page, 'main-form-open');
      checkConsoles('at the opening');
    });

    it('stock falls live as other buyers order, with no reload and no polling of the form', async () => {
      const formId = need(s.formId, 'a form');
      const page = buyer.page;
      need(s.mark, 'the open form page');
      await sleep(s.opensAt - (await api.serverNow()));
      const stock = page.getByTestId(`stock-${s.p2.id}`);
      await textMatches(stock, tRe(lang, 'product.left', { n: number(lang, P2.stock) }));
      const others = [await api.newUser('other'), await api.newUser('other')];
      await api.order(others[0].token, formId, { items: [{ product_id: s.p2.id, quantity: 2 }], delivery: { option_id: s.courier.id } });
      await textMatches(stock, tRe(lang, 'product.left', { n: number(lang, P2.stock - 2) }), { message: 'the stock to fall to 28' });
      await api.order(others[1].token, formId, { items: [{ product_id: s.p2.id, quantity: 1 }], delivery: { option_id: s.courier.id } });
      await textMatches(stock, tRe(lang, 'product.left', { n: number(lang, P2.stock - 3) }), { message: 'the stock to fall to 27' });
      await assertSameDocument(page, s.mark, 'while stock fell');
      assert.deepEqual(s.formGets.list, [], 'the form came with its page and was never fetched: updates come from its stream');
      assert.deepEqual(s.ordersHere.list, [], 'a page opened before the opening asks for no earlier orders when it opens');
      s.ordersHere.stop();
      checkConsoles('while stock fell');
    });

    it('the buyer orders with courier delivery and the coupon; the order page shows how to pay', async () => {
      const formId = need(s.formId, 'a form');
      need(s.expected, 'a filled order form');
      const page = buyer.page;
      await page.getByTestId('order-submit').click();
      await page.waitForURL(/\/orders\/\d+$/);
      s.orderId = Number(new URL(page.url()).pathname.split('/')[2]);
      await waitReady(page);
      await assertSameDocument(page, s.mark, 'ordering (a client-side navigation)');
      await textMatches(page.getByTestId('order-status'), tRe(lang, 'order.status.CREATED'));
      const deposit = page.locator('section.deposit');
      await deposit.getByText(ACCOUNT.name[lang], { exact: true }).waitFor();
      await deposit.getByText(ACCOUNT.number, { exact: true }).waitFor();
      await deposit.getByText(ACCOUNT.holder, { exact: true }).waitFor();
      await deposit.getByText(money(lang, s.expected.amount), { exact: true }).waitFor();
      const copy = page.getByTestId('copy-account');
      await copy.click();
      await deposit.getByRole('status').filter({ hasText: t(lang, 'common.copied') }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), ACCOUNT.number, 'the account number is on the clipboard');
      await shot(page, 'main-order-deposit');

      const o = await api.getOrder(s.buyer.token, s.orderId);
      assert.equal(o.form_id, formId);
      assert.deepEqual(
        { items: o.items_total, fee: o.shipping_fee, discount: o.discount, amount: o.amount },
        s.expected,
        'amount = items + fee - discount',
      );
      assert.equal(o.delivery.option.kind, 'COURIER');
      assert.equal(o.delivery.zipcode, '04524', 'the address came from the profile');
      assert.equal(o.deposit.account_number, ACCOUNT.number);
      checkConsoles('on the order page');
    });

    it('the seller confirms the deposit and ships at /seller/forms/{id}/orders; the buyer\'s bell and order status follow live', async () => {
      const formId = need(s.formId, 'a form');
      const orderId = need(s.orderId, 'the buyer\'s order');
      const page = buyer.page;
      const mark = await markDocument(page);
      const n0 = await bellCount(page);
      const unread0 = (await api.notifications(s.buyer.token)).unread;
      assert.equal(n0, unread0, 'the bell shows the unread count');

      const sp = seller.page;
      await gotoReady(sp, `/seller/forms/${formId}/orders`);
      const row = sp.getByTestId(`order-row-${orderId}`);
      await row.waitFor();
      await row.getByRole('button', { name: t(lang, 'sorders.confirm'), exact: true }).click();
      await row.getByText(t(lang, 'order.status.PAID'), { exact: true }).waitFor();
      await waitBell(page, n0 + 1, { message: 'the buyer\'s bell to count the deposit confirmation' });
      await textMatches(page.getByTestId('order-status'), tRe(lang, 'order.status.PAID'), { message: 'the order status to become paid' });

      await row.getByLabel(t(lang, 'sorders.courier_for', { id: orderId }), { exact: true }).selectOption('CJ');
      const trackingInput = row.getByLabel(t(lang, 'sorders.tracking_for', { id: orderId }), { exact: true });
      // A number pasted with an invisible direction override is refused, and the card says why
      // next to the input.
      await seller.guard.allowing([/status of 422/], async () => {
        await trackingInput.fill('5555\u202e0001');
        await row.getByRole('button', { name: t(lang, 'sorders.ship'), exact: true }).click();
        await textMatches(sp.locator(`#res-${orderId}`), tRe(lang, 'field.rule.control_characters', {}, { exact: false }), {
          message: 'the seller to be told of the control character',
        });
      });
      assert.equal(await trackingInput.getAttribute('aria-invalid'), 'true');
      await trackingInput.fill('5555-0001-2345');
      await row.getByRole('button', { name: t(lang, 'sorders.ship'), exact: true }).click();
      await row.getByText(t(lang, 'order.status.SHIPPED'), { exact: true }).waitFor();
      await waitBell(page, n0 + 2, { message: 'the buyer\'s bell to count the shipment' });
      await textMatches(page.getByTestId('order-status'), tRe(lang, 'order.status.SHIPPED'), { message: 'the order status to become shipped' });
      // The order page says who carries it and links the courier's own tracking page; so does
      // the seller's card.
      const trackUrl = 'https://trace.cjlogistics.com/next/tracking.html?wblNo=555500012345';
      await textMatches(page.getByTestId('order-tracking'), /^5555-0001-2345$/, { message: 'the tracking number on the order page' });
      assert.equal((await page.getByTestId('order-courier').textContent()).trim(), t(lang, 'courier.CJ'));
      assert.equal(await page.getByTestId('order-track').getAttribute('href'), trackUrl);
      assert.equal((await page.getByTestId('order-track').textContent()).trim(), t(lang, 'order.track'));
      assert.equal(await row.getByTestId('order-track').getAttribute('href'), trackUrl);
      assert.equal((await row.getByTestId('order-courier').textContent()).trim(), t(lang, 'courier.CJ'));
      // Sales keep Korean hours: a viewer in Korea is not told the time zone.
      assert.doesNotMatch(await page.locator('main').textContent(), /GMT|UTC/);
      await assertSameDocument(page, mark, 'while the seller worked the order');
      await shot(sp, 'main-seller-orders');
      await shot(page, 'main-order-shipped');

      // The bell says it as a sentence: the form, the courier and number, and a link to follow it.
      await page.getByTestId('bell').click();
      const shipped = page.locator('#bell-panel .notice').first();
      await textMatches(shipped.locator('.notice-text'), tRe(lang, 'notice.shipped_tracking', { order: orderId, tracking: `${t(lang, 'courier.CJ')} 5555-0001-2345` }), {
        message: 'the shipment to read as a sentence',
      });
      assert.equal(await shipped.getByTestId('notification-track').getAttribute('href'), trackUrl);
      await shot(page, 'main-bell-shipped');
      await page.getByTestId('bell').click();

      const o = await api.getOrder(s.buyer.token, orderId);
      assert.equal(o.status, 'SHIPPED');
      assert.equal(o.tracking_number, '5555-0001-2345');
      assert.equal(o.courier.code, 'CJ');
      assert.equal(o.tracking_url, trackUrl);
      checkConsoles('while the seller worked the order');
    });

    it('a like by the buyer reaches the seller\'s bell live', async () => {
      const formId = need(s.formId, 'a form');
      need(s.orderId, 'the buyer\'s order');
      const sp = seller.page;
      // Every order told the seller too: wait until all those are stored and the bell shows them.
      const orders = await api.call('GET', `/api/v1/forms/${formId}/orders?limit=100`, { token: s.seller.token });
      const settled = await until(async () => {
        const list = await api.notifications(s.seller.token);
        const placed = list.items.filter((n) => n.kind === 'order_placed' && Number(n.data.form_id) === formId).length;
        if (placed !== orders.items.length) throw new Error(`${placed} of ${orders.items.length} order notifications stored`);
        const shown = await bellCount(sp);
        if (shown !== list.unread) throw new Error(`the bell shows ${shown}, the server counts ${list.unread} unread`);
        return list.unread;
      }, { message: 'the seller\'s bell to settle on their unread count' });
      const sellerMark = await markDocument(sp);

      const page = buyer.page;
      await page.locator(`main a[href="/forms/${formId}"]`).first().click();
      await page.waitForURL(new RegExp(`/forms/${formId}$`));
      await waitReady(page);
      const like = page.getByRole('button', { name: new RegExp(escapeRe(t(lang, 'like.label'))) });
      assert.equal(await like.getAttribute('aria-pressed'), 'false');
      await like.click();
      await until(async () => (await like.getAttribute('aria-pressed')) === 'true', { message: 'the like button to press' });
      await waitBell(sp, settled + 1, { message: 'the seller\'s bell to count the like' });
      await assertSameDocument(sp, sellerMark, 'when the like arrived');
      const list = await api.notifications(s.seller.token);
      assert.ok(list.items.some((n) => n.kind === 'form_liked' && Number(n.data.form_id) === formId), 'the seller was told of the like');
      assert.equal(list.unread, settled + 1, 'the like is the one new notification');
      checkConsoles('after the like');
    });

    it('a double tap on the order button, with the first attempt lost in the network, makes exactly one order', async () => {
      const formId = need(s.formId, 'a form');
      const page = buyer.page;
      if (!new RegExp(`/forms/${formId}$`).test(page.url())) await gotoReady(page, `/forms/${formId}`);
      const before = (await api.myOrders(s.buyer.token)).items.map((o) => o.id);
      const more = page.getByRole('button', { name: t(lang, 'stepper.more', { name: P2.name }), exact: true });
      await more.click();
      assert.equal(await page.getByTestId(`qty-${s.p2.id}`).inputValue(), '1');
      await page.getByRole('radio', { name: /Studio pick-up/ }).check();

      // Every order POST the page sends (the aborted one included) and its Idempotency-Key.
      const posts = [];
      const onRequest = (req) => {
        if (req.method() === 'POST' && new URL(req.url()).pathname === `/api/v1/forms/${formId}/orders`) {
          posts.push({ key: req.headers()['idempotency-key'], at: Date.now() });
        }
      };
      page.on('request', onRequest);
      let aborted = 0;
      await page.route(`**/api/v1/forms/${formId}/orders`, async (route) => {
        if (route.request().method() === 'POST' && aborted++ === 0) return route.abort('failed');
        return route.continue();
      });
      buyer.guard.allow(/net::ERR_FAILED/);
      // Two taps in one task: the second lands before the page could re-render after the first.
      await page.getByTestId('order-submit').evaluate((b) => {
        b.click();
        b.click();
      });
      await page.waitForURL(/\/orders\/\d+$/, { timeout: 15_000 });
      await page.unroute(`**/api/v1/forms/${formId}/orders`);
      const orderId = Number(new URL(page.url()).pathname.split('/')[2]);
      await waitReady(page);
      // A second attempt still retrying in the background would show within its back-off.
      await until(() => posts.length && Date.now() - posts[posts.length - 1].at > 3000, { timeout: 20_000, interval: 200, message: 'the order requests to stop' });
      page.off('request', onRequest);

      const after = (await api.myOrders(s.buyer.token)).items;
      const fresh = after.filter((o) => !before.includes(o.id));
      assert.equal(fresh.length, 1, `exactly one new order (got ${fresh.map((o) => o.id).join(', ')}; keys sent ${posts.map((p) => p.key).join(', ')})`);
      assert.equal(fresh[0].id, orderId, 'the page shows that order');
      assert.deepEqual(fresh[0].items.map((i) => [i.product_id, i.quantity]), [[s.p2.id, 1]]);
      assert.ok(posts.length >= 2, `the lost attempt was sent again (${posts.length} POSTs)`);
      assert.ok(posts.every((p) => p.key && p.key === posts[0].key), `every attempt carried one Idempotency-Key: ${posts.map((p) => p.key).join(', ')}`);
      await shot(page, 'main-order-after-retry');
      checkConsoles('after the double tap');
    });

    it('a product that sells out greys out live', async () => {
      const formId = need(s.formId, 'a form');
      need(s.orderId, 'the buyer\'s order');
      const page = buyer.page;
      await gotoReady(page, `/forms/${formId}`);
      const mark = await markDocument(page);
      const left = (await api.form(formId)).products.find((p) => p.id === s.p1.id).stock_remaining;
      assert.equal(left, P1.stock - 2);
      const qty = page.getByTestId(`qty-${s.p1.id}`);
      assert.ok(await qty.isEnabled(), 'the stepper works while there is stock');
      const card = page.locator('li.product-card', { has: qty });
      // How the card looks: the colour of its name, and how faded its picture is.
      const looks = () =>
        card.evaluate((el) => {
          const name = el.querySelector('h3, .product-name');
          const pic = el.querySelector('img, .img-placeholder');
          const ps = pic ? getComputedStyle(pic) : null;
          return {
            cls: el.className,
            nameColor: name ? getComputedStyle(name).color : null,
            picFaded: !!ps && (Number(ps.opacity) < 1 || /grayscale/.test(ps.filter)),
            cardFaded: Number(getComputedStyle(el).opacity) < 1 || /grayscale/.test(getComputedStyle(el).filter),
          };
        });
      const before = await looks();
      let rest = left;
      while (rest > 0) {
        const n = Math.min(rest, P1.limit);
        const other = await api.newUser('other');
        await api.order(other.token, formId, { items: [{ product_id: s.p1.id, quantity: n }], delivery: { option_id: s.courier.id } });
        rest -= n;
      }
      await textMatches(page.getByTestId(`stock-${s.p1.id}`), tRe(lang, 'product.sold_out'), { message: 'the product to show sold out' });
      await until(() => qty.isDisabled(), { message: 'the quantity input to disable' });
      for (const key of ['stepper.less', 'stepper.more']) {
        assert.ok(await card.getByRole('button', { name: t(lang, key, { name: P1.name }), exact: true }).isDisabled(), `${key} is disabled`);
      }
      const grey = await looks();
      assert.ok(!before.picFaded && !before.cardFaded, 'the card was not faded while in stock');
      assert.ok(
        grey.cardFaded || grey.picFaded || grey.nameColor !== before.nameColor,
        `the sold-out card looks greyed out (before ${JSON.stringify(before)}, after ${JSON.stringify(grey)})`,
      );
      await assertSameDocument(page, mark, 'when the product sold out');
      await shot(page, 'main-form-sold-out');
      checkConsoles('after the sell-out');
    });

    it('signing out at /me/profile ends the session: its old cookie gets 401', async () => {
      need(s.buyer, 'a signed-in buyer');
      const page = buyer.page;
      const cookie = cookieHeader(await buyer.context.cookies(), 'fl_session');
      assert.ok(cookie, 'the browser holds a session cookie');
      const me = (c) => fetch(server.baseURL + '/api/v1/me', { headers: { Cookie: c } });
      assert.equal((await me(cookie)).status, 200, 'the cookie works before signing out');
      await gotoReady(page, '/me/profile');
      await page.getByRole('button', { name: t(lang, 'profile.signout'), exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('link', { name: t(lang, 'nav.signin'), exact: true }).waitFor();
      const r = await me(cookie);
      assert.equal(r.status, 401, 'the old session cookie is refused after signing out');
      assert.equal(await page.getByTestId('bell').count(), 0, 'the bell is gone');
      checkConsoles('after signing out');
    });
  });
}
