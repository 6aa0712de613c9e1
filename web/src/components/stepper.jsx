import { t } from '../i18n/index.js';

// A quantity stepper: big −/+ buttons around a numeric input, clamped to [0, max].
export function Stepper({ id, name, value, max, disabled, onChange, testid }) {
  const set = (v) => onChange(Math.max(0, Math.min(max, Number.isFinite(v) ? Math.floor(v) : 0)));
  return (
    <div class="stepper">
      <button
        type="button"
        class="stepper-btn"
        aria-label={t('stepper.less', { name })}
        disabled={disabled || value <= 0}
        onClick={() => set(value - 1)}
      >
        <span aria-hidden="true">−</span>
      </button>
      <label class="visually-hidden" for={id}>
        {t('stepper.qty', { name })}
      </label>
      <input
        id={id}
        data-testid={testid}
        class="stepper-input"
        type="number"
        inputmode="numeric"
        min="0"
        max={max}
        value={value}
        disabled={disabled}
        onInput={(e) => e.currentTarget.value !== '' && set(Number(e.currentTarget.value))}
        onBlur={(e) => set(Number(e.currentTarget.value))}
      />
      <button
        type="button"
        class="stepper-btn"
        aria-label={t('stepper.more', { name })}
        disabled={disabled || value >= max}
        onClick={() => set(value + 1)}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}
