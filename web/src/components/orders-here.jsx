// The buyer's own orders on this form, above its order form: someone who comes back (another
// device, a reload after the order went through) sees that they already ordered, and where.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { money } from '../i18n/format.js';
import { api } from '../api.js';
import { serverNow } from '../time.js';
import { orderSentHere } from '../order-submit.js';
import { OrderStatus } from './status.jsx';

// The opening crowd: for this long after the opening, buyers reload the page again and again,
// nearly all of them with no order yet. Each ask is a read of the store beside their orders
// (BENCHMARKS.md: a fifth request per reload cost the opening a third of its orders per second).
const CROWD_MS = 60_000;
const SPREAD_MS = 30_000;

// How long to wait before asking: not at all once the crowd has gone, when the sale has closed,
// or when this browser sent an order on the form (the buyer is looking for it); else until the
// crowd has gone, spread so that the pages left open do not all ask in the same second.
function waitBeforeAsking(formId, userId, opensAt, closed) {
  const since = serverNow() - Date.parse(opensAt);
  if (closed || since >= CROWD_MS || orderSentHere(userId, formId)) return 0;
  return CROWD_MS - since + Math.random() * SPREAD_MS;
}

export function OrdersHere({ formId, userId, opensAt, skip, closed }) {
  const [orders, setOrders] = useState([]);
  // Judged once, as the page loads: a page opened before the opening had no orders to show, and
  // an order made from it leads to its own page.
  const [before] = useState(skip);
  useEffect(() => {
    if (!userId || before) return undefined;
    let live = true;
    const ask = () =>
      api(`/api/v1/me/orders?form_id=${formId}&limit=5`)
        .then((page) => live && setOrders(page.items))
        .catch(() => {});
    const wait = waitBeforeAsking(formId, userId, opensAt, closed);
    let timer = null;
    if (wait > 0) timer = setTimeout(ask, wait);
    else ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [formId, userId, before]);
  if (!orders.length) return null;
  return (
    <section class="card orders-here" aria-labelledby="orders-here-h" data-testid="orders-here">
      <h2 id="orders-here-h">{t('order.already')}</h2>
      <ul class="plain-list">
        {orders.map((o) => (
          <li key={o.id} class="item-row">
            <a href={`/orders/${o.id}`}>{t('order.title', { id: o.id })}</a>
            <span class="row">
              <span>{money(o.amount)}</span>
              <OrderStatus status={o.status} order={o} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
