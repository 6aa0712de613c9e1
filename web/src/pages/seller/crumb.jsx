import { t } from '../../i18n/index.js';
import { formById } from '../../form-cache.js';

// The way back from a seller page: to the seller's forms, and to the form itself when `id` is given
// (once its title is known).
export function SellerCrumb({ id }) {
  const form = id ? formById(Number(id)) : undefined;
  return (
    <p class="crumb">
      <a href="/seller/forms">{t('seller.my_forms')}</a>
      {form && <> · <a href={`/forms/${id}`}>{form.title}</a></>}
    </p>
  );
}
