/**
 * A host site for embedding tests: a small HTTP server on its own loopback
 * port that serves the test's HTML pages (with whatever headers, e.g. a strict
 * CSP, the test wants) and passes /dist/ and /portico/v1 through to the
 * gateway — the way a site puts the gateway behind its own reverse proxy.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface HostPage {
  html: string;
  headers?: Record<string, string>;
}

export interface HostSite {
  /** http://127.0.0.1:port */
  origin: string;
  /** Serves `page` at `path` (replacing an earlier one). */
  set(path: string, page: HostPage): void;
  close(): Promise<void>;
}

const PROXIED = ['/dist/', '/portico/v1/', '/portico/v1?'];

export async function startHostSite(gatewayOrigin: string): Promise<HostSite> {
  const gateway = new URL(gatewayOrigin);
  const pages = new Map<string, HostPage>();

  const proxy = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      { host: gateway.hostname, port: gateway.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // An event stream ends when the page goes away: end the upstream request with it.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const page = pages.get(path);
    if (page && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers });
      res.end(page.html);
    } else if (PROXIED.some((p) => url.startsWith(p)) || path === '/portico/v1') {
      proxy(req, res);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    set(path, page) {
      pages.set(path, page);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A minimal host page: its own heading and text, then whatever Portico markup the test puts in. */
export function hostPage(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    ${head}
  </head>
  <body>
    <main><h1>${title}</h1><p>A host page for Portico's end-to-end tests.</p></main>
    ${body}
  </body>
</html>`;
}
