// A person's own account in the browser: editing the name and phone, changing the password (this
// browser stays signed in, another browser of the same person is signed out at once) and deleting
// the account (refused with the reason while an order is open, then done). In both languages on a
// phone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Api } from './lib/api.mjs';
import { launchBrowser, newUserContext, shot, checkA11y } from './lib/browser.mjs';
import { t } from './lib/strings.mjs';
import { until } from './lib/wait.mjs';
import { gotoReady, signInThroughPage, signedInHeader } from './lib/app.mjs';

let server;
let api;
let browser;

before(async () => {
  server = await startServer('account');
  api = new Api(server.baseURL);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const lang of ['ko', 'en']) {
  const vp = 'phone';
  describe(`account ${lang}/${vp}`, () => {
    it('edits the name and phone, and a password change signs the other browser out', async () => {
      const user = await api.newUser('changer');
      const here = await newUserContext(browser, server.baseURL, { lang, vp, label: 'here' });
      const there = await newUserContext(browser, server.baseURL, { lang, vp, label: 'there' });
      try {
        await signInThroughPage(here.page, lang, user.email, user.password);
        await signInThroughPage(there.page, lang, user.email, user.password);
        const page = here.page;
        await gotoReady(page, '/me/profile');
        await checkA11y(page, 'profile with account controls');

        // A name typed past its limit is not cut without a word: the field counts, then says so.
        const name = page.getByLabel(t(lang, 'auth.name'), { exact: true });
        await name.fill('');
        await name.pressSequentially('가'.repeat(45));
        assert.equal((await page.getByTestId('p-name-count').innerText()).trim(), '45 / 50');
        await name.pressSequentially('나'.repeat(10));
        assert.equal((await name.inputValue()).length, 50, 'the browser takes 50 characters');
        await page.getByTestId('p-name-count').getByText(t(lang, 'common.at_limit', { max: 50 }), { exact: true }).waitFor();
        await checkA11y(page, 'a name at its limit');
        await shot(page, 'profile-name-at-limit');

        await page.getByLabel(t(lang, 'auth.name'), { exact: true }).fill('김민지');
        assert.equal(await page.getByTestId('p-name-count').count(), 0, 'no count far from the limit');
        await page.getByLabel(t(lang, 'auth.phone'), { exact: true }).fill('010-2222-3333');
        await page.getByRole('button', { name: t(lang, 'profile.save_me'), exact: true }).click();
        await page.getByText(t(lang, 'common.saved'), { exact: true }).waitFor();
        const me = await api.me(user.token);
        assert.equal(me.name, '김민지');
        assert.equal(me.phone, '010-2222-3333');

        // A wrong current password is named next to its field and changes nothing.
        const current = page.getByLabel(t(lang, 'profile.current_password'), { exact: true });
        const next = page.getByLabel(t(lang, 'profile.new_password'), { exact: true });
        const change = page.getByRole('button', { name: t(lang, 'profile.change_password'), exact: true });
        await here.guard.allowing([/status of 403/], async () => {
          await current.fill('not my password');
          await next.fill('a brand new password');
          await change.click();
          await page.getByText(t(lang, 'err.wrong_password'), { exact: true }).waitFor();
        });
        assert.equal((await api.raw('GET', '/api/v1/me', { token: user.token })).status, 200);

        await current.fill(user.password);
        await next.fill('a brand new password');
        await change.click();
        await page.getByText(t(lang, 'profile.password_changed'), { exact: true }).waitFor();
        await shot(page, 'profile-password-changed');

        // This browser carries on (a new session cookie came with the answer), after a reload too.
        await page.reload();
        await signedInHeader(page, lang);
        await page.getByLabel(t(lang, 'auth.name'), { exact: true }).waitFor();
        assert.equal((await page.evaluate(() => fetch('/api/v1/me', { headers: { 'X-Formlympics-Web': '1' } }).then((r) => r.status))), 200);

        // The other browser's session and the old bearer token are refused.
        await there.guard.allowing([/status of 401/], async () => {
          const status = await there.page.evaluate(() => fetch('/api/v1/me', { headers: { 'X-Formlympics-Web': '1' } }).then((r) => r.status));
          assert.equal(status, 401, 'the other browser is signed out');
          await gotoReady(there.page, '/me/profile');
          await there.page.getByText(t(lang, 'auth.needed'), { exact: true }).waitFor();
        });
        await shot(there.page, 'other-browser-signed-out');
        assert.equal((await api.raw('GET', '/api/v1/me', { token: user.token })).status, 401);
        assert.equal((await api.raw('POST', '/api/v1/sessions', { body: { email: user.email, password: 'a brand new password' } })).status, 200);
        here.guard.check('after the password change');
        there.guard.check('after being signed out');
      } finally {
        await here.context.close();
        await there.context.close();
      }
    });

    it('deleting the account is refused while an order is open, with the reason, then done', async () => {
      const user = await api.newUser('leaver');
      const seller = await api.newUser('seller');
      const form = await api.createForm(seller.token, { title: `Deletion ${lang}` });
      const order = await api.order(user.token, form.id, {
        items: [{ product_id: form.products[0].id, quantity: 1 }],
        delivery: { option_id: form.delivery_options[0].id },
      });
      const ctx = await newUserContext(browser, server.baseURL, { lang, vp, label: 'leaver' });
      try {
        const page = ctx.page;
        await signInThroughPage(page, lang, user.email, user.password);
        await gotoReady(page, '/me/profile');
        await page.getByRole('button', { name: t(lang, 'profile.delete'), exact: true }).click();
        await page.getByText(t(lang, 'profile.delete_q'), { exact: true }).waitFor();
        await page.getByLabel(t(lang, 'profile.delete_password'), { exact: true }).fill(user.password);
        const confirm = page.getByRole('button', { name: t(lang, 'profile.delete_confirm'), exact: true });
        await ctx.guard.allowing([/status of 409/], async () => {
          await confirm.click();
          await page.getByRole('alert').filter({ hasText: t(lang, 'err.open_orders') }).waitFor();
        });
        await shot(page, 'profile-delete-refused');
        assert.equal((await api.raw('GET', '/api/v1/me', { token: user.token })).status, 200, 'nothing was deleted');

        // The order ends; the same confirmation now goes through.
        await api.call('POST', `/api/v1/orders/${order.id}/cancellation`, { token: user.token });
        await confirm.click();
        await page.getByRole('link', { name: t(lang, 'nav.signin'), exact: true }).first().waitFor();
        await until(() => new URL(page.url()).pathname === '/', { message: 'the home page after deletion' });
        await shot(page, 'account-deleted');
        assert.equal((await api.raw('GET', '/api/v1/me', { token: user.token })).status, 401);
        assert.equal((await api.raw('POST', '/api/v1/sessions', { body: { email: user.email, password: user.password } })).status, 401);
        // The email signs up again.
        const again = await api.raw('POST', '/api/v1/users', { body: { name: 'Again', email: user.email, password: user.password, phone: user.phone }, address: '10.9.9.9' });
        assert.equal(again.status, 201, JSON.stringify(again.body));
        assert.notEqual(again.body.id, user.id);
        ctx.guard.check('after deleting the account');
      } finally {
        await ctx.context.close();
      }
    });
  });
}
