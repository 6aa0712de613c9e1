// A new form's pictures: chosen before the form is first saved, kept in the page (shown from the
// device, checked for type and size as the server would) and uploaded right after the form is
// created, in the order the seller left them.
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { upload } from '../../api.js';
import { ImageTiles, AddPictures, ACCEPT, GalleryHeading } from './image-tiles.jsx';

const MAX_BYTES = 10 * 1024 * 1024;
let seq = 0;

// What the server would refuse for its label or size, said before anything is sent.
function refusal(file) {
  if (!ACCEPT.split(',').includes(file.type)) return t('img.bad_type');
  if (file.size > MAX_BYTES) return t('img.too_big');
  return null;
}

// Whether the browser can draw it: a file named .png that is none is found here, not after the
// form is saved.
async function drawable(url) {
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
    return true;
  } catch {
    return false;
  }
}

const tile = (p) => ({ key: p.key, src: p.url });

export function NewPictures({ pictures, onChange, max, label, heading, idp }) {
  const [refused, setRefused] = useState([]); // {name, why}
  const add = async (files) => {
    const taken = [];
    const bad = [];
    for (const file of files) {
      let why = refusal(file) || (pictures.length + taken.length >= max ? t('img.too_many', { max }) : null);
      const url = why ? null : URL.createObjectURL(file);
      if (url && !(await drawable(url))) {
        URL.revokeObjectURL(url);
        why = t('img.bad_file');
      }
      if (why) bad.push({ name: file.name, why });
      else taken.push({ key: 'n' + ++seq, file, url });
    }
    setRefused(bad);
    if (taken.length) onChange((list) => [...list, ...taken]);
  };
  const remove = (p) => {
    URL.revokeObjectURL(p.url);
    onChange((list) => list.filter((x) => x !== p));
  };
  return (
    <div class="images" role="group" aria-labelledby={idp + '-h'}>
      <GalleryHeading id={idp + '-h'} label={label} heading={heading} count={pictures.length} max={max} />
      <ImageTiles items={pictures} tile={tile} label={label} onReorder={onChange} onRemove={remove} />
      {refused.length > 0 && (
        <ul class="upload-jobs">
          {refused.map((r, i) => (
            <li key={i} class="upload-job">
              <span class="upload-name">{r.name}</span>
              <span class="error-text small" role="alert">
                {r.why}
              </span>
            </li>
          ))}
        </ul>
      )}
      {pictures.length < max && <AddPictures onFiles={add} />}
    </div>
  );
}

export const noPictures = () => ({ cover: [], products: {} });

// The editor's setter for one gallery of its pictures (the cover, or a product's by its row key),
// taking the new list or a function of the one before.
export const gallerySetter = (setPictures, productKey) => (next) =>
  setPictures((x) => {
    const was = productKey ? x.products[productKey] || [] : x.cover;
    const list = typeof next === 'function' ? next(was) : next;
    return productKey ? { ...x, products: { ...x.products, [productKey]: list } } : { ...x, cover: list };
  });

// The uploads, in order: the cover's pictures, then each product's (the form comes back with its
// products in the order they were sent, which is the editor's).
function uploads(form, productKeys, pictures) {
  const base = `/api/v1/forms/${form.id}`;
  const out = pictures.cover.map((p) => [`${base}/images`, p.file]);
  productKeys.forEach((k, i) => {
    for (const p of pictures.products[k] || []) out.push([`${base}/products/${form.products[i].id}/images`, p.file]);
  });
  return out;
}

export const pictureCount = (productKeys, pictures) =>
  productKeys.reduce((n, k) => n + (pictures.products[k] || []).length, pictures.cover.length);

// Sends the pictures of a form just created, one at a time; tells `onSent(done, total)` as it
// goes and returns the names of the files that could not be sent.
export async function sendNewPictures(form, productKeys, pictures, onSent) {
  const list = uploads(form, productKeys, pictures);
  const failed = [];
  for (let i = 0; i < list.length; i++) {
    try {
      await upload(list[i][0], list[i][1]);
    } catch {
      failed.push(list[i][1].name);
    }
    onSent(i + 1, list.length);
  }
  return failed;
}

// The names of a new form's pictures that did not go up, for its edit page to say which.
const unsentKey = (formId) => `unsent-pictures:${formId}`;

export function noteUnsent(formId, names) {
  try {
    sessionStorage.setItem(unsentKey(formId), JSON.stringify(names));
  } catch {
    // Storage refused: the edit page says how many, not which.
  }
}

export function unsentNames(formId) {
  try {
    return JSON.parse(sessionStorage.getItem(unsentKey(formId))) || [];
  } catch {
    return [];
  }
}
