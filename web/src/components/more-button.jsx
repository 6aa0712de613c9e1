import { t } from '../i18n/index.js';

// "More" under a paged list: asks for the next page; disabled while one is on its way.
export function MoreButton({ onClick, busy }) {
  return (
    <p class="center">
      <button type="button" class="btn btn-secondary" onClick={onClick} disabled={busy}>
        {t('common.more')}
      </button>
    </p>
  );
}
