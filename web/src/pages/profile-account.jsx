// The profile's account controls: editing the name and phone, changing the password (this browser
// stays signed in; every other one is signed out) and deleting the account.
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { api } from '../api.js';
import { setUser, accountGone } from '../session.js';
import { navigate } from '../router.js';
import { Field } from '../components/field.jsx';
import { ErrorText, fieldErrors } from '../components/problem.jsx';
import { FormFooter } from '../components/form-footer.jsx';
import { announce } from '../components/announcer.jsx';

// A form's state: its values, whether it is sending, its error and whether it went through.
function useFormState(initial) {
  const [v, setV] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  const run = async (e, send) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await send();
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  return { v, setV, busy, error, done, run, set, fields: fieldErrors(error) };
}

export function NameForm({ u }) {
  const s = useFormState({ name: u.name || '', phone: u.phone || '' });
  const submit = (e) =>
    s.run(e, async () => setUser(await api('/api/v1/me', { method: 'PUT', body: { name: s.v.name.trim(), phone: s.v.phone.trim() } })));
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="me-h">
      <h2 id="me-h">{t('profile.me')}</h2>
      <dl class="kv">
        <div>
          <dt>{t('auth.email')}</dt>
          <dd>{u.email}</dd>
        </div>
      </dl>
      <Field id="p-name" label={t('auth.name')} value={s.v.name} onInput={s.set('name')} error={s.fields.name} autocomplete="name" maxlength="50" />
      <Field id="p-phone" label={t('auth.phone')} hint={t('auth.phone_hint')} value={s.v.phone} onInput={s.set('phone')} error={s.fields.phone} type="tel" inputmode="tel" autocomplete="tel" maxlength="20" />
      <FormFooter error={s.error} done={s.done} doneText={t('common.saved')} busy={s.busy} label={t('profile.save_me')} />
    </form>
  );
}

export function PasswordForm() {
  const s = useFormState({ current: '', next: '' });
  const submit = (e) =>
    s.run(e, async () => {
      // The answer carries this browser's new session cookie; every other session has ended. Never
      // retried: a change that went through revoked the cookie a retry would carry.
      await api('/api/v1/me/password', { method: 'PUT', retries: 0, body: { current_password: s.v.current, new_password: s.v.next } });
      s.setV({ current: '', next: '' });
    });
  const wrong = s.error && s.error.code === 'wrong_password' ? t('err.wrong_password') : undefined;
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="pw-h">
      <h2 id="pw-h">{t('profile.password')}</h2>
      <p class="hint">{t('profile.password_hint')}</p>
      <Field id="p-current" label={t('profile.current_password')} type="password" value={s.v.current} onInput={s.set('current')} error={wrong} autocomplete="current-password" maxlength="128" />
      <Field id="p-new" label={t('profile.new_password')} hint={t('auth.password_hint')} type="password" value={s.v.next} onInput={s.set('next')} error={s.fields.new_password && t('field.password')} autocomplete="new-password" maxlength="128" />
      <FormFooter error={wrong ? null : s.error} done={s.done} doneText={t('profile.password_changed')} busy={s.busy} label={t('profile.change_password')} />
    </form>
  );
}

export function DeleteAccount() {
  const [asking, setAsking] = useState(false);
  const s = useFormState({ password: '' });
  const submit = (e) =>
    s.run(e, async () => {
      await api('/api/v1/me', { method: 'DELETE', retries: 0, body: { password: s.v.password } });
      accountGone();
      navigate('/');
      announce(t('profile.deleted'));
    });
  return (
    <section class="card" aria-labelledby="del-h">
      <h2 id="del-h">{t('profile.delete')}</h2>
      <p class="hint">{t('profile.delete_hint')}</p>
      {!asking ? (
        <button type="button" class="btn btn-danger" onClick={() => setAsking(true)}>
          {t('profile.delete')}
        </button>
      ) : (
        <form class="confirm" onSubmit={submit} noValidate aria-label={t('profile.delete_q')}>
          <p class="confirm-q">{t('profile.delete_q')}</p>
          <Field id="p-delete-password" label={t('profile.delete_password')} type="password" value={s.v.password} onInput={s.set('password')} autocomplete="current-password" maxlength="128" />
          <ErrorText error={s.error} />
          <div class="row">
            <button type="submit" class="btn btn-danger" disabled={s.busy}>
              {t('profile.delete_confirm')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setAsking(false)}>
              {t('common.keep')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
