// The shell: header, the current page, footer. Pages are matched here; the buyer's account
// pages and all seller pages load on demand so the form page stays small.
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n/index.js';
import { location$, match, navigate } from './router.js';
import { Header } from './components/header.jsx';
import { Spinner } from './components/spinner.jsx';
import { Home } from './pages/home.jsx';
import { FormPage } from './pages/form.jsx';
import { SignIn, SignUp } from './pages/auth.jsx';
import { NotFound } from './pages/not-found.jsx';
import { Announcer } from './components/announcer.jsx';

const lazy = (load, name) => ({ load, name });
// A bare section address someone types or shares goes to the section's first page.
const goTo = (href) => () => {
  useEffect(() => navigate(href, { replace: true }), []);
  return null;
};
const account = () => import('./pages/account.js');
const seller = () => import('./pages/seller/index.js');
const routes = [
  ['/', Home],
  ['/signin', SignIn],
  ['/signup', SignUp],
  ['/forms/:id', FormPage],
  ['/orders/:id', lazy(account, 'OrderPage')],
  ['/me', goTo('/me/orders')],
  ['/me/orders', lazy(account, 'MyOrders')],
  ['/me/coupons', lazy(account, 'MyCoupons')],
  ['/me/likes', lazy(account, 'MyLikes')],
  ['/me/profile', lazy(account, 'Profile')],
  ['/me/notifications', lazy(account, 'MyNotifications')],
  ['/seller', goTo('/seller/forms')],
  ['/seller/forms', lazy(seller, 'MyForms')],
  ['/seller/forms/new', lazy(seller, 'NewForm')],
  ['/seller/forms/:id/edit', lazy(seller, 'EditForm')],
  ['/seller/forms/:id/orders', lazy(seller, 'FormOrders')],
  ['/seller/forms/:id/coupons', lazy(seller, 'FormCoupons')],
  ['/seller/forms/:id/preview', lazy(seller, 'FormPreview')],
];

const loaded = new Map();

function Lazy({ page, params }) {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const Comp = loaded.get(page);
  useEffect(() => {
    if (Comp) return;
    page
      .load()
      .then((m) => {
        loaded.set(page, m[page.name]);
        setTick((n) => n + 1);
      })
      .catch(() => setFailed(true));
  }, [page]);
  if (Comp) return <Comp {...params} />;
  if (failed) {
    return (
      <main id="main" class="page">
        <h1 tabindex="-1">{t('err.load_title')}</h1>
        <p>{t('err.network')}</p>
        <p>
          <a href={location.href} data-reload>
            {t('common.reload')}
          </a>
        </p>
      </main>
    );
  }
  return (
    <main id="main" class="page">
      <Spinner />
    </main>
  );
}

function Page() {
  const { path } = location$.value;
  for (const [pattern, page] of routes) {
    const params = match(pattern, path);
    if (!params) continue;
    if (page.load) return <Lazy key={pattern + JSON.stringify(params)} page={page} params={params} />;
    const Comp = page;
    return <Comp key={pattern + JSON.stringify(params)} {...params} />;
  }
  return <NotFound />;
}

let first = true;
// After a client-side navigation, focus goes to the new page's heading, as a page load would
// put a screen reader at the top.
function useFocusOnNavigate() {
  const { path } = location$.value;
  useEffect(() => {
    if (first) {
      first = false;
      return;
    }
    const id = setTimeout(() => {
      const h = document.querySelector('main h1');
      if (h) {
        if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
        h.focus({ preventScroll: true });
      }
    }, 60);
    return () => clearTimeout(id);
  }, [path]);
}

export function App() {
  useFocusOnNavigate();
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header />
      <Page />
      <Announcer />
      <footer class="site-footer">
        <p>
          © Formlympics · <span>{t('footer.tagline')}</span>
        </p>
      </footer>
    </>
  );
}
