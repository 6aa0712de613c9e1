// The signed-in user's notifications: the first page from the list, then live from the shared
// stream, merged by id so a replay or a gap fill never shows one twice.
import { signal, effect } from '@preact/signals';
import { api } from './api.js';
import { user } from './session.js';
import { subscribeNotifications } from './streams.js';

export const items = signal([]); // newest first
export const unread = signal(0);
export const loaded = signal(false);
export const nextCursor = signal(null);

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
  if (live) unread.value += fresh.filter((n) => !n.read).length;
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
      loaded.value = true;
    })
    .catch(() => {})
    .finally(() => {
      loading = null;
    });
  return loading;
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
    refresh();
    stop = subscribeNotifications(
      (type, data) => {
        if (type === 'reopen') refresh();
        else merge([data], { live: true });
      },
      // Where a new connection resumes when none came through the stream yet: after the newest
      // listed (a replay of one already here merges away by id).
      () => (loaded.peek() ? items.peek()[0]?.id ?? 0 : null),
    );
  } else if (!u && stop) {
    stop();
    stop = null;
    items.value = [];
    unread.value = 0;
    loaded.value = false;
  }
});
