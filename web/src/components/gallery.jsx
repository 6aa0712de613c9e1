import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { Img } from './img.jsx';

// The cover pictures side by side, swiped on a phone (scroll snapping) or moved with the buttons
// at their sides, with a position readout.
export function Gallery({ images, title }) {
  const [index, setIndex] = useState(0);
  const track = useRef();
  if (!images || !images.length) return null;
  const go = (d) => {
    const el = track.current;
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollTo({ left: (index + d) * el.clientWidth, behavior: still ? 'auto' : 'smooth' });
  };
  const onScroll = (e) => {
    const el = e.currentTarget;
    setIndex(Math.round(el.scrollLeft / Math.max(1, el.clientWidth)));
  };
  return (
    <section class="gallery" aria-label={t('form.gallery')}>
      <ul class="gallery-track" ref={track} onScroll={onScroll} tabindex="0" aria-label={t('form.gallery')}>
        {images.map((img, i) => (
          <li key={img.id} class="gallery-item">
            <Img image={img} alt={t('form.picture_n', { title, n: i + 1, total: images.length })} eager={i === 0} />
          </li>
        ))}
      </ul>
      {index > 0 && (
        <button type="button" class="gallery-nav prev" onClick={() => go(-1)} aria-label={t('picture.prev')}>
          <span aria-hidden="true">‹</span>
        </button>
      )}
      {index < images.length - 1 && (
        <button type="button" class="gallery-nav next" onClick={() => go(1)} aria-label={t('picture.next')}>
          <span aria-hidden="true">›</span>
        </button>
      )}
      {images.length > 1 && (
        <p class="gallery-count" aria-hidden="true">
          {index + 1} / {images.length}
        </p>
      )}
    </section>
  );
}
