// The seller's questions on the order form (an X handle, a fan-club number): a text input, or a
// choice (radio buttons for a few, a list for many), required ones marked. Answers are kept in the
// order draft by question id, checked here first, and the server's refusals land on their question.
import { t } from '../i18n/index.js';
import { Field } from './field.jsx';

export const ANSWER_MAX = 200;
const RADIO_MAX = 5;

// The body's answers: every answered question in the form's order (an optional one left blank is
// left out), and which question each entry is, to place the server's "answers[1].value".
export function answersBody(form, answers) {
  const sent = [];
  const body = [];
  for (const q of form.questions || []) {
    const value = String(answers[q.id] ?? '').trim();
    if (!value && !q.required) continue;
    body.push({ question_id: q.id, value });
    sent.push(q.id);
  }
  return { body, sent };
}

// Why an answer is wrong, in the page's words, or null.
function problemOf(q, value) {
  const v = String(value ?? '').trim();
  if (!v) return q.required ? t('field.required') : null;
  if (v.length > ANSWER_MAX) return t('question.too_long', { n: ANSWER_MAX });
  if (q.kind === 'CHOICE' && !q.choices.includes(v)) return t('question.pick');
  return null;
}

export function checkAnswers(form, answers) {
  const out = {};
  for (const q of form.questions || []) {
    const p = problemOf(q, answers[q.id]);
    if (p) out[q.id] = p;
  }
  return out;
}

// The server's refusals by question id: "answers[i]..." names the i-th answer sent; a bare
// "answers" (a required question not answered) names the question in its message.
export function serverAnswerErrors(form, error, sent) {
  const out = {};
  if (!error || !error.errors) return out;
  for (const { field, message, rule } of error.errors) {
    const m = String(field).match(/^answers\[(\d+)\]/);
    let q = null;
    if (m && sent) q = (form.questions || []).find((x) => x.id === sent[Number(m[1])]);
    else if (field === 'answers') q = (form.questions || []).find((x) => message && message.includes(`'${x.label}'`));
    if (q) out[q.id] = t(rule === 'control_characters' ? 'field.rule.control_characters' : 'question.refused');
  }
  return out;
}

function Choice({ q, value, onInput, error }) {
  const id = 'answer-' + q.id;
  if (q.choices.length > RADIO_MAX) {
    return (
      <Field id={id} as="select" label={label(q)} value={value} onChange={(e) => onInput(e.currentTarget.value)} error={error} aria-required={q.required ? 'true' : undefined}>
        <option value="">{t('question.choose')}</option>
        {q.choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </Field>
    );
  }
  return (
    <fieldset class="field answer-choice" role="radiogroup" aria-labelledby={id + '-legend'} aria-describedby={error ? id + '-err' : undefined} aria-required={q.required ? 'true' : undefined}>
      <legend class="legend" id={id + '-legend'}>
        {label(q)}
      </legend>
      <div class="chip-radios">
        {q.choices.map((c, i) => (
          <label key={c} class={'chip-radio' + (value === c ? ' checked' : '')}>
            <input type="radio" name={id} id={i === 0 ? id : undefined} value={c} checked={value === c} aria-invalid={error ? 'true' : undefined} onChange={() => onInput(c)} />
            <span>{c}</span>
          </label>
        ))}
      </div>
      {error && (
        <p class="error-text" id={id + '-err'}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

const label = (q) => (
  <>
    {q.label}
    {q.required ? <span class="req"> {t('question.required')}</span> : <span class="opt"> {t('question.optional')}</span>}
  </>
);

export function QuestionFields({ form, answers, onAnswer, errors }) {
  const questions = form.questions || [];
  if (!questions.length) return null;
  return (
    <section class="card" aria-labelledby="questions-h">
      <h2 id="questions-h">{t('question.title')}</h2>
      <p class="hint">{t('question.help')}</p>
      <div class="fields">
        {questions.map((q) =>
          q.kind === 'CHOICE' ? (
            <Choice key={q.id} q={q} value={answers[q.id] || ''} onInput={(v) => onAnswer(q.id, v)} error={errors[q.id]} />
          ) : (
            <Field
              key={q.id}
              id={'answer-' + q.id}
              label={label(q)}
              value={answers[q.id] || ''}
              maxlength={ANSWER_MAX}
              aria-required={q.required ? 'true' : undefined}
              onInput={(e) => onAnswer(q.id, e.currentTarget.value)}
              error={errors[q.id]}
            />
          ),
        )}
      </div>
    </section>
  );
}
