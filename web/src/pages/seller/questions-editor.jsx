// Questions every buyer answers with the order (an X handle, a fan-club number): up to 10, each a
// free text or a choice of 2 to 20. They may change only before the opening (or while a draft);
// after that they are shown as they are asked.
import { t } from '../../i18n/index.js';
import { Field } from '../../components/field.jsx';
import { emptyQuestion, QUESTION_MAX, CHOICE_MIN, CHOICE_MAX } from './editor-model.js';

const KINDS = ['TEXT', 'CHOICE'];

function Choices({ q, i, onChange, errors }) {
  const setChoice = (j, value) => onChange({ choices: q.choices.map((c, k) => (k === j ? value : c)) });
  const listErr = errors[`questions[${i}].choices`];
  return (
    <fieldset class="choices" aria-describedby={listErr ? `q${i}-choices-err` : undefined}>
      <legend class="legend">{t('editor.choices')}</legend>
      <ol class="choice-list">
        {q.choices.map((c, j) => (
          <li key={j} class="choice-row">
            <Field id={`q${i}-c${j}`} label={t('editor.choice_n', { n: j + 1 })} value={c} maxlength="100" onInput={(e) => setChoice(j, e.currentTarget.value)} error={errors[`questions[${i}].choices[${j}]`]} />
            {q.choices.length > CHOICE_MIN && (
              <button type="button" class="btn btn-small btn-secondary" onClick={() => onChange({ choices: q.choices.filter((_, k) => k !== j) })}>
                {t('editor.remove_choice', { n: j + 1 })}
              </button>
            )}
          </li>
        ))}
      </ol>
      {listErr && (
        <p class="error-text" id={`q${i}-choices-err`}>
          {listErr}
        </p>
      )}
      {q.choices.length < CHOICE_MAX && (
        <button type="button" class="btn btn-small btn-secondary" onClick={() => onChange({ choices: [...q.choices, ''] })}>
          {t('editor.add_choice', { n: i + 1 })}
        </button>
      )}
    </fieldset>
  );
}

function ReadOnly({ questions }) {
  if (!questions.length) return <p class="hint">{t('editor.no_questions')}</p>;
  return (
    <ol class="question-list">
      {questions.map((q) => (
        <li key={q.key}>
          <strong>{q.label}</strong> <span class="hint">· {t('editor.qkind.' + q.kind)}{q.required ? ' · ' + t('editor.required') : ''}</span>
          {q.kind === 'CHOICE' && <span class="block hint">{q.choices.join(' / ')}</span>}
        </li>
      ))}
    </ol>
  );
}

export function QuestionsEditor({ questions, onChange, errors, locked }) {
  const setAt = (i, patch) => onChange(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  return (
    <fieldset class="card fieldset" aria-describedby="questions-help">
      <legend class="legend">
        <h2 class="legend-h">{t('editor.questions')}</h2>
      </legend>
      <p class="hint" id="questions-help">
        {locked ? t('editor.questions_locked') : t('editor.questions_help')}
      </p>
      {errors.questions && <p class="error-text">{errors.questions}</p>}
      {locked ? (
        <ReadOnly questions={questions} />
      ) : (
        <>
          <ol class="editor-list">
            {questions.map((q, i) => (
              <li key={q.key} class="editor-item">
                <h3 class="editor-item-title">{t('editor.question_n', { n: i + 1 })}</h3>
                <Field id={`q${i}-label`} label={t('editor.question_label')} hint={t('editor.question_label_hint')} value={q.label} maxlength="100" onInput={(e) => setAt(i, { label: e.currentTarget.value })} error={errors[`questions[${i}].label`]} />
                <Field id={`q${i}-kind`} as="select" label={t('editor.question_kind')} value={q.kind} onChange={(e) => setAt(i, { kind: e.currentTarget.value })} error={errors[`questions[${i}].kind`]}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t('editor.qkind.' + k)}
                    </option>
                  ))}
                </Field>
                {q.kind === 'CHOICE' && <Choices q={q} i={i} onChange={(patch) => setAt(i, patch)} errors={errors} />}
                <label class="check-line">
                  <input type="checkbox" checked={q.required} onChange={(e) => setAt(i, { required: e.currentTarget.checked })} />
                  <span>{t('editor.required_label')}</span>
                </label>
                <button type="button" class="btn btn-small btn-secondary" onClick={() => onChange(questions.filter((_, j) => j !== i))}>
                  {t('editor.remove_question', { n: i + 1 })}
                </button>
              </li>
            ))}
          </ol>
          {questions.length < QUESTION_MAX && (
            <button type="button" class="btn btn-secondary" onClick={() => onChange([...questions, emptyQuestion()])}>
              {t('editor.add_question')}
            </button>
          )}
        </>
      )}
    </fieldset>
  );
}
