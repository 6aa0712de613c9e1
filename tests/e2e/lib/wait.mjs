// Waiting for conditions instead of sleeping: poll a check until it passes or time runs out,
// then fail with the check's own last complaint.
export const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// Runs `check` (async; throws or returns false while the condition does not hold) until it
// holds; resolves with its value.
export async function until(check, { timeout = 10_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v !== false && v !== undefined && v !== null) return v;
      last = null;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${why}`);
    }
    await sleep(interval);
  }
}

// Waits until the locator's text matches `re` (a RegExp) and returns the text.
export async function textMatches(locator, re, { timeout = 10_000, message } = {}) {
  let seen = '';
  return until(
    async () => {
      seen = (await locator.textContent({ timeout: 1000 })) ?? '';
      if (!re.test(seen)) throw new Error(`text is ${JSON.stringify(seen)}, wanted ${re}`);
      return seen;
    },
    { timeout, message: message || `text ${re}` },
  );
}
