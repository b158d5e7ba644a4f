/**
 * Sessions when the host page is another site: over HTTPS (here: behind a
 * TLS proxy, trusted) the customer's cookies are `SameSite=None; Secure;
 * Partitioned`; on plain http on loopback they stay `SameSite=Lax`. Bearer
 * mode gets its token back after a reload from the HttpOnly refresh cookie.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../../server/app.js';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed/demo-seed.js';

const SITE = 'https://shop.example';
const CAROL = { email: 'carol@acme.example', password: DEMO_PASSWORD };

interface Cookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

function parseSetCookies(header: string | string[] | undefined): Cookie[] {
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return lines.map((line) => {
    const [pair, ...attrs] = line.split(/;\s*/);
    const eq = pair!.indexOf('=');
    const attributes = new Map<string, string>();
    for (const a of attrs) {
      const i = a.indexOf('=');
      attributes.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? '' : a.slice(i + 1));
    }
    return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
  });
}

const cookieNamed = (cookies: Cookie[], name: string) => {
  const c = cookies.find((x) => x.name === name);
  assert.ok(c, `a ${name} cookie in ${JSON.stringify(cookies.map((x) => x.name))}`);
  return c;
};

describe('sessions across sites', () => {
  let app: FastifyInstance;
  let plain: FastifyInstance;
  let dataDir: string;
  const viaTls = { 'x-forwarded-proto': 'https', host: 'support.example.org', origin: SITE };

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'portico-cross-site-'));
    [app, plain] = await Promise.all([
      buildGateway({
        dataDir: path.join(dataDir, 'tls'),
        inMemory: true,
        serveStatic: false,
        trustProxy: true,
        allowedOrigins: [SITE],
      }),
      buildGateway({ dataDir: path.join(dataDir, 'plain'), inMemory: true, serveStatic: false }),
    ]);
    await Promise.all([seedDemo(app, { tickets: false }), seedDemo(plain, { tickets: false })]);
  });

  after(async () => {
    await Promise.all([app?.close(), plain?.close()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('behind a trusted TLS proxy, the cookie-mode session is SameSite=None; Secure; Partitioned; HttpOnly', async () => {
    const res = await app.inject({ method: 'POST', url: '/portico/v1/session', headers: viaTls, payload: CAROL });
    assert.equal(res.statusCode, 200, res.body);
    const c = cookieNamed(parseSetCookies(res.headers['set-cookie']), 'portico_session');
    assert.equal(c.attributes.get('samesite'), 'None');
    for (const a of ['secure', 'partitioned', 'httponly'])
      assert.ok(c.attributes.has(a), `${a} in ${[...c.attributes.keys()]}`);
    assert.equal(c.attributes.get('path'), '/portico/v1');

    // Cross-site, the CSRF token still guards every write.
    const { csrfToken } = res.json() as { csrfToken: string };
    const cookie = `portico_session=${c.value}`;
    const refused = await app.inject({
      method: 'PATCH',
      url: '/portico/v1/me',
      headers: { ...viaTls, cookie },
      payload: { name: 'Carol A.' },
    });
    assert.equal(refused.statusCode, 403);
    const accepted = await app.inject({
      method: 'PATCH',
      url: '/portico/v1/me',
      headers: { ...viaTls, cookie, 'x-csrf-token': csrfToken },
      payload: { name: 'Carol A.' },
    });
    assert.equal(accepted.statusCode, 200, accepted.body);

    // Signing out clears it with the same attributes (a partitioned cookie is only cleared by a partitioned one).
    const out = await app.inject({
      method: 'DELETE',
      url: '/portico/v1/session',
      headers: { ...viaTls, cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(out.statusCode, 204);
    const cleared = cookieNamed(parseSetCookies(out.headers['set-cookie']), 'portico_session');
    assert.equal(cleared.value, '');
    assert.ok(cleared.attributes.has('partitioned'));
  });

  it('on plain http on loopback the session cookie stays SameSite=Lax, not Secure, not Partitioned', async () => {
    // X-Forwarded-Proto from an untrusted client changes nothing.
    const res = await plain.inject({
      method: 'POST',
      url: '/portico/v1/session',
      headers: { host: '127.0.0.1:8787', 'x-forwarded-proto': 'https' },
      payload: CAROL,
    });
    assert.equal(res.statusCode, 200, res.body);
    const c = cookieNamed(parseSetCookies(res.headers['set-cookie']), 'portico_session');
    assert.equal(c.attributes.get('samesite'), 'Lax');
    assert.ok(c.attributes.has('httponly'));
    assert.ok(!c.attributes.has('secure') && !c.attributes.has('partitioned'), [...c.attributes.keys()].join());
  });

  it('bearer mode: the refresh cookie gives a reloaded page its token back, until sign-out', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/portico/v1/session',
      headers: viaTls,
      payload: { ...CAROL, mode: 'bearer' },
    });
    assert.equal(signIn.statusCode, 200, signIn.body);
    const { token } = signIn.json() as { token: string };
    const cookies = parseSetCookies(signIn.headers['set-cookie']);
    assert.equal(
      cookies.find((c) => c.name === 'portico_session'),
      undefined,
      'bearer mode sets no session cookie',
    );
    const refresh = cookieNamed(cookies, 'portico_refresh');
    assert.equal(refresh.attributes.get('path'), '/portico/v1/session/refresh', 'sent to the refresh call only');
    assert.equal(refresh.attributes.get('samesite'), 'None');
    for (const a of ['secure', 'partitioned', 'httponly']) assert.ok(refresh.attributes.has(a));

    // The reload: no token in the page, the cookie goes along.
    const cookie = `portico_refresh=${refresh.value}`;
    const again = await app.inject({
      method: 'POST',
      url: '/portico/v1/session/refresh',
      headers: { ...viaTls, cookie },
    });
    assert.equal(again.statusCode, 200, again.body);
    const session = again.json() as { token: string; user: { email: string }; csrfToken?: string };
    assert.equal(session.token, token);
    assert.equal(session.user.email, CAROL.email);
    assert.equal(session.csrfToken, undefined);
    assert.equal(again.headers['cache-control'], 'no-store');
    const me = await app.inject({
      url: '/portico/v1/me',
      headers: { ...viaTls, authorization: `Bearer ${session.token}` },
    });
    assert.equal(me.statusCode, 200);

    // Only allowed origins may ask (the answer carries the token).
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/portico/v1/session/refresh',
      headers: { ...viaTls, origin: 'https://evil.example', cookie },
    });
    assert.equal(elsewhere.statusCode, 403);

    // Signed out: the session is gone and the cookie cleared.
    const out = await app.inject({
      method: 'DELETE',
      url: '/portico/v1/session',
      headers: { ...viaTls, authorization: `Bearer ${token}` },
    });
    assert.equal(out.statusCode, 204);
    const cleared = cookieNamed(parseSetCookies(out.headers['set-cookie']), 'portico_refresh');
    assert.equal(cleared.value, '');
    assert.equal(cleared.attributes.get('path'), '/portico/v1/session/refresh');
    const stale = await app.inject({
      method: 'POST',
      url: '/portico/v1/session/refresh',
      headers: { ...viaTls, cookie },
    });
    assert.equal(stale.statusCode, 401);
    assert.equal(cookieNamed(parseSetCookies(stale.headers['set-cookie']), 'portico_refresh').value, '');
  });

  it('no refresh cookie: 401, and nothing else', async () => {
    const res = await app.inject({ method: 'POST', url: '/portico/v1/session/refresh', headers: viaTls });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['set-cookie'], undefined);
  });
});
