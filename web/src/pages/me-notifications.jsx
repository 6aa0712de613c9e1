import { useEffect } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { items, unread, loaded, nextCursor, loadMore, markAllRead, ensureLoaded } from '../notifications.js';
import { signedInPage } from '../components/signed-in.jsx';
import { NoticeItem } from '../components/bell.jsx';
import { Spinner } from '../components/spinner.jsx';
import { MoreButton } from '../components/more-button.jsx';

function List() {
  useEffect(() => {
    ensureLoaded();
  }, []);
  useEffect(() => {
    // Looking at the page is reading it.
    if (loaded.value && unread.value > 0) markAllRead().catch(() => {});
  }, [loaded.value, items.value.length]);
  return (
    <main id="main" class="page">
      <div class="row between">
        <h1 class="page-title">{t('nav.notifications')}</h1>
      </div>
      {!loaded.value ? (
        <Spinner />
      ) : items.value.length === 0 ? (
        <p class="empty">{t('bell.empty')}</p>
      ) : (
        <ul class="notice-list card" aria-live="polite">
          {items.value.map((n) => (
            <NoticeItem key={n.id} n={n} />
          ))}
        </ul>
      )}
      {nextCursor.value && <MoreButton onClick={() => loadMore().catch(() => {})} />}
    </main>
  );
}

export const MyNotifications = signedInPage('nav.notifications', List);
