import { t } from '../i18n/index.js';
import { money, dateTime } from '../i18n/format.js';
import { formById } from '../form-cache.js';
import { signedInPage } from '../components/signed-in.jsx';
import { usePaged } from '../components/paged.js';
import { OrderStatus } from '../components/status.jsx';
import { Spinner } from '../components/spinner.jsx';
import { ErrorText } from '../components/problem.jsx';
import { MoreButton } from '../components/more-button.jsx';

function OrderRow({ o }) {
  const form = formById(o.form_id);
  const names = o.items.map((i) => `${i.name} × ${i.quantity}`).join(', ');
  return (
    <li class="list-card">
      <a href={`/orders/${o.id}`} class="list-card-link">
        <div class="row between">
          <OrderStatus status={o.status} order={o} />
          <span class="hint">{dateTime(o.created_at)}</span>
        </div>
        <p class="list-card-title">{form ? form.title : t('order.title', { id: o.id })}</p>
        <p class="muted small">{names}</p>
        <p class="strong">{money(o.amount)}</p>
      </a>
    </li>
  );
}

function List() {
  const { items, next, more, busy, error } = usePaged('/api/v1/me/orders?limit=20');
  return (
    <main id="main" class="page">
      <h1 class="page-title">{t('nav.orders')}</h1>
      <ErrorText error={error} />
      {items === null && !error ? (
        <Spinner />
      ) : items && items.length === 0 ? (
        <div class="empty">
          <p>{t('me.orders_empty')}</p>
          <p>
            <a href="/">{t('me.browse')}</a>
          </p>
        </div>
      ) : (
        <ul class="list">{items && items.map((o) => <OrderRow key={o.id} o={o} />)}</ul>
      )}
      {next && <MoreButton onClick={more} busy={busy} />}
    </main>
  );
}

export const MyOrders = signedInPage('nav.orders', List);
