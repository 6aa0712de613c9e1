// The editor's repeated parts: products (with their option groups) and delivery options, each
// with add and remove. Products are added and removed before the opening only.
import { t } from '../../i18n/index.js';
import { Field } from '../../components/field.jsx';
import { emptyProduct, emptyOption, nextOption } from './editor-model.js';
import { GroupFields } from './group-fields.jsx';

const KINDS = ['COURIER', 'CONVENIENCE_STORE', 'PICKUP'];

// errors are keyed by the server's field paths, e.g. "products[1].price".
const err = (errors, path) => errors[path];

export function ProductsEditor({ products, onChange, errors, opened, original, pictures }) {
  const setAt = (i, patch) => onChange(products.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset class="card fieldset" aria-describedby="products-help">
      <legend class="legend">
        <h2 class="legend-h">{t('editor.products')}</h2>
      </legend>
      <p class="hint" id="products-help">
        {opened ? t('editor.products_fixed') : t('editor.products_help')}
      </p>
      {errors.products && <p class="error-text">{errors.products}</p>}
      <ol class="editor-list">
        {products.map((p, i) => {
          const was = original && original.products.find((x) => x.id === p.id);
          const n = i + 1;
          return (
            <li key={p.key} class="editor-item">
              <h3 class="editor-item-title">{t('editor.product_n', { n })}</h3>
              <Field id={`p${i}-name`} label={t('editor.product_name')} hint={p.grouped && !opened ? t('editor.option_name_hint') : undefined} value={p.name} disabled={opened} maxlength="100" onInput={(e) => setAt(i, { name: e.currentTarget.value })} error={err(errors, `products[${i}].name`)} />
              <div class="grid-2">
                <Field id={`p${i}-price`} label={t('editor.price')} value={p.price} disabled={opened} inputmode="numeric" onInput={(e) => setAt(i, { price: e.currentTarget.value })} error={err(errors, `products[${i}].price`)} />
                <Field
                  id={`p${i}-stock`}
                  label={t('editor.stock')}
                  value={p.stock}
                  inputmode="numeric"
                  hint={opened && was ? t('editor.stock_grow', { n: was.stock }) : undefined}
                  onInput={(e) => setAt(i, { stock: e.currentTarget.value })}
                  error={err(errors, `products[${i}].stock`)}
                />
              </div>
              <Field id={`p${i}-limit`} label={t('editor.limit')} hint={t('editor.limit_hint')} value={p.per_buyer_limit} disabled={opened} inputmode="numeric" onInput={(e) => setAt(i, { per_buyer_limit: e.currentTarget.value })} error={err(errors, `products[${i}].per_buyer_limit`)} />
              <GroupFields p={p} i={i} products={products} onChange={onChange} errors={errors} disabled={opened} />
              {pictures(p, i)}
              <div class="row wrap">
                {!opened && p.grouped && products.length < 50 && (
                  <button type="button" class="btn btn-small btn-secondary" onClick={() => onChange([...products.slice(0, i + 1), nextOption(p), ...products.slice(i + 1)])}>
                    {p.group.trim() ? t('editor.add_to_group', { group: p.group.trim() }) : t('editor.add_to_same_group')}
                  </button>
                )}
                {!opened && products.length > 1 && (
                  <button type="button" class="btn btn-small btn-secondary" onClick={() => onChange(products.filter((_, j) => j !== i))}>
                    {t('editor.remove_product', { n })}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {!opened && products.length < 50 && (
        <button type="button" class="btn btn-secondary" onClick={() => onChange([...products, emptyProduct()])}>
          {t('editor.add_product')}
        </button>
      )}
    </fieldset>
  );
}

export function DeliveryEditor({ options, onChange, errors, opened, freeOver, onFreeOver }) {
  const setAt = (i, patch) => onChange(options.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset class="card fieldset" aria-describedby="delivery-help">
      <legend class="legend">
        <h2 class="legend-h">{t('editor.delivery')}</h2>
      </legend>
      <p class="hint" id="delivery-help">
        {opened ? t('editor.delivery_after') : t('editor.delivery_help')}
      </p>
      <ol class="editor-list">
        {options.map((d, i) => {
          const locked = opened && d.id;
          const n = i + 1;
          return (
            <li key={d.key} class="editor-item">
              <h3 class="editor-item-title">{t('editor.option_n', { n })}</h3>
              <div class="grid-2">
                <Field id={`d${i}-kind`} as="select" label={t('editor.kind')} value={d.kind} disabled={locked} onChange={(e) => setAt(i, { kind: e.currentTarget.value })} error={err(errors, `delivery_options[${i}].kind`)}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t('delivery.kind.' + k)}
                    </option>
                  ))}
                </Field>
                <Field id={`d${i}-fee`} label={t('editor.fee')} value={d.fee} disabled={locked} inputmode="numeric" onInput={(e) => setAt(i, { fee: e.currentTarget.value })} error={err(errors, `delivery_options[${i}].fee`)} />
              </div>
              <Field id={`d${i}-label`} label={t('editor.label')} value={d.label} maxlength="50" onInput={(e) => setAt(i, { label: e.currentTarget.value })} error={err(errors, `delivery_options[${i}].label`)} />
              {d.kind === 'PICKUP' && (
                <Field id={`d${i}-note`} as="textarea" rows="2" label={t('editor.pickup_note')} value={d.pickup_note} onInput={(e) => setAt(i, { pickup_note: e.currentTarget.value })} error={err(errors, `delivery_options[${i}].pickup_note`)} />
              )}
              {!locked && (
                <button type="button" class="btn btn-small btn-secondary" onClick={() => onChange(options.filter((_, j) => j !== i))}>
                  {t('editor.remove_option', { n })}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {options.length < 5 && (
        <button type="button" class="btn btn-secondary" onClick={() => onChange([...options, emptyOption()])}>
          {t('editor.add_option')}
        </button>
      )}
      {options.length > 0 && (
        <Field id="free-over" label={t('editor.free_over')} hint={t('editor.free_over_hint')} value={freeOver} disabled={opened} inputmode="numeric" onInput={(e) => onFreeOver(e.currentTarget.value)} error={errors.free_shipping_over} />
      )}
    </fieldset>
  );
}
