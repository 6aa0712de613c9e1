// A form's coupons for its seller: make one (name, discount, how many, claim window) and see
// how many are left.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { money, number, dateTime } from '../../i18n/format.js';
import { api } from '../../api.js';
import { signedInPage } from '../../components/signed-in.jsx';
import { Field } from '../../components/field.jsx';
import { Spinner } from '../../components/spinner.jsx';
import { ErrorText, fieldErrors } from '../../components/problem.jsx';
import { FormFooter } from '../../components/form-footer.jsx';
import { fromLocalInput } from './seller-api.js';
import { SellerCrumb } from './crumb.jsx';
import { OwnForm } from './own-form.jsx';
import './strings.js';

function CreateCoupon({ id, onCreated }) {
  const empty = { name: '', discount: '', quantity: '', opens: '', closes: '' };
  const [v, setV] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(false);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const num = (s) => (/^\d+$/.test(s.replace(/[,\s]/g, '')) ? Number(s.replace(/[,\s]/g, '')) : s === '' ? null : s);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setOk(false);
    try {
      const body = { name: v.name.trim(), discount: num(v.discount), quantity: num(v.quantity) };
      if (v.opens) body.claim_opens_at = fromLocalInput(v.opens);
      if (v.closes) body.claim_closes_at = fromLocalInput(v.closes);
      await api(`/api/v1/forms/${id}/coupons`, { method: 'POST', body });
      setV(empty);
      setOk(true);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const f = fieldErrors(error);
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-coupon-h">
      <h2 id="new-coupon-h">{t('scoupons.new')}</h2>
      <Field id="c-name" label={t('scoupons.name')} value={v.name} onInput={set('name')} maxlength="100" error={f.name} />
      <div class="grid-2">
        <Field id="c-discount" label={t('scoupons.discount')} value={v.discount} onInput={set('discount')} inputmode="numeric" error={f.discount} />
        <Field id="c-quantity" label={t('scoupons.quantity')} value={v.quantity} onInput={set('quantity')} inputmode="numeric" error={f.quantity} />
      </div>
      <div class="grid-2 dates">
        <Field id="c-opens" type="datetime-local" label={t('scoupons.opens')} value={v.opens} onInput={set('opens')} error={f.claim_opens_at} />
        <Field id="c-closes" type="datetime-local" label={t('scoupons.closes')} value={v.closes} onInput={set('closes')} error={f.claim_closes_at} />
      </div>
      <p class="hint">{t('scoupons.window_hint')}</p>
      <FormFooter error={error} done={ok} doneText={t('scoupons.created')} busy={busy} label={t('scoupons.create')} />
    </form>
  );
}

function Coupons({ id }) {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  const load = () =>
    api(`/api/v1/forms/${id}/coupons`)
      .then((r) => setItems(r.items))
      .catch(setError);
  useEffect(() => {
    load();
  }, [id]);
  return (
    <main id="main" class="page">
      <SellerCrumb id={id} />
      <h1 class="page-title">{t('scoupons.title')}</h1>
      <CreateCoupon id={id} onCreated={load} />
      <section class="card" aria-labelledby="coupon-list-h">
        <h2 id="coupon-list-h">{t('scoupons.list')}</h2>
        <ErrorText error={error} />
        {items === null && !error ? (
          <Spinner />
        ) : items && items.length === 0 ? (
          <p class="muted">{t('scoupons.empty')}</p>
        ) : (
          // Three columns fit a phone: the claim window goes under the coupon's name.
          <table class="table coupon-table">
            <thead>
              <tr>
                <th scope="col">{t('scoupons.coupon')}</th>
                <th scope="col" class="num">{t('scoupons.off')}</th>
                <th scope="col" class="num">{t('scoupons.left')}</th>
              </tr>
            </thead>
            <tbody>
              {items &&
                items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.name}
                      <span class="coupon-window">
                        <span class="visually-hidden">{t('scoupons.window')} </span>
                        {dateTime(c.claim_opens_at)} – {dateTime(c.claim_closes_at)}
                      </span>
                    </th>
                    <td class="num">{money(c.discount)}</td>
                    <td class="num">
                      {number(c.remaining)} / {number(c.quantity)}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

export const FormCoupons = signedInPage('scoupons.title', ({ id }) => (
  <OwnForm id={id} title="scoupons.title">
    <Coupons id={id} />
  </OwnForm>
));
