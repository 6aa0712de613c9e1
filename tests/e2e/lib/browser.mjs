// Debian's Chromium through playwright-core: one browser per test file, a context per user (its
// own cookies, viewport, language and time zone), screenshots and axe checks into the artifacts
// directory, and a guard that fails a test on any console error, uncaught exception or CSP
// violation it did not expect.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import { chromiumPath, ensureArtifactsDir, requireFile } from './env.mjs';

export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};

// The scenarios run in both languages and at both sizes.
export const MAIN_COMBOS = [
  { lang: 'ko', vp: 'phone' },
  { lang: 'en', vp: 'desktop' },
];
export const ALL_COMBOS = [
  { lang: 'ko', vp: 'phone' },
  { lang: 'ko', vp: 'desktop' },
  { lang: 'en', vp: 'phone' },
  { lang: 'en', vp: 'desktop' },
];

export async function launchBrowser() {
  requireFile(chromiumPath, 'Chromium (apt-get install chromium, or set FORMLYMPICS_CHROMIUM)');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

// Console errors and CSP violations of every page of a context. Tests that provoke errors on
// purpose (a 401 from a wrong password, a dropped stream) name them with allow().
class Guard {
  constructor(label) {
    this.label = label;
    this.errors = [];
    this.allowed = [];
  }

  allow(re) {
    this.allowed.push(re);
    return this;
  }

  // Errors matching `res` are expected while `fn` runs (and only then).
  async allowing(res, fn) {
    const before = this.allowed.length;
    this.allowed.push(...res);
    try {
      return await fn();
    } finally {
      await new Promise((r) => setTimeout(r, 100)); // console messages come a little after
      this.allowed.splice(before, res.length);
    }
  }

  record(kind, text, url) {
    const line = `${kind}: ${text}${url ? ` (${url})` : ''}`;
    if (this.allowed.some((re) => re.test(line))) return;
    this.errors.push(line);
  }

  watch(page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.record('console error', msg.text(), msg.location()?.url);
    });
    page.on('pageerror', (err) => this.record('uncaught exception', err.stack || err.message));
  }

  // Fails with every unexpected error since the last check.
  check(what = '') {
    const errs = this.errors.splice(0);
    if (errs.length) {
      throw new Error(`${this.label}${what ? ` ${what}` : ''}: ${errs.length} console error(s)/CSP violation(s):\n  ${errs.join('\n  ')}`);
    }
  }
}

// A browser context for one user: language (the app's remembered choice), viewport, Seoul time.
export async function newUserContext(browser, baseURL, { lang, vp, label = '', setLang = true } = {}) {
  const context = await browser.newContext({
    baseURL,
    ...VIEWPORTS[vp],
    locale: lang === 'ko' ? 'ko-KR' : 'en-US',
    timezoneId: 'Asia/Seoul',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  if (setLang) {
    // What the language toggle stores: the server reads the cookie for <html lang>, the app too.
    await context.addCookies([{ name: 'fl_lang', value: lang, url: baseURL }]);
  }
  // A CSP violation is also a console error in Chromium; this names it plainly either way.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || ''}:${e.lineNumber || ''}`);
    });
  });
  const guard = new Guard(`[${lang}/${vp}${label ? ' ' + label : ''}]`);
  context.on('page', (p) => {
    p.e2e = { lang, vp };
    guard.watch(p);
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.e2e = { lang, vp };
  return { context, page, guard, lang, vp };
}

function fileName(lang, vp, name) {
  return `${lang}-${vp}-${name}`.replace(/[^a-zA-Z0-9._-]+/g, '_') + '.png';
}

// A full-page screenshot into the artifacts directory: <lang>-<viewport>-<name>.png.
export async function shot(page, name, { lang, vp } = page.e2e || {}) {
  const path = join(ensureArtifactsDir(), fileName(lang, vp, name));
  // From the top, so sticky bars sit where a visitor first sees them.
  await page.evaluate(() => new Promise((r) => {
    window.scrollTo(0, 0);
    requestAnimationFrame(() => requestAnimationFrame(r));
  }));
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

// Runs axe on the page; fails on any serious or critical violation, listed readably. Legacy
// mode runs axe.run in the page itself: the default splits the run per frame and finishes it in
// a blank page it opens for the purpose, which is for cross-origin iframes (the app has none)
// and costs 0.7 s a call here, twice the run itself, with the same results.
export async function checkA11y(page, name) {
  const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (!bad.length) return result;
  const lines = bad.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() || ''}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      ... and ${v.nodes.length - 5} more` : '';
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
  });
  throw new Error(`axe on ${name} (${page.url()}): ${bad.length} serious/critical violation(s):\n${lines.join('\n')}`);
}
