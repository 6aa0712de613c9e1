import { t } from '../i18n/index.js';
import { money } from '../i18n/format.js';
import { Field } from './field.jsx';

// Delivery choice and the recipient, prefilled from the profile and editable per order.
export function DeliveryFields({ form, draft, set, update, errors, signedIn, pickup }) {
  return (
    <section class="card" aria-labelledby="delivery-h">
      <h2 id="delivery-h">{t('order.delivery')}</h2>
      <fieldset class="radio-group">
        <legend class="visually-hidden">{t('order.delivery_option')}</legend>
        {form.delivery_options.map((d) => (
          <label key={d.id} class={'radio-card' + (Number(draft.option_id) === d.id ? ' checked' : '')}>
            <input
              type="radio"
              name="delivery_option"
              value={d.id}
              checked={Number(draft.option_id) === d.id}
              onChange={() => update({ option_id: d.id })}
            />
            <span class="radio-body">
              <span class="radio-title">
                {t('delivery.kind.' + d.kind)} · {d.label}
              </span>
              <span class="radio-fee">{d.fee ? money(d.fee) : t('form.fee_free')}</span>
              {d.pickup_note && <span class="hint block pre">{d.pickup_note}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {form.free_shipping_over != null && <p class="hint">{t('form.free_over', { n: money(form.free_shipping_over) })}</p>}
      {errors.option_id && <p class="error-text">{errors.option_id}</p>}
      {signedIn ? (
        <div class="fields">
          <Field id="recipient_name" label={t('order.recipient')} value={draft.recipient_name} onInput={set('recipient_name')} error={errors.recipient_name} autocomplete="name" maxlength="50" />
          <Field id="phone" label={t('order.phone')} value={draft.phone} onInput={set('phone')} error={errors.phone} type="tel" inputmode="tel" autocomplete="tel" maxlength="20" />
          {!pickup && (
            <>
              <Field id="zipcode" label={t('order.zipcode')} value={draft.zipcode} onInput={set('zipcode')} error={errors.zipcode} inputmode="numeric" autocomplete="postal-code" maxlength="5" class="field-short" />
              <Field id="address1" label={t('order.address1')} value={draft.address1} onInput={set('address1')} error={errors.address1} autocomplete="address-line1" maxlength="200" />
              <Field id="address2" label={t('order.address2')} value={draft.address2} onInput={set('address2')} error={errors.address2} autocomplete="address-line2" maxlength="200" />
            </>
          )}
        </div>
      ) : (
        <p class="hint">{t('order.signin_for_address')}</p>
      )}
    </section>
  );
}
