import { t } from '../i18n/index.js';
import { money, number } from '../i18n/format.js';
import { Countdown } from './countdown.jsx';
import { FormStatus, useFormStatus } from './status.jsx';

// A form in a list: cover thumbnail (space reserved), title, seller, price and status.
export function FormCard({ form, eager }) {
  const { status } = useFormStatus(form);
  const cover = form.cover;
  const prices = form.products.map((p) => p.price);
  const min = prices.length ? Math.min(...prices) : 0;
  return (
    <li class="form-card">
      <a href={`/forms/${form.id}`} class="form-card-link">
        <div class="form-card-media">
          {cover ? (
            <img
              src={cover.thumb_url}
              width={cover.width}
              height={cover.height}
              alt=""
              loading={eager ? 'eager' : 'lazy'}
              decoding="async"
              class="form-card-img"
            />
          ) : (
            <span class="form-card-noimg" aria-hidden="true">
              {form.title.slice(0, 1)}
            </span>
          )}
        </div>
        <div class="form-card-body">
          <FormStatus status={status} />
          <h3 class="form-card-title">{form.title}</h3>
          <p class="muted small">{form.seller.name}</p>
          <p class="form-card-price">{t('list.from_price', { price: money(min) })}</p>
          {status === 'upcoming' && (
            <p class="small">
              <Countdown to={form.opens_at} label={t('list.opens_in')} testid={'countdown-' + form.id} />
            </p>
          )}
          <p class="muted small">♥ {number(form.likes)}</p>
        </div>
      </a>
    </li>
  );
}
