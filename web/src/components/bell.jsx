// The notification bell: unread count and a live list of the latest notifications.
import { useState, useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { ago } from '../i18n/format.js';
import { tick } from '../time.js';
import { items, unread, markAllRead, loaded, ensureLoaded } from '../notifications.js';
import { noticeOf } from './notice.jsx';
import { useDismiss } from './popover.js';

export function NoticeItem({ n }) {
  const { text, href, track } = noticeOf(n);
  return (
    <li class={'notice' + (n.read ? '' : ' unread')}>
      <a class="notice-main" href={href} data-testid="notification-item" data-notification-id={n.id}>
        {!n.read && <span class="visually-hidden">{t('bell.new')} </span>}
        <span class="notice-text">{text}</span>
        <span class="notice-time">{ago(n.created_at, tick.value)}</span>
      </a>
      {track && (
        // The courier's own page: a link beside the notification's, never inside it.
        <a class="notice-track" href={track} target="_blank" rel="noopener noreferrer" data-testid="notification-track">
          {t('notice.track')}
        </a>
      )}
    </li>
  );
}

export function Bell() {
  const [open, setOpen] = useState(false);
  const root = useRef();
  const button = useRef();
  useDismiss(open, setOpen, root, button);
  const n = unread.value;
  const toggle = () => {
    const next = !open;
    setOpen(next);
    // The list is fetched when first looked at; opening the bell reads what it shows.
    if (next) {
      ensureLoaded()
        .then(() => unread.peek() > 0 && markAllRead())
        .catch(() => {});
    }
  };
  return (
    <div class="bell" ref={root}>
      <button
        type="button"
        ref={button}
        class="icon-btn"
        data-testid="bell"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="bell-panel"
        aria-label={t('bell.label', { n })}
        onClick={toggle}
      >
        <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span class={'bell-count' + (n ? '' : ' empty')} data-testid="bell-count" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      </button>
      {open && (
        <div class="popover bell-panel" id="bell-panel">
          <div class="popover-head">
            <h2 class="popover-title">{t('bell.title')}</h2>
            <a href="/me/notifications" class="link-small">
              {t('bell.all')}
            </a>
          </div>
          {!loaded.value ? (
            <p class="muted pad">{t('common.loading')}</p>
          ) : items.value.length === 0 ? (
            <p class="muted pad">{t('bell.empty')}</p>
          ) : (
            <ul class="notice-list" aria-live="polite">
              {items.value.slice(0, 8).map((x) => (
                <NoticeItem key={x.id} n={x} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
