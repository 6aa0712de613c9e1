import { t } from '../i18n/index.js';
import { money, number } from '../i18n/format.js';
import { Img } from './img.jsx';
import { Stepper } from './stepper.jsx';

// One product of a form: pictures, price, live stock, the buyer limit and the quantity stepper.
export function ProductCard({ product: p, remaining, qty, max, closed, onQty, error }) {
  const out = remaining <= 0;
  const [first, ...more] = p.images || [];
  return (
    <li class={'product-card' + (out ? ' is-out' : '')} tabindex="-1">
      <div class="product-row">
        <Img image={first} thumb alt={p.name} class="product-thumb" />
        <div class="product-info">
          <h3 class="product-name">{p.name}</h3>
          <p class="product-price">{money(p.price)}</p>
          <p class="product-stock">
            <span data-testid={'stock-' + p.id} class={out ? 'stock-out' : 'stock-left'}>
              {out ? t('product.sold_out') : t('product.left', { n: number(remaining) })}
            </span>
            {p.per_buyer_limit != null && <span class="product-limit"> · {t('product.limit', { n: p.per_buyer_limit })}</span>}
          </p>
        </div>
      </div>
      {more.length > 0 && (
        <ul class="product-more">
          {more.map((img, i) => (
            <li key={img.id}>
              <Img image={img} thumb alt={t('product.picture_n', { name: p.name, n: i + 2 })} class="product-thumb-small" />
            </li>
          ))}
        </ul>
      )}
      <div class="product-qty">
        <Stepper
          id={'qty-' + p.id}
          testid={'qty-' + p.id}
          name={p.name}
          value={qty}
          max={max}
          disabled={out || closed}
          onChange={onQty}
        />
        {qty > 0 && <span class="product-subtotal">{money(qty * p.price)}</span>}
      </div>
      {error && (
        <p class="error-text product-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
