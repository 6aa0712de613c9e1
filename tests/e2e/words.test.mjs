// Every word the app shows exists in both languages: a key only one dictionary holds shows as the
// bare key (e.g. "img.too_many") on the other language's pages.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { dictionaries } from './lib/strings.mjs';

for (const [where, { ko, en }] of Object.entries(dictionaries)) {
  it(`the ${where} words are in Korean and English alike`, () => {
    const missing = (a, b) => Object.keys(a).filter((k) => !(k in b)).sort();
    assert.deepEqual(missing(en, ko), [], 'in English only');
    assert.deepEqual(missing(ko, en), [], 'in Korean only');
  });
}
