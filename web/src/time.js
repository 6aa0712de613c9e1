// The server's clock. Phones are often seconds off, and the opening second is what buyers race
// for, so every countdown and the order button's enabling run on server time.
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';

export const offset = signal(0);
export const synced = signal(false);

export function serverNow() {
  return Date.now() + offset.peek();
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
      synced.value = true;
    }
  })().finally(() => {
    syncing = null;
  });
  return syncing;
}

// Clocks drift and phones sleep: look again every few minutes and when the page comes back.
export function startClock() {
  syncClock();
  setInterval(syncClock, 5 * 60 * 1000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') syncClock();
  });
  scheduleTick();
}

// One ticking signal for the whole page, stepping on the server's second boundary so every
// countdown changes together.
export const tick = signal(Date.now());
function scheduleTick() {
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
