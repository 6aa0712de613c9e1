// A gallery's pictures as tiles: reorder by dragging (a mouse at once, a finger after holding
// the picture a moment, so that a swipe over the pictures still scrolls the page) or with the
// arrow buttons, and remove. What a tile shows comes from `tile(item)`; the owner
// decides what a move or a removal does (a saved gallery asks the server, a new form's pictures
// wait in the page until the form is saved).
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';

export const ACCEPT = 'image/jpeg,image/png,image/webp';
// A finger drags a picture after holding it this long without moving more than SLOP_PX; a
// finger that moves sooner scrolls the page, as anywhere else.
const HOLD_MS = 300;
const SLOP_PX = 8;

function moved(items, from, to) {
  const next = items.slice();
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x);
  return next;
}

export function ImageTiles({ items, tile, label, locked, onReorder, onRemove, confirmRemove }) {
  // While a picture is dragged, the tiles show the order it would make; the owner hears of it on
  // release.
  const [preview, setPreview] = useState(null);
  const [dragging, setDragging] = useState(null);
  const listRef = useRef();
  const drag = useRef(null);
  const held = useRef(null); // a finger down, not yet holding long enough to drag
  const shown = preview || items;
  // A removal that asks first (a saved picture is gone for good): the tile asking.
  const [asking, setAsking] = useState(null);
  const yes = useRef();
  // Where the keyboard was: a moved picture keeps the focus on the button that moved it, once
  // the buttons are enabled again.
  const refocus = useRef(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  useEffect(() => {
    const want = refocus.current;
    if (!want || locked || !listRef.current) return;
    refocus.current = null;
    const buttons = [...(listRef.current.querySelector(`[data-key="${want.key}"]`)?.querySelectorAll('button') || [])];
    (buttons.find((b) => b.dataset.act === want.act && !b.disabled) || buttons.find((b) => !b.disabled))?.focus();
  });
  const move = (i, d, act) => {
    refocus.current = { key: tile(items[i]).key, act };
    onReorder(moved(items, i, i + d));
  };

  // Once a picture is being dragged, the finger's moves drag it rather than scroll the page.
  useEffect(() => {
    const list = listRef.current;
    const stop = (e) => drag.current && e.cancelable && e.preventDefault();
    list.addEventListener('touchmove', stop, { passive: false });
    return () => list.removeEventListener('touchmove', stop);
  }, []);

  const release = () => {
    if (held.current) clearTimeout(held.current.timer);
    held.current = null;
  };
  const onPointerDown = (e, i) => {
    if (locked || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const { pointerId, clientX, clientY } = e;
    const handle = e.currentTarget;
    const begin = () => {
      held.current = null;
      handle.setPointerCapture(pointerId);
      drag.current = { from: i, order: items.slice(), moved: false };
      setDragging(tile(items[i]).key);
    };
    release();
    if (e.pointerType !== 'touch') return begin();
    held.current = { x: clientX, y: clientY, timer: setTimeout(begin, HOLD_MS) };
  };
  const onPointerMove = (e) => {
    const h = held.current;
    if (h && Math.hypot(e.clientX - h.x, e.clientY - h.y) > SLOP_PX) release();
    const d = drag.current;
    if (!d || !listRef.current) return;
    const at = [...listRef.current.children].findIndex((el) => {
      const r = el.getBoundingClientRect();
      return e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    });
    if (at < 0 || at === d.from) return;
    d.order = moved(d.order, d.from, at);
    d.from = at;
    d.moved = true;
    setPreview(d.order);
  };
  const onPointerUp = () => {
    release();
    const d = drag.current;
    drag.current = null;
    setDragging(null);
    setPreview(null);
    if (d && d.moved) onReorder(d.order);
  };

  return (
    <>
      {items.length > 1 && <p class="hint">{t('img.reorder_help')}</p>}
      <ol class="image-grid" ref={listRef}>
        {shown.map((item, i) => {
          const { key, src, width, height } = tile(item);
          return (
            <li key={key} data-key={key} class={'image-tile' + (dragging === key ? ' dragging' : '')}>
              <div class="drag-handle" onPointerDown={(e) => onPointerDown(e, i)} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp} onContextMenu={(e) => e.preventDefault()}>
                <img src={src} width={width} height={height} alt={t('img.alt', { label, n: i + 1 })} draggable={false} />
              </div>
              {asking === key ? (
                <div class="tile-actions tile-confirm" role="group" aria-label={t('img.delete_q', { n: i + 1 })}>
                  <button type="button" ref={yes} class="btn btn-danger btn-small" disabled={locked} onClick={() => (setAsking(null), onRemove(item))}>
                    {t('img.delete_yes')}
                  </button>
                  <button type="button" class="btn btn-secondary btn-small" onClick={() => setAsking(null)}>
                    {t('img.delete_no')}
                  </button>
                </div>
              ) : (
                <div class="tile-actions">
                  <button type="button" data-act="up" class="icon-btn small" disabled={locked || i === 0} onClick={() => move(i, -1, 'up')} aria-label={t('img.up', { n: i + 1 })}>
                    <span aria-hidden="true">←</span>
                  </button>
                  <button type="button" data-act="down" class="icon-btn small" disabled={locked || i === items.length - 1} onClick={() => move(i, 1, 'down')} aria-label={t('img.down', { n: i + 1 })}>
                    <span aria-hidden="true">→</span>
                  </button>
                  <button type="button" class="icon-btn small danger" disabled={locked} onClick={() => (confirmRemove ? setAsking(key) : onRemove(item))} aria-label={t('img.delete', { n: i + 1 })}>
                    <span aria-hidden="true">✕</span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

// The button that picks picture files from the device.
// A gallery's title and count, `id` naming its group. `heading`, when given, is the visible title
// inside a product's card (one level down); the group is still named by `label`.
export function GalleryHeading({ id, label, heading, count, max }) {
  const Heading = heading ? 'h4' : 'h3';
  return (
    <Heading class="images-title" id={id}>
      {heading ? <span class="visually-hidden">{label} </span> : null}
      {heading || label} <span class="hint">({count}/{max})</span>
    </Heading>
  );
}

export function AddPictures({ onFiles }) {
  const pick = (e) => {
    const files = [...e.currentTarget.files];
    e.currentTarget.value = '';
    onFiles(files);
  };
  return (
    <label class="btn btn-secondary btn-small file-btn">
      {t('img.add')}
      <input type="file" accept={ACCEPT} multiple class="visually-hidden" onChange={pick} />
    </label>
  );
}
