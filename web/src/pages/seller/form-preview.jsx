// A form as its buyers will see it, for its seller: a draft, which the public page does not show
// to anyone, or a published form before its opening.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { signedInPage } from '../../components/signed-in.jsx';
import { useFormStatus } from '../../components/status.jsx';
import { Spinner } from '../../components/spinner.jsx';
import { ErrorText } from '../../components/problem.jsx';
import { FormView, stockOf } from '../form.jsx';
import { NotYourForm, notYours } from './own-form.jsx';
import { sellerForm } from './seller-api.js';
import './strings.js';

function PreviewBody({ id }) {
  const [form, setForm] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    sellerForm(id).then(setForm).catch(setError);
  }, [id]);
  const stock = useMemo(() => stockOf(form), [form]);
  const { status, opened } = useFormStatus(form, stock);
  if (notYours(error)) return <NotYourForm title="preview.title" />;
  if (!form) {
    return <main id="main" class="page">{error ? <ErrorText error={error} /> : <Spinner />}</main>;
  }
  const banner = (
    <p class="notice-box preview-box" role="note">
      {t(form.visibility === 'DRAFT' ? 'preview.draft' : 'preview.published')} <a href={`/seller/forms/${form.id}/edit`}>{t('preview.back')}</a>
    </p>
  );
  return <FormView form={form} stock={stock} status={status} opened={opened} preview={banner} />;
}

export const FormPreview = signedInPage('preview.title', PreviewBody);
