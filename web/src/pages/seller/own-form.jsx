// Seller pages of one form open only for its seller: anyone else (or a form that does not exist)
// is told so plainly, instead of a page of refusals and a form they cannot use.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { Spinner } from '../../components/spinner.jsx';
import { ErrorText } from '../../components/problem.jsx';
import { sellerForm } from './seller-api.js';
import { SellerCrumb } from './crumb.jsx';

export function OwnForm({ id, title, children }) {
  const [state, setState] = useState({ ok: false, error: null });
  useEffect(() => {
    let live = true;
    setState({ ok: false, error: null });
    sellerForm(id)
      .then(() => live && setState({ ok: true, error: null }))
      .catch((error) => live && setState({ ok: false, error }));
    return () => {
      live = false;
    };
  }, [id]);
  if (state.ok) return children;
  if (notYours(state.error)) return <NotYourForm title={title} />;
  return <Shell title={title}>{state.error ? <ErrorText error={state.error} /> : <Spinner />}</Shell>;
}

// The seller's own copy of a form is not found for anyone else, as for a form that never was.
export const notYours = (error) => !!error && (error.status === 404 || error.status === 403);

// What every seller page of a form says to someone who is not its seller.
export function NotYourForm({ title }) {
  return (
    <Shell title={title}>
      <p class="notice-box" data-testid="not-your-form">
        {t('seller.not_your_form')}
      </p>
    </Shell>
  );
}

function Shell({ title, children }) {
  return (
    <main id="main" class="page">
      <SellerCrumb />
      <h1 class="page-title">{t(title)}</h1>
      {children}
    </main>
  );
}
