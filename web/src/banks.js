// The banks an account may be at, from GET /api/v1/banks (read once, when a picker needs them),
// and a bank's name in the page's language.
import { signal } from '@preact/signals';
import { api } from './api.js';
import { lang } from './i18n/index.js';

export const banks = signal([]);

let loading = null;
export function loadBanks() {
  if (!loading) {
    loading = api('/api/v1/banks')
      .then((r) => {
        banks.value = r.items;
      })
      .catch(() => {
        loading = null; // the next picker tries again
      });
  }
  return loading;
}

// {ko, en} in the page's language.
export function localName(names) {
  return names ? names[lang.value] || names.ko : '';
}

// The name of an account's bank: the names its answer carries, else the list's, else its code.
export function bankName(account) {
  if (!account) return '';
  const names = account.bank_name || banks.value.find((b) => b.code === account.bank)?.name;
  return names ? localName(names) : account.bank || '';
}
