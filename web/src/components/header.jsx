import { useState, useRef } from 'preact/hooks';
import { t, lang, setLang } from '../i18n/index.js';
import { user, signOut } from '../session.js';
import { here, location$, navigate } from '../router.js';
import { Bell } from './bell.jsx';
import { useDismiss } from './popover.js';

function LangToggle() {
  const other = lang.value === 'ko' ? 'en' : 'ko';
  return (
    <button
      type="button"
      class="lang-btn"
      data-testid="lang-toggle"
      lang={other}
      onClick={() => setLang(other)}
    >
      {other === 'en' ? 'English' : '한국어'}
    </button>
  );
}

function MyMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef();
  const button = useRef();
  useDismiss(open, setOpen, root, button);
  const links = [
    ['/me/orders', 'nav.orders'],
    ['/me/coupons', 'nav.coupons'],
    ['/me/likes', 'nav.likes'],
    ['/me/notifications', 'nav.notifications'],
    ['/me/profile', 'nav.profile'],
    ['/seller/forms', 'nav.seller'],
  ];
  return (
    <div class="menu" ref={root}>
      <button
        type="button"
        ref={button}
        class="icon-btn"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="my-menu"
        aria-label={t('nav.menu')}
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24">
          <path fill="currentColor" d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z" />
        </svg>
      </button>
      {open && (
        <nav class="popover menu-panel" id="my-menu" aria-label={t('nav.menu')}>
          <p class="menu-user">{user.value.name}</p>
          <ul>
            {links.map(([href, key]) => (
              <li key={href}>
                <a href={href}>{t(key)}</a>
              </li>
            ))}
            <li>
              <button type="button" class="menu-item" onClick={() => signOut().finally(() => navigate('/'))}>
                {t('profile.signout')}
              </button>
            </li>
          </ul>
        </nav>
      )}
    </div>
  );
}

export function Header() {
  const u = user.value;
  const { path } = location$.value;
  const next = path.startsWith('/sign') ? '' : '?next=' + encodeURIComponent(here());
  return (
    <header class="site-header">
      <div class="header-inner">
        <a href="/" class="logo">
          <span class="logo-mark" aria-hidden="true">F</span>
          <span class="logo-text">Formlympics</span>
        </a>
        <div class="header-actions">
          <LangToggle />
          {u === undefined ? null : u ? (
            <>
              <Bell />
              <MyMenu />
            </>
          ) : (
            <>
              <a class="header-link" href={'/signin' + next}>
                {t('nav.signin')}
              </a>
              <a class="header-link header-link-strong" href="/signup">
                {t('nav.signup')}
              </a>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
