// What the user typed survives a trip to the sign-in page (a session that ended mid-order) and a
// reload: forms keep their fields in sessionStorage under a page-specific key.
import { useState, useCallback } from 'preact/hooks';

function read(key) {
  try {
    const v = sessionStorage.getItem('draft:' + key);
    return v ? JSON.parse(v) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key, value) {
  try {
    sessionStorage.setItem('draft:' + key, JSON.stringify(value));
  } catch {
    // Storage may be full or refused; the form still works, it just will not survive a reload.
  }
}

export function clearDraft(key) {
  try {
    sessionStorage.removeItem('draft:' + key);
  } catch {
    // ignored, as above
  }
}

// Like useState for an object of fields, remembered under `key` (null: not remembered).
export function useDraft(key, initial) {
  const [value, setValue] = useState(() => {
    const saved = key && read(key);
    const base = typeof initial === 'function' ? initial() : initial;
    return saved ? { ...base, ...saved } : base;
  });
  const update = useCallback(
    (patch) => {
      setValue((old) => {
        const next = { ...old, ...(typeof patch === 'function' ? patch(old) : patch) };
        if (key) saveDraft(key, next);
        return next;
      });
    },
    [key],
  );
  return [value, update, setValue];
}
