// Live streams shared by all tabs of this browser, on as few connections as possible. Browsers
// allow about six connections per host, and a buyer with several tabs open at the opening second
// must not spend them on duplicate streams: one tab (the leader, elected with a Web Lock it holds
// for its lifetime) keeps the EventSources and relays every event to the other tabs over a
// BroadcastChannel. Followers tell the leader which streams they want. When the leader closes,
// another tab gets the lock and opens the streams again; it fills the gap it may have missed (see
// 'reopen' below).
//
// Signed in (someone wants the notifications), the leader holds ONE EventSource:
// /api/v1/me/notifications/stream?forms=<up to 10 wanted form ids, sorted>&last_event_id=<the
// newest notification heard>. It carries the notifications (with ids) and those forms' stock and
// status events (without ids, so the browser's Last-Event-ID stays a notification's); events are
// routed by kind to 'notif', or by their form_id to 'form:<id>'. When the wanted forms change (a
// page change is an unsubscribe and a subscribe, so wants settle REPLAN_MS first), the connection
// is replaced by one for the new set: the notifications resume after the newest one heard (before
// any, the newest id the last connection's opening `unread` count covered, or the newest the
// notification store listed), and a form's stream starts with a snapshot of
// its stock and status, so nothing is lost and no one needs to refetch. A new leader waits
// GATHER_MS before its first connection, so a page's session and form make one, not two in turn.
// Forms past the tenth use their public streams, /api/v1/forms/{id}/stream.
// A form a page found gone (its GET answered 404) is streamed nowhere; one unknown id would make
// the server refuse the whole connection. Should the shared connection fail FALLBACK_AFTER times
// in a row anyway, its forms go to their own public streams and the notifications alone: a bad
// form cannot take the notifications down. A form whose own stream then fails while the
// notifications flow stays off the shared connection; the others rejoin it.
// Signed out, every wanted form has its public stream.
//
// Listeners get (type, data) where type is an SSE event name, or 'reopen' after a stream that may
// have missed events (it failed, or another tab held it) was opened anew: a form page then
// refetches the form, the notification store refetches its list (if it has one). Every
// notification connection opens with 'unread' ({unread, as_of}), relayed like the rest. The
// browser's own reconnects resend Last-Event-ID and a form's stream starts with a snapshot, so
// they need no 'reopen'.
//
// Phones freeze background tabs. A visible follower that has not heard from its leader for a
// while takes the lock over (steal); the old leader's lock request then fails and it steps down.

const NOTIF = 'notif';
const NOTIF_KINDS = [
  'form_liked', 'order_placed', 'deposit_confirmed', 'shipped', 'delivered',
  'order_cancelled', 'order_expired', 'refunded', 'opening_soon', 'restocked', 'message',
];
const FORM_EVENTS = ['stock', 'opened', 'sold_out', 'closed'];
const LOCK = 'fl-streams-leader';
const HEARTBEAT_MS = 20_000; // followers restate their wants
const PING_MS = 10_000; // the leader says it is alive
const SILENT_MS = 25_000; // a leader unheard this long is taken over by a visible follower
// Wants outlive a throttled background follower's heartbeat (up to a minute apart) with room.
const STALE_MS = 180_000;
const MAX_FORMS = 10; // the server's limit on ?forms=
const REPLAN_MS = 150; // wants settle this long before connections change
// A new leader opens nothing this long: a page's first wants (the notifications once the session
// is known, the form once it has loaded) arrive one by one, and should make one connection.
const GATHER_MS = 400;
const FALLBACK_AFTER = 2; // failures in a row of the shared connection before its forms leave it
const SPLIT_RETRY_MS = 60_000; // then, with every separate stream open, sharing is tried again
const SHARED = 'all'; // the connection key of the shared stream (others are 'form:<id>')

const tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
const listeners = new Map(); // key -> Set(fn)
const mine = new Map(); // key -> number of local subscriptions
const others = new Map(); // tab -> {keys: Set, seen}
const conns = new Map(); // SHARED or 'form:<id>' -> {id, forms, sig, es, timer, attempts, streak, everOpened}
const dirty = new Set(); // keys that may have missed events: 'reopen' once a connection carrying them opens
const missing = new Set(); // form ids whose GET answered 404: no stream at all
const solo = new Set(); // form ids whose own stream failed while the notifications flowed
let split = null; // {sig, retryAt}: the shared connection kept failing with these forms on it
let splitRounds = 0;
let lastNotif = null; // the newest notification id heard: where a new connection resumes
let notifFloor = null; // () => the notification store's newest id (0 when empty, null before it loads)
let notifOpened = false; // a connection carrying the notifications was opened since they were wanted
let isLeader = false;
let sawLeader = false; // another tab led before us: our first opens are reopens
let channel = null;
let started = false;
let lastHeard = Date.now();
let leaderTimers = [];
let replanTimer = null;
let gatherUntil = 0;

const formKey = (id) => 'form:' + id;
const isId = (id) => /^[1-9][0-9]{0,15}$/.test(id);

// `id`: a notification's, or the `as_of` of a connection's opening unread count (0 when there
// were none yet: a resume after 0 misses nothing).
function noteNotif(id) {
  if (typeof id === 'number' && id >= 0 && (lastNotif === null || id > lastNotif)) lastNotif = id;
}

function deliver(key, type, data) {
  if (key === NOTIF && data) noteNotif(type === 'unread' ? data.as_of : data.id);
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

// Which connections the wanted keys need: connection key -> the form ids it carries.
function plan(want) {
  const forms = [];
  for (const k of want) if (k.startsWith('form:') && !missing.has(k.slice(5))) forms.push(k.slice(5));
  const out = new Map();
  if (want.has(NOTIF)) {
    let shared = forms
      .filter((id) => isId(id) && !solo.has(id))
      .sort((a, b) => a - b)
      .slice(0, MAX_FORMS);
    const sig = shared.join(',');
    if (split && split.sig !== sig) split = null; // another set of forms: share again
    if (split) shared = [];
    out.set(SHARED, shared);
    for (const id of forms) if (!shared.includes(id)) out.set(formKey(id), [id]);
  } else {
    for (const id of forms) out.set(formKey(id), [id]);
  }
  return out;
}

function resumeId() {
  if (lastNotif !== null) return lastNotif;
  const floor = notifFloor?.();
  return typeof floor === 'number' && floor >= 0 ? floor : null;
}

function connect(c) {
  const shared = c.id === SHARED;
  let url;
  if (shared) {
    const q = [];
    if (c.forms.length) q.push('forms=' + c.forms.join(','));
    const from = resumeId();
    if (from !== null) q.push('last_event_id=' + from);
    // Nowhere to resume from: what came between the connections is fetched after this one opens.
    else if (notifOpened) dirty.add(NOTIF);
    notifOpened = true;
    url = '/api/v1/me/notifications/stream' + (q.length ? '?' + q.join('&') : '');
  } else {
    url = `/api/v1/forms/${encodeURIComponent(c.forms[0])}/stream`;
  }
  const keys = shared ? [NOTIF, ...c.forms.map(formKey)] : [c.id];
  const es = new EventSource(url);
  c.es = es;
  c.sig = c.forms.join(',');
  const mineNow = () => conns.get(c.id) === c && c.es === es;
  es.onopen = () => {
    if (!mineNow()) return;
    c.attempts = 0;
    c.streak = 0;
    c.everOpened = true;
    if (shared && c.forms.length) splitRounds = 0;
    for (const k of keys) if (dirty.delete(k)) relay(k, 'reopen', null);
    if (!shared && solo.delete(c.forms[0])) schedule(); // it exists after all: it may share again
  };
  const on = (name, route) =>
    es.addEventListener(name, (e) => {
      let data = null;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      const key = route(data, e);
      if (key && mineNow()) relay(key, name, data);
    });
  if (shared) {
    on('unread', () => NOTIF);
    for (const name of NOTIF_KINDS) {
      on(name, (data, e) => {
        noteNotif(isId(e.lastEventId) ? Number(e.lastEventId) : data?.id);
        return NOTIF;
      });
    }
  }
  for (const name of FORM_EVENTS) {
    on(name, (data) => (!shared ? c.id : data && data.form_id != null ? formKey(data.form_id) : null));
  }
  es.onerror = () => {
    if (es.readyState !== EventSource.CLOSED) return; // the browser is retrying by itself
    es.close();
    if (!mineNow()) return;
    c.es = null;
    keys.forEach((k) => dirty.add(k));
    if (shared && c.forms.length && ++c.streak >= FALLBACK_AFTER) {
      // Refused again and again with these forms on it (a 404 for one of them closes it all):
      // the notifications go alone, each form on its own stream, until the set changes or a
      // while has passed with every one of those streams open.
      split = { sig: c.sig, retryAt: Date.now() + Math.min(600_000, SPLIT_RETRY_MS * 2 ** splitRounds++) };
      reconcile();
      return;
    }
    if (!shared && !c.everOpened && conns.get(SHARED)?.es?.readyState === EventSource.OPEN && !solo.has(c.forms[0])) {
      // Refused while the notifications' stream is open: this form is what broke the shared
      // one. It stays off that (until its own stream opens); the others share again.
      solo.add(c.forms[0]);
      schedule();
    }
    // Closed for good (a 502, a refused connection, a 401): try again, backing off with jitter
    // so a whole opening crowd does not come back in the same second.
    const base = Math.min(30_000, 1000 * 2 ** c.attempts++);
    const delay = base / 2 + Math.random() * (base / 2);
    c.timer = setTimeout(() => {
      c.timer = null;
      if (isLeader && conns.get(c.id) === c && !c.es) connect(c);
    }, delay);
  };
}

function close(id) {
  const c = conns.get(id);
  if (!c) return;
  clearTimeout(c.timer);
  c.es?.close();
  conns.delete(id);
}

// `inherited`: streams the previous leader had open, whose listeners may have missed events.
function reconcile(inherited) {
  clearTimeout(replanTimer);
  replanTimer = null;
  if (!isLeader) return;
  const want = wanted();
  inherited?.forEach((k) => dirty.add(k));
  for (const k of [...dirty]) if (!want.has(k)) dirty.delete(k);
  for (const id of [...solo]) if (!want.has(formKey(id))) solo.delete(id);
  if (!want.has(NOTIF)) {
    lastNotif = null;
    notifOpened = false;
  }
  if (!conns.size && Date.now() < gatherUntil) {
    replanTimer = setTimeout(() => reconcile(), gatherUntil - Date.now());
    return;
  }
  if (split && Date.now() >= split.retryAt) {
    const open = (c) => c?.es?.readyState === EventSource.OPEN;
    if (open(conns.get(SHARED)) && split.sig.split(',').every((id) => missing.has(id) || open(conns.get(formKey(id))))) {
      split = null;
    }
  }
  const target = plan(want);
  // Close first: the connections per host are few.
  for (const id of [...conns.keys()]) if (!target.has(id)) close(id);
  for (const [id, forms] of target) {
    const c = conns.get(id);
    if (!c) {
      const n = { id, forms, sig: '', es: null, timer: null, attempts: 0, streak: 0, everOpened: false };
      conns.set(id, n);
      connect(n);
    } else if (c.sig !== forms.join(',')) {
      // Another set of forms: a new connection for it replaces the old one.
      clearTimeout(c.timer);
      c.timer = null;
      c.es?.close();
      c.forms = forms;
      c.streak = 0;
      connect(c);
    }
  }
}

// Wants change in bursts (a page change unsubscribes one form and subscribes the next): the
// connections follow once they settle.
function schedule() {
  if (!isLeader) return;
  clearTimeout(replanTimer);
  replanTimer = setTimeout(() => reconcile(), REPLAN_MS);
}

function announce() {
  if (isLeader) schedule();
  else channel?.postMessage({ t: 'want', tab: tabId, keys: [...mine.keys()] });
}

function becomeLeader() {
  isLeader = true;
  gatherUntil = Date.now() + GATHER_MS;
  channel?.postMessage({ t: 'leader', tab: tabId });
  reconcile(sawLeader ? wanted() : null);
  leaderTimers = [
    setInterval(() => reconcile(), HEARTBEAT_MS),
    setInterval(() => channel?.postMessage({ t: 'ping', tab: tabId }), PING_MS),
  ];
}

function stepDown() {
  isLeader = false;
  leaderTimers.forEach(clearInterval);
  leaderTimers = [];
  clearTimeout(replanTimer);
  replanTimer = null;
  for (const id of [...conns.keys()]) close(id);
  split = null;
  splitRounds = 0;
  notifOpened = false;
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
    schedule();
  } else if (m.t === 'bye') {
    others.delete(m.tab);
    schedule();
  } else if (m.t === 'missing' || m.t === 'found') {
    if (m.t === 'missing') missing.add(String(m.id));
    else missing.delete(String(m.id));
    schedule();
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
    if (key === NOTIF && !n) {
      lastNotif = null;
      notifFloor = null;
    }
    announce();
  };
}

// A form page subscribes once the form has loaded, so the form exists.
export function subscribeForm(id, fn) {
  id = String(id);
  if (missing.delete(id)) {
    start();
    channel?.postMessage({ t: 'found', id });
  }
  return subscribe(formKey(id), fn);
}

// The form page's GET answered 404: no stream for that form, in this tab or the leader.
export function formNotFound(id) {
  id = String(id);
  if (missing.has(id)) return;
  missing.add(id);
  start();
  channel?.postMessage({ t: 'missing', id });
  announce();
}

// `newest`: () => the id of the newest notification the caller holds (0 for none, null before it
// knows), where a connection resumes when none came through the stream yet.
export function subscribeNotifications(fn, newest) {
  if (newest) notifFloor = newest;
  return subscribe(NOTIF, fn);
}
