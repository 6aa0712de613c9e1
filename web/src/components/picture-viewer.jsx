// Pictures shown large, one at a time, over the page: a modal <dialog> (focus kept inside, Esc
// closes), with the previous and next picture a button away.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { Img } from './img.jsx';

export function PictureViewer({ images, start = 0, label, onClose }) {
  const ref = useRef();
  const [i, setI] = useState(start);
  useEffect(() => {
    const dialog = ref.current;
    dialog.showModal();
    return () => dialog.open && dialog.close();
  }, []);
  const step = (d) => setI((n) => (n + d + images.length) % images.length);
  const name = t('product.picture_n', { name: label, n: i + 1 });
  return (
    <dialog ref={ref} class="viewer" aria-label={name} onClose={onClose} onClick={(e) => e.target === ref.current && ref.current.close()}>
      <div class="viewer-body">
        <Img image={images[i]} alt={name} eager sizes="(min-width: 720px) 680px, 100vw" />
        <div class="viewer-bar">
          {images.length > 1 && (
            <>
              <button type="button" class="icon-btn" onClick={() => step(-1)} aria-label={t('picture.prev')}>
                <span aria-hidden="true">←</span>
              </button>
              <span class="viewer-count">
                {i + 1} / {images.length}
              </span>
              <button type="button" class="icon-btn" onClick={() => step(1)} aria-label={t('picture.next')}>
                <span aria-hidden="true">→</span>
              </button>
            </>
          )}
          <button type="button" class="btn btn-secondary btn-small viewer-close" onClick={() => ref.current.close()}>
            {t('picture.close')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
