import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { money, number } from '../i18n/format.js';
import { Img } from './img.jsx';
import { Stepper } from './stepper.jsx';
import { PictureViewer } from './picture-viewer.jsx';

// What a product is called where it is listed alone: an option reads "포토카드 · A 버전".
export function productLabel(p) {
  return p.group ? `${p.group} · ${p.option}` : p.name;
}

// An option's own name when it says more than its group and option do.
const extraName = (p) => p.group && p.name !== `${p.group} ${p.option}` && p.name !== p.option;

// One product of a form: pictures, price, live stock, the buyer limit and the quantity stepper.
// Within an option group (`inGroup`) it is headed by its option name under the group's heading.
// `pictured`: some product of the form has a picture, so one without keeps its place in line.
export function ProductCard({ product: p, remaining, qty, max, closed, onQty, error, inGroup, pictured }) {
  const out = remaining <= 0;
  const [first, ...more] = p.images || [];
  const Title = inGroup ? 'h4' : 'h3';
  const label = productLabel(p);
  const [viewing, setViewing] = useState(null); // the picture shown large
  // A picture is a button that shows it large.
  const thumb = (img, n, cls) => (
    <button type="button" class="thumb-btn" onClick={() => setViewing(n - 1)} aria-label={t('product.picture_open', { name: label, n })}>
      <Img image={img} thumb alt="" class={cls} />
    </button>
  );
  return (
    <li class={'product-card' + (out ? ' is-out' : '')} tabindex="-1">
      {viewing !== null && <PictureViewer images={p.images} start={viewing} label={label} onClose={() => setViewing(null)} />}
      <div class="product-row">
        {first ? thumb(first, 1, 'product-thumb') : pictured && <div class="img-placeholder product-thumb" aria-hidden="true" />}
        <div class="product-info">
          <Title class="product-name">{inGroup ? p.option : label}</Title>
          {extraName(p) && <p class="hint">{p.name}</p>}
          <p class="product-price">{money(p.price)}</p>
          <p class="product-stock">
            <span data-testid={'stock-' + p.id} class={out ? 'stock-out' : closed ? 'stock-closed' : 'stock-left'}>
              {out ? t('product.sold_out') : closed ? t('product.closed') : t('product.left', { n: number(remaining) })}
            </span>
            {p.per_buyer_limit != null && <span class="product-limit"> · {t('product.limit', { n: p.per_buyer_limit })}</span>}
          </p>
        </div>
      </div>
      {more.length > 0 && (
        <ul class="product-more">
          {more.map((img, i) => (
            <li key={img.id}>
              {thumb(img, i + 2, 'product-thumb-small')}
            </li>
          ))}
        </ul>
      )}
      {!closed && (
        <div class="product-qty">
          <Stepper
            id={'qty-' + p.id}
            testid={'qty-' + p.id}
            name={label}
            value={qty}
            max={max}
            disabled={out}
            onChange={onQty}
          />
          {qty > 0 && <span class="product-subtotal">{money(qty * p.price)}</span>}
        </div>
      )}
      {error && (
        <p class="error-text product-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
