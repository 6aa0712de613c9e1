import { t } from '../i18n/index.js';

// An ordered item as the order keeps it: an option reads "포토카드 · A 버전", with its own name
// beside it when that says more.
export function ItemName({ item: i }) {
  if (!i.group) return <>{i.name}</>;
  const extra = i.name !== `${i.group} ${i.option}` && i.name !== i.option;
  return (
    <>
      <span class="item-option">
        {i.group} · {i.option}
      </span>
      {extra && <span class="hint"> ({i.name})</span>}
    </>
  );
}

// The buyer's answers to the seller's questions, as they were asked when the order was placed.
export function AnswerList({ answers, compact }) {
  if (!answers || !answers.length) return null;
  return (
    <dl class={'kv answers' + (compact ? ' compact' : '')}>
      {answers.map((a) => (
        <div key={a.question_id}>
          <dt>{a.label}</dt>
          <dd class="pre">{a.value}</dd>
        </div>
      ))}
    </dl>
  );
}
