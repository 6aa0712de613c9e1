import { t } from '../i18n/index.js';
import { useTitle } from '../router.js';

export function NotFound() {
  useTitle(t('notfound.title'));
  return (
    <main id="main" class="page">
      <h1>{t('notfound.title')}</h1>
      <p>{t('notfound.body')}</p>
      <p>
        <a href="/" class="btn btn-secondary">
          {t('notfound.home')}
        </a>
      </p>
    </main>
  );
}
