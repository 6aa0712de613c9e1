import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';

// A keyset-paged list: the first page on mount (and when `url` changes), more on request.
export function usePaged(url, deps = []) {
  const [items, setItems] = useState(null);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const sep = url.includes('?') ? '&' : '?';
  const load = () => {
    setError(null);
    return api(url)
      .then((r) => {
        setItems(r.items);
        setNext(r.next_cursor || null);
      })
      .catch(setError);
  };
  useEffect(() => {
    setItems(null);
    load();
  }, [url, ...deps]);
  const more = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const r = await api(url + sep + 'cursor=' + encodeURIComponent(next));
      setItems((old) => [...(old || []), ...r.items]);
      setNext(r.next_cursor || null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { items, setItems, next, more, busy, error, reload: load };
}
