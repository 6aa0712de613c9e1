// The order form on the form page: quantities (options grouped), the seller's questions, delivery,
// depositor, coupon, the live total and the sticky order bar. What the buyer types is kept as a draft, so a refused order, a reload or an
// ended session never loses it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { money } from '../i18n/format.js';
import { user } from '../session.js';
import { navigate, here } from '../router.js';
import { useDraft, clearDraft } from '../draft.js';
import { createOrderSubmitter } from '../order-submit.js';
import { rememberOrder } from '../form-cache.js';
import { problemText, fieldErrors, ErrorText } from '../components/problem.jsx';
import { myCoupons, loadMyCoupons } from '../components/coupon-list.jsx';
import { Countdown } from '../components/countdown.jsx';
import { ProductCard } from '../components/product-card.jsx';
import { ProductList, groupRoom } from '../components/product-list.jsx';
import { QuestionFields, answersBody, checkAnswers, serverAnswerErrors } from '../components/question-fields.jsx';
import { DeliveryFields } from '../components/delivery-fields.jsx';
import { Field } from '../components/field.jsx';
import { announce } from '../components/announcer.jsx';
import { OrdersHere } from '../components/orders-here.jsx';

export function priceOf(form, draft, coupons) {
  const itemsTotal = form.products.reduce((n, p) => n + (draft.qty[p.id] || 0) * p.price, 0);
  const option = form.delivery_options.find((d) => d.id === Number(draft.option_id));
  const free = option && form.free_shipping_over != null && itemsTotal >= form.free_shipping_over;
  // Nothing chosen yet costs nothing, fee included.
  const fee = option && !free && itemsTotal > 0 ? option.fee : 0;
  const coupon = coupons.find((c) => c.id === Number(draft.coupon));
  const discount = coupon ? Math.min(coupon.discount, itemsTotal) : 0;
  return { itemsTotal, fee, free, discount, amount: itemsTotal + fee - discount, option };
}

function Summary({ price, form }) {
  return (
    <section class="card summary" aria-labelledby="summary-h">
      <h2 id="summary-h">{t('order.summary')}</h2>
      <dl class="sum-list">
        <div>
          <dt>{t('order.items_total')}</dt>
          <dd>{money(price.itemsTotal)}</dd>
        </div>
        {form.delivery_options.length > 0 && (
          <div>
            <dt>{t('order.shipping_fee')}</dt>
            <dd>{price.free ? t('order.free_shipping') : money(price.fee)}</dd>
          </div>
        )}
        {price.discount > 0 && (
          <div>
            <dt>{t('order.discount')}</dt>
            <dd>−{money(price.discount)}</dd>
          </div>
        )}
        <div class="sum-total">
          <dt>{t('order.amount')}</dt>
          <dd>{money(price.amount)}</dd>
        </div>
      </dl>
      {form.free_shipping_over != null && !price.free && price.option && price.option.fee > 0 && (
        <p class="hint">{t('order.free_hint', { n: money(form.free_shipping_over - price.itemsTotal) })}</p>
      )}
    </section>
  );
}

function buttonLabel(state) {
  return t('order.button.' + state);
}

export function OrderForm({ form, stock, status, opened }) {
  const u = user.value;
  const draftKey = 'order:' + form.id;
  const [draft, update] = useDraft(draftKey, () => ({
    qty: {},
    option_id: form.delivery_options[0] ? form.delivery_options[0].id : '',
    recipient_name: '',
    phone: '',
    address1: '',
    address2: '',
    zipcode: '',
    depositor_name: '',
    coupon: '',
    answers: {},
    prefilled: false,
  }));
  const [busy, setBusy] = useState(false);
  const [retrying, setRetrying] = useState(0);
  const [error, setError] = useState(null);
  const submitter = useMemo(() => createOrderSubmitter(form.id, u && u.id), [form.id, u && u.id]);
  const [resuming, setResuming] = useState(false);
  const sentAnswers = useRef(null); // question ids in the order the last body listed them
  const formRef = useRef();
  // Two taps in one task both see busy=false (no re-render between them): a ref does not wait.
  const inFlight = useRef(false);

  // Fill the recipient from the profile once; what the buyer typed wins.
  useEffect(() => {
    if (!u || draft.prefilled) return;
    const a = u.address || {};
    update((d) => ({
      prefilled: true,
      recipient_name: d.recipient_name || u.name || '',
      phone: d.phone || u.phone || '',
      address1: d.address1 || a.address1 || '',
      address2: d.address2 || a.address2 || '',
      zipcode: d.zipcode || a.zipcode || '',
      depositor_name: d.depositor_name || u.name || '',
    }));
  }, [u && u.id]);

  // A remembered delivery choice the seller has since removed falls back to the first option.
  useEffect(() => {
    const ids = form.delivery_options.map((d) => d.id);
    if (ids.length && !ids.includes(Number(draft.option_id))) update({ option_id: ids[0] });
  }, [form.id, form.delivery_options.length]);

  const maxOf = (p) => {
    const left = p.id in stock ? stock[p.id] : p.stock_remaining;
    return Math.max(0, Math.min(left, p.per_buyer_limit != null ? p.per_buyer_limit : Infinity, groupRoom(form, draft.qty, p)));
  };
  // Stock that falls under a chosen quantity pulls the quantity down with it.
  useEffect(() => {
    const fixed = {};
    let changed = false;
    for (const p of form.products) {
      const q = draft.qty[p.id] || 0;
      if (q > maxOf(p)) {
        fixed[p.id] = maxOf(p);
        changed = true;
        // The buyer's own choice changed under them: worth saying out loud.
        announce(maxOf(p) ? t('order.clamped', { name: p.name, n: maxOf(p) }) : t('order.gone', { name: p.name }));
      }
    }
    if (changed) update((d) => ({ qty: { ...d.qty, ...fixed } }));
  }, [stock]);

  const coupons = (u && myCoupons.value ? myCoupons.value : []).filter((c) => c.form_id === form.id && c.status === 'AVAILABLE');
  const price = priceOf(form, draft, coupons);
  const pickup = price.option && price.option.kind === 'PICKUP';
  const fields = error && error.code === 'validation_failed' ? fieldErrors(error) : error && error.local ? error.local : {};
  const answerErrors = error && error.local ? error.answers || {} : serverAnswerErrors(form, error, sentAnswers.current);
  const soldOutLeft = error && error.code === 'sold_out' && Array.isArray(error.body.remaining) ? error.body.remaining : [];

  let state = 'order';
  if (!u) state = 'signin';
  else if (u.id === form.seller.id) state = 'own';
  else if (status === 'closed') state = 'closed';
  else if (status === 'sold_out') state = 'sold_out';
  else if (!opened && status === 'upcoming') state = 'upcoming';
  else if (busy) state = 'busy';
  const disabled = state !== 'order' && state !== 'signin';

  const setQty = (pid, n) => {
    setError(null);
    update((d) => ({ qty: { ...d.qty, [pid]: n } }));
  };
  const set = (name) => (e) => update({ [name]: e.currentTarget.value });
  const setAnswer = (qid, value) => update((d) => ({ answers: { ...(d.answers || {}), [qid]: value } }));

  const validate = () => {
    const local = {};
    if (!form.products.some((p) => (draft.qty[p.id] || 0) > 0)) local.items = t('order.pick_items');
    if (!draft.depositor_name.trim()) local.depositor_name = t('field.required');
    if (form.delivery_options.length) {
      if (!draft.recipient_name.trim()) local.recipient_name = t('field.required');
      if (!draft.phone.trim()) local.phone = t('field.required');
      if (!pickup && !draft.address1.trim()) local.address1 = t('field.required');
      if (!pickup && !draft.zipcode.trim()) local.zipcode = t('field.required');
    }
    const answers = checkAnswers(form, draft.answers || {});
    return { local, answers };
  };

  const focusFirstInvalid = () =>
    setTimeout(() => {
      const el = formRef.current && formRef.current.querySelector('[aria-invalid="true"], .product-error');
      if (el) (el.matches('input,select,textarea') ? el : el.closest('.product-card') || el).focus?.();
    }, 30);

  const submit = async (e) => {
    e.preventDefault();
    if (state === 'signin') return navigate('/signin?next=' + encodeURIComponent(here()));
    if (disabled || busy || inFlight.current) return;
    const { local, answers } = validate();
    if (Object.keys(local).length || Object.keys(answers).length) {
      setError({ local, answers, code: 'local' });
      focusFirstInvalid();
      return;
    }
    const asked = answersBody(form, draft.answers || {});
    const body = {
      items: form.products.filter((p) => (draft.qty[p.id] || 0) > 0).map((p) => ({ product_id: p.id, quantity: draft.qty[p.id] })),
      depositor_name: draft.depositor_name.trim(),
    };
    if (asked.body.length) body.answers = asked.body;
    sentAnswers.current = asked.sent;
    if (draft.coupon) body.user_coupon_id = Number(draft.coupon);
    if (price.option) {
      body.delivery = {
        option_id: price.option.id,
        recipient_name: draft.recipient_name.trim(),
        phone: draft.phone.trim(),
        address1: pickup ? '' : draft.address1.trim(),
        address2: pickup ? '' : draft.address2.trim(),
        zipcode: pickup ? '' : draft.zipcode.trim(),
      };
    }
    place(body);
  };

  // Sends the order; the same body again (a retry, a resumed attempt) goes with the same key.
  const place = async (body) => {
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setRetrying(0);
    // The order page's code loads while the order is on its way, not during page load.
    import('./account.js').catch(() => {});
    try {
      const order = await submitter.submit(body, { onRetry: setRetrying });
      rememberOrder(order);
      clearDraft(draftKey);
      if (body.user_coupon_id) loadMyCoupons(true);
      navigate(`/orders/${order.id}`);
    } catch (err) {
      setError(err);
      if (err.code === 'validation_failed' || err.code === 'sold_out') focusFirstInvalid();
    } finally {
      inFlight.current = false;
      setBusy(false);
      setRetrying(0);
      setResuming(false);
    }
  };

  // The page was left (reloaded, or the phone dropped it) while an order was on its way: send
  // it again with its key. The server answers with the order it made, or makes it now; either
  // way there is one.
  useEffect(() => {
    const body = submitter.unanswered;
    if (!u || !body || inFlight.current) return;
    setResuming(true);
    place(body);
  }, [u && u.id, submitter]);

  const productError = (p, i) => {
    const left = soldOutLeft.find((x) => x.product_id === p.id);
    if (left) return left.remaining > 0 ? t('order.only_left', { n: left.remaining }) : t('order.sold_out_now');
    const f = error && error.errors && error.errors.find((x) => x.field.startsWith(`items[${i}]`));
    return f ? fields[f.field] : null;
  };
  const pictured = form.products.some((p) => p.images && p.images.length > 0);
  const orderedIndex = (p) => form.products.filter((x) => (draft.qty[x.id] || 0) > 0).indexOf(p);
  const barMessage = error && !error.local && error.code !== 'validation_failed' ? problemText(error) : error ? t('order.check_fields') : null;

  // The bar is the form's sibling, not its child: a sticky element stays within its parent, and
  // it must show from the top of the page (the button names the form it submits).
  return (
    <>
    <OrdersHere formId={form.id} userId={u && u.id} opensAt={form.opens_at} skip={status === 'upcoming'} closed={status === 'closed'} />
    <form id="order-form" class="order-form" ref={formRef} onSubmit={submit} noValidate aria-labelledby="products-h">
      <section class="card" aria-labelledby="products-h">
        <h2 id="products-h">{t(status === 'closed' ? 'order.products_sold' : 'order.products')}</h2>
        <ProductList
          form={form}
          card={(p, inGroup) => (
            <ProductCard
              key={p.id}
              product={p}
              inGroup={inGroup}
              pictured={pictured}
              remaining={p.id in stock ? stock[p.id] : p.stock_remaining}
              qty={draft.qty[p.id] || 0}
              max={maxOf(p)}
              closed={status === 'closed'}
              onQty={(n) => setQty(p.id, n)}
              error={productError(p, orderedIndex(p))}
            />
          )}
        />
        <ErrorText error={fields.items} />
        {error && error.code === 'limit_exceeded' && <ErrorText error={problemText(error)} />}
      </section>

      {/* A sale that has ended lists what it sold; there is nothing left to fill in. */}
      {status !== 'closed' && (
        <>
          <QuestionFields form={form} answers={draft.answers || {}} onAnswer={setAnswer} errors={answerErrors} />

          {form.delivery_options.length > 0 && (
            <DeliveryFields form={form} draft={draft} set={set} update={update} errors={fields} signedIn={!!u} pickup={pickup} />
          )}

          {u && (
            <section class="card" aria-labelledby="pay-h">
              <h2 id="pay-h">{t('order.payment')}</h2>
              <Field
                id="depositor_name"
                label={t('order.depositor')}
                hint={t('order.depositor_hint')}
                value={draft.depositor_name}
                onInput={set('depositor_name')}
                error={fields.depositor_name}
                autocomplete="name"
                maxlength="50"
              />
              <Field id="coupon" as="select" label={t('order.coupon')} value={draft.coupon} onChange={set('coupon')} error={fields.user_coupon_id}>
                <option value="">{coupons.length ? t('order.no_coupon') : t('order.no_coupons')}</option>
                {coupons.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} (−{money(c.discount)})
                  </option>
                ))}
              </Field>
            </section>
          )}

          <Summary price={price} form={form} />
        </>
      )}
    </form>

      <div class="order-bar" role="region" aria-label={t('order.bar')}>
        <div class="order-bar-inner">
          {barMessage && (
            <p class="error-text bar-error" role="alert">
              {barMessage}
            </p>
          )}
          {state === 'own' && <p class="hint bar-retry">{t('err.own_form')}</p>}
          {resuming && (
            <p class="hint bar-retry" role="status" data-testid="order-resuming">
              {t('order.resuming')}
            </p>
          )}
          {retrying > 0 && (
            <p class="hint bar-retry" role="status">
              {t('order.retrying', { n: retrying })}
            </p>
          )}
          <div class="order-bar-row">
            {/* Once the sale has ended there is no amount to transfer: the button says why. */}
            {state !== 'closed' && (
              <div class="order-bar-total">
                {state === 'upcoming' ? (
                  <Countdown to={form.opens_at} label={t('form.opens_in')} testid="countdown-bar" />
                ) : (
                  <span class="hint">{t('order.amount')}</span>
                )}
                <strong class="bar-amount">{money(price.amount)}</strong>
              </div>
            )}
            <button
              type="submit"
              form="order-form"
              class="btn btn-primary btn-order"
              data-testid="order-submit"
              disabled={disabled}
              aria-busy={busy ? 'true' : undefined}
            >
              {busy && <span class="spinner spinner-small" aria-hidden="true" />}
              {buttonLabel(state)}
            </button>
          </div>
        </div>
      </div>
    </>
  );
}
