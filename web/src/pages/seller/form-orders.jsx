// A form's orders for its seller: filter and search, confirm deposits, ship, deliver, cancel, one
// at a time or several at once (sent one after another, each row showing its own result).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { money, dateTime } from '../../i18n/format.js';
import { api } from '../../api.js';
import { bankName } from '../../banks.js';
import { onNewNotification } from '../../notifications.js';
import { signedInPage } from '../../components/signed-in.jsx';
import { usePaged } from '../../components/paged.js';
import { OrderStatus, sentByPost } from '../../components/status.jsx';
import { Spinner } from '../../components/spinner.jsx';
import { ErrorText, problemText, fieldErrors } from '../../components/problem.jsx';
import { ConfirmButton } from '../../components/confirm-button.jsx';
import { MoreButton } from '../../components/more-button.jsx';
import { ItemName, AnswerList } from '../../components/order-answers.jsx';
import { Tracking } from '../../components/tracking.jsx';
import { SellerCrumb } from './crumb.jsx';
import { OwnForm } from './own-form.jsx';
import './strings.js';

// The couriers the server links tracking pages for (domain/courier.hpp); "" for another.
const COURIERS = ['CJ', 'EPOST', 'HANJIN', 'LOTTE', 'LOGEN', 'GS_POSTBOX', 'CU_POST'];
const STATES = ['CREATED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'EXPIRED'];
const PATHS = { confirm: 'deposit-confirmation', ship: 'shipment', deliver: 'delivery', handover: 'delivery', cancel: 'cancellation', refund: 'refund' };

// A paid order that was cancelled: what to send back, and where (the buyer's account now),
// until the seller marks it sent.
function Refund({ o, onAct, busy }) {
  const refund = o.refund;
  const a = refund.account;
  const amount = money(refund.amount);
  if (refund.refunded_at) {
    return (
      <div class="refund refund-done" data-testid="refund">
        <p>{t('sorders.refunded', { amount, time: dateTime(refund.refunded_at) })}</p>
      </div>
    );
  }
  return (
    <div class="refund" data-testid="refund">
      <p class="strong">{t('sorders.refund_due', { amount })}</p>
      {a ? (
        <p>
          {t('sorders.refund_to')} <strong>{bankName(a)}</strong> <span class="mono">{a.account_number}</span> ({a.holder_name})
        </p>
      ) : (
        <p class="hint">{t('sorders.no_refund')}</p>
      )}
      <ConfirmButton
        label={t('sorders.mark_refunded')}
        question={t('sorders.mark_refunded_q', { id: o.id, amount })}
        confirmLabel={t('sorders.mark_refunded_yes')}
        onConfirm={() => onAct('refund')}
        busy={busy}
        class="btn-small"
        testid={'refund-' + o.id}
      />
    </div>
  );
}

function Row({ o, selected, onSelect, onAct, result, busy }) {
  const [tracking, setTracking] = useState('');
  const [courier, setCourier] = useState('');
  const d = o.delivery;
  return (
    <li class="card order-row" data-testid={'order-row-' + o.id}>
      <div class="row between">
        <span class="row">
          <label class="check">
            <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} />
            <span class="visually-hidden">{t('sorders.select', { id: o.id })}</span>
          </label>
          <a href={`/orders/${o.id}`} class="strong">
            {t('order.title', { id: o.id })}
          </a>
        </span>
        <OrderStatus status={o.status} order={o} />
      </div>
      <dl class="kv compact">
        <div>
          <dt>{t('order.depositor')}</dt>
          <dd>{o.deposit.depositor_name}</dd>
        </div>
        <div>
          <dt>{t(o.status === 'CREATED' ? 'order.amount' : 'order.amount_total')}</dt>
          <dd class="strong">{money(o.amount)}</dd>
        </div>
        <div>
          <dt>{t('order.items')}</dt>
          <dd>
            <ul class="plain-list">
              {o.items.map((i) => (
                <li key={i.product_id}>
                  <ItemName item={i} /> × {i.quantity}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('sorders.placed')}</dt>
          <dd>{dateTime(o.created_at)}</dd>
        </div>
        {d && (
          <div>
            <dt>{t('order.recipient')}</dt>
            <dd>
              {d.recipient_name} · {d.phone}
              {d.address1 !== undefined && (
                <span class="block">
                  ({d.zipcode}) {d.address1} {d.address2}
                </span>
              )}
              <span class="block hint">
                {t('delivery.kind.' + d.option.kind)} · {d.option.label}
              </span>
            </dd>
          </div>
        )}
        {o.answers && o.answers.length > 0 && (
          <div>
            <dt>{t('order.answers')}</dt>
            <dd>
              <AnswerList answers={o.answers} compact />
            </dd>
          </div>
        )}
        {o.tracking_number && (
          <div>
            <dt>{t('order.tracking')}</dt>
            <dd>
              <Tracking order={o} />
            </dd>
          </div>
        )}
      </dl>
      <div class="row wrap actions">
        {o.status === 'CREATED' && (
          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => onAct('confirm')}>
            {t('sorders.confirm')}
          </button>
        )}
        {o.status === 'PAID' && !sentByPost(o) && (
          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => onAct('handover')}>
            {t('sorders.handover')}
          </button>
        )}
        {o.status === 'PAID' && (!o.delivery || sentByPost(o)) && (
          <form
            class="row ship-form"
            onSubmit={(e) => {
              e.preventDefault();
              onAct('ship', { tracking_number: tracking.trim(), ...(courier ? { courier } : {}) });
            }}
          >
            <label class="visually-hidden" for={'crr-' + o.id}>
              {t('sorders.courier_for', { id: o.id })}
            </label>
            <select id={'crr-' + o.id} class="input-small" value={courier} onChange={(e) => setCourier(e.currentTarget.value)}>
              <option value="">{t('courier.other')}</option>
              {COURIERS.map((c) => (
                <option key={c} value={c}>
                  {t('courier.' + c)}
                </option>
              ))}
            </select>
            <label class="visually-hidden" for={'trk-' + o.id}>
              {t('sorders.tracking_for', { id: o.id })}
            </label>
            <input
              id={'trk-' + o.id}
              class="input-small"
              placeholder={t('order.tracking')}
              value={tracking}
              onInput={(e) => setTracking(e.currentTarget.value)}
              maxlength="100"
              aria-invalid={result?.fields?.tracking_number ? 'true' : undefined}
              aria-describedby={result?.fields?.tracking_number ? 'res-' + o.id : undefined}
            />
            <button type="submit" class="btn btn-small btn-primary" disabled={busy || !tracking.trim()}>
              {t('sorders.ship')}
            </button>
          </form>
        )}
        {o.status === 'SHIPPED' && (
          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => onAct('deliver')}>
            {t('sorders.deliver')}
          </button>
        )}
        {(o.status === 'CREATED' || o.status === 'PAID') && (
          <ConfirmButton label={t('sorders.cancel')} question={t('sorders.cancel_q', { id: o.id })} onConfirm={() => onAct('cancel')} busy={busy} class="btn-small btn-danger" />
        )}
      </div>
      {o.refund && <Refund o={o} onAct={onAct} busy={busy} />}
      {result && (
        <div id={'res-' + o.id} class={result.ok ? 'ok-text' : 'error-text'} role={result.ok ? 'status' : 'alert'}>
          <p>{result.text}</p>
        </div>
      )}
    </li>
  );
}

function Orders({ id }) {
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState({ status: '', q: '' });
  const url = `/api/v1/forms/${id}/orders?limit=50` + (applied.status ? '&status=' + applied.status : '') + (applied.q ? '&q=' + encodeURIComponent(applied.q) : '');
  const { items, setItems, next, more, busy: paging, error, reload } = usePaged(url);
  const [selected, setSelected] = useState(new Set());
  const [results, setResults] = useState({});
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState(0);
  useEffect(
    () =>
      onNewNotification((n) => {
        if (n.data && Number(n.data.form_id) === Number(id)) setFresh((x) => x + 1);
      }),
    [id],
  );

  const act = async (o, action, body) => {
    try {
      const r = await api(`/api/v1/orders/${o.id}/${PATHS[action]}`, { method: 'POST', body, retries: 0 });
      // The order answered carries its refund, if one is due; the account beside it is the same.
      const { refund_account: _, ...order } = r;
      setItems((list) => list.map((x) => (x.id === o.id ? { ...x, ...order } : x)));
      setResults((m) => ({ ...m, [o.id]: { ok: true, text: t('sorders.done.' + action, { id: o.id }) } }));
      return true;
    } catch (e) {
      // A refused shipment says what is wrong with the number, next to it.
      const fields = fieldErrors(e);
      const why = fields.tracking_number || fields.courier || problemText(e);
      setResults((m) => ({ ...m, [o.id]: { ok: false, text: `#${o.id}: ${why}`, fields } }));
      return false;
    }
  };
  const one = async (o, action, body) => {
    setBusy(true);
    await act(o, action, body);
    setBusy(false);
  };
  const bulk = async (action) => {
    setBusy(true);
    for (const o of items.filter((x) => selected.has(x.id))) await act(o, action);
    setSelected(new Set());
    setBusy(false);
  };
  const select = (oid, on) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(oid);
      else n.delete(oid);
      return n;
    });
  const chosen = items ? items.filter((x) => selected.has(x.id)) : [];

  return (
    <main id="main" class="page">
      <SellerCrumb id={id} />
      <h1 class="page-title">{t('sorders.title')}</h1>
      <form
        class="card filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSelected(new Set());
          setApplied({ status, q: q.trim() });
        }}
      >
        <div class="grid-2">
          <div class="field">
            <label for="o-status">{t('sorders.status')}</label>
            <select id="o-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">{t('sorders.all')}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t('order.status.' + s)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="o-q">{t('sorders.search')}</label>
            <input id="o-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} maxlength="50" aria-describedby="o-q-hint" />
            <p class="hint" id="o-q-hint">
              {t('sorders.search_hint')}
            </p>
          </div>
        </div>
        <button type="submit" class="btn btn-secondary">
          {t('sorders.apply')}
        </button>
      </form>
      {fresh > 0 && (
        <p class="notice-box" role="status">
          {t('sorders.fresh', { n: fresh })}{' '}
          <button
            type="button"
            class="btn btn-small btn-secondary"
            onClick={() => {
              setFresh(0);
              reload();
            }}
          >
            {t('common.reload')}
          </button>
        </p>
      )}
      <div class="bulk-bar" role="group" aria-label={t('sorders.bulk')}>
        <span>{t('sorders.selected', { n: chosen.length })}</span>
        <button type="button" class="btn btn-small btn-primary" disabled={busy || !chosen.some((o) => o.status === 'CREATED')} onClick={() => bulk('confirm')}>
          {t('sorders.bulk_confirm')}
        </button>
        <ConfirmButton label={t('sorders.bulk_cancel')} question={t('sorders.bulk_cancel_q', { n: chosen.length })} onConfirm={() => bulk('cancel')} busy={busy || !chosen.length} class="btn-small btn-danger" />
      </div>
      <ErrorText error={error} />
      {items === null && !error ? (
        <Spinner />
      ) : items && items.length === 0 ? (
        <p class="empty">{t('sorders.empty')}</p>
      ) : (
        <ul class="list">
          {items &&
            items.map((o) => (
              <Row key={o.id} o={o} selected={selected.has(o.id)} onSelect={(on) => select(o.id, on)} onAct={(a, b) => one(o, a, b)} result={results[o.id]} busy={busy} />
            ))}
        </ul>
      )}
      {next && <MoreButton onClick={more} busy={paging} />}
    </main>
  );
}

export const FormOrders = signedInPage('sorders.title', ({ id }) => (
  <OwnForm id={id} title="sorders.title">
    <Orders id={id} />
  </OwnForm>
));
