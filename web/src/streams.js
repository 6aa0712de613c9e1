// Live streams shared by all tabs of this browser. Browsers allow about six connections per
// host, and a buyer with several tabs open at the opening second must not spend them on
// duplicate streams: one tab (the leader, elected with a Web Lock it holds for its lifetime) keeps
// the EventSources and relays every event to the other tabs over a BroadcastChannel. Followers
// tell the leader which form streams they want. When the leader closes, another tab gets the lock
// and opens the streams again; it fills the gap it may have missed (see 'reopen' below).
//
// Listeners get (type, data) where type is an SSE event name, or 'reopen' after a stream was
// opened anew: a form page then refetches the form, the notification store refetches its list.
//
// Phones freeze background tabs. A visible follower that has not heard from its leader for a
// while takes the lock over (steal); the old leader's lock request then fails and it steps down.

const NOTIF = 'notif';
const NOTIF_KINDS = [
  'form_liked', 'order_placed', 'deposit_confirmed', 'shipped', 'delivered',
  'order_cancelled', 'order_expired', 'opening_soon', 'restocked', 'message',
];
const FORM_EVENTS = ['stock', 'opened', 'sold_out', 'closed'];
const LOCK = 'fl-streams-leader';
const HEARTBEAT_MS = 20_000; // followers restate their wants
const PING_MS = 10_000; // the leader says it is alive
const SILENT_MS = 25_000; // a leader unheard this long is taken over by a visible follower
// Wants outlive a throttled background follower's heartbeat (up to a minute apart) with room.
const STALE_MS = 180_000;

const tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
const listeners = new Map(); // key -> Set(fn)
const mine = new Map(); // key -> number of local subscriptions
const others = new Map(); // tab -> {keys: Set, seen}
const sources = new Map(); // key -> {es, attempts, timer, opens}
let isLeader = false;
let sawLeader = false; // another tab led before us: our first opens are reopens
let channel = null;
let started = false;
let lastHeard = Date.now();
let leaderTimers = [];

const urlOf = (key) => (key === NOTIF ? '/api/v1/me/notifications/stream' : `/api/v1/forms/${key.slice(5)}/stream`);

function deliver(key, type, data) {
  for (const fn of listeners.get(key) || []) {
    try {
      fn(type, data);
    } catch (e) {
      console.error(e);
    }
  }
}

// The leader hears an event: its own listeners, then every other tab's.
function relay(key, type, data) {
  deliver(key, type, data);
  channel?.postMessage({ t: 'ev', key, type, data });
}

function wanted() {
  const keys = new Set([...mine.keys()]);
  const now = Date.now();
  for (const [tab, o] of others) {
    if (now - o.seen > STALE_MS) others.delete(tab);
    else o.keys.forEach((k) => keys.add(k));
  }
  return keys;
}

function open(key, reopen) {
  const s = sources.get(key) || { attempts: 0, timer: null, opens: 0 };
  sources.set(key, s);
  const es = new EventSource(urlOf(key));
  s.es = es;
  const fresh = reopen || s.opens > 0;
  es.onopen = () => {
    s.attempts = 0;
    // The browser's own reconnects resend Last-Event-ID and the form stream starts with a
    // snapshot; a new EventSource knows neither, so its listeners fill the gap.
    if (s.opens++ === 0 && fresh) relay(key, 'reopen', null);
  };
  const names = key === NOTIF ? NOTIF_KINDS : FORM_EVENTS;
  for (const name of names) {
    es.addEventListener(name, (e) => {
      let data = null;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      relay(key, name, data);
    });
  }
  es.onerror = () => {
    if (es.readyState !== EventSource.CLOSED) return; // the browser is retrying by itself
    es.close();
    if (sources.get(key) !== s || s.es !== es) return;
    // Closed for good (a 502, a refused connection, a 401): try again, backing off with jitter
    // so a whole opening crowd does not come back in the same second.
    const base = Math.min(30_000, 1000 * 2 ** s.attempts++);
    const delay = base / 2 + Math.random() * (base / 2);
    s.timer = setTimeout(() => {
      s.timer = null;
      if (isLeader && wanted().has(key) && sources.get(key) === s) {
        s.opens = 0;
        open(key, true);
      }
    }, delay);
  };
}

function close(key) {
  const s = sources.get(key);
  if (!s) return;
  clearTimeout(s.timer);
  s.es?.close();
  sources.delete(key);
}

// `inherited`: streams the previous leader had open, whose listeners may have missed events.
function reconcile(inherited = new Set()) {
  if (!isLeader) return;
  const want = wanted();
  for (const key of want) if (!sources.has(key)) open(key, inherited.has(key));
  for (const key of [...sources.keys()]) if (!want.has(key)) close(key);
}

function announce() {
  if (isLeader) reconcile();
  else channel?.postMessage({ t: 'want', tab: tabId, keys: [...mine.keys()] });
}

function becomeLeader() {
  isLeader = true;
  channel?.postMessage({ t: 'leader', tab: tabId });
  reconcile(sawLeader ? wanted() : new Set());
  leaderTimers = [
    setInterval(() => reconcile(), HEARTBEAT_MS),
    setInterval(() => channel?.postMessage({ t: 'ping', tab: tabId }), PING_MS),
  ];
}

function stepDown() {
  isLeader = false;
  leaderTimers.forEach(clearInterval);
  leaderTimers = [];
  for (const key of [...sources.keys()]) close(key);
  lastHeard = Date.now();
  announce();
}

// Waits for the lock (or takes it), leads while holding it, and queues again if it is taken away.
function seekLead(steal = false) {
  navigator.locks
    .request(LOCK, steal ? { steal: true } : {}, () => {
      becomeLeader();
      // Held until the tab goes away; then the next waiting tab's callback runs.
      return new Promise(() => {});
    })
    .catch(() => {
      if (isLeader) stepDown();
      seekLead();
    });
}

function checkLeader() {
  if (isLeader || document.visibilityState !== 'visible') return;
  if (Date.now() - lastHeard > SILENT_MS) {
    sawLeader = true;
    lastHeard = Date.now();
    seekLead(true);
  }
}

function onMessage({ data: m }) {
  if (!m || typeof m !== 'object') return;
  if (m.t === 'ev' || m.t === 'ping' || m.t === 'leader') lastHeard = Date.now();
  if (m.t === 'ev') {
    if (!isLeader) deliver(m.key, m.type, m.data);
  } else if (m.t === 'want') {
    others.set(m.tab, { keys: new Set(m.keys), seen: Date.now() });
    reconcile();
  } else if (m.t === 'bye') {
    others.delete(m.tab);
    reconcile();
  } else if (m.t === 'leader') {
    sawLeader = true;
    if (!isLeader) announce();
  } else if (m.t === 'hello' && isLeader) {
    channel.postMessage({ t: 'leader', tab: tabId });
  }
}

function start() {
  if (started) return;
  started = true;
  if (typeof BroadcastChannel === 'function' && navigator.locks?.request) {
    channel = new BroadcastChannel('fl-streams');
    channel.onmessage = onMessage;
    channel.postMessage({ t: 'hello', tab: tabId });
    seekLead();
    setInterval(() => !isLeader && announce(), HEARTBEAT_MS);
    setInterval(checkLeader, 5000);
    document.addEventListener('visibilitychange', checkLeader);
    addEventListener('pagehide', () => !isLeader && channel.postMessage({ t: 'bye', tab: tabId }));
    // A page restored from the back/forward cache is a tab again.
    addEventListener('pageshow', (e) => e.persisted && announce());
  } else {
    // Without locks or channels every tab keeps its own streams.
    becomeLeader();
  }
}

function subscribe(key, fn) {
  start();
  if (!listeners.has(key)) listeners.set(key, new Set());
  listeners.get(key).add(fn);
  mine.set(key, (mine.get(key) || 0) + 1);
  announce();
  return () => {
    listeners.get(key)?.delete(fn);
    const n = (mine.get(key) || 1) - 1;
    if (n) mine.set(key, n);
    else mine.delete(key);
    announce();
  };
}

export const subscribeForm = (id, fn) => subscribe('form:' + id, fn);
export const subscribeNotifications = (fn) => subscribe(NOTIF, fn);
