import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { api } from '../api.js';
import { user } from '../session.js';
import { navigate, here } from '../router.js';
import { number } from '../i18n/format.js';

export function LikeButton({ form }) {
  const u = user.value;
  const [count, setCount] = useState(form.likes);
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  useEffect(() => setCount(form.likes), [form.likes]);
  // Whether this buyer likes this form: one small read, not the whole wishlist.
  useEffect(() => {
    setOn(false);
    if (!u) return;
    let live = true;
    api(`/api/v1/forms/${form.id}/like`)
      .then((r) => {
        if (!live) return;
        setOn(r.liked);
        setCount(r.likes);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [u && u.id, form.id]);
  const toggle = async () => {
    if (!u) return navigate('/signin?next=' + encodeURIComponent(here()));
    setBusy(true);
    setError(false);
    try {
      const r = await api(`/api/v1/forms/${form.id}/like`, { method: on ? 'DELETE' : 'PUT' });
      setOn(r.liked);
      setCount(r.likes);
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="like">
      <button type="button" class={'like-btn' + (on ? ' on' : '')} aria-pressed={on ? 'true' : 'false'} disabled={busy} onClick={toggle}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24">
          <path
            fill={on ? 'currentColor' : 'none'}
            stroke="currentColor"
            stroke-width="2"
            d="M12 20.5s-7.5-4.6-9.3-9.2C1.5 8 3.6 4.5 7 4.5c2 0 3.4 1.1 5 3 1.6-1.9 3-3 5-3 3.4 0 5.5 3.5 4.3 6.8-1.8 4.6-9.3 9.2-9.3 9.2Z"
          />
        </svg>
        <span>{t('like.label')}</span>
        <span class="like-count">{number(count)}</span>
      </button>
      {error && (
        <span class="error-text small" role="alert">
          {t('err.generic')}
        </span>
      )}
    </span>
  );
}
