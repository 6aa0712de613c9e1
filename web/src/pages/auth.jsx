// Sign in and sign up.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { api } from '../api.js';
import { signIn, sessionEnded, user } from '../session.js';
import { navigate, query, safeNext, useTitle } from '../router.js';
import { useDraft } from '../draft.js';
import { Field } from '../components/field.jsx';
import { ErrorText, fieldErrors, problemText } from '../components/problem.jsx';

// Counts a 429's Retry-After down to zero, a second at a time.
function useWait() {
  const [until, setUntil] = useState(0);
  const [, setNow] = useState(0);
  useEffect(() => {
    if (!until) return undefined;
    const id = setInterval(() => {
      if (Date.now() >= until) setUntil(0);
      setNow(Date.now());
    }, 500);
    return () => clearInterval(id);
  }, [until]);
  const left = until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0;
  return [left, (ms) => setUntil(Date.now() + ms)];
}

export function SignIn() {
  useTitle(t('auth.signin'));
  const next = safeNext(query().get('next'));
  const [v, update] = useDraft(null, { email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [wait, startWait] = useWait();
  useEffect(() => {
    if (user.value && !busy) navigate(next, { replace: true });
  }, [user.value]);
  const submit = async (e) => {
    e.preventDefault();
    if (busy || wait) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(v.email.trim(), v.password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      if (err.code === 'too_many_requests') startWait(err.retryAfter || 1000);
    } finally {
      setBusy(false);
    }
  };
  const fields = fieldErrors(error);
  const limited = error && error.code === 'too_many_requests';
  // The alert is said once; the seconds count down beside it without being read out each time.
  const message = limited ? t('err.too_many_requests') : error && error.code !== 'validation_failed' ? problemText(error) : null;
  return (
    <main id="main" class="page page-narrow">
      <h1 class="page-title">{t('auth.signin')}</h1>
      {sessionEnded.value && (
        <p class="notice-box" role="status">
          {t('auth.session_ended')}
        </p>
      )}
      <form class="card" onSubmit={submit} noValidate>
        <Field id="email" label={t('auth.email')} type="email" autocomplete="username" inputmode="email" value={v.email} onInput={(e) => update({ email: e.currentTarget.value })} error={fields.email} required />
        <Field id="password" label={t('auth.password')} type="password" autocomplete="current-password" value={v.password} onInput={(e) => update({ password: e.currentTarget.value })} error={fields.password} required />
        {message && <ErrorText error={message} />}
        {limited && <p class="hint" data-testid="signin-wait">{wait ? t('auth.wait', { n: wait }) : t('auth.wait_over')}</p>}
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || wait > 0} aria-busy={busy ? 'true' : undefined}>
          {t('auth.signin')}
        </button>
      </form>
      <p class="center">
        {t('auth.no_account')} <a href={'/signup' + (next !== '/' ? '?next=' + encodeURIComponent(next) : '')}>{t('auth.signup')}</a>
      </p>
    </main>
  );
}

export function SignUp() {
  useTitle(t('auth.signup'));
  const next = safeNext(query().get('next'));
  // The password is never part of the remembered draft.
  const [d, update] = useDraft('signup', { name: '', email: '', phone: '' });
  const [password, setPassword] = useState('');
  const v = { ...d, password };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const set = (name) => (e) => (name === 'password' ? setPassword(e.currentTarget.value) : update({ [name]: e.currentTarget.value }));
  const submit = async (e) => {
    e.preventDefault();
    if (busy) return;
    const local = {};
    if (!v.name.trim()) local.name = t('field.required');
    if (!/^\S+@\S+\.\S+$/.test(v.email.trim())) local.email = t('field.email');
    if (v.password.length < 8) local.password = t('field.password');
    if (!v.phone.trim()) local.phone = t('field.required');
    if (Object.keys(local).length) {
      setError({ local });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/users', { method: 'POST', body: { name: v.name.trim(), email: v.email.trim(), password: v.password, phone: v.phone.trim() } });
      await signIn(v.email.trim(), v.password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fields = error && error.local ? error.local : fieldErrors(error);
  if (error && error.code === 'email_taken') fields.email = t('err.email_taken');
  const message = error && !error.local && error.code !== 'validation_failed' && error.code !== 'email_taken' ? problemText(error) : null;
  return (
    <main id="main" class="page page-narrow">
      <h1 class="page-title">{t('auth.signup')}</h1>
      <form class="card" onSubmit={submit} noValidate>
        <Field id="name" label={t('auth.name')} autocomplete="name" value={v.name} onInput={set('name')} error={fields.name} maxlength="50" required />
        <Field id="email" label={t('auth.email')} type="email" autocomplete="email" inputmode="email" value={v.email} onInput={set('email')} error={fields.email} required />
        <Field id="phone" label={t('auth.phone')} type="tel" autocomplete="tel" inputmode="tel" value={v.phone} onInput={set('phone')} error={fields.phone} hint={t('auth.phone_hint')} required />
        <Field id="password" label={t('auth.password')} type="password" autocomplete="new-password" value={v.password} onInput={set('password')} error={fields.password} hint={t('auth.password_hint')} required />
        {message && <ErrorText error={message} />}
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t('auth.signup_submit')}
        </button>
      </form>
      <p class="center">
        {t('auth.have_account')} <a href={'/signin' + (next !== '/' ? '?next=' + encodeURIComponent(next) : '')}>{t('auth.signin')}</a>
      </p>
    </main>
  );
}
