// One saved gallery's pictures (the form's cover, or a product's): upload with progress, reorder
// and delete, each at once on the server.
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { api, upload } from '../../api.js';
import { problemText } from '../../components/problem.jsx';
import { ImageTiles, AddPictures, GalleryHeading } from './image-tiles.jsx';

const tile = (img) => ({ key: img.id, src: img.thumb_url, width: img.width, height: img.height });

export function uploadError(e) {
  const key = { 413: 'img.too_big', 415: 'img.bad_type', 422: 'img.bad_file', 409: 'img.conflict', 503: 'img.busy' }[e.status];
  return key ? t(key) : problemText(e);
}

export function ImageManager({ formId, productId, images: initial, max, label, heading, closed }) {
  const [images, setImages] = useState(initial || []);
  const [jobs, setJobs] = useState([]); // {name, progress, error}
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const base = productId ? `/api/v1/forms/${formId}/products/${productId}/images` : `/api/v1/forms/${formId}/images`;
  const idp = productId ? `img-p${productId}` : 'img-cover';

  const onFiles = async (files) => {
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

  return (
    <div class="images" role="group" aria-labelledby={idp + '-h'}>
      <GalleryHeading id={idp + '-h'} label={label} heading={heading} count={images.length} max={max} />
      <ImageTiles items={images} tile={tile} label={label} locked={busy || closed} onReorder={save} onRemove={remove} confirmRemove />
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
      {!closed && images.length < max && <AddPictures onFiles={onFiles} />}
    </div>
  );
}
