import { useEffect } from 'preact/hooks';
import { location$ } from '../router.js';

// Closes an open menu on Escape (returning focus to its button), on a click outside and on
// navigation.
export function useDismiss(open, setOpen, rootRef, buttonRef) {
  const path = location$.value.path;
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onDown = (e) => {
      if (rootRef.current && !rootRef.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);
}
