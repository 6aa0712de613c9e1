// Where things are: the repository, the server binary, Chromium and the artifacts directory.
// tests/e2e/run sets FORMLYMPICS_SERVER and FORMLYMPICS_E2E_ARTIFACTS; the defaults below let a
// single file run as `node --test tests/e2e/pages.test.mjs` from the repository root too.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const fromRoot = (p) => (isAbsolute(p) ? p : join(repoRoot, p));

export const serverBinary = fromRoot(process.env.FORMLYMPICS_SERVER || 'build/formlympics');
export const artifactsDir = fromRoot(process.env.FORMLYMPICS_E2E_ARTIFACTS || 'build/e2e-artifacts');
export const chromiumPath = process.env.FORMLYMPICS_CHROMIUM || '/usr/bin/chromium';
export const sampleJpeg = join(repoRoot, 'docs', 'sample-keyring.jpg');

export function ensureArtifactsDir() {
  mkdirSync(artifactsDir, { recursive: true });
  return artifactsDir;
}

// A missing binary or browser fails the test that needs it; nothing is ever skipped.
export function requireFile(path, what) {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}`);
  return path;
}
