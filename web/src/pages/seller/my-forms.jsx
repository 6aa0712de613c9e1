// The seller's forms, filtered by where they stand (drafts, upcoming, open, sold out, closed):
// status and visibility, sold per product, orders by status, and where to manage each.
import { t } from '../../i18n/index.js';
import { location$ } from '../../router.js';
import { number, dateTime } from '../../i18n/format.js';
import { signedInPage } from '../../components/signed-in.jsx';
import { usePaged } from '../../components/paged.js';
import { FormStatus, useFormStatus } from '../../components/status.jsx';
import { Spinner } from '../../components/spinner.jsx';
import { ErrorText } from '../../components/problem.jsx';
import { MoreButton } from '../../components/more-button.jsx';
import { ItemName } from '../../components/order-answers.jsx';
import { VisibilityBadge } from './form-actions.jsx';
import './strings.js';

const FILTERS = ['', 'draft', 'upcoming', 'open', 'sold_out', 'closed'];

const ORDER_STATES = ['CREATED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'EXPIRED'];

// The instant that matters next: the opening until then, the closing while it sells, and when
// it closed after that.
function when(f, status) {
  if (status === 'upcoming') return t('seller.opens', { time: dateTime(f.opens_at) });
  if (status === 'closed') return t('seller.closed_at', { time: dateTime(f.closed_at || f.closes_at) });
  return t('seller.closes', { time: dateTime(f.closes_at) });
}

function SellerFormCard({ f }) {
  const { status } = useFormStatus(f);
  const counts = f.order_counts || {};
  const draft = f.visibility === 'DRAFT';
  return (
    <li class="card seller-form" data-testid={'seller-form-' + f.id}>
      <div class="row between">
        <span class="row wrap badges">
          {!draft && <FormStatus status={status} />}
          <VisibilityBadge visibility={f.visibility} />
        </span>
        <span class="hint">{when(f, draft ? 'upcoming' : status)}</span>
      </div>
      <h2 class="seller-form-title">
        {/* A draft has no public page yet: its title leads to its editor. */}
        <a href={draft ? `/seller/forms/${f.id}/edit` : `/forms/${f.id}`}>{f.title}</a>
      </h2>
      <table class="mini-table">
        <caption class="visually-hidden">{t('seller.sold_caption', { title: f.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('seller.product')}</th>
            <th scope="col">{t('seller.sold')}</th>
          </tr>
        </thead>
        <tbody>
          {f.products.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <ItemName item={p} />
              </th>
              <td>
                {number(p.stock_total - p.stock_remaining)} / {number(p.stock_total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="count-chips" aria-label={t('seller.orders_by_status')}>
        {ORDER_STATES.map((s) => (
          <li key={s} class={'chip' + (counts[s] ? '' : ' zero')}>
            {t('order.status.' + s)} <strong>{number(counts[s] || 0)}</strong>
          </li>
        ))}
      </ul>
      <div class="row wrap">
        {!draft && (
          <a class="btn btn-small btn-secondary" href={`/seller/forms/${f.id}/orders`}>
            {t('seller.orders')}
          </a>
        )}
        <a class="btn btn-small btn-secondary" href={`/seller/forms/${f.id}/edit`}>
          {draft ? t('seller.edit_draft') : t('seller.edit')}
        </a>
        {!draft && (
          <a class="btn btn-small btn-secondary" href={`/seller/forms/${f.id}/coupons`}>
            {t('seller.coupons')}
          </a>
        )}
      </div>
    </li>
  );
}

function List() {
  const params = new URLSearchParams(location$.value.search);
  const filter = FILTERS.includes(params.get('status')) ? params.get('status') : '';
  const deleted = params.get('deleted');
  const { items, next, more, busy, error } = usePaged('/api/v1/me/forms?limit=20' + (filter ? '&status=' + filter : ''));
  return (
    <main id="main" class="page">
      <div class="row between">
        <h1 class="page-title">{t('seller.my_forms')}</h1>
        <a class="btn btn-primary btn-small" href="/seller/forms/new">
          {t('seller.new_form')}
        </a>
      </div>
      {deleted && (
        <p class="notice-box ok" role="status">
          {t('seller.deleted')}
        </p>
      )}
      <nav class="tabs" aria-label={t('seller.filter')}>
        {FILTERS.map((s) => (
          <a key={s} href={s ? `/seller/forms?status=${s}` : '/seller/forms'} class="tab" aria-current={s === filter ? 'page' : undefined}>
            {t('seller.filter.' + (s || 'all'))}
          </a>
        ))}
      </nav>
      <ErrorText error={error} />
      {items === null && !error ? (
        <Spinner />
      ) : items && items.length === 0 ? (
        <p class="empty">{filter ? t('seller.no_forms_in', { filter: t('seller.filter.' + filter) }) : t('seller.no_forms')}</p>
      ) : (
        <ul class="list">{items && items.map((f) => <SellerFormCard key={f.id} f={f} />)}</ul>
      )}
      {next && <MoreButton onClick={more} busy={busy} />}
    </main>
  );
}

export const MyForms = signedInPage('seller.my_forms', List);
