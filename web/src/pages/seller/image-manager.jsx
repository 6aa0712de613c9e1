// One gallery's pictures (the form's cover, or a product's): upload with progress, reorder by
// dragging (pointer events, so touch and mouse alike) or with move buttons, and delete.
import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { api, upload } from '../../api.js';
import { problemText } from '../../components/problem.jsx';

const ACCEPT = 'image/jpeg,image/png,image/webp';

function uploadError(e) {
  const key = { 413: 'img.too_big', 415: 'img.bad_type', 422: 'img.bad_file', 409: 'img.conflict', 503: 'img.busy' }[e.status];
  return key ? t(key) : problemText(e);
}

export function ImageManager({ formId, productId, images: initial, max, label, closed }) {
  const [images, setImages] = useState(initial || []);
  const [jobs, setJobs] = useState([]); // {name, progress, error}
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(null);
  const listRef = useRef();
  const base = productId ? `/api/v1/forms/${formId}/products/${productId}/images` : `/api/v1/forms/${formId}/images`;
  const idp = productId ? `img-p${productId}` : 'img-cover';

  const onFiles = async (e) => {
    const files = [...e.currentTarget.files];
    e.currentTarget.value = '';
    setError(null);
    for (const file of files) {
      const job = { name: file.name, progress: 0, error: null };
      setJobs((j) => [...j, job]);
      const patch = (p) => setJobs((j) => j.map((x) => (x === job ? Object.assign(job, p) : x)));
      try {
        const img = await upload(base, file, (progress) => patch({ progress }));
        setImages((list) => [...list, img]);
        setJobs((j) => j.filter((x) => x !== job));
      } catch (err) {
        patch({ error: uploadError(err), progress: 0 });
      }
    }
  };

  const save = async (next) => {
    const before = images;
    setImages(next);
    setBusy(true);
    setError(null);
    try {
      const r = await api(base + '/order', { method: 'PUT', body: { ids: next.map((i) => i.id) } });
      setImages(r.images);
    } catch (e) {
      setImages(before);
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const move = (i, d) => {
    const next = images.slice();
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x);
    save(next);
  };
  const remove = async (img) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/forms/${formId}/images/${img.id}`, { method: 'DELETE' });
      setImages((list) => list.filter((x) => x.id !== img.id));
    } catch (e) {
      // A retried delete whose first try went through finds nothing left to delete.
      if (e.status === 404) setImages((list) => list.filter((x) => x.id !== img.id));
      else setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  // Dragging: the picture follows the pointer's slot; the new order is saved on release.
  const drag = useRef(null);
  const onPointerDown = (e, i) => {
    if (busy || closed) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { from: i, order: images.slice(), moved: false };
    setDragging(images[i].id);
  };
  const onPointerMove = (e) => {
    const d = drag.current;
    if (!d || !listRef.current) return;
    const items = [...listRef.current.children];
    const at = items.findIndex((el) => {
      const r = el.getBoundingClientRect();
      return e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    });
    if (at < 0 || at === d.from) return;
    const next = d.order.slice();
    const [x] = next.splice(d.from, 1);
    next.splice(at, 0, x);
    d.order = next;
    d.from = at;
    d.moved = true;
    setImages(next);
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    setDragging(null);
    if (d && d.moved) save(d.order);
  };

  return (
    <div class="images" role="group" aria-labelledby={idp + '-h'}>
      <h3 class="images-title" id={idp + '-h'}>
        {label} <span class="hint">({images.length}/{max})</span>
      </h3>
      {images.length > 1 && <p class="hint">{t('img.reorder_help')}</p>}
      <ol class="image-grid" ref={listRef}>
        {images.map((img, i) => (
          <li key={img.id} class={'image-tile' + (dragging === img.id ? ' dragging' : '')}>
            <div
              class="drag-handle"
              onPointerDown={(e) => onPointerDown(e, i)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp}
            >
              <img src={img.thumb_url} width={img.width} height={img.height} alt={t('img.alt', { label, n: i + 1 })} draggable={false} />
            </div>
            <div class="tile-actions">
              <button type="button" class="icon-btn small" disabled={busy || closed || i === 0} onClick={() => move(i, -1)} aria-label={t('img.up', { n: i + 1 })}>
                <span aria-hidden="true">←</span>
              </button>
              <button type="button" class="icon-btn small" disabled={busy || closed || i === images.length - 1} onClick={() => move(i, 1)} aria-label={t('img.down', { n: i + 1 })}>
                <span aria-hidden="true">→</span>
              </button>
              <button type="button" class="icon-btn small danger" disabled={busy || closed} onClick={() => remove(img)} aria-label={t('img.delete', { n: i + 1 })}>
                <span aria-hidden="true">✕</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      {jobs.length > 0 && (
        <ul class="upload-jobs">
          {jobs.map((j, i) => (
            <li key={i} class="upload-job">
              <span class="upload-name">{j.name}</span>
              {j.error ? (
                <span class="error-text small" role="alert">
                  {j.error}
                </span>
              ) : (
                <progress max="1" value={j.progress} aria-label={t('img.uploading', { name: j.name })} />
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error-text" role="alert">
          {error}
        </p>
      )}
      {!closed && images.length < max && (
        <label class="btn btn-secondary btn-small file-btn">
          {t('img.add')}
          <input type="file" accept={ACCEPT} multiple class="visually-hidden" onChange={onFiles} />
        </label>
      )}
    </div>
  );
}
