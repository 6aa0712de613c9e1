// A product's place in an option group: "옵션 그룹으로 묶기" turns a product into one option of a
// group (포토카드 · A 버전) with its own stock, and the group's limit per buyer across its options.
import { t } from '../../i18n/index.js';
import { Field } from '../../components/field.jsx';
import { setGroupLimit } from './editor-model.js';

const err = (errors, path) => errors[path];

export function GroupFields({ p, i, products, onChange, errors, disabled }) {
  const setAt = (patch) => onChange(products.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  // One group's options share a limit: typing it on one option types it on all of them.
  const setLimit = (value) => onChange(setGroupLimit(products.map((x, j) => (j === i ? { ...x, group_limit: value } : x)), p.group, value));
  const groupErr = err(errors, `products[${i}].group`);
  const limitErr = err(errors, `products[${i}].group_limit`) || (i === products.findIndex((x) => x.grouped && x.group.trim() === p.group.trim()) ? errors['products.group_limit'] : undefined);
  return (
    <div class={'group-fields' + (p.grouped ? ' on' : '')}>
      <label class="check-line">
        <input
          type="checkbox"
          checked={p.grouped}
          disabled={disabled}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            // Joining a group someone already named: the last group above is the likely one.
            const above = products.slice(0, i).reverse().find((x) => x.grouped && x.group.trim());
            setAt(on ? { grouped: true, group: p.group || (above ? above.group : ''), group_limit: p.group_limit || (above ? above.group_limit : '') } : { grouped: false });
          }}
        />
        <span>{t('editor.grouped')}</span>
      </label>
      {p.grouped && (
        <>
          <p class="hint">{t('editor.grouped_help')}</p>
          <div class="grid-2">
            <Field id={`p${i}-group`} label={t('editor.group')} hint={t('editor.group_hint')} value={p.group} disabled={disabled} maxlength="50" onInput={(e) => setAt({ group: e.currentTarget.value })} error={groupErr} />
            <Field id={`p${i}-option`} label={t('editor.option')} hint={t('editor.option_hint')} value={p.option} disabled={disabled} maxlength="50" onInput={(e) => setAt({ option: e.currentTarget.value })} error={err(errors, `products[${i}].option`)} />
          </div>
          <Field id={`p${i}-glimit`} label={t('editor.group_limit')} hint={t('editor.group_limit_hint')} value={p.group_limit} disabled={disabled} inputmode="numeric" class="field-short" onInput={(e) => setLimit(e.currentTarget.value)} error={limitErr} />
        </>
      )}
    </div>
  );
}
