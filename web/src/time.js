// The server's clock. Phones are often seconds off, and the opening second is what buyers race
// for, so every countdown and the order button's enabling run on server time.
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';

export const offset = signal(0);

export function serverNow() {
  return Date.now() + offset.peek();
}

// A sample is good for five minutes in every tab of the browser: a buyer who reloads the form
// page again and again in the opening second asks for the time once, not on every load.
const KEPT = 'fl_clock';
const FRESH_MS = 5 * 60 * 1000;

// The kept offset and its age, or null when there is none this fresh (or the phone's clock
// went back since).
function kept() {
  try {
    const v = JSON.parse(localStorage.getItem(KEPT));
    const age = Date.now() - v.at;
    if (Number.isFinite(v.offset) && age >= 0 && age < FRESH_MS) return { offset: v.offset, age };
  } catch {
    // Nothing kept, or storage is off: sample.
  }
  return null;
}

async function sample() {
  const d0 = Date.now();
  const p0 = performance.now();
  const res = await fetch('/api/v1/time', {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'X-Formlympics-Web': '1', Accept: 'application/json' },
  });
  const rtt = performance.now() - p0;
  const { now_ms } = await res.json();
  // The server read its clock about half a round trip after we sent.
  return { rtt, offset: now_ms - (d0 + rtt / 2) };
}

// Three samples, the one with the shortest round trip kept (the least uncertain).
let syncing = null;
export function syncClock() {
  if (syncing) return syncing;
  syncing = (async () => {
    let best = null;
    for (let i = 0; i < 3; i++) {
      try {
        const s = await sample();
        if (!best || s.rtt < best.rtt) best = s;
      } catch {
        // A failed sample leaves the others; none at all keeps the last offset.
      }
    }
    if (best) {
      offset.value = Math.round(best.offset);
      try {
        localStorage.setItem(KEPT, JSON.stringify({ offset: offset.value, at: Date.now() }));
      } catch {
        // Storage full or off: this page still has the offset.
      }
    }
  })().finally(() => {
    syncing = null;
  });
  return syncing;
}

// Clocks drift and phones sleep: look again every five minutes, and when the page comes back
// to a sample older than a minute.
export function startClock() {
  const k = kept();
  if (k) offset.value = k.offset;
  setTimeout(
    () => {
      syncClock();
      setInterval(syncClock, FRESH_MS);
    },
    k ? FRESH_MS - k.age : 0,
  );
  document.addEventListener('visibilitychange', () => {
    const again = kept();
    if (document.visibilityState === 'visible' && (!again || again.age > 60_000)) syncClock();
  });
  scheduleTick();
}

// The phone's clock less the page's monotonic one: steady unless the phone's clock is set (by
// hand, or by the network) while the page is open, which makes the offset wrong at once; or
// the phone slept, when the monotonic clock may have stopped. Either way, sample again.
let wallLessMonotonic = Date.now() - performance.now();

// One ticking signal for the whole page, stepping on the server's second boundary so every
// countdown changes together.
export const tick = signal(Date.now());
function scheduleTick() {
  const moved = Date.now() - performance.now() - wallLessMonotonic;
  if (Math.abs(moved) > 1000) {
    wallLessMonotonic += moved;
    syncClock();
  }
  const now = serverNow();
  tick.value = now;
  setTimeout(scheduleTick, 1000 - (now % 1000) + 5);
}

// True from the server instant `at` on; flips at that instant (not at the next tick).
export function useReached(at) {
  const target = typeof at === 'string' ? Date.parse(at) : at;
  const [reached, setReached] = useState(() => Number.isFinite(target) && serverNow() >= target);
  const off = offset.value; // re-arm when the clock is corrected
  useEffect(() => {
    if (!Number.isFinite(target)) return undefined;
    let timer;
    const check = () => {
      const left = target - serverNow();
      if (left <= 0) {
        setReached(true);
        return;
      }
      setReached(false);
      // Long waits are split so a corrected offset or a sleeping phone cannot delay the flip much.
      timer = setTimeout(check, Math.min(left, 60_000));
    };
    check();
    return () => clearTimeout(timer);
  }, [target, off]);
  return reached;
}
