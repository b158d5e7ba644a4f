/**
 * Authentication is route configuration: a route that says nothing is for
 * signed-in customers, so a new route is closed unless it declares itself
 * public; admin routes need the admin token.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createGateway } from '../../server/app.js';
import { ticket } from '../../server/http/responses.js';
import { TEST_ADMIN_TOKEN } from './helpers/gateway-harness.js';

describe('route access', () => {
  let app: FastifyInstance;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'portico-access-'));
    app = createGateway({ dataDir, inMemory: true, adminToken: TEST_ADMIN_TOKEN, serveStatic: false });
    // Routes added the way a new feature would be: one forgets to say who may call it.
    void app.register(
      async (api) => {
        api.get('/new-feature', async () => ({ secret: 'for customers only' }));
        api.post('/new-feature', async () => ({ done: true }));
        api.get('/new-public-feature', { config: { auth: 'public' } }, async () => ({ open: true }));
        // A handler that hands back the stored ticket as it is, internal fields and all.
        api.get('/leaky-ticket', { schema: { response: { 200: ticket } }, config: { auth: 'public' } }, async () => ({
          id: '1',
          number: '1',
          subject: 'VPN',
          status: 'open',
          statusLabel: 'Open',
          rawStatus: 'open',
          createdAt: '2026-01-01T00:00:00Z',
          updatedAt: '2026-01-01T00:00:00Z',
          requester: { id: 'c1', name: 'Cat', email: 'cat@example.com' },
          requesterEmail: 'cat@example.com',
          organization: null,
          service: null,
          assignee: null,
          fields: {},
          unread: false,
        }));
        api.get('/new-admin-feature', { config: { auth: 'admin' } }, async () => ({ admin: true }));
      },
      { prefix: '/portico/v1' },
    );
    void app.register(async (api) => api.get('/elsewhere', async () => ({ secret: true })));
    await app.ready();
  });

  after(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a route registered without config refuses anonymous callers', async () => {
    for (const [method, url] of [
      ['GET', '/portico/v1/new-feature'],
      ['POST', '/portico/v1/new-feature'],
      ['GET', '/elsewhere'],
    ] as const) {
      const res = await app.inject({ method, url });
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.equal(res.json().code, 'unauthorized');
      assert.doesNotMatch(res.body, /secret|done/);
    }
  });

  it('a response schema lets no internal field leave (requesterEmail)', async () => {
    const res = await app.inject({ method: 'GET', url: '/portico/v1/leaky-ticket' });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /requesterEmail|cat@example\.com/);
    assert.deepEqual(res.json().requester, { id: 'c1', name: 'Cat' });
  });

  it('a route that declares itself public answers anyone', async () => {
    const res = await app.inject({ method: 'GET', url: '/portico/v1/new-public-feature' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { open: true });
  });

  it('an admin route needs the admin token, not a customer session', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/portico/v1/new-admin-feature' })).statusCode, 401);
    const wrong = await app.inject({
      method: 'GET',
      url: '/portico/v1/new-admin-feature',
      headers: { authorization: 'Bearer not-the-token' },
    });
    assert.equal(wrong.statusCode, 401);
    const ok = await app.inject({
      method: 'GET',
      url: '/portico/v1/new-admin-feature',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    assert.equal(ok.statusCode, 200);
  });

  it('the admin API needs the token on every route; unknown paths stay 404', async () => {
    // The admin API's routes all need the token, whatever they declare themselves.
    const res = await app.inject({ method: 'GET', url: '/admin/v1/settings' });
    assert.equal(res.statusCode, 401);
    // Unknown paths are 404, not 401.
    assert.equal((await app.inject({ method: 'GET', url: '/portico/v1/no-such-thing' })).statusCode, 404);
  });
});
