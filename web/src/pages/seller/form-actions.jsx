// What a seller does to a form as a whole, beside editing it: publish a draft (to everyone, or to
// those with the link), move a published form between the two, copy it into a new draft, delete it.
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { api } from '../../api.js';
import { navigate } from '../../router.js';
import { ErrorText, problemText } from '../../components/problem.jsx';
import { ConfirmButton } from '../../components/confirm-button.jsx';
import { CopyButton } from '../../components/copy-button.jsx';

const VIS = ['DRAFT', 'PUBLIC', 'UNLISTED'];

// The three ways a new form can be saved, each in one line; the submit button follows the choice.
export function VisibilityChoice({ value, onChange }) {
  return (
    <fieldset class="card fieldset">
      <legend class="legend">
        <h2 class="legend-h">{t('vis.choose')}</h2>
      </legend>
      <div class="radio-group">
        {VIS.map((v) => (
          <label key={v} class={'radio-card' + (value === v ? ' checked' : '')}>
            <input type="radio" name="visibility" value={v} checked={value === v} onChange={() => onChange(v)} aria-describedby={`vis-${v}-help`} />
            <span class="radio-body">
              <span class="radio-title">{t('vis.' + v)}</span>
              <span class="hint" id={`vis-${v}-help`}>
                {t('vis.help.' + v)}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function VisibilityBadge({ visibility }) {
  if (visibility !== 'DRAFT' && visibility !== 'UNLISTED') return null;
  return <span class={'badge badge-vis-' + visibility.toLowerCase()}>{t('vis.' + visibility)}</span>;
}

// At the top of the edit page: where the form stands and how to move it on.
export function VisibilityPanel({ form, closed, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const draft = form.visibility === 'DRAFT';
  const publish = async (visibility) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const f = await api(`/api/v1/forms/${form.id}/publish`, { method: 'POST', body: { visibility } });
      setDone(t(draft ? 'vis.published.' + visibility : 'vis.switched.' + visibility));
      onChanged(f);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const link = `${location.origin}/forms/${form.id}`;
  return (
    <section class={'card vis-panel' + (draft ? ' is-draft' : '')} aria-labelledby="vis-h">
      <h2 id="vis-h" class="vis-title">
        {t('vis.now.' + form.visibility)}
      </h2>
      <p class="hint">{t(draft ? 'vis.draft_panel' : 'vis.help.' + form.visibility)}</p>
      {form.visibility === 'UNLISTED' && (
        <p class="vis-link">
          <span class="mono">{link}</span> <CopyButton text={link} label={t('vis.copy_link')} />
        </p>
      )}
      {!closed && (
        <div class="row wrap">
          {draft ? (
            <>
              <button type="button" class="btn btn-primary" disabled={busy} onClick={() => publish('PUBLIC')}>
                {t('vis.publish.PUBLIC')}
              </button>
              <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => publish('UNLISTED')}>
                {t('vis.publish.UNLISTED')}
              </button>
            </>
          ) : (
            <button type="button" class="btn btn-small btn-secondary" disabled={busy} onClick={() => publish(form.visibility === 'PUBLIC' ? 'UNLISTED' : 'PUBLIC')}>
              {t('vis.switch.' + (form.visibility === 'PUBLIC' ? 'UNLISTED' : 'PUBLIC'))}
            </button>
          )}
        </div>
      )}
      {draft && !closed && <p class="hint">{t('vis.publish_note')}</p>}
      {done && (
        <p class="ok-text" role="status">
          {done}
        </p>
      )}
      <ErrorText error={error && (error.code === 'validation_failed' ? t('vis.publish_failed') : problemText(error))} />
    </section>
  );
}

// At the bottom of the edit page: copy into a new draft, or delete a form that never had an order.
export function FormManage({ form }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const copy = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await api(`/api/v1/forms/${form.id}/copy`, { method: 'POST' });
      navigate(`/seller/forms/${c.id}/edit?copied=1`);
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/forms/${form.id}`, { method: 'DELETE', retries: 0 });
      navigate('/seller/forms?deleted=1', { replace: true });
    } catch (e) {
      setError(e.status === 409 ? t('editor.delete_has_orders') : problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="manage-h">
      <h2 id="manage-h">{t('editor.manage')}</h2>
      <p class="hint">{t('editor.copy_help')}</p>
      <div class="row wrap">
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={copy}>
          {t('editor.copy')}
        </button>
      </div>
      <p class="hint">{t('editor.delete_help')}</p>
      <ConfirmButton label={t('editor.delete')} question={t('editor.delete_q')} onConfirm={remove} busy={busy} />
      <ErrorText error={error} />
    </section>
  );
}
