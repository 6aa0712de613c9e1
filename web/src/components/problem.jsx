// Turning problem documents into messages in the page's language.
import { t, has, lang } from '../i18n/index.js';

// The message for an error as a whole (not its per-field parts).
export function problemText(err) {
  if (!err) return '';
  if (err.network) return t('err.network');
  const key = 'err.' + err.code;
  if (err.code === 'too_many_requests' && err.retryAfter) {
    return t('err.too_many_requests_in', { n: Math.ceil(err.retryAfter / 1000) });
  }
  if (has(key)) return t(key);
  if (err.status >= 500) return t('err.server');
  return err.detail || t('err.generic');
}

// "delivery.phone" and "items[0].quantity" name the input they belong to by their last part.
export function fieldName(field) {
  return String(field || '').replace(/\[\d+\]/g, '').split('.').pop();
}

// {field: message} for a validation problem, in the page's language where we know the field.
export function fieldErrors(err) {
  const out = {};
  if (!err || !err.errors) return out;
  for (const { field, message, rule } of err.errors) {
    const name = fieldName(field);
    const known = 'field.' + name;
    // "questions[0].label" is not a delivery method's label: a list's own words come first
    // ("add_products" are products too).
    const section = String(field || '').split('.')[0].replace(/\[\d+\]/g, '').replace(/^add_/, '');
    const scoped = `field.${section}.${name}`;
    // Our own sentence where we know the field; else the server's (English) words, which name
    // the rule, in English pages, and a general sentence in Korean ones.
    // An invisible character is the one thing the field's own sentence cannot point at.
    let text;
    if (rule === 'control_characters') text = t('field.rule.control_characters');
    // Left empty: say so, rather than the field's sentence about what it may hold.
    else if (rule === 'blank') text = t('field.required');
    else if (section !== name && has(scoped)) text = t(scoped);
    else if (has(known)) text = t(known);
    else if (lang.value === 'en' && message) text = message.charAt(0).toUpperCase() + message.slice(1) + '.';
    else text = t('err.invalid');
    out[field] = text;
    if (!(name in out)) out[name] = text;
  }
  return out;
}

export function ErrorText({ error, id, class: cls }) {
  if (!error) return null;
  const text = typeof error === 'string' ? error : problemText(error);
  return (
    <p class={'error-text ' + (cls || '')} id={id} role="alert">
      {text}
    </p>
  );
}
