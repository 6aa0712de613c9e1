// The buyer's coupons and wishlist.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { money } from '../i18n/format.js';
import { api } from '../api.js';
import { formById } from '../form-cache.js';
import { signedInPage } from '../components/signed-in.jsx';
import { FormCard } from '../components/form-card.jsx';
import { Spinner } from '../components/spinner.jsx';
import { ErrorText } from '../components/problem.jsx';

function useList(url) {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api(url)
      .then((r) => setItems(r.items))
      .catch(setError);
  }, [url]);
  return { items, setItems, error };
}

function CouponItem({ c }) {
  const form = formById(c.form_id);
  return (
    <li class={'list-card coupon-card status-' + c.status.toLowerCase()}>
      <div class="row between">
        <p class="coupon-amount">{t('coupon.off', { amount: money(c.discount) })}</p>
        <span class={'badge badge-coupon-' + c.status.toLowerCase()}>{t('coupon.status.' + c.status)}</span>
      </div>
      <p class="list-card-title">{c.name}</p>
      <p class="small">
        <a href={`/forms/${c.form_id}`}>{form ? form.title : t('notice.form_n', { id: c.form_id })}</a>
        {c.order_id && (
          <>
            {' · '}
            <a href={`/orders/${c.order_id}`}>{t('order.title', { id: c.order_id })}</a>
          </>
        )}
      </p>
    </li>
  );
}

function Coupons() {
  const { items, error } = useList('/api/v1/me/coupons');
  return (
    <main id="main" class="page">
      <h1 class="page-title">{t('nav.coupons')}</h1>
      <ErrorText error={error} />
      {items === null && !error ? (
        <Spinner />
      ) : items && items.length === 0 ? (
        <p class="empty">{t('me.coupons_empty')}</p>
      ) : (
        <ul class="list">{items && items.map((c) => <CouponItem key={c.id} c={c} />)}</ul>
      )}
    </main>
  );
}

function Likes() {
  const { items, error } = useList('/api/v1/me/likes');
  return (
    <main id="main" class="page">
      <h1 class="page-title">{t('nav.likes')}</h1>
      <ErrorText error={error} />
      {items === null && !error ? (
        <Spinner />
      ) : items && items.length === 0 ? (
        <div class="empty">
          <p>{t('me.likes_empty')}</p>
          <p>
            <a href="/">{t('me.browse')}</a>
          </p>
        </div>
      ) : (
        <ul class="form-grid">{items && items.map((f) => <FormCard key={f.id} form={f} />)}</ul>
      )}
    </main>
  );
}

export const MyCoupons = signedInPage('nav.coupons', Coupons);
export const MyLikes = signedInPage('nav.likes', Likes);
