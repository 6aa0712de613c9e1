// The form page: what is on sale, live stock, and the order form. This is the page a whole
// crowd loads at the opening second, so it is in the main bundle and fetches only the form.
import { useEffect, useState, useCallback } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { dateTimeLong } from '../i18n/format.js';
import { api } from '../api.js';
import { useTitle } from '../router.js';
import { subscribeForm, formNotFound } from '../streams.js';
import { rememberForm, takePageForm } from '../form-cache.js';
import { Countdown } from '../components/countdown.jsx';
import { FormStatus, useFormStatus } from '../components/status.jsx';
import { Spinner } from '../components/spinner.jsx';
import { ErrorText } from '../components/problem.jsx';
import { Gallery } from '../components/gallery.jsx';
import { LikeButton } from '../components/like-button.jsx';
import { CouponList } from '../components/coupon-list.jsx';
import { announce } from '../components/announcer.jsx';
import { OrderForm } from './order-form.jsx';
import { NotFound } from './not-found.jsx';

// Each product's remaining stock, by id, as the form was read.
export const stockOf = (f) => (f ? Object.fromEntries(f.products.map((p) => [p.id, p.stock_remaining])) : {});

// The form, kept current by its stream: stock per product and the status events. The stream is
// listened to once the form has loaded: a form that does not exist has none (and its id would
// spoil the connection it shares with others).
function useLiveForm(id) {
  // Served with the page, the form renders at once; its stream brings the stock up to date.
  const [served] = useState(() => takePageForm(id));
  const [form, setForm] = useState(served);
  const [error, setError] = useState(null);
  const [stock, setStock] = useState(() => stockOf(served));
  const load = useCallback(
    () =>
      api(`/api/v1/forms/${id}`)
        .then((f) => {
          setForm(f);
          setError(null);
          rememberForm(f);
          setStock(stockOf(f));
        })
        .catch((e) => {
          setError(e);
          if (e && e.status === 404) {
            setForm(null);
            formNotFound(id);
          }
        }),
    [id],
  );
  useEffect(() => {
    if (!served || String(served.id) !== String(id) || form !== served) load();
  }, [id]);
  const found = !!form && String(form.id) === String(id);
  useEffect(() => {
    if (!found) return undefined;
    return subscribeForm(id, (type, data) => {
      if (type === 'reopen') load();
      // The stream opens with a snapshot of every product: unchanged numbers cost no render.
      else if (type === 'stock') setStock((s) => (s[data.product_id] === data.remaining ? s : { ...s, [data.product_id]: data.remaining }));
      else if (type === 'opened') setForm((f) => f && { ...f, status: 'open' });
      else if (type === 'sold_out' || type === 'closed') setForm((f) => f && { ...f, status: type });
    });
  }, [id, found]);
  return { form, error, stock, reload: load };
}

function Description({ text }) {
  if (!text) return null;
  return <div class="description">{text}</div>;
}

export function FormPage({ id }) {
  const { form, error, stock, reload } = useLiveForm(id);
  useTitle(form ? form.title : t('form.title'));
  const { status: live, opened } = useFormStatus(form, stock);
  const status = form ? live : null;
  const [lastStatus, setLastStatus] = useState(null);
  useEffect(() => {
    // Say the moments that matter once; the countdown itself stays quiet.
    if (lastStatus && status && status !== lastStatus) announce(t('form.now.' + status));
    setLastStatus(status);
  }, [status]);

  if (error && error.status === 404) return <NotFound />;
  if (!form) {
    return (
      <main id="main" class="page">
        <h1 class="visually-hidden">{t('form.title')}</h1>
        {error ? <ErrorText error={error} /> : <Spinner />}
        {error && (
          <button type="button" class="btn btn-secondary" onClick={reload}>
            {t('common.retry')}
          </button>
        )}
      </main>
    );
  }
  return <FormView form={form} stock={stock} status={status} opened={opened} />;
}

// The form as a buyer sees it. `preview`, for its seller before it is published: what to say
// above it, and nothing that asks the server about a form buyers cannot see yet (likes, coupons).
export function FormView({ form, stock, status, opened, preview }) {
  return (
    <main id="main" class={'page page-form' + (form.images.length ? ' has-gallery' : '')}>
      {preview}
      <Gallery images={form.images} title={form.title} />
      <section class="form-head">
        <div class="row between">
          <FormStatus status={status} />
          {!preview && <LikeButton form={form} />}
        </div>
        <h1 class="form-title">{form.title}</h1>
        <p class="muted">{t('form.by', { name: form.seller.name })}</p>
        {status === 'upcoming' ? (
          <p class="opening">
            <Countdown to={form.opens_at} label={t('form.opens_in')} />
            <span class="hint block">{t('form.opens_at', { time: dateTimeLong(form.opens_at) })}</span>
          </p>
        ) : (
          <p class="hint">{t('form.closes_at', { time: dateTimeLong(form.closed_at || form.closes_at) })}</p>
        )}
        <p class="hint">{t('form.deposit_hours', { n: form.deposit_deadline_hours })}</p>
      </section>
      <Description text={form.description} />
      {!preview && <CouponList formId={form.id} sellerId={form.seller.id} />}
      <OrderForm form={form} stock={stock} status={status} opened={opened} />
    </main>
  );
}
