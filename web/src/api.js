// Every call to the server goes through here: the CSRF header, same-origin cookies, JSON in and
// out, problem documents turned into ApiError, timeouts, and retries where they are safe.
export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.code || (status === 0 ? 'network' : `http_${status}`);
    this.detail = this.body.detail || '';
    this.errors = this.body.errors || [];
    this.retryAfter = retryAfter;
  }
  get network() {
    return this.status === 0;
  }
}

let unauthorizedHandler = null;
// Called when a signed-in call learns the session has ended.
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}
export function sessionGone(err) {
  if (err && err.status === 401 && err.code !== 'invalid_credentials' && unauthorizedHandler) unauthorizedHandler(err);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function backoff(attempt, base = 500, cap = 8000) {
  const d = Math.min(cap, base * 2 ** attempt);
  return d / 2 + Math.random() * (d / 2);
}

function retryAfterMs(res) {
  const v = res.headers.get('Retry-After');
  const n = v ? Number(v) : NaN;
  return Number.isFinite(n) ? n * 1000 : null;
}

// One HTTP exchange. Throws ApiError (status 0 for a network failure or timeout).
export async function send(path, { method = 'GET', body, headers = {}, timeout = 10_000, signal } = {}) {
  const h = { 'X-Formlympics-Web': '1', Accept: 'application/json, application/problem+json', ...headers };
  let payload = body;
  if (body !== undefined && !(body instanceof Blob)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeout);
  const onAbort = () => ctl.abort();
  signal?.addEventListener('abort', onAbort);
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: payload, credentials: 'same-origin', signal: ctl.signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, { code: 'network', detail: String(e && e.message) });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  if (res.status === 204) return { status: 204, data: null, headers: res.headers };
  let data = null;
  const type = res.headers.get('Content-Type') || '';
  try {
    if (type.includes('json')) data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) throw new ApiError(res.status, data, retryAfterMs(res));
  return { status: res.status, data, headers: res.headers };
}

// Retries reads (and idempotent writes marked `retry`) on network failures and 502/503/504.
export async function api(path, opts = {}) {
  const method = opts.method || 'GET';
  const tries = opts.retries ?? (method === 'GET' || method === 'PUT' || method === 'DELETE' ? 2 : 0);
  for (let attempt = 0; ; attempt++) {
    try {
      return (await send(path, opts)).data;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (!opts.quiet401) sessionGone(e);
      const transient = e.network || e.status === 502 || e.status === 503 || e.status === 504;
      if (!transient || attempt >= tries) throw e;
      await sleep(Math.min(e.retryAfter ?? backoff(attempt), 10_000));
    }
  }
}

// Uploads a file as the raw body, reporting progress (fetch cannot report upload progress).
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('X-Formlympics-Web', '1');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onload = () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data);
      const ra = Number(xhr.getResponseHeader('Retry-After'));
      const err = new ApiError(xhr.status, data, Number.isFinite(ra) && ra > 0 ? ra * 1000 : null);
      sessionGone(err);
      reject(err);
    };
    xhr.onerror = xhr.ontimeout = () => reject(new ApiError(0, { code: 'network' }));
    xhr.send(file);
  });
}
