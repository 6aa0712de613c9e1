// A tour of every page in Korean and English, on a phone and a desktop: each is screenshotted
// (full page), checked with axe (no serious or critical violation), has <html lang> in its
// language, exactly one <h1>, no untranslated key, no Korean on an English page, and logs no
// console error or CSP violation. Then the language toggle and ?lang=, and the headers that
// pages and assets are served with.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, checkA11y, ALL_COMBOS, VIEWPORTS } from './lib/browser.mjs';
import { t } from './lib/strings.mjs';
import { until } from './lib/wait.mjs';
import { gotoReady, signInThroughPage } from './lib/app.mjs';

let server;
let api;
let browser;
const seed = {};

before(async () => {
  server = await startServer('pages');
  api = new Api(server.baseURL);
  browser = await launchBrowser();

  // A seller with an open form (pictures, a coupon) and an upcoming one; a buyer who ordered,
  // claimed the coupon, liked the form and has notifications. Plain ASCII names, so an English
  // page with Korean on it can only be the app's own words.
  const seller = await api.newUser('seller', { name: 'Seller Park' });
  const buyer = await api.newUser('buyer', { name: 'Kim Minji' });
  const form = await api.createForm(seller.token, { title: 'Hand-made keyrings' });
  await api.uploadImage(seller.token, form.id);
  await api.uploadImage(seller.token, form.id, form.products[0].id);
  await api.createForm(seller.token, {
    title: 'Winter stickers',
    opens_at: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    closes_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  const coupon = await api.createCoupon(seller.token, form.id, { name: 'Opening day', discount: 1000, quantity: 20 });
  await api.setAddress(buyer.token, { address1: '110 Sejong-daero, Jung-gu, Seoul', address2: 'Apt 101', zipcode: '04524' });
  await api.setRefundAccount(buyer.token, { bank: 'KAKAO', account_number: '3333-01-1234567', holder_name: 'Kim Minji' });
  const claimed = await api.claimCoupon(buyer.token, coupon.id);
  const order = await api.order(buyer.token, form.id, {
    items: [{ product_id: form.products[0].id, quantity: 2 }],
    delivery: { option_id: form.delivery_options[0].id },
    couponId: claimed.id,
    depositor: 'Kim Minji',
  });
  const paid = await api.order(buyer.token, form.id, {
    items: [{ product_id: form.products[1].id, quantity: 1 }],
    delivery: { option_id: form.delivery_options[1].id, address1: '', address2: '', zipcode: '' },
    depositor: 'Kim Minji',
  });
  await api.confirmDeposit(seller.token, paid.id);
  await api.like(buyer.token, form.id);
  // Options of one group with a group limit, and questions; an order that answered them; a draft.
  const optForm = await api.createForm(seller.token, {
    title: 'Photo cards',
    products: [
      { name: 'Card A', price: 3000, stock: 10, group: 'Photo card', option: 'Version A', group_limit: 3 },
      { name: 'Card B', price: 3000, stock: 10, group: 'Photo card', option: 'Version B', group_limit: 3 },
      { name: 'Sticker', price: 1500, stock: 5 },
    ],
    questions: [
      { label: 'Your X handle', kind: 'TEXT', required: true },
      { label: 'Packing', kind: 'CHOICE', choices: ['Envelope', 'Box'], required: false },
    ],
  });
  const optOrder = await api.order(buyer.token, optForm.id, {
    items: [{ product_id: optForm.products[0].id, quantity: 1 }, { product_id: optForm.products[1].id, quantity: 2 }],
    delivery: { option_id: optForm.delivery_options[0].id },
    answers: [{ question_id: optForm.questions[0].id, value: '@minji' }, { question_id: optForm.questions[1].id, value: 'Box' }],
    depositor: 'Kim Minji',
  });
  const draft = await api.createForm(seller.token, {
    title: 'Spring badges',
    visibility: 'DRAFT',
    questions: [{ label: 'Fan club number', kind: 'TEXT', required: false }],
  });
  Object.assign(seed, { seller, buyer, form, order, optForm, optOrder, draft });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Runs `fn` in a browser context of its own, closed afterwards whatever happens.
async function inContext(options, fn) {
  const c = await newUserContext(browser, server.baseURL, options);
  try {
    await fn(c);
  } finally {
    await c.context.close();
  }
}

// [who, name (for the screenshot), path with {form} and {order} from the seed, its heading]
const PAGES = [
  ['anon', 'home', '/', (l) => t(l, 'list.title')],
  ['anon', 'home-search', '/?q=keyrings', (l) => t(l, 'list.title')],
  ['anon', 'signin', '/signin', (l) => t(l, 'auth.signin')],
  ['anon', 'signup', '/signup', (l) => t(l, 'auth.signup')],
  ['buyer', 'form', '/forms/{form}', () => seed.form.title],
  ['buyer', 'order', '/orders/{order}', (l) => t(l, 'order.title', { id: seed.order.id })],
  ['buyer', 'form-options', '/forms/{optform}', () => seed.optForm.title],
  ['buyer', 'order-answers', '/orders/{optorder}', (l) => t(l, 'order.title', { id: seed.optOrder.id })],
  ['buyer', 'me-orders', '/me/orders', (l) => t(l, 'nav.orders')],
  ['buyer', 'me-coupons', '/me/coupons', (l) => t(l, 'nav.coupons')],
  ['buyer', 'me-likes', '/me/likes', (l) => t(l, 'nav.likes')],
  ['buyer', 'me-profile', '/me/profile', (l) => t(l, 'nav.profile')],
  ['buyer', 'me-notifications', '/me/notifications', (l) => t(l, 'nav.notifications')],
  ['seller', 'seller-forms', '/seller/forms', (l) => t(l, 'seller.my_forms')],
  ['seller', 'seller-forms-drafts', '/seller/forms?status=draft', (l) => t(l, 'seller.my_forms')],
  ['seller', 'seller-new-form', '/seller/forms/new', (l) => t(l, 'seller.new_form')],
  ['seller', 'seller-edit', '/seller/forms/{form}/edit', (l) => t(l, 'editor.edit_title')],
  ['seller', 'seller-edit-options', '/seller/forms/{optform}/edit', (l) => t(l, 'editor.edit_title')],
  ['seller', 'seller-edit-draft', '/seller/forms/{draft}/edit', (l) => t(l, 'editor.edit_title')],
  ['seller', 'seller-orders', '/seller/forms/{form}/orders', (l) => t(l, 'sorders.title')],
  ['seller', 'seller-orders-answers', '/seller/forms/{optform}/orders', (l) => t(l, 'sorders.title')],
  ['seller', 'seller-coupons', '/seller/forms/{form}/coupons', (l) => t(l, 'scoupons.title')],
];
const resolvePath = (p) =>
  p
    .replace('{form}', seed.form.id)
    .replace('{order}', seed.order.id)
    .replace('{optform}', seed.optForm.id)
    .replace('{optorder}', seed.optOrder.id)
    .replace('{draft}', seed.draft.id);

// Text a page shows, leaving out what is marked as another language (the toggle says 한국어).
async function visibleText(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, noscript')) continue;
      const tagged = el.closest('[lang]');
      if (tagged && tagged !== document.documentElement && tagged.lang !== document.documentElement.lang) continue;
      const text = n.textContent.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], img[alt]')) {
      const tagged = el.closest('[lang]');
      if (tagged && tagged !== document.documentElement && tagged.lang !== document.documentElement.lang) continue;
      for (const a of ['aria-label', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
    return out;
  });
}

const KEY = /\b(common|nav|footer|bell|notice|status|list|form|like|coupon|product|stepper|delivery|order|bank|courier|auth|me|profile|notfound|field|err|seller|editor|img|sorders|scoupons|question|search|vis)\.[a-z_]+(\.[A-Za-z_]+)?\b/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

for (const { lang, vp } of ALL_COMBOS) {
  describe(`every page ${lang}/${vp}`, () => {
    const ctx = {};

    before(async () => {
      ctx.anon = await newUserContext(browser, server.baseURL, { lang, vp, label: 'visitor' });
      ctx.buyer = await newUserContext(browser, server.baseURL, { lang, vp, label: 'buyer' });
      ctx.seller = await newUserContext(browser, server.baseURL, { lang, vp, label: 'seller' });
    });

    after(async () => {
      for (const c of Object.values(ctx)) await c.context.close();
    });

    for (const [who, name, pattern, heading] of PAGES) {
      it(`${pattern} (${who === 'anon' ? 'signed out' : 'as the ' + who})`, async () => {
        const path = resolvePath(pattern);
        const c = ctx[who];
        if (who !== 'anon' && !c.signedIn) {
          // Signed in once per context through the page; a failure fails its pages at once.
          if (c.signInFailed) throw new Error(`cannot run: signing in as the ${who} failed: ${c.signInFailed}`);
          const u = seed[who];
          try {
            await signInThroughPage(c.page, lang, u.email, u.password);
          } catch (e) {
            c.signInFailed = e.message.split('\n')[0];
            throw e;
          }
          c.signedIn = true;
          c.guard.check('signing in');
        }
        const page = c.page;
        const response = await gotoReady(page, path);
        assert.equal(response.status(), 200, `${path} answers 200`);
        // Let late requests (images, lazy strings) settle before judging the page.
        await page.waitForLoadState('load');
        await until(() => page.evaluate(() => [...document.images].every((img) => img.complete || img.loading === 'lazy')), {
          message: `${path}'s images to load`,
        });
        const problems = [];
        const htmlLang = await page.evaluate(() => document.documentElement.lang);
        if (htmlLang !== lang) problems.push(`<html lang="${htmlLang}">, expected "${lang}"`);
        const h1s = await page.locator('h1').allTextContents();
        if (h1s.length !== 1) problems.push(`${h1s.length} <h1> elements (${JSON.stringify(h1s)}), expected exactly one`);
        else if (h1s[0].trim() !== heading(lang)) problems.push(`the <h1> reads ${JSON.stringify(h1s[0].trim())}, expected ${JSON.stringify(heading(lang))}`);
        const texts = await visibleText(page);
        const keys = texts.filter((s) => KEY.test(s));
        if (keys.length) problems.push(`untranslated keys shown: ${JSON.stringify(keys.slice(0, 5))}`);
        if (lang === 'en') {
          const korean = texts.filter((s) => HANGUL.test(s));
          if (korean.length) problems.push(`Korean text on the English page: ${JSON.stringify(korean.slice(0, 8))}`);
        }
        await shot(page, name);
        let axeError = null;
        try {
          await checkA11y(page, `${lang}/${vp} ${path}`);
        } catch (e) {
          axeError = e;
        }
        try {
          c.guard.check(`on ${path}`);
        } catch (e) {
          problems.push(e.message);
        }
        if (axeError) problems.push(axeError.message);
        if (problems.length) assert.fail(`${lang}/${vp} ${path} (screenshot ${lang}-${vp}-${name}.png):\n${problems.join('\n')}`);
      });
    }
  });
}

for (const vp of Object.keys(VIEWPORTS)) {
  describe(`language ${vp}`, () => {
    it('the toggle switches the language at once and the choice is remembered on the next load', async () => {
      await inContext({ lang: 'ko', vp, label: 'toggle', setLang: false }, async (c) => {
        const page = c.page;
        const first = await gotoReady(page, '/');
        assert.match(await first.text(), /<html lang="ko">/, 'Korean is the default');
        await page.getByRole('heading', { level: 1, name: t('ko', 'list.title') }).waitFor();
        await page.getByTestId('lang-toggle').click();
        await until(async () => (await page.evaluate(() => document.documentElement.lang)) === 'en', { message: '<html lang> to become en' });
        await page.getByRole('heading', { level: 1, name: t('en', 'list.title') }).waitFor();
        assert.equal((await page.getByTestId('lang-toggle').textContent()).trim(), '한국어', 'the toggle now offers Korean');
        // A new load, on another page: the server already answers in English.
        const again = await gotoReady(page, '/signin');
        assert.match(await again.text(), /<html lang="en">/, 'the server remembers the choice');
        await page.getByRole('heading', { level: 1, name: t('en', 'auth.signin') }).waitFor();
        await shot(page, 'lang-toggled', { lang: 'en', vp });
        await page.getByTestId('lang-toggle').click();
        await page.getByRole('heading', { level: 1, name: t('ko', 'auth.signin') }).waitFor();
        const back = await gotoReady(page, '/');
        assert.match(await back.text(), /<html lang="ko">/);
        await page.getByRole('heading', { level: 1, name: t('ko', 'list.title') }).waitFor();
        c.guard.check('while toggling');
      });
    });

    it('?lang=en shows English, drops the parameter from the address and is remembered', async () => {
      await inContext({ lang: 'en', vp, label: '?lang', setLang: false }, async (c) => {
        const page = c.page;
        const r = await gotoReady(page, '/signup?lang=en');
        assert.match(await r.text(), /<html lang="en">/, 'the server answers ?lang=en in English');
        await page.getByRole('heading', { level: 1, name: t('en', 'auth.signup') }).waitFor();
        await until(() => !new URL(page.url()).searchParams.has('lang'), { message: 'the address to drop ?lang' });
        const next = await gotoReady(page, '/');
        assert.match(await next.text(), /<html lang="en">/, 'remembered on the next load');
        await page.getByRole('heading', { level: 1, name: t('en', 'list.title') }).waitFor();
        await gotoReady(page, '/?lang=ko');
        await page.getByRole('heading', { level: 1, name: t('ko', 'list.title') }).waitFor();
        c.guard.check('with ?lang');
      });
    });
  });
}

describe('section addresses', () => {
  it('/me and /seller open their first page, and back does not return to the bare address', async () => {
    await inContext({ lang: 'ko', vp: 'phone', label: 'sections' }, async (c) => {
      const page = c.page;
      await signInThroughPage(page, 'ko', seed.seller.email, seed.seller.password);
      for (const [bare, first, heading] of [
        ['/me', '/me/orders', t('ko', 'nav.orders')],
        ['/seller', '/seller/forms', t('ko', 'seller.my_forms')],
      ]) {
        await gotoReady(page, '/');
        const r = await gotoReady(page, bare);
        assert.equal(r.status(), 200, `${bare} answers 200`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        assert.equal(new URL(page.url()).pathname, first, `${bare} moves on to ${first}`);
        await page.goBack();
        await until(() => new URL(page.url()).pathname === '/', { message: `back from ${first} to reach /` });
      }
      c.guard.check('on the section addresses');
    });
  });
});

describe('product pictures', () => {
  it('a form with no product pictures lists its products without empty boxes; one with some keeps the line', async () => {
    await inContext({ lang: 'ko', vp: 'phone', label: 'pictures' }, async (c) => {
      const page = c.page;
      const count = async (id) => {
        await gotoReady(page, `/forms/${id}`);
        await page.locator('li.product-card').first().waitFor();
        return page.evaluate(() => ({
          pictures: document.querySelectorAll('li.product-card img.product-thumb').length,
          boxes: document.querySelectorAll('li.product-card .img-placeholder').length,
        }));
      };
      assert.deepEqual(await count(seed.optForm.id), { pictures: 0, boxes: 0 }, 'no picture anywhere: no boxes');
      const form = await api.form(seed.form.id);
      const without = form.products.filter((p) => p.images.length === 0).length;
      assert.ok(without > 0 && without < form.products.length, 'the seeded form has products with and without pictures');
      assert.deepEqual(await count(seed.form.id), { pictures: form.products.length - without, boxes: without });
      c.guard.check('on the forms');
    });
  });
});

describe('headers', () => {
  it('pages carry a strict Content-Security-Policy', async () => {
    for (const path of ['/', `/forms/${seed.form.id}`, '/me/orders']) {
      const r = await fetch(server.baseURL + path);
      assert.equal(r.status, 200, path);
      const csp = r.headers.get('content-security-policy');
      assert.ok(csp, `${path} has a Content-Security-Policy`);
      const directives = Object.fromEntries(
        csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]),
      );
      assert.deepEqual(directives['script-src'], ["'self'"], `${path}: script-src is 'self' only (${csp})`);
      assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), `${path}: no unsafe-inline or unsafe-eval (${csp})`);
      assert.ok(directives['object-src']?.includes("'none'"), `${path}: object-src 'none'`);
      assert.ok(/frame-ancestors 'none'/.test(csp), `${path}: frame-ancestors 'none'`);
    }
  });

  it('assets are immutable and brotli-compressed for Chromium', async () => {
    await inContext({ lang: 'ko', vp: 'desktop', label: 'assets' }, async (c) => {
      const assets = [];
      c.page.on('response', (r) => {
        if (new URL(r.url()).pathname.startsWith('/assets/')) assets.push(r);
      });
      await gotoReady(c.page, `/forms/${seed.form.id}`);
      await c.page.waitForLoadState('load');
      assert.ok(assets.length >= 2, `the page loads its script and style from /assets/ (${assets.length})`);
      for (const r of assets) {
        const h = await r.allHeaders();
        const req = await r.request().allHeaders();
        const path = new URL(r.url()).pathname;
        assert.equal(r.status(), 200, path);
        assert.match(h['cache-control'] || '', /\bimmutable\b/, `${path}: Cache-Control immutable`);
        assert.match(h['cache-control'] || '', /max-age=31536000/, `${path}: cached for a year`);
        if (/\.(js|css)$/.test(path)) {
          assert.match(req['accept-encoding'] || '', /\bbr\b/, `Chromium offers br for ${path}`);
          assert.equal(h['content-encoding'], 'br', `${path}: Content-Encoding br`);
        }
      }
      c.guard.check('loading assets');
    });
  });
});
