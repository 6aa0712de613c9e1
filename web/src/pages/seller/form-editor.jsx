// Creating and editing a sale form. A draft and a form before its opening may change in full
// (products added and removed, questions rewritten); after the opening only the description, the
// closing time, more stock, delivery names and added delivery methods (the README's PATCH rules),
// so the other fields are shown but disabled, and a PATCH carries only what changed.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { api } from '../../api.js';
import { navigate, askBeforeLeaving } from '../../router.js';
import { serverNow } from '../../time.js';
import { useDraft, clearDraft } from '../../draft.js';
import { signedInPage } from '../../components/signed-in.jsx';
import { Field } from '../../components/field.jsx';
import { Spinner } from '../../components/spinner.jsx';
import { ErrorText, fieldErrors, problemText } from '../../components/problem.jsx';
import { ConfirmButton } from '../../components/confirm-button.jsx';
import { BankSelect } from '../profile.jsx';
import { NotYourForm, notYours } from './own-form.jsx';
import { sellerForm } from './seller-api.js';
import { emptyForm, fromSellerView, createBody, patchBody, editorErrors, productName } from './editor-model.js';
import { ProductsEditor, DeliveryEditor } from './editor-lists.jsx';
import { QuestionsEditor } from './questions-editor.jsx';
import { VisibilityChoice, VisibilityPanel, FormManage } from './form-actions.jsx';
import { ImageManager } from './image-manager.jsx';
import { NewPictures, noPictures, gallerySetter, pictureCount, sendNewPictures, noteUnsent, unsentNames } from './new-pictures.jsx';
import { SellerCrumb } from './crumb.jsx';
import './strings.js';

// A product's pictures are headed by the name it will have; a new row has none yet.
const pictureLabel = (p, i) => productName(p) || t('editor.product_n', { n: i + 1 });

function Editor({ form, onSaved }) {
  const editing = !!form;
  const original = editing ? fromSellerView(form) : null;
  const isDraft = editing && form.visibility === 'DRAFT';
  // A draft has no opening yet: everything stays editable until it is published.
  const opened = editing && !isDraft && serverNow() >= Date.parse(form.opens_at);
  const closed = editing && (form.status === 'closed' || serverNow() >= Date.parse(form.closes_at));
  const draftKey = editing ? `form-edit:${form.id}` : 'form-new';
  const [v, update, replace] = useDraft(draftKey, () => original || emptyForm());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  const [sent, setSent] = useState(null); // which editor row each PATCH entry came from
  const [pictures, setPictures] = useState(noPictures); // a new form's, sent once it is created
  const [sending, setSending] = useState(null); // {done, total} while they go
  const set = (k) => (e) => update({ [k]: e.currentTarget.value });
  // Chosen pictures live only in this page: leaving it (a link, a reload, the tab closed) asks
  // first.
  const unsent = !editing && (!!sending || pictureCount(Object.keys(pictures.products), pictures) > 0);
  useEffect(() => {
    if (!unsent) return undefined;
    const ask = (e) => {
      e.preventDefault();
      e.returnValue = '';
    };
    addEventListener('beforeunload', ask);
    const stop = askBeforeLeaving(t('editor.leave_q'));
    return () => {
      removeEventListener('beforeunload', ask);
      stop();
    };
  }, [unsent]);
  const errs = editorErrors(fieldErrors(error), sent);

  const submit = async (e) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      if (editing) {
        const { body, map } = patchBody(original, v);
        setSent(map);
        if (!Object.keys(body).length) {
          setSaved(true);
          return;
        }
        const f = await api(`/api/v1/forms/${form.id}`, { method: 'PATCH', body });
        clearDraft(draftKey);
        replace(fromSellerView(f));
        onSaved(f);
        setSaved(true);
      } else {
        setSent(null);
        navigate(await create(), { replace: true });
      }
    } catch (err) {
      setError(err);
      setTimeout(() => document.querySelector('[aria-invalid="true"]')?.focus(), 30);
    } finally {
      setBusy(false);
      setSending(null);
    }
  };

  // A new form, then its pictures; with pictures it stays a draft until every one is up, so that
  // no buyer sees it without them. Returns where the seller goes next.
  const create = async () => {
    const keys = v.products.map((p) => p.key);
    const total = pictureCount(keys, pictures);
    const body = createBody(v);
    const wanted = body.visibility;
    if (total) body.visibility = 'DRAFT';
    const f = await api('/api/v1/forms', { method: 'POST', body });
    clearDraft(draftKey);
    const q = new URLSearchParams({ created: wanted === 'DRAFT' ? 'draft' : '1' });
    if (!total) return `/seller/forms/${f.id}/edit?${q}`;
    setSending({ done: 0, total });
    const failed = await sendNewPictures(f, keys, pictures, (done) => setSending({ done, total }));
    if (failed.length) {
      // It stays a draft: the seller adds them again, then publishes.
      noteUnsent(f.id, failed);
      q.set('created', 'draft');
      q.set('unsent', failed.length);
    } else if (wanted !== 'DRAFT') {
      try {
        await api(`/api/v1/forms/${f.id}/publish`, { method: 'POST', body: { visibility: wanted } });
      } catch {
        q.set('created', 'draft');
        q.set('unpublished', '1');
      }
    }
    return `/seller/forms/${f.id}/edit?${q}`;
  };

  const closeNow = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api(`/api/v1/forms/${form.id}/close`, { method: 'POST' }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // Each product's pictures, in its own card: saved at once on a saved product, sent with a new
  // form, and added after saving to a product added to a saved form.
  const productPictures = (p, i) => {
    const heading = t('editor.pictures');
    if (!editing) {
      return <NewPictures idp={`new-p${i}`} pictures={pictures.products[p.key] || []} onChange={gallerySetter(setPictures, p.key)} max={5} label={pictureLabel(p, i)} heading={heading} />;
    }
    const saved = p.id && form.products.find((x) => x.id === p.id);
    if (!saved) return <p class="hint">{t('editor.pictures_after_save')}</p>;
    return <ImageManager formId={form.id} productId={saved.id} images={saved.images} max={5} label={saved.name} heading={heading} closed={closed} />;
  };
  const general = error && (error.code !== 'validation_failed' ? problemText(error) : errs.form || t('editor.check_fields'));
  return (
    <form class="editor" onSubmit={submit} noValidate>
      {editing && (
        <p class={'notice-box' + (closed ? ' warn' : '')}>
          {closed ? t('editor.rules_closed') : opened ? t('editor.rules_after') : isDraft ? t('editor.rules_draft') : t('editor.rules_before')}
        </p>
      )}
      <fieldset class="card fieldset" disabled={closed}>
        <legend class="legend">
        <h2 class="legend-h">{t('editor.basics')}</h2>
      </legend>
        <Field id="f-title" label={t('editor.title')} value={v.title} onInput={set('title')} disabled={opened} maxlength="100" error={errs.title} />
        <Field id="f-desc" as="textarea" rows="6" label={t('editor.description')} value={v.description} onInput={set('description')} maxlength="5000" error={errs.description} />
        <div class="grid-2 dates">
          <Field id="f-opens" type="datetime-local" label={t('editor.opens_at')} value={v.opens_at} onInput={set('opens_at')} disabled={opened} error={errs.opens_at} />
          <Field id="f-closes" type="datetime-local" label={t('editor.closes_at')} value={v.closes_at} onInput={set('closes_at')} error={errs.closes_at} />
        </div>
        <p class="hint">{t('editor.zone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</p>
        <Field id="f-hours" label={t('editor.deposit_hours')} hint={t('editor.deposit_hours_hint')} value={v.deposit_deadline_hours} onInput={set('deposit_deadline_hours')} disabled={opened} inputmode="numeric" class="field-short" error={errs.deposit_deadline_hours} />
      </fieldset>
      <section class="card" aria-labelledby="pics-h">
        <h2 id="pics-h">{t('editor.pictures')}</h2>
        <p class="hint">
          {t('img.help')} {editing ? t('img.saved_at_once') : t('editor.pictures_new')}
        </p>
        {editing ? (
          <ImageManager formId={form.id} images={form.images} max={10} label={t('editor.cover')} closed={closed} />
        ) : (
          <NewPictures idp="new-cover" pictures={pictures.cover} onChange={gallerySetter(setPictures)} max={10} label={t('editor.cover')} />
        )}
      </section>
      <fieldset class="card fieldset" disabled={closed || opened}>
        <legend class="legend">
        <h2 class="legend-h">{t('editor.bank')}</h2>
      </legend>
        <p class="hint">{t('editor.bank_help')}</p>
        <BankSelect id="f-bank" value={v.bank} onChange={set('bank')} error={errs['bank_account.bank']} />
        <Field id="f-account" label={t('order.account')} value={v.account_number} onInput={set('account_number')} inputmode="numeric" maxlength="30" error={errs['bank_account.account_number']} />
        <Field id="f-holder" label={t('order.holder')} value={v.holder_name} onInput={set('holder_name')} maxlength="50" error={errs['bank_account.holder_name']} />
      </fieldset>
      <fieldset class="plain-fieldset" disabled={closed}>
        <ProductsEditor products={v.products} onChange={(products) => update({ products })} errors={errs} opened={opened} original={original} pictures={productPictures} />
        <QuestionsEditor questions={v.questions} onChange={(questions) => update({ questions })} errors={errs} locked={opened} />
        <DeliveryEditor options={v.delivery} onChange={(delivery) => update({ delivery })} errors={errs} opened={opened} freeOver={v.free_shipping_over} onFreeOver={(free_shipping_over) => update({ free_shipping_over })} />
      </fieldset>
      {!editing && <VisibilityChoice value={v.visibility} onChange={(visibility) => update({ visibility })} />}
      <div class="editor-bar">
        {general && <ErrorText error={general} />}
        {sending && (
          <p class="hint" role="status">
            {t('editor.sending_pictures', sending)}
          </p>
        )}
        {saved && (
          <p class="ok-text" role="status">
            {t('common.saved')}
          </p>
        )}
        {!closed && (
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy ? 'true' : undefined}>
            {editing ? t('editor.save') : v.visibility === 'DRAFT' ? t('editor.save_draft') : t('editor.publish')}
          </button>
        )}
      </div>
      {editing && !closed && !isDraft && (
        <section class="card" aria-labelledby="end-h">
          <h2 id="end-h">{t('editor.end_title')}</h2>
          <p class="hint">{t('editor.end_help')}</p>
          <ConfirmButton label={t('editor.end')} question={t('editor.end_q')} onConfirm={closeNow} busy={busy} />
        </section>
      )}
      {editing && <FormManage form={form} />}
    </form>
  );
}

function NewBody() {
  return (
    <main id="main" class="page">
      <SellerCrumb />
      <h1 class="page-title">{t('seller.new_form')}</h1>
      <Editor />
    </main>
  );
}

export const NewForm = signedInPage('seller.new_form', NewBody);

function EditBody({ id }) {
  const [form, setForm] = useState(null);
  const [error, setError] = useState(null);
  const params = new URLSearchParams(location.search);
  const created = params.get('created');
  const copied = params.get('copied');
  const unsent = Number(params.get('unsent')) || 0;
  const unsentList = unsentNames(id);
  useEffect(() => {
    sellerForm(id).then(setForm).catch(setError);
  }, [id]);
  if (notYours(error)) return <NotYourForm title="editor.edit_title" />;
  return (
    <main id="main" class="page">
      <SellerCrumb />
      <h1 class="page-title">{t('editor.edit_title')}</h1>
      {(created || copied) && (
        <p class="notice-box ok" role="status">
          {t(copied ? 'editor.copied' : created === 'draft' ? 'editor.created_draft' : 'editor.created')}
        </p>
      )}
      {params.get('unpublished') && (
        <p class="notice-box warn" role="alert">
          {t('editor.not_published')}
        </p>
      )}
      {unsent > 0 && (
        <p class="notice-box warn" role="alert">
          {t('editor.unsent', { n: unsent })}
          {unsentList.length > 0 && <span class="block small">{unsentList.join(', ')}</span>}
        </p>
      )}
      {form ? (
        <>
          {form.visibility === 'DRAFT' ? (
            <p class="row wrap">
              <a href={`/seller/forms/${id}/preview`}>{t('preview.open')}</a>
            </p>
          ) : (
            <p class="row wrap">
              <a href={`/forms/${id}`}>{t('editor.view')}</a>
              <a href={`/seller/forms/${id}/orders`}>{t('seller.orders')}</a>
              <a href={`/seller/forms/${id}/coupons`}>{t('seller.coupons')}</a>
            </p>
          )}
          <VisibilityPanel form={form} closed={form.status === 'closed' || !!form.closed_at || serverNow() >= Date.parse(form.closes_at)} onChanged={(f) => setForm({ ...form, ...f })} />
          <Editor key={`${form.closed_at || 'open'}-${form.visibility}`} form={form} onSaved={(f) => setForm({ ...form, ...f })} />
        </>
      ) : error ? (
        <ErrorText error={error} />
      ) : (
        <Spinner />
      )}
    </main>
  );
}

export const EditForm = signedInPage('editor.edit_title', EditBody);
