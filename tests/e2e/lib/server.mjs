// A throwaway Formlympics server for one test file: its own SQLite file in a temporary directory,
// a free port, a fixed token secret (so sessions survive a restart), stopped at the end even when
// a test fails. kill9() and restart() bring it down hard and back on the same port and data.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureArtifactsDir, requireFile, serverBinary } from './env.mjs';
import { overlayDir, startOverlay } from './overlay.mjs';

const live = new Set(); // child processes still running, killed on any exit
const dirs = new Set(); // data directories not yet removed

function killAllNow() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    killAllNow();
    process.exit(130);
  });
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class TestServer {
  constructor(name, { openingSoonMinutes = 10, extraArgs = [] } = {}) {
    this.name = name;
    this.openingSoonMinutes = openingSoonMinutes;
    this.extraArgs = extraArgs;
    this.secret = randomBytes(32).toString('hex'); // 64 bytes of text
    this.dir = null;
    this.port = null;
    this.child = null;
    this.starts = 0;
    this.logTail = [];
    this.overlay = null;
  }

  // Where browsers and the API helpers go: the server itself (or, when trying unreleased pages,
  // the overlay in front of it; see overlay.mjs).
  get baseURL() {
    return this.overlay ? `http://127.0.0.1:${this.overlay.address().port}` : this.directURL;
  }

  get directURL() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    requireFile(serverBinary, 'the server binary (build it, or set FORMLYMPICS_SERVER)');
    if (!this.dir) {
      this.dir = mkdtempSync(join(tmpdir(), 'fl-e2e-'));
      dirs.add(this.dir);
    }
    if (!this.port) this.port = await freePort();
    // Seeding signs many users up from this machine: the API helpers name each one's address in
    // X-Forwarded-For, trusted from loopback, so the per-address sign-up limit applies per user.
    const args = [
      'serve',
      '--listen', `127.0.0.1:${this.port}`,
      '--database-url', `sqlite:${join(this.dir, 'db.sqlite')}`,
      '--trusted-proxies', '127.0.0.1',
      '--opening-soon-minutes', String(this.openingSoonMinutes),
      '--workers', '4',
      '--log-level', 'warn',
      ...this.extraArgs,
    ];
    const logPath = join(ensureArtifactsDir(), `server-${this.name}.log`);
    const log = createWriteStream(logPath, { flags: this.starts ? 'a' : 'w' });
    log.write(`--- start ${++this.starts}: ${serverBinary} ${args.join(' ')}\n`);
    const child = spawn(serverBinary, args, {
      env: { ...process.env, FORMLYMPICS_JWT_SECRET: this.secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    live.add(child);
    const keep = (chunk) => {
      log.write(chunk);
      this.logTail.push(...String(chunk).split('\n').filter(Boolean));
      if (this.logTail.length > 40) this.logTail.splice(0, this.logTail.length - 40);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.exited = new Promise((r) =>
      child.on('exit', (code, signal) => {
        live.delete(child);
        log.end(`--- exit ${code ?? signal}\n`);
        r({ code, signal });
      }),
    );
    let gone = null;
    child.exited.then((e) => (gone = e));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (gone) {
        throw new Error(`server exited (${gone.code ?? gone.signal}) while starting:\n${this.logTail.join('\n')}`);
      }
      try {
        const r = await fetch(this.directURL + '/api/v1/time', { signal: AbortSignal.timeout(1000) });
        if (r.ok) {
          await r.json();
          if (overlayDir() && !this.overlay) this.overlay = await startOverlay(overlayDir(), this.port);
          return this;
        }
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`server did not answer /api/v1/time in 20 s:\n${this.logTail.join('\n')}`);
      await sleep(50);
    }
  }

  // Brings the server down at once, as a crash or an OOM kill would.
  async kill9() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await child.exited;
  }

  async restart() {
    await this.kill9();
    await this.start();
  }

  // Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its data. Fails when it
  // does not exit cleanly: a sanitizer report (a leak at exit among them) exits non-zero.
  async stop() {
    const child = this.child;
    let unclean = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      const e = await child.exited;
      clearTimeout(t);
      if (e.code !== 0) unclean = e.code ?? e.signal;
    }
    if (this.overlay) {
      this.overlay.closeAllConnections();
      await new Promise((r) => this.overlay.close(r));
      this.overlay = null;
    }
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      dirs.delete(this.dir);
    }
    this.dir = null;
    if (unclean !== null) {
      throw new Error(`the server did not exit cleanly on SIGTERM (${unclean}):\n${this.logTail.join('\n')}`);
    }
  }
}

// Starts a server for this file and returns it; the caller registers stop() in after().
export async function startServer(name, options) {
  const s = new TestServer(name, options);
  await s.start();
  return s;
}
