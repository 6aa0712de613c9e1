// The buyer's own orders on this form, above its order form: someone who comes back (another
// device, a reload after the order went through) sees that they already ordered, and where.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { money } from '../i18n/format.js';
import { api } from '../api.js';
import { OrderStatus } from './status.jsx';

export function OrdersHere({ formId, userId, skip }) {
  const [orders, setOrders] = useState([]);
  useEffect(() => {
    // Before the opening there are none to show: the opening second's crowd asks nothing more.
    if (!userId || skip) return undefined;
    let live = true;
    api(`/api/v1/me/orders?form_id=${formId}&limit=5`)
      .then((page) => live && setOrders(page.items))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [formId, userId, skip]);
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
