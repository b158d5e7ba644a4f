/**
 * The bundle delivered like a CDN (server/http/static-files.ts, over the
 * build of rollup.config.mjs), and what a page on another site needs of the
 * gateway: public CORS on /dist, no rate limit on the script, and an /events
 * preflight that allows what the browser client sends.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildGateway } from '../../server/app.js';
import type { GatewayOptions } from '../../server/config.js';
import { openEventStream } from '../../src/core/sse.js';
import { TEST_ADMIN_TOKEN } from './helpers/gateway-harness.js';

const DIST = path.resolve('dist');
const SITE = 'https://shop.example';
const YEAR = 'public, max-age=31536000, immutable';

function builtAppFile(): string {
  if (!existsSync(path.join(DIST, 'portico.js')))
    throw new Error('dist/portico.js is missing: run `npm run build` before the server tests');
  const [app] = readdirSync(path.join(DIST, 'chunks')).filter((f) => /^portico-app-[\w-]+\.js$/.test(f));
  assert.ok(app, 'the build names the app dist/chunks/portico-app-<hash>.js');
  return `chunks/${app}`;
}

async function listening(opts: Partial<GatewayOptions> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-static-'));
  const app = await buildGateway({ dataDir, inMemory: true, adminToken: TEST_ADMIN_TOKEN, ...opts });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    origin,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A GET as curl does it: fetch() would decompress the body and send an Accept-Encoding of its own. */
function raw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Headers; body: Buffer }>((resolve, reject) => {
    get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, String(v));
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('bundle delivery', () => {
  let gw: Awaited<ReturnType<typeof listening>>;
  let appFile: string;
  before(async () => {
    appFile = builtAppFile();
    gw = await listening({ allowedOrigins: [SITE], rateLimit: { perMinute: 3, authPerMinute: 3 } });
  });
  after(() => gw.close());

  it('portico.js names the content-hashed app file, which the gateway serves', async () => {
    const facade = readFileSync(path.join(DIST, 'portico.js'), 'utf8');
    assert.ok(facade.includes(JSON.stringify(appFile)), `portico.js should name ${appFile}`);
    const res = await raw(`${gw.origin}/dist/${appFile}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /javascript/);
  });

  it('sends the app chunk as brotli, immutable for a year, to any origin', async () => {
    const res = await raw(`${gw.origin}/dist/${appFile}`, {
      'accept-encoding': 'br, gzip',
      origin: 'https://anywhere.example',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.equal(res.headers.get('cache-control'), YEAR);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.match(res.headers.get('vary')!, /accept-encoding/i);
    assert.match(res.headers.get('content-type')!, /javascript/);
    const source = readFileSync(path.join(DIST, appFile));
    assert.deepEqual(brotliDecompressSync(res.body), source);
    assert.ok(res.body.length < source.length / 3, `brotli ${res.body.length} B of ${source.length} B`);
  });

  it('falls back to gzip, then to the plain file, by Accept-Encoding', async () => {
    const source = readFileSync(path.join(DIST, appFile));
    const gz = await raw(`${gw.origin}/dist/${appFile}`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(gunzipSync(gz.body), source);
    const plain = await raw(`${gw.origin}/dist/${appFile}`, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.deepEqual(plain.body, source);
    assert.equal(plain.headers.get('cache-control'), YEAR);
  });

  it('caches locale chunks immutable too', async () => {
    const [locale] = readdirSync(path.join(DIST, 'locales')).filter((f) => f.endsWith('.js'));
    const res = await raw(`${gw.origin}/dist/locales/${locale}`, { 'accept-encoding': 'br' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.equal(res.headers.get('cache-control'), YEAR);
  });

  it('short-caches portico.js and revalidates it by ETag (304)', async () => {
    const first = await raw(`${gw.origin}/dist/portico.js`, { 'accept-encoding': 'br' });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(first.headers.get('access-control-allow-origin'), '*');
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag');
    const again = await raw(`${gw.origin}/dist/portico.js`, { 'accept-encoding': 'br', 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    // Another encoding is another representation: no 304 for it on the brotli ETag.
    const gz = await raw(`${gw.origin}/dist/portico.js`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    assert.equal(gz.status, 200);
  });

  it('keeps the bundle public for an allowed origin too, while the API answers that origin only', async () => {
    const bundle = await raw(`${gw.origin}/dist/portico.js`, { origin: SITE });
    assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
    assert.equal(bundle.headers.get('access-control-allow-credentials'), null);
    const api = await raw(`${gw.origin}/portico/v1/portal`, { origin: SITE });
    assert.equal(api.headers.get('access-control-allow-origin'), SITE);
    assert.equal(api.headers.get('access-control-allow-credentials'), 'true');
    const stranger = await raw(`${gw.origin}/portico/v1/portal`, { origin: 'https://stranger.example' });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
  });

  it('leaves /dist and the demo pages out of the API rate limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await raw(`${gw.origin}/dist/portico.js`)).status);
      statuses.push((await raw(`${gw.origin}/`)).status);
    }
    assert.deepEqual(new Set(statuses), new Set([200]));
    const api: number[] = [];
    for (let i = 0; i < 6; i++) api.push((await raw(`${gw.origin}/portico/v1/portal`)).status);
    assert.ok(api.includes(429), `the API is still limited: ${api}`);
  });

  it('lets the portal page be framed by allowed origins, and the console by nobody', async () => {
    const portal = await raw(`${gw.origin}/portal.html`);
    assert.match(portal.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors 'self' ${SITE}`));
    for (const url of ['/admin/', '/admin/index.html']) {
      const page = await raw(`${gw.origin}${url}`);
      assert.equal(page.status, 200, url);
      assert.match(page.body.toString(), /portico-console/);
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, url);
      assert.equal(page.headers.get('x-frame-options'), 'DENY', url);
    }
  });

  it('revalidates the demo pages on each use', async () => {
    const page = await raw(`${gw.origin}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
  });
});

describe('live updates cross-origin', () => {
  it('the /events preflight allows every header the browser client sends, in bearer mode and on resume', async () => {
    const gw = await listening({ allowedOrigins: [SITE] });
    try {
      // The real client, its fetch recorded: which headers would a browser on SITE have to ask for?
      const sent: Headers[] = [];
      const stream = openEventStream({
        url: `${gw.origin}/portico/v1/events`,
        lastEventId: '42',
        headers: () => ({ Authorization: 'Bearer x' }),
        onMessage: () => {},
        onError: () => {},
        fetch: (async (_url: RequestInfo | URL, init?: RequestInit) => {
          sent.push(new Headers(init?.headers));
          return new Response(null, { status: 204 });
        }) as typeof fetch,
      });
      for (let i = 0; i < 50 && !sent.length; i++) await new Promise((r) => setTimeout(r, 10));
      stream.close();
      assert.equal(sent.length, 1);
      // Fetch's CORS-safelisted request headers need no preflight (Accept with a plain value among them).
      const safelisted = new Set(['accept', 'accept-language', 'content-language']);
      const needed = [...sent[0]!.keys()].filter((h) => !safelisted.has(h));
      assert.ok(needed.includes('last-event-id') && needed.includes('authorization'), `sent ${needed}`);
      const preflight = await fetch(`${gw.origin}/portico/v1/events`, {
        method: 'OPTIONS',
        headers: {
          origin: SITE,
          'access-control-request-method': 'GET',
          'access-control-request-headers': needed.join(','),
        },
      });
      assert.ok(preflight.status === 204 || preflight.status === 200, `preflight ${preflight.status}`);
      assert.equal(preflight.headers.get('access-control-allow-origin'), SITE);
      const allowed = (preflight.headers.get('access-control-allow-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase());
      for (const h of needed) assert.ok(allowed.includes(h), `preflight refuses ${h} (allows ${allowed})`);
    } finally {
      await gw.close();
    }
  });
});
