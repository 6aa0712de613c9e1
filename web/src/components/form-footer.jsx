import { ErrorText, problemText } from './problem.jsx';

// The end of a small form: the answer's error as a whole (a validation problem's messages stand by
// their fields instead), a note once it went through, and the submit button.
export function FormFooter({ error, done, doneText, busy, label }) {
  return (
    <>
      {error && error.code !== 'validation_failed' && <ErrorText error={problemText(error)} />}
      {done && (
        <p class="ok-text" role="status">
          {doneText}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {label}
      </button>
    </>
  );
}
