import { t } from '../i18n/index.js';

export function Spinner({ label }) {
  return (
    <div class="spinner-wrap" role="status">
      <span class="spinner" aria-hidden="true" />
      <span class="visually-hidden">{label || t('common.loading')}</span>
    </div>
  );
}
