// The seller pages' words, loaded with them so buyers never download these.
import { addStrings } from '../../i18n/index.js';
import ko from './strings-ko.js';
import en from './strings-en.js';

addStrings({ ko, en });
