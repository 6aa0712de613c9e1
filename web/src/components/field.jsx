// A labelled input with its hint and error, wired for screen readers.
export function Field({ id, label, error, hint, as = 'input', children, class: cls, ...rest }) {
  const Tag = as;
  const describe = [hint && id + '-hint', error && id + '-err'].filter(Boolean).join(' ') || undefined;
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
      {error && (
        <p class="error-text" id={id + '-err'}>
          {error}
        </p>
      )}
    </div>
  );
}
