// A labelled input with its hint and error, wired for screen readers. A free-text input (a
// maxlength of 50 or more) counts its characters once it nears the limit and says so when it is
// reached: a browser stops taking keys there without a word, and a name or an address cut short
// would go unnoticed. Short, shaped fields (a phone, a postal code) are told by their checks.
import { t } from '../i18n/index.js';

const nearLimit = (value, max) => max >= 50 && typeof value === 'string' && value.length >= max * 0.8;

// Read with the field (aria-describedby); said aloud once, when the limit is reached.
function Counter({ id, value, max }) {
  const full = value.length >= max;
  return (
    <p class={'hint counter' + (full ? ' counter-full' : '')} id={id + '-count'} role={full ? 'status' : undefined} data-testid={id + '-count'}>
      {full ? t('common.at_limit', { max }) : `${value.length} / ${max}`}
    </p>
  );
}

export function Field({ id, label, error, hint, as = 'input', children, class: cls, ...rest }) {
  const Tag = as;
  const max = Number(rest.maxlength);
  const counted = as !== 'select' && nearLimit(rest.value, max);
  const describe = [hint && id + '-hint', counted && id + '-count', error && id + '-err'].filter(Boolean).join(' ') || undefined;
  return (
    <div class={'field ' + (cls || '')}>
      <label for={id}>{label}</label>
      {as === 'select' ? (
        <select id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describe} {...rest}>
          {children}
        </select>
      ) : (
        <Tag id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describe} {...rest} />
      )}
      {hint && (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {counted && <Counter id={id} value={rest.value} max={max} />}
      {error && (
        <p class="error-text" id={id + '-err'}>
          {error}
        </p>
      )}
    </div>
  );
}
