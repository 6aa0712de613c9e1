// The signed-in user's notifications. The unread count comes with the shared stream (each
// connection opens with it); the list is fetched only when someone looks at it (the bell opens,
// /me/notifications), so a page load at the opening second asks for no list. Live items are
// merged by id, so a replay or a gap fill never shows one twice.
import { signal, effect } from '@preact/signals';
import { api } from './api.js';
import { user } from './session.js';
import { subscribeNotifications } from './streams.js';

export const items = signal([]); // newest first
export const unread = signal(0);
export const loaded = signal(false);
export const nextCursor = signal(null);

// The newest id the unread count covers: live items above it are news to count.
let countedUpTo = 0;
let counted = false; // a count came (from the stream or the list) since signing in
let fallback = null;
// A tab whose stream another tab holds hears a count only when a connection opens: if none
// comes this soon, the list gives one.
const COUNT_WAIT_MS = 5000;

const newListeners = new Set();
// fn(item) for each notification that arrives while the page is open.
export function onNewNotification(fn) {
  newListeners.add(fn);
  return () => newListeners.delete(fn);
}

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('fl-notif-read') : null;
if (channel) {
  channel.onmessage = ({ data }) => {
    if (data && typeof data.unread === 'number') applyRead(data.upTo, data.unread);
  };
}

function merge(list, { live = false, announce = true } = {}) {
  const byId = new Map(items.peek().map((n) => [n.id, n]));
  const fresh = [];
  for (const n of list) {
    if (!n || typeof n.id !== 'number') continue;
    if (!byId.has(n.id)) fresh.push(n);
    byId.set(n.id, { ...byId.get(n.id), ...n });
  }
  items.value = [...byId.values()].sort((a, b) => b.id - a.id);
  // Live items that were not known yet are unread ones the last count did not include.
  if (live) unread.value += fresh.filter((n) => !n.read && n.id > countedUpTo).length;
  if (announce) for (const n of fresh) for (const fn of newListeners) fn(n);
}

let loading = null;
export function refresh() {
  if (loading) return loading;
  loading = api('/api/v1/me/notifications?limit=20')
    .then((r) => {
      const first = !loaded.peek();
      // The first page is history, not news; a later fill (after a reopen) may bring news.
      merge(r.items, { announce: !first });
      if (first) nextCursor.value = r.next_cursor;
      unread.value = r.unread;
      countedUpTo = Math.max(countedUpTo, r.items[0]?.id ?? 0);
      counted = true;
      loaded.value = true;
    })
    .catch(() => {})
    .finally(() => {
      loading = null;
    });
  return loading;
}

// The list, fetched once someone looks at it.
export function ensureLoaded() {
  return loaded.peek() ? Promise.resolve() : refresh();
}

export async function loadMore() {
  if (!nextCursor.peek()) return;
  const r = await api('/api/v1/me/notifications?limit=20&cursor=' + encodeURIComponent(nextCursor.peek()));
  const byId = new Map(items.peek().map((n) => [n.id, n]));
  for (const n of r.items) if (!byId.has(n.id)) byId.set(n.id, n);
  items.value = [...byId.values()].sort((a, b) => b.id - a.id);
  nextCursor.value = r.next_cursor;
}

function applyRead(upTo, count) {
  items.value = items.peek().map((n) => (n.id <= upTo && !n.read ? { ...n, read: true } : n));
  unread.value = count;
}

export async function markAllRead() {
  const top = items.peek()[0];
  if (!top || unread.peek() === 0) return;
  const r = await api('/api/v1/me/notifications/read', { method: 'POST', body: { up_to_id: top.id } });
  applyRead(top.id, r.unread);
  channel?.postMessage({ upTo: top.id, unread: r.unread });
}

let stop = null;
effect(() => {
  const u = user.value;
  if (u && !stop) {
    loaded.value = false;
    counted = false;
    countedUpTo = 0;
    stop = subscribeNotifications(
      (type, data) => {
        if (type === 'unread') {
          // The count as a connection opened, of everything up to `as_of`.
          if (typeof data?.unread === 'number' && typeof data.as_of === 'number') {
            unread.value = data.unread;
            countedUpTo = data.as_of;
            counted = true;
          }
        } else if (type === 'reopen') {
          // Fill what the list may have missed; without a list there is nothing to fill, and
          // the new connection's count is already right.
          if (loaded.peek()) refresh();
        } else merge([data], { live: true });
      },
      // Where a new connection resumes when none came through the stream yet: after the newest
      // listed (a replay of one already here merges away by id).
      () => (loaded.peek() ? items.peek()[0]?.id ?? 0 : null),
    );
    clearTimeout(fallback);
    fallback = setTimeout(() => {
      if (!counted) refresh();
    }, COUNT_WAIT_MS);
  } else if (!u && stop) {
    stop();
    stop = null;
    clearTimeout(fallback);
    items.value = [];
    unread.value = 0;
    loaded.value = false;
  }
});
