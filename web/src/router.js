// Client-side routing over real <a href> links: a click on a same-origin link becomes a
// history.pushState, so pages switch without a reload and links still work without scripts.
import { signal } from '@preact/signals';

export const location$ = signal({ path: location.pathname, search: location.search });

function update() {
  location$.value = { path: location.pathname, search: location.search };
}

export function navigate(href, { replace = false } = {}) {
  const url = new URL(href, location.href);
  const target = url.pathname + url.search + url.hash;
  if (target === location.pathname + location.search + location.hash && !replace) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', target);
  update();
  if (!url.hash) window.scrollTo(0, 0);
}

export function query() {
  return new URLSearchParams(location$.value.search);
}

// The page to come back to after signing in: only a path on this site.
export function safeNext(v) {
  return v && v.startsWith('/') && !v.startsWith('//') ? v : '/';
}

export function here() {
  return location.pathname + location.search;
}

// A page with work that leaving would lose asks before a link or the back button takes the buyer
// or seller away (a reload or a closed tab is the page's own `beforeunload`). Returns the way to
// stop asking.
let leaving = null;
// Whether the buyer or seller, asked, chose to stay on `from` rather than go to `to`.
const stays = (from, to) => leaving && from !== to && !confirm(leaving.question);
export function askBeforeLeaving(question) {
  const mine = { question };
  leaving = mine;
  return () => {
    if (leaving === mine) leaving = null;
  };
}

export function startRouter() {
  // The back and forward buttons have moved the address already: staying puts it back.
  window.addEventListener('popstate', () => {
    const was = location$.value;
    if (stays(was.path, location.pathname)) {
      history.pushState(null, '', was.path + was.search);
      return;
    }
    update();
  });
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.dataset.reload !== undefined) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/images/')) return;
    // In-page anchors (the skip link) are the browser's to follow.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    e.preventDefault();
    if (stays(location.pathname, url.pathname)) return;
    navigate(url.href);
  });
}

// Matches "/forms/:id" patterns; ids must be plain decimals like the server's.
export function match(pattern, path) {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (path === '/') return pattern === '/' ? {} : null;
  if (p.length !== s.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      if (!/^[1-9][0-9]{0,17}$/.test(s[i])) return null;
      params[p[i].slice(1)] = s[i];
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function useTitle(text) {
  if (text) document.title = text + ' · Formlympics';
}
