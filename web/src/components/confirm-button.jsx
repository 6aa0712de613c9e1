import { useState, useRef, useEffect } from 'preact/hooks';
import { t } from '../i18n/index.js';

// A destructive action asks once more, in place (no native dialog, so it reads the same in
// both languages and to tests).
export function ConfirmButton({ label, question, confirmLabel, onConfirm, busy, class: cls = 'btn-danger', testid }) {
  const [asking, setAsking] = useState(false);
  const yes = useRef();
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" class={'btn ' + cls} data-testid={testid} disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div class="confirm" role="group" aria-label={question}>
      <p class="confirm-q">{question}</p>
      <div class="row">
        <button
          type="button"
          ref={yes}
          class="btn btn-danger"
          disabled={busy}
          onClick={async () => {
            await onConfirm();
            setAsking(false);
          }}
        >
          {confirmLabel || label}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => setAsking(false)}>
          {t('common.keep')}
        </button>
      </div>
    </div>
  );
}
