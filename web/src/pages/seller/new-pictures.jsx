// A new form's pictures: chosen before the form is first saved, kept in the page (shown from the
// device, checked for type and size as the server would) and uploaded right after the form is
// created, in the order the seller left them.
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { upload } from '../../api.js';
import { ImageTiles, AddPictures, ACCEPT } from './image-tiles.jsx';

const MAX_BYTES = 10 * 1024 * 1024;
let seq = 0;

// What the server would refuse for its label or size, said before anything is sent.
function refusal(file) {
  if (!ACCEPT.split(',').includes(file.type)) return t('img.bad_type');
  if (file.size > MAX_BYTES) return t('img.too_big');
  return null;
}

const tile = (p) => ({ key: p.key, src: p.url });

export function NewPictures({ pictures, onChange, max, label, idp }) {
  const [refused, setRefused] = useState([]); // {name, why}
  const add = (files) => {
    const taken = [];
    const bad = [];
    for (const file of files) {
      const why = refusal(file) || (pictures.length + taken.length >= max ? t('img.too_many', { max }) : null);
      if (why) bad.push({ name: file.name, why });
      else taken.push({ key: 'n' + ++seq, file, url: URL.createObjectURL(file) });
    }
    setRefused(bad);
    if (taken.length) onChange([...pictures, ...taken]);
  };
  const remove = (p) => {
    URL.revokeObjectURL(p.url);
    onChange(pictures.filter((x) => x !== p));
  };
  return (
    <div class="images" role="group" aria-labelledby={idp + '-h'}>
      <h3 class="images-title" id={idp + '-h'}>
        {label} <span class="hint">({pictures.length}/{max})</span>
      </h3>
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
// goes and returns how many could not be sent (the edit page offers them again).
export async function sendNewPictures(form, productKeys, pictures, onSent) {
  const list = uploads(form, productKeys, pictures);
  let failed = 0;
  for (let i = 0; i < list.length; i++) {
    try {
      await upload(list[i][0], list[i][1]);
    } catch {
      failed++;
    }
    onSent(i + 1, list.length);
  }
  return failed;
}
