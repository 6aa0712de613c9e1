import { t } from '../i18n/index.js';
import { number } from '../i18n/format.js';
import { ProductCard } from './product-card.jsx';

// A form's products in its order, the options of one group together under the group's name with
// the group's limit across them ("1인 최대 3개 (옵션 합산)"); each option keeps its own stock.
export function ProductList({ form, card }) {
  const groups = new Map((form.groups || []).map((g) => [g.name, g]));
  const shown = new Set();
  const out = [];
  for (const p of form.products) {
    if (!p.group || !groups.has(p.group)) {
      out.push(card(p, false));
      continue;
    }
    if (shown.has(p.group)) continue;
    shown.add(p.group);
    const g = groups.get(p.group);
    const options = form.products.filter((x) => x.group === p.group);
    const hid = 'group-' + options[0].id;
    out.push(
      <li key={hid} class="product-group">
        <div class="product-group-head">
          <h3 class="product-group-name" id={hid}>
            {g.name}
          </h3>
          <p class="hint">
            {t(options.length === 1 ? 'product.one_option' : 'product.options', { n: number(options.length) })}
            {g.limit != null && <strong class="group-limit"> · {t('product.group_limit', { n: number(g.limit) })}</strong>}
          </p>
        </div>
        <ul class="product-list product-options">{options.map((o) => card(o, true))}</ul>
      </li>,
    );
  }
  return <ul class="product-list">{out}</ul>;
}

// How many more of `p` the buyer may take within its group's limit, given what else is chosen.
export function groupRoom(form, qty, p) {
  const g = p.group && (form.groups || []).find((x) => x.name === p.group);
  if (!g || g.limit == null) return Infinity;
  const others = form.products.filter((x) => x.group === p.group && x.id !== p.id).reduce((n, x) => n + (qty[x.id] || 0), 0);
  return Math.max(0, g.limit - others);
}
