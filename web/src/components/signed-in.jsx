import { t } from '../i18n/index.js';
import { user } from '../session.js';
import { here, useTitle } from '../router.js';
import { Spinner } from './spinner.jsx';

// A page for signed-in users only: a sign-in prompt when signed out, a spinner while unknown.
export function SignedIn({ title, children }) {
  const u = user.value;
  if (u) return children(u);
  return (
    <main id="main" class="page">
      <h1 class="page-title">{title}</h1>
      {u === undefined ? (
        <Spinner />
      ) : (
        <div class="empty">
          <p>{t('auth.needed')}</p>
          <p>
            <a class="btn btn-primary" href={'/signin?next=' + encodeURIComponent(here())}>
              {t('nav.signin')}
            </a>
          </p>
        </div>
      )}
    </main>
  );
}

// A page for signed-in users only, titled by the string `titleKey`: `Body` gets the page's
// parameters and the user.
export function signedInPage(titleKey, Body) {
  return function SignedInPage(params) {
    useTitle(t(titleKey));
    return <SignedIn title={t(titleKey)}>{(u) => <Body {...params} u={u} />}</SignedIn>;
  };
}
