import { useState, useRef, useEffect } from 'preact/hooks';
import { t } from '../i18n/index.js';

async function copy(text) {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Older browsers and insecure origins: the selection route still works there.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

export function CopyButton({ text, label, testid }) {
  const [state, setState] = useState('idle');
  const timer = useRef();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onClick = async () => {
    try {
      await copy(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2500);
  };
  return (
    <span class="copy">
      <button type="button" class="btn btn-small btn-secondary" data-testid={testid} onClick={onClick}>
        {label || t('common.copy')}
      </button>
      <span class={'copy-status ' + state} role="status">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copy_failed') : ''}
      </span>
    </span>
  );
}
