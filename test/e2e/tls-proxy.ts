/**
 * The gateway behind a TLS-terminating reverse proxy, the way it runs in
 * production: `https://localhost:<port>` with a throw-away self-signed
 * certificate (made with openssl), passing every request on to the gateway
 * with `X-Forwarded-Proto: https` (the gateway trusts it with `trustProxy`).
 * A page on `http://127.0.0.1:<other port>` is then another *site* than the
 * gateway — localhost and 127.0.0.1 are different hosts — which is what
 * cross-site cookies (SameSite, CHIPS) are about. Chromium must be started
 * with `--ignore-certificate-errors`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TlsProxy {
  /** https://localhost:port */
  origin: string;
  close(): Promise<void>;
}

export async function startTlsProxy(gatewayOrigin: string): Promise<TlsProxy> {
  const gateway = new URL(gatewayOrigin);
  const dir = await mkdtemp(path.join(tmpdir(), 'portico-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-keyout', keyFile, '-out', certFile, '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=DNS:localhost'],
    ],
    { stdio: 'ignore' },
  );
  const [key, cert] = await Promise.all([readFile(keyFile), readFile(certFile)]);
  await rm(dir, { recursive: true, force: true });

  const server = createServer({ key, cert }, (req, res) => {
    const upstream = request(
      {
        host: gateway.hostname,
        port: gateway.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-proto': 'https', 'x-forwarded-for': req.socket.remoteAddress ?? '' },
      },
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
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    origin: `https://localhost:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
