// For trying pages that are not compiled into the server yet (off unless
// FORMLYMPICS_E2E_WEB_OVERLAY names a directory built by `node web/build.mjs <out>`, i.e.
// <out>/web): a small proxy in front of the server that answers /assets/* and the shell's script
// and style tags from that build, and passes everything else (API, streams, images, pages'
// headers) through unchanged. The suite's verdict is always the run without it.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join, extname, normalize } from 'node:path';

const types = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export function overlayDir() {
  return process.env.FORMLYMPICS_E2E_WEB_OVERLAY || null;
}

export function startOverlay(dir, upstreamPort) {
  const shell = readFileSync(join(dir, 'index.html'), 'utf8');
  const css = shell.match(/<link rel="stylesheet" href="[^"]*">/)?.[0] ?? '';
  const js = shell.match(/<script type="module" src="[^"]*"><\/script>/)?.[0] ?? '';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path));
    if (req.method === 'GET' && file.startsWith(dir) && path !== '/' && path !== '/index.html' && existsSync(file) && statSync(file).isFile()) {
      const br = /\bbr\b/.test(req.headers['accept-encoding'] || '') && existsSync(file + '.br');
      res.writeHead(200, {
        'Content-Type': types[extname(file)] || 'application/octet-stream',
        'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        ...(br ? { 'Content-Encoding': 'br' } : {}),
        Vary: 'Accept-Encoding',
      });
      createReadStream(br ? file + '.br' : file).pipe(res);
      return;
    }
    const up = request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (ur) => {
        const isHtml = (ur.headers['content-type'] || '').startsWith('text/html');
        if (!isHtml) {
          res.writeHead(ur.statusCode, ur.headers);
          ur.pipe(res);
          // A server that dies mid-stream (the restart test) must break the browser's stream too.
          ur.on('close', () => res.writableEnded || res.destroy());
          return;
        }
        const chunks = [];
        ur.on('data', (c) => chunks.push(c));
        ur.on('end', () => {
          const body = Buffer.concat(chunks)
            .toString('utf8')
            .replace(/<link rel="stylesheet" href="\/assets\/[^"]*">/, css)
            .replace(/<script type="module" src="\/assets\/[^"]*"><\/script>/, js);
          const headers = { ...ur.headers };
          delete headers['content-length'];
          delete headers.etag;
          res.writeHead(ur.statusCode, headers);
          res.end(body);
        });
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end('upstream down');
    });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
