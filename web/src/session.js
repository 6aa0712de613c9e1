// Who is signed in. The session itself is an HttpOnly cookie the script never sees: this only
// keeps the profile the server answered, and tells other tabs when it changes.
import { signal } from '@preact/signals';
import { api, onUnauthorized } from './api.js';
import { navigate, here } from './router.js';

// undefined while unknown, null when signed out, else {id, name, email, phone, address, refund_account}.
export const user = signal(undefined);
// Set when a call found the session over, so the sign-in page can say why it is shown.
export const sessionEnded = signal(false);

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('fl-session') : null;
if (channel) channel.onmessage = () => loadMe();
const tellOthers = () => channel?.postMessage('changed');

// A hint that this browser has a session, so a visitor who never signed in is not asked about
// one: the cookie is HttpOnly, and a 401 at every anonymous page load is console noise.
const HINT = 'fl_session';
function hint(on) {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    // Without storage we simply always ask.
  }
}
function hinted() {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return true;
  }
}

export async function loadMe({ force = false } = {}) {
  if (!force && !hinted()) {
    user.value = null;
    return;
  }
  try {
    user.value = await api('/api/v1/me', { quiet401: true });
    hint(true);
  } catch (e) {
    if (e.status === 401) {
      user.value = null;
      hint(false);
    } else if (user.peek() === undefined) user.value = null;
  }
}

export async function signIn(email, password) {
  const r = await api('/api/v1/web/session', { method: 'POST', body: { email, password } });
  hint(true);
  user.value = r.user;
  sessionEnded.value = false;
  tellOthers();
  return r.user;
}

export async function signOut(everywhere = false) {
  try {
    await api(everywhere ? '/api/v1/sessions' : '/api/v1/web/session', { method: 'DELETE', quiet401: true });
  } finally {
    hint(false);
    user.value = null;
    tellOthers();
  }
}

// The account was deleted from this browser: nothing of it is kept, and other tabs are told.
export function accountGone() {
  hint(false);
  user.value = null;
  tellOthers();
}

export function setUser(u) {
  user.value = u;
}

onUnauthorized(() => {
  if (user.peek() === null) return;
  hint(false);
  user.value = null;
  sessionEnded.value = true;
  tellOthers();
  if (location.pathname !== '/signin') navigate('/signin?next=' + encodeURIComponent(here()));
});
