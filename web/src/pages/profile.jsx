// The profile: who the user is, the saved address (prefills orders), the refund account (shown to
// sellers who cancel a paid order), the password, signing out and deleting the account.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { api } from '../api.js';
import { setUser, signOut } from '../session.js';
import { navigate } from '../router.js';
import { useDraft, clearDraft } from '../draft.js';
import { signedInPage } from '../components/signed-in.jsx';
import { Field } from '../components/field.jsx';
import { ErrorText, fieldErrors } from '../components/problem.jsx';
import { FormFooter } from '../components/form-footer.jsx';
import { ConfirmButton } from '../components/confirm-button.jsx';
import { banks, loadBanks, localName } from '../banks.js';
import { NameForm, PasswordForm, DeleteAccount } from './profile-account.jsx';

// A small form that PUTs its fields and shows the answer's errors next to them.
function useSave(url, draftKey, initial) {
  const [v, update] = useDraft(draftKey, initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  const save = async (e, body) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      setUser(await api(url, { method: 'PUT', body }));
      clearDraft(draftKey);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { v, update, busy, error, saved, save, fields: fieldErrors(error) };
}

// The end of a useSave form.
function SaveFooter({ s, label }) {
  return <FormFooter error={s.error} done={s.saved} doneText={t('common.saved')} busy={s.busy} label={label} />;
}

function AddressForm({ u }) {
  const a = u.address || {};
  const s = useSave('/api/v1/me/address', 'address', { address1: a.address1 || '', address2: a.address2 || '', zipcode: a.zipcode || '' });
  const set = (k) => (e) => s.update({ [k]: e.currentTarget.value });
  return (
    <form class="card" onSubmit={(e) => s.save(e, { address1: s.v.address1.trim(), address2: s.v.address2.trim(), zipcode: s.v.zipcode.trim() })} noValidate aria-labelledby="addr-h">
      <h2 id="addr-h">{t('profile.address')}</h2>
      <p class="hint">{t('profile.address_hint')}</p>
      <Field id="p-zipcode" label={t('order.zipcode')} value={s.v.zipcode} onInput={set('zipcode')} error={s.fields.zipcode} inputmode="numeric" autocomplete="postal-code" maxlength="5" class="field-short" />
      <Field id="p-address1" label={t('order.address1')} value={s.v.address1} onInput={set('address1')} error={s.fields.address1} autocomplete="address-line1" maxlength="200" />
      <Field id="p-address2" label={t('order.address2')} value={s.v.address2} onInput={set('address2')} error={s.fields.address2} autocomplete="address-line2" maxlength="200" />
      <SaveFooter s={s} label={t('profile.save_address')} />
    </form>
  );
}

function RefundForm({ u }) {
  const r = u.refund_account || {};
  const s = useSave('/api/v1/me/refund-account', 'refund', { bank: r.bank || '', account_number: r.account_number || '', holder_name: r.holder_name || u.name || '' });
  const set = (k) => (e) => s.update({ [k]: e.currentTarget.value });
  return (
    <form class="card" onSubmit={(e) => s.save(e, { bank: s.v.bank, account_number: s.v.account_number.trim(), holder_name: s.v.holder_name.trim() })} noValidate aria-labelledby="refund-h">
      <h2 id="refund-h">{t('profile.refund')}</h2>
      <p class="hint">{t('profile.refund_hint')}</p>
      <BankSelect id="p-bank" value={s.v.bank} onChange={set('bank')} error={s.fields.bank} />
      <Field id="p-account" label={t('order.account')} value={s.v.account_number} onInput={set('account_number')} error={s.fields.account_number} inputmode="numeric" maxlength="30" />
      <Field id="p-holder" label={t('order.holder')} value={s.v.holder_name} onInput={set('holder_name')} error={s.fields.holder_name} maxlength="50" />
      <SaveFooter s={s} label={t('profile.save_refund')} />
    </form>
  );
}

// Every bank, the most used first, named in the page's language; the value is the bank's code.
export function BankSelect({ id, value, onChange, error, disabled, label }) {
  useEffect(() => {
    loadBanks();
  }, []);
  return (
    <Field id={id} as="select" label={label || t('order.bank')} value={value} onChange={onChange} error={error} disabled={disabled}>
      <option value="" disabled>
        {t('profile.pick_bank')}
      </option>
      {banks.value.map((b) => (
        <option key={b.code} value={b.code}>
          {localName(b.name)}
        </option>
      ))}
    </Field>
  );
}

function ProfileBody({ u }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const out = async (everywhere) => {
    setBusy(true);
    setError(null);
    try {
      await signOut(everywhere);
      navigate('/');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="page">
      <h1 class="page-title">{t('nav.profile')}</h1>
      <NameForm u={u} />
      <AddressForm u={u} />
      <RefundForm u={u} />
      <section class="card" aria-labelledby="out-h">
        <h2 id="out-h">{t('profile.signout_title')}</h2>
        <div class="stack">
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => out(false)}>
            {t('profile.signout')}
          </button>
          <ConfirmButton label={t('profile.signout_all')} question={t('profile.signout_all_q')} onConfirm={() => out(true)} busy={busy} />
        </div>
        <ErrorText error={error} />
      </section>
      <PasswordForm />
      <DeleteAccount />
    </main>
  );
}

export const Profile = signedInPage('nav.profile', ProfileBody);
