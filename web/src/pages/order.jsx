// One order: how to pay for it (with a live deadline), where it is in its life, and where it goes.
// It follows the order live through the user's notifications.
import { useEffect, useState, useCallback } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { money, dateTimeLong, number } from '../i18n/format.js';
import { api } from '../api.js';
import { bankName } from '../banks.js';
import { user } from '../session.js';
import { useTitle, here } from '../router.js';
import { useReached } from '../time.js';
import { formById, takeOrder } from '../form-cache.js';
import { onNewNotification } from '../notifications.js';
import { Countdown } from '../components/countdown.jsx';
import { CopyButton } from '../components/copy-button.jsx';
import { ConfirmButton } from '../components/confirm-button.jsx';
import { OrderStatus, handedOver } from '../components/status.jsx';
import { Spinner } from '../components/spinner.jsx';
import { ErrorText } from '../components/problem.jsx';
import { ItemName, AnswerList } from '../components/order-answers.jsx';
import { Tracking } from '../components/tracking.jsx';
import { NotFound } from './not-found.jsx';

const STEPS = ['CREATED', 'PAID', 'SHIPPED', 'DELIVERED'];
const HANDED_STEPS = ['CREATED', 'PAID', 'DELIVERED'];

// Where the order is in its life. One that ended (cancelled, expired) keeps the steps it had
// reached: a paid order cancelled shows its deposit confirmed.
export function Timeline({ order }) {
  const { status } = order;
  const handed = handedOver(order);
  const steps = handed ? HANDED_STEPS : STEPS;
  const ended = status === 'CANCELLED' || status === 'EXPIRED';
  // Steps before `at` are done; `at` is where the order stands (an ended order stands on its stop).
  const at = ended ? (order.paid_at ? 2 : 1) : steps.indexOf(status);
  const current = (i) => !ended && i === at;
  const label = (s) => t('order.status.' + (handed && s === 'DELIVERED' ? 'HANDED_OVER' : s));
  return (
    <ol class={'timeline' + (ended ? ' ended' : '')}>
      {steps.map((s, i) => (
        <li key={s} class={i < at ? 'done' : current(i) ? 'current' : ''} aria-current={current(i) ? 'step' : undefined}>
          <span class="timeline-dot" aria-hidden="true" />
          <span>{label(s)}</span>
        </li>
      ))}
      {ended && (
        <li class="current stop" aria-current="step">
          <span class="timeline-dot" aria-hidden="true" />
          <span>{t('order.status.' + status)}</span>
        </li>
      )}
    </ol>
  );
}

function Deposit({ order }) {
  const d = order.deposit;
  const deadline = Date.parse(d.deadline);
  const passed = useReached(deadline);
  return (
    <section class="card deposit" aria-labelledby="deposit-h">
      <h2 id="deposit-h">{t('order.deposit_title')}</h2>
      <p class="deposit-deadline">
        {!passed ? <Countdown to={deadline} label={t('order.deadline_in')} /> : <span class="error-text">{t('order.deadline_passed')}</span>}
        <span class="hint block">{t('order.deadline_at', { time: dateTimeLong(deadline) })}</span>
      </p>
      <dl class="kv">
        <div>
          <dt>{t('order.bank')}</dt>
          <dd data-testid="deposit-bank">{bankName(d)}</dd>
        </div>
        <div>
          <dt>{t('order.account')}</dt>
          <dd class="account">
            <span class="mono">{d.account_number}</span>
            <CopyButton text={d.account_number} testid="copy-account" label={t('order.copy_account')} />
          </dd>
        </div>
        <div>
          <dt>{t('order.holder')}</dt>
          <dd>{d.holder_name}</dd>
        </div>
        <div>
          <dt>{t('order.amount')}</dt>
          <dd class="strong big">{money(d.amount)}</dd>
        </div>
        <div>
          <dt>{t('order.depositor')}</dt>
          <dd>{d.depositor_name}</dd>
        </div>
      </dl>
      <p class="hint">{t('order.deposit_hint')}</p>
    </section>
  );
}

// What a paid order that was cancelled owes the buyer, and where it goes: the buyer's refund
// account as it is now (both parties see it; the buyer is asked to add one if missing), and
// once the seller marks it sent, when.
export function RefundDue({ order, isBuyer }) {
  const r = order.refund;
  if (!r) return null;
  const sent = r.refunded_at && { time: dateTimeLong(r.refunded_at) };
  return (
    <section class="card refund-due" aria-labelledby="refund-h" data-testid="refund-due">
      <h2 id="refund-h">{t('order.refund_title')}</h2>
      <p>{t('order.refund_due', { amount: money(r.amount) })}</p>
      {sent && (
        <p class="ok-text" data-testid="refunded">
          {t(isBuyer ? 'order.refunded' : 'order.refunded_seller', sent)}
        </p>
      )}
      {r.account ? (
        <dl class="kv">
          <div>
            <dt>{t('order.refund_to')}</dt>
            <dd class="account">
              <span>
                {bankName(r.account)} <span class="mono">{r.account.account_number}</span> ({r.account.holder_name})
              </span>
              {!isBuyer && <CopyButton text={r.account.account_number} label={t('order.copy_account')} />}
            </dd>
          </div>
        </dl>
      ) : sent ? null : isBuyer ? (
        <p class="hint">
          {t('order.refund_missing')}{' '}
          <a href="/me/profile#refund-h">{t('order.refund_add')}</a>
        </p>
      ) : (
        <p class="hint">{t('order.refund_none')}</p>
      )}
    </section>
  );
}

// How a shipped order travels, on a form without delivery options.
function ShipmentOnly({ order }) {
  return (
    <section class="card" aria-labelledby="ship-h">
      <h2 id="ship-h">{t('order.delivery')}</h2>
      <dl class="kv">
        <div>
          <dt>{t('order.tracking')}</dt>
          <dd>
            <Tracking order={order} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function DeliveryDetails({ order }) {
  const d = order.delivery;
  if (!d) return order.tracking_number ? <ShipmentOnly order={order} /> : null;
  return (
    <section class="card" aria-labelledby="ship-h">
      <h2 id="ship-h">{t(d.option.kind === 'PICKUP' ? 'order.pickup' : 'order.delivery')}</h2>
      <dl class="kv">
        <div>
          <dt>{t('order.delivery_option')}</dt>
          <dd>
            {t('delivery.kind.' + d.option.kind)} · {d.option.label}
          </dd>
        </div>
        <div>
          <dt>{t('order.recipient')}</dt>
          <dd>{d.recipient_name}</dd>
        </div>
        <div>
          <dt>{t('order.phone')}</dt>
          <dd>{d.phone}</dd>
        </div>
        {d.address1 !== undefined && (
          <div>
            <dt>{t('order.address')}</dt>
            <dd>
              ({d.zipcode}) {d.address1} {d.address2}
            </dd>
          </div>
        )}
        {d.option.pickup_note && (
          <div>
            <dt>{t('order.pickup_note')}</dt>
            <dd class="pre">{d.option.pickup_note}</dd>
          </div>
        )}
        {(order.tracking_number || (d.option.kind !== 'PICKUP' && order.status !== 'CANCELLED' && order.status !== 'EXPIRED')) && (
          <div>
            <dt>{t('order.tracking')}</dt>
            <dd>{order.tracking_number ? <Tracking order={order} /> : t('order.tracking_none')}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

export function OrderPage({ id }) {
  const [order, setOrder] = useState(() => takeOrder(id) || null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState(null);
  const load = useCallback(
    () =>
      api(`/api/v1/orders/${id}`)
        .then((o) => {
          setOrder(o);
          setError(null);
        })
        .catch(setError),
    [id],
  );
  useEffect(() => {
    if (!order) load();
    return onNewNotification((n) => {
      if (n.data && Number(n.data.order_id) === Number(id)) load();
    });
  }, [id]);
  const form = order ? formById(order.form_id) : undefined;
  useTitle(t('order.title', { id }));

  if (error && error.status === 404) return <NotFound />;
  if (!order) {
    const signIn = error && error.status === 401;
    return (
      <main id="main" class="page">
        <h1 class="page-title">{t('order.title', { id })}</h1>
        {signIn ? <p>{t('order.signin_to_see')}</p> : error ? <ErrorText error={error} /> : <Spinner />}
        {signIn && (
          <a class="btn btn-primary" href={'/signin?next=' + encodeURIComponent(here())}>
            {t('nav.signin')}
          </a>
        )}
      </main>
    );
  }
  const u = user.value;
  const isBuyer = u && u.id === order.buyer_id;
  const cancel = async () => {
    setBusy(true);
    setActionError(null);
    try {
      setOrder(await api(`/api/v1/orders/${id}/cancellation`, { method: 'POST' }));
    } catch (e) {
      setActionError(e);
      if (e.code === 'invalid_transition') load();
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="page">
      <p class="crumb">
        <a href={`/forms/${order.form_id}`}>{form ? form.title : t('notice.form_n', { id: order.form_id })}</a>
      </p>
      <h1 class="page-title">{t('order.title', { id })}</h1>
      <p class="row">
        <OrderStatus status={order.status} order={order} testid="order-status" />
        <span class="hint">{t('order.placed_at', { time: dateTimeLong(order.created_at) })}</span>
      </p>
      <Timeline order={order} />
      {order.status === 'CREATED' && <Deposit order={order} />}
      <RefundDue order={order} isBuyer={isBuyer} />
      <section class="card" aria-labelledby="items-h">
        <h2 id="items-h">{t('order.items')}</h2>
        <ul class="plain-list">
          {order.items.map((i) => (
            <li key={i.product_id} class="item-row">
              <span>
                <ItemName item={i} /> × {number(i.quantity)}
              </span>
              <span>{money(i.unit_price * i.quantity)}</span>
            </li>
          ))}
        </ul>
        <dl class="sum-list">
          <div>
            <dt>{t('order.items_total')}</dt>
            <dd>{money(order.items_total)}</dd>
          </div>
          {/* A pick-up costs nothing to send: no fee row saying "free" about a parcel there is not. */}
          {order.delivery && (order.delivery.option.kind !== 'PICKUP' || order.shipping_fee > 0) && (
            <div>
              <dt>{t('order.shipping_fee')}</dt>
              <dd>{order.shipping_fee ? money(order.shipping_fee) : t('order.free_shipping')}</dd>
            </div>
          )}
          {order.discount > 0 && (
            <div>
              <dt>{t('order.discount')}</dt>
              <dd>−{money(order.discount)}</dd>
            </div>
          )}
          <div class="sum-total">
            <dt>{t(order.status === 'CREATED' ? 'order.amount' : 'order.amount_total')}</dt>
            <dd>{money(order.amount)}</dd>
          </div>
        </dl>
      </section>
      {order.answers && order.answers.length > 0 && (
        <section class="card" aria-labelledby="answers-h">
          <h2 id="answers-h">{t('order.answers')}</h2>
          <AnswerList answers={order.answers} />
        </section>
      )}
      <DeliveryDetails order={order} />
      {order.status === 'CREATED' && isBuyer && (
        <section class="card" aria-labelledby="cancel-h">
          <h2 id="cancel-h">{t('order.cancel_title')}</h2>
          <p class="hint">{t('order.cancel_hint')}</p>
          <ConfirmButton label={t('order.cancel')} question={t('order.cancel_q')} confirmLabel={t('order.cancel_yes')} onConfirm={cancel} busy={busy} testid="order-cancel" />
          <ErrorText error={actionError} />
        </section>
      )}
      {u && !isBuyer && (
        <p>
          <a class="btn btn-secondary" href={`/seller/forms/${order.form_id}/orders`}>
            {t('order.manage')}
          </a>
        </p>
      )}
    </main>
  );
}
