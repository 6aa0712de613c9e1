// Forms a seller manages, in a browser: a draft made through the editor with an option group (two
// options and a group limit) and questions, hidden from visitors and the list; copied and the copy
// deleted; published link-only; a buyer orders through the link with the options shown together
// and answers the questions (a missing required answer refused next to its question first); the
// option and the answers on the buyer's order page and the seller's orders page; a form with
// orders refuses deletion; home search finds a public form by a Korean word. Once in Korean on a
// phone, once in English on a desktop.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from './lib/server.mjs';
import { Api, iso } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, checkA11y, MAIN_COMBOS } from './lib/browser.mjs';
import { t, tRe, escapeRe } from './lib/strings.mjs';
import { until, textMatches } from './lib/wait.mjs';
import { gotoReady, signInThroughPage } from './lib/app.mjs';
import { sampleJpeg } from './lib/env.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('forms-and-options');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// "2026-11-30T15:04" in Seoul (UTC+9, no daylight saving): a datetime-local value.
const seoulInput = (ms) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);

const WORDS = {
  ko: { title: '여름 포토카드 세트', group: '포토카드', a: 'A 버전', b: 'B 버전', q1: 'X 아이디', q2: '포장', c: ['봉투', '박스', '지퍼백'], handle: '@민지', search: '벚꽃', publicTitle: '벚꽃 아크릴 스탠드' },
  en: { title: 'Summer photo card set', group: 'Photo card', a: 'Version A', b: 'Version B', q1: 'X handle', q2: 'Packing', c: ['Envelope', 'Box', 'Zip bag'], handle: '@minji', search: '단풍', publicTitle: '단풍 acrylic stand' },
};

// A finger on the screen from `a` to `b`, through Chromium's own touch input (Playwright's
// touchscreen only taps), held still at `a` for `holdMs` first.
async function finger(page, a, b, { holdMs = 0, steps = 10 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
  try {
    await touch('touchStart', a);
    if (holdMs) await page.waitForTimeout(holdMs);
    for (let i = 1; i <= steps; i++) {
      await touch('touchMove', { x: a.x + ((b.x - a.x) * i) / steps, y: a.y + ((b.y - a.y) * i) / steps });
      await page.waitForTimeout(16);
    }
    await touch('touchEnd');
  } finally {
    await cdp.detach();
  }
}

// The question a page asks when `action` would take the user away, answered "stay": its text.
async function questionStayed(page, action) {
  let asked = null;
  page.once('dialog', (d) => {
    asked = d.message();
    d.dismiss();
  });
  await action();
  return until(() => asked, { message: 'the question before leaving' });
}

function need(value, what) {
  if (value === undefined || value === null) throw new Error(`cannot run: an earlier step did not produce ${what}`);
  return value;
}

for (const { lang, vp } of MAIN_COMBOS) {
  describe(`forms and options ${lang}/${vp}`, () => {
    const w = WORDS[lang];
    const s = {};
    let seller;
    let buyer;
    let visitor;
    const label = (page, key, params) => page.getByLabel(t(lang, key, params), { exact: true });
    const button = (page, key, params) => page.getByRole('button', { name: t(lang, key, params), exact: true });

    before(async () => {
      seller = await newUserContext(browser, server.baseURL, { lang, vp, label: 'seller' });
      buyer = await newUserContext(browser, server.baseURL, { lang, vp, label: 'buyer' });
      visitor = await newUserContext(browser, server.baseURL, { lang, vp, label: 'visitor' });
    });

    after(async () => {
      for (const c of [seller, buyer, visitor]) await c?.context.close();
    });

    const checkConsoles = (what) => {
      for (const c of [seller, buyer, visitor]) c.guard.check(what);
    };

    it('the seller saves a draft through the editor with an option group (two options, a group limit), a required question and a choice question', async () => {
      const page = seller.page;
      s.seller = await api.newUser('seller', { name: 'Seller Park' });
      await signInThroughPage(page, lang, s.seller.email, s.seller.password);
      const now = await api.serverNow();
      // From my forms, as a seller starts one (the back button then leaves within the app).
      await gotoReady(page, '/seller/forms');
      await page.locator('main a[href="/seller/forms/new"]').click();
      await label(page, 'editor.title').fill(w.title);
      await label(page, 'editor.description').fill('Limited run.');
      await label(page, 'editor.opens_at').fill(seoulInput(now - 120_000));
      await label(page, 'editor.closes_at').fill(seoulInput(now + 86_400_000));
      await label(page, 'order.bank').selectOption('088');
      await label(page, 'order.account').fill('110-123-456789');
      await label(page, 'order.holder').fill('Seller Park');

      // The first product becomes option A of a group; "add an option" copies the group.
      const first = page.locator('li.editor-item', { has: page.locator('#p0-name') });
      await first.getByLabel(t(lang, 'editor.grouped'), { exact: true }).check();
      await page.locator('#p0-group').fill(w.group);
      await page.locator('#p0-option').fill(w.a);
      await page.locator('#p0-price').fill('3000');
      await page.locator('#p0-stock').fill('10');
      await page.locator('#p0-glimit').fill('3');
      await button(page, 'editor.add_to_group', { group: w.group }).click();
      assert.equal(await page.locator('#p1-group').inputValue(), w.group, 'the new option is in the same group');
      assert.equal(await page.locator('#p1-glimit').inputValue(), '3', 'and carries the group limit');
      assert.equal(await page.locator('#p1-price').inputValue(), '3000', 'and the price');
      await page.locator('#p1-option').fill(w.b);
      await page.locator('#p1-stock').fill('10');

      await button(page, 'editor.add_question').click();
      await page.locator('#q0-label').fill(w.q1);
      await page.locator('li.editor-item', { has: page.locator('#q0-label') }).getByLabel(t(lang, 'editor.required_label'), { exact: true }).check();
      await button(page, 'editor.add_question').click();
      await page.locator('#q1-label').fill(w.q2);
      await page.locator('#q1-kind').selectOption('CHOICE');
      await page.locator('#q1-c0').fill(w.c[0]);
      await page.locator('#q1-c1').fill(w.c[1]);
      await button(page, 'editor.add_choice', { n: 2 }).click();
      await page.locator('#q1-c2').fill(w.c[2]);
      await button(page, 'editor.remove_choice', { n: 3 }).click();
      assert.equal(await page.locator('#q1-c2').count(), 0, 'the third choice is removed');

      // Pictures before the first save: the sample for the cover (landscape once turned upright),
      // then a portrait one moved before it; the sample for option B, and a text file and a
      // broken picture refused at once.
      const group = (name) => page.getByRole('group', { name: new RegExp('^' + escapeRe(name)) });
      const cover = group(t(lang, 'editor.cover'));
      const portrait = await page.screenshot({ clip: { x: 0, y: 0, width: 40, height: 80 } });
      await cover.locator('input[type=file]').setInputFiles(sampleJpeg);
      await cover.locator('input[type=file]').setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: portrait });
      await button(cover, 'img.up', { n: 2 }).click();
      if (vp === 'phone') {
        // A swipe that starts on a picture scrolls the page and moves no picture; a finger held on
        // one a moment drags it.
        const srcs = () => cover.locator('img').evaluateAll((els) => els.map((e) => e.src));
        const before = await srcs();
        const tiles = cover.locator('li.image-tile');
        await tiles.nth(1).scrollIntoViewIfNeeded();
        const top = async (n) => {
          const r = await tiles.nth(n).boundingBox();
          return { x: r.x + r.width / 2, y: r.y + r.height / 3 };
        };
        const y0 = await page.evaluate(() => scrollY);
        const from = await top(0);
        await finger(page, from, { x: from.x, y: from.y - 250 });
        await until(async () => (await page.evaluate(() => scrollY)) > y0 + 50, { message: 'the swipe to scroll the page' });
        // A swipe flings on: the pictures are where they are once the page has come to rest.
        let last = -1;
        await until(async () => last === (last = await page.evaluate(() => scrollY)), { interval: 150, message: 'the page to come to rest' });
        assert.deepEqual(await srcs(), before, 'a swipe moves no picture');
        // Held in the middle of the screen, clear of the header that stays at the top.
        await tiles.nth(1).evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await finger(page, await top(1), await top(0), { holdMs: 500 });
        await until(async () => (await srcs())[0] === before[1], { message: 'the held picture to move first' });
        await button(cover, 'img.up', { n: 2 }).click();
        assert.deepEqual(await srcs(), before);
      }
      const optionB = group(`${w.group} ${w.b}`);
      assert.equal(
        await optionB.evaluate((el) => el.closest('li.editor-item')?.querySelector('input[id$="-option"]')?.value),
        w.b,
        "a product's pictures are in its own card"
      );
      await optionB.locator('input[type=file]').setInputFiles([
        { name: 'keyring.jpg', mimeType: 'image/jpeg', buffer: readFileSync(sampleJpeg) },
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
        { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') },
      ]);
      await optionB.getByRole('alert').filter({ hasText: t(lang, 'img.bad_type') }).waitFor();
      await optionB.getByRole('alert').filter({ hasText: t(lang, 'img.bad_file') }).waitFor();
      assert.equal(await cover.locator('img').count(), 2);
      assert.equal(await optionB.locator('img').count(), 1, 'the refused files are not kept');

      // The chosen pictures live only in the page: leaving it asks first.
      const leaving = () => page.evaluate(() => !dispatchEvent(new Event('beforeunload', { cancelable: true })));
      assert.equal(await leaving(), true, 'leaving with chosen pictures asks first');
      // A link away asks too; staying keeps them.
      assert.equal(await questionStayed(page, () => page.locator('header a[href="/"]').first().click()), t(lang, 'editor.leave_q'));
      assert.equal(new URL(page.url()).pathname, '/seller/forms/new', 'the seller stays');
      assert.equal(await cover.locator('img').count(), 2, 'with the pictures');
      // So does the back button.
      assert.equal(await questionStayed(page, () => page.goBack()), t(lang, 'editor.leave_q'));
      await until(async () => new URL(page.url()).pathname === '/seller/forms/new', { message: 'the address is the new form again' });
      assert.equal(await cover.locator('img').count(), 2, 'the pictures are still there after staying');

      const submit = page.locator('.editor-bar button[type=submit]');
      assert.equal((await submit.textContent()).trim(), t(lang, 'editor.publish'), 'publishing is the default');
      await page.locator('input[name=visibility][value=DRAFT]').check();
      assert.equal((await submit.textContent()).trim(), t(lang, 'editor.save_draft'), 'the button follows the choice');
      await shot(page, 'forms-new-draft');
      await submit.click();
      await page.waitForURL(/\/seller\/forms\/\d+\/edit\?created=draft$/);
      s.formId = Number(new URL(page.url()).pathname.split('/')[3]);
      await page.getByRole('status').filter({ hasText: t(lang, 'editor.created_draft') }).waitFor();
      await page.getByRole('heading', { name: t(lang, 'vis.now.DRAFT'), exact: true }).waitFor();
      await shot(page, 'forms-edit-draft');

      // On the saved gallery the keyboard moves a picture and stays with it; a delete asks first.
      const saved = group(t(lang, 'editor.cover'));
      const focused = (key, params) =>
        until(async () => (await page.evaluate(() => { const el = document.activeElement; return el?.getAttribute('aria-label') || el?.textContent.trim(); })) === t(lang, key, params), {
          message: `the focus on "${t(lang, key, params)}"`,
        });
      await button(saved, 'img.down', { n: 1 }).focus();
      await page.keyboard.press('Enter');
      await focused('img.up', { n: 2 });
      await page.keyboard.press('Enter');
      await focused('img.down', { n: 1 });
      await button(saved, 'img.delete', { n: 2 }).click();
      const ask = saved.getByRole('group', { name: t(lang, 'img.delete_q', { n: 2 }), exact: true });
      await ask.waitFor();
      await focused('img.delete_yes');
      await shot(page, 'forms-edit-delete-ask');
      await button(ask, 'img.delete_no').click();
      await ask.waitFor({ state: 'detached' });
      assert.equal(await saved.locator('img').count(), 2, 'nothing deleted');

      const drafts = await api.myForms(s.seller.token, 'draft');
      const f = drafts.items.find((x) => x.id === s.formId);
      assert.ok(f, 'the form is among the seller\'s drafts');
      assert.equal(f.visibility, 'DRAFT');
      assert.deepEqual(
        f.products.map((p) => [p.name, p.group, p.option, p.group_limit, p.price, p.stock_total]),
        [
          [`${w.group} ${w.a}`, w.group, w.a, 3, 3000, 10],
          [`${w.group} ${w.b}`, w.group, w.b, 3, 3000, 10],
        ],
      );
      assert.deepEqual(f.images.map((i) => i.width > i.height), [false, true], 'the cover pictures went up in the order left');
      assert.deepEqual(f.products.map((p) => p.images.length), [0, 1], "option B's picture went up with it");

      // The draft as buyers will see it, for its seller alone.
      await page.getByRole('link', { name: t(lang, 'preview.open'), exact: true }).click();
      await page.waitForURL(new RegExp(`/seller/forms/${s.formId}/preview$`));
      await page.getByRole('heading', { level: 1, name: w.title, exact: true }).waitFor();
      await page.getByRole('note').filter({ hasText: t(lang, 'preview.draft') }).waitFor();
      await textMatches(page.locator('.gallery-count'), /^1 \/ 2$/);
      assert.ok(await page.getByTestId('order-submit').isDisabled(), 'the seller cannot order from it');
      await checkA11y(page, 'the preview of a draft');
      await shot(page, 'forms-draft-preview');
      await page.getByRole('link', { name: t(lang, 'preview.back'), exact: true }).click();
      await page.waitForURL(new RegExp(`/seller/forms/${s.formId}/edit$`));
      assert.deepEqual(
        f.questions.map((q) => [q.label, q.kind, q.required, q.choices]),
        [
          [w.q1, 'TEXT', true, []],
          [w.q2, 'CHOICE', false, w.c.slice(0, 2)],
        ],
      );
      s.form = f;
      checkConsoles('after saving the draft');
    });

    it('the draft is a 404 page to a signed-out visitor and is not in the home list', async () => {
      const formId = need(s.formId, 'a draft');
      const page = visitor.page;
      await visitor.guard.allowing([/404/], async () => {
        await gotoReady(page, `/forms/${formId}`);
        await page.getByRole('heading', { level: 1, name: t(lang, 'notfound.title'), exact: true }).waitFor();
      });
      await shot(page, 'forms-draft-404');
      await gotoReady(page, '/');
      assert.equal(await page.locator(`a[href="/forms/${formId}"]`).count(), 0, 'no link to the draft on the home list');
      const listed = await api.forms();
      assert.ok(!listed.items.some((x) => x.id === formId), 'the public list leaves the draft out');
      checkConsoles('after the visitor');
    });

    it('the seller copies the draft into a new draft, then deletes the copy', async () => {
      const formId = need(s.formId, 'a draft');
      const page = seller.page;
      await gotoReady(page, `/seller/forms/${formId}/edit`);
      await button(page, 'editor.copy').click();
      await page.waitForURL((u) => /\/seller\/forms\/\d+\/edit\?copied=1/.test(u.href) && !u.pathname.includes(`/${formId}/`));
      const copyId = Number(new URL(page.url()).pathname.split('/')[3]);
      await page.getByRole('status').filter({ hasText: t(lang, 'editor.copied') }).waitFor();
      await page.getByRole('heading', { name: t(lang, 'vis.now.DRAFT'), exact: true }).waitFor();
      assert.equal(await label(page, 'editor.title').inputValue(), w.title, 'the copy has the title');
      assert.equal(await page.locator('#p1-option').inputValue(), w.b, 'and the options');
      assert.equal(await page.locator('#q1-c1').inputValue(), w.c[1], 'and the questions');
      const copy = await api.call('GET', `/api/v1/me/forms/${copyId}`, { token: s.seller.token });
      assert.equal(copy.visibility, 'DRAFT');

      await button(page, 'editor.delete').click();
      await page.getByRole('group', { name: t(lang, 'editor.delete_q') }).getByRole('button', { name: t(lang, 'editor.delete'), exact: true }).click();
      await page.waitForURL(/\/seller\/forms\?deleted=1$/);
      await page.getByRole('status').filter({ hasText: t(lang, 'seller.deleted') }).waitFor();
      const gone = await api.raw('GET', `/api/v1/me/forms/${copyId}`, { token: s.seller.token });
      assert.equal(gone.status, 404, 'the copy is deleted');
      const kept = await api.raw('GET', `/api/v1/me/forms/${formId}`, { token: s.seller.token });
      assert.equal(kept.status, 200, 'the original stays');
      checkConsoles('after copying and deleting');
    });

    it('the seller publishes the original link-only; questions are then read-only; my forms lists it as on sale with the link-only badge', async () => {
      const formId = need(s.formId, 'a draft');
      const page = seller.page;
      await gotoReady(page, `/seller/forms/${formId}/edit`);
      await button(page, 'vis.publish.UNLISTED').click();
      await page.getByRole('status').filter({ hasText: t(lang, 'vis.published.UNLISTED') }).waitFor();
      await page.getByRole('heading', { name: t(lang, 'vis.now.UNLISTED'), exact: true }).waitFor();
      await page.getByText(t(lang, 'editor.questions_locked'), { exact: true }).waitFor();
      assert.equal(await page.locator('#q0-label').count(), 0, 'no question inputs once the sale has opened');
      await shot(page, 'forms-edit-unlisted');
      const f = await api.form(formId);
      assert.equal(f.visibility, 'UNLISTED');
      assert.ok(!(await api.forms()).items.some((x) => x.id === formId), 'an unlisted form is not listed');

      await gotoReady(page, '/seller/forms?status=open');
      const card = page.getByTestId(`seller-form-${formId}`);
      await card.waitFor();
      await card.locator('.badge').filter({ hasText: t(lang, 'vis.UNLISTED') }).waitFor();
      assert.equal(await page.locator('.tab[aria-current=page]').textContent(), t(lang, 'seller.filter.open'));
      await shot(page, 'forms-my-forms-open');
      await gotoReady(page, '/seller/forms?status=draft');
      await page.getByText(t(lang, 'seller.no_forms_in', { filter: t(lang, 'seller.filter.draft') }), { exact: true }).waitFor();
      checkConsoles('after publishing');
    });

    it('a buyer opens the link and sees both options together under the group with the group limit', async () => {
      const formId = need(s.formId, 'a published form');
      const page = buyer.page;
      s.buyer = await api.newUser('buyer', { name: lang === 'ko' ? '김민지' : 'Kim Minji' });
      await signInThroughPage(page, lang, s.buyer.email, s.buyer.password);
      await gotoReady(page, `/forms/${formId}`);
      const group = page.locator('li.product-group');
      assert.equal(await group.count(), 1, 'one option group');
      assert.equal((await group.getByRole('heading', { level: 3 }).textContent()).trim(), w.group);
      assert.deepEqual((await group.getByRole('heading', { level: 4 }).allTextContents()).map((x) => x.trim()), [w.a, w.b], 'its options under it');
      await group.getByText(t(lang, 'product.group_limit', { n: 3 }), { exact: false }).waitFor();
      for (const p of s.form.products) await group.getByTestId(`stock-${p.id}`).waitFor();
      await shot(page, 'forms-buyer-options');
      checkConsoles('on the form page');
    });

    it("the buyer looks through the pictures: the cover's side buttons, and an option's picture shown large", async () => {
      need(s.formId, 'a published form');
      const page = buyer.page;
      const gallery = page.locator('section.gallery');
      const count = gallery.locator('.gallery-count');
      assert.equal(await button(gallery, 'picture.prev').count(), 0, 'no way back from the first');
      await button(gallery, 'picture.next').click();
      await textMatches(count, /^2 \/ 2$/);
      assert.equal(await button(gallery, 'picture.next').count(), 0, 'none past the last');
      await button(gallery, 'picture.prev').click();
      await textMatches(count, /^1 \/ 2$/);

      await button(page, 'product.picture_open', { name: `${w.group} · ${w.b}`, n: 1 }).click();
      const viewer = page.getByRole('dialog');
      await until(() => viewer.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), { message: 'the large picture to load' });
      await checkA11y(page, 'a picture shown large');
      await shot(page, 'forms-picture-large');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'hidden' });
      checkConsoles('looking through the pictures');
    });

    it('the buyer orders with answers: the missing required answer is refused next to its question, then fixed', async () => {
      const formId = need(s.formId, 'a published form');
      const page = buyer.page;
      const [pa, pb] = s.form.products;
      const [q1, q2] = s.form.questions;
      const more = (opt) => button(page, 'stepper.more', { name: `${w.group} · ${opt}` });
      await more(w.a).click();
      await more(w.a).click();
      await more(w.b).click();
      assert.equal(await page.getByTestId(`qty-${pb.id}`).inputValue(), '1');
      assert.ok(await more(w.b).isDisabled(), 'the group limit (3, options together) stops B at 1 beside A at 2');
      await page.getByRole('radio', { name: w.c[1], exact: true }).check();
      await page.getByTestId('order-submit').click();
      const answer = page.locator(`#answer-${q1.id}`);
      await until(async () => (await answer.getAttribute('aria-invalid')) === 'true', { message: 'the required answer to be marked' });
      assert.equal((await page.locator(`#answer-${q1.id}-err`).textContent()).trim(), t(lang, 'field.required'));
      assert.ok(await page.getByRole('radio', { name: w.c[1], exact: true }).isChecked(), 'the chosen answer is kept');
      assert.equal(await page.getByTestId(`qty-${pa.id}`).inputValue(), '2', 'the quantities are kept');
      await shot(page, 'forms-buyer-answer-refused');
      assert.equal((await api.myOrders(s.buyer.token)).items.length, 0, 'nothing was ordered');

      // A handle pasted with an invisible direction override: the server refuses it and the
      // page says why, next to the question.
      await buyer.guard.allowing([/status of 422/], async () => {
        await answer.fill(`${w.handle}\u202e`);
        await page.getByTestId('order-submit').click();
        await textMatches(page.locator(`#answer-${q1.id}-err`), tRe(lang, 'field.rule.control_characters'), {
          message: 'the control character to be named next to the answer',
        });
      });
      assert.equal((await api.myOrders(s.buyer.token)).items.length, 0, 'nothing was ordered');

      await answer.fill(w.handle);
      await page.getByTestId('order-submit').click();
      await page.waitForURL(/\/orders\/\d+$/);
      s.orderId = Number(new URL(page.url()).pathname.split('/')[2]);
      await page.getByRole('heading', { name: t(lang, 'order.answers'), exact: true }).waitFor();
      const items = page.locator('.item-row');
      await items.filter({ hasText: `${w.group} · ${w.a} × 2` }).waitFor();
      await items.filter({ hasText: `${w.group} · ${w.b} × 1` }).waitFor();
      const answers = page.locator('dl.answers > div');
      assert.deepEqual(
        (await answers.evaluateAll((els) => els.map((el) => [el.querySelector('dt').textContent, el.querySelector('dd').textContent]))),
        [[w.q1, w.handle], [w.q2, w.c[1]]],
      );
      await shot(page, 'forms-buyer-order');
      const o = await api.getOrder(s.buyer.token, s.orderId);
      assert.equal(o.form_id, formId);
      assert.deepEqual(o.items.map((i) => [i.product_id, i.quantity, i.group, i.option]), [[pa.id, 2, w.group, w.a], [pb.id, 1, w.group, w.b]]);
      assert.deepEqual(o.answers.map((a) => [a.question_id, a.value]), [[q1.id, w.handle], [q2.id, w.c[1]]]);
      checkConsoles('after ordering');
    });

    it('the seller sees the option and the answers on the orders page, and the form with an order refuses deletion', async () => {
      const formId = need(s.formId, 'a published form');
      const orderId = need(s.orderId, 'an order');
      const page = seller.page;
      await gotoReady(page, `/seller/forms/${formId}/orders`);
      const row = page.getByTestId(`order-row-${orderId}`);
      await row.getByText(`${w.group} · ${w.a}`, { exact: true }).waitFor();
      const answers = row.locator('dl.answers > div');
      assert.deepEqual(
        (await answers.evaluateAll((els) => els.map((el) => [el.querySelector('dt').textContent, el.querySelector('dd').textContent]))),
        [[w.q1, w.handle], [w.q2, w.c[1]]],
      );
      await shot(page, 'forms-seller-orders');

      await gotoReady(page, `/seller/forms/${formId}/edit`);
      await seller.guard.allowing([/409/], async () => {
        await button(page, 'editor.delete').click();
        await page.getByRole('group', { name: t(lang, 'editor.delete_q') }).getByRole('button', { name: t(lang, 'editor.delete'), exact: true }).click();
        await page.getByRole('alert').filter({ hasText: t(lang, 'editor.delete_has_orders') }).waitFor();
      });
      assert.equal((await api.raw('GET', `/api/v1/forms/${formId}`)).status, 200, 'the form is still there');
      checkConsoles('after the refused deletion');
    });

    it('home search finds a public form by a Korean word, and not the link-only one', async () => {
      const seller2 = need(s.seller, 'a seller');
      const now = await api.serverNow();
      const pub = await api.createForm(seller2.token, { title: w.publicTitle, opens_at: iso(now - 60_000), closes_at: iso(now + 86_400_000) });
      const page = visitor.page;
      await gotoReady(page, '/');
      await label(page, 'search.label').fill(w.search);
      await button(page, 'search.submit').click();
      await page.getByRole('heading', { level: 2, name: t(lang, 'search.results', { q: w.search }), exact: true }).waitFor();
      await until(async () => (await page.locator('.form-card').count()) === 1, { message: 'exactly one result' });
      await page.locator(`.form-card a[href="/forms/${pub.id}"]`).waitFor();
      assert.equal(new URL(page.url()).searchParams.get('q'), w.search, 'the search is in the address');
      await shot(page, 'forms-home-search');

      await label(page, 'search.label').fill(w.group);
      await button(page, 'search.submit').click();
      await page.getByText(t(lang, 'search.empty', { q: w.group }), { exact: true }).waitFor();
      assert.equal(await page.locator(`a[href="/forms/${need(s.formId, 'the link-only form')}"]`).count(), 0, 'the link-only form is not found');
      await shot(page, 'forms-home-search-empty');
      checkConsoles('after searching');
    });

    it('a new public form whose picture the server refuses stays a draft, and its edit page names the picture', async () => {
      const page = seller.page;
      const now = await api.serverNow();
      await gotoReady(page, '/seller/forms/new');
      assert.equal(await page.evaluate(() => !dispatchEvent(new Event('beforeunload', { cancelable: true }))), false, 'leaving a form with no pictures chosen asks nothing');
      // Sent empty, the title is asked for, not told its length.
      await seller.guard.allowing([/status of 422 .*\/api\/v1\/forms\)$/], async () => {
        await button(page, 'editor.publish').click();
        await textMatches(page.locator('#f-title-err'), tRe(lang, 'field.required'));
      });
      await label(page, 'editor.title').fill(`${w.title} 2`);
      await label(page, 'editor.opens_at').fill(seoulInput(now + 3600_000));
      await label(page, 'editor.closes_at').fill(seoulInput(now + 86_400_000));
      await label(page, 'order.bank').selectOption('088');
      await label(page, 'order.account').fill('110-123-456789');
      await label(page, 'order.holder').fill('Seller Park');
      await page.locator('#p0-name').fill(w.b);
      await page.locator('#p0-price').fill('3000');
      await page.locator('#p0-stock').fill('10');
      // A GIF labelled PNG: the browser draws it; the server takes only JPEG, PNG and WebP bytes.
      const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
      const cover = page.getByRole('group', { name: new RegExp('^' + escapeRe(t(lang, 'editor.cover'))) });
      await cover.locator('input[type=file]').setInputFiles({ name: 'animated.png', mimeType: 'image/png', buffer: gif });
      await cover.locator('img').first().waitFor();
      await seller.guard.allowing([/status of 415 .*\/api\/v1\/forms\/\d+\/images\)$/], async () => {
        await button(page, 'editor.publish').click();
        await page.waitForURL(/\/seller\/forms\/\d+\/edit\?created=draft&unsent=1$/);
      });
      const alert = page.getByRole('alert').filter({ hasText: t(lang, 'editor.unsent', { n: 1 }) });
      await alert.waitFor();
      assert.match(await alert.textContent(), /animated\.png/, 'the picture is named');
      await shot(page, 'forms-new-unsent');
      const id = Number(new URL(page.url()).pathname.split('/')[3]);
      const mine = async () => (await api.myForms(need(s.seller, 'a seller').token, 'draft')).items.find((x) => x.id === id);
      assert.ok(await mine(), 'the form stayed a draft');

      // Added again on the edit page, and deleted there once confirmed.
      const cover2 = page.getByRole('group', { name: new RegExp('^' + escapeRe(t(lang, 'editor.cover'))) });
      await cover2.locator('input[type=file]').setInputFiles(sampleJpeg);
      await cover2.locator('img').first().waitFor();
      assert.equal((await mine()).images.length, 1);
      await button(cover2, 'img.delete', { n: 1 }).click();
      await button(cover2, 'img.delete_yes').click();
      await until(async () => (await cover2.locator('img').count()) === 0, { message: 'the picture to go' });
      assert.equal((await mine()).images.length, 0);
      checkConsoles('after a refused picture');
    });
  });
}
