/**
 * Embedded-only behaviour of the gateway process: rate limits, idle sessions,
 * the demo site and its CSP, the demo seed, the CLI, migrations on disk and
 * mail through SMTP.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROBLEM_TYPES } from '../../src/protocol/index.js';
import { buildGateway } from '../../server/app.js';
import { runCommand } from '../../server/cli.js';
import type { GatewayOptions } from '../../server/config.js';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed/demo-seed.js';
import { embeddedGateway, http, PortalClient, TEST_ADMIN_TOKEN } from './helpers/gateway-harness.js';
import { makeWorld, PASSWORD } from './helpers/world.js';

async function listening(opts: Partial<GatewayOptions>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-gw-'));
  const app = await buildGateway({ dataDir, inMemory: true, adminToken: TEST_ADMIN_TOKEN, ...opts });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    app,
    origin,
    api: `${origin}/portico/v1`,
    dataDir,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe('gateway process', () => {
  it('rate-limits sign-in attempts per address and everything else per session', async () => {
    const gw = await embeddedGateway()({ rateLimit: { authPerMinute: 3, perMinute: 8 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await http(`${gw.api}/session`, { json: { email: 'x@y.example', password: 'zz' } })).status);
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      const limited = await http(`${gw.api}/session`, { json: { email: 'x@y.example', password: 'zz' } });
      assert.equal(limited.body.type, PROBLEM_TYPES.rateLimited);
      const portal: number[] = [];
      for (let i = 0; i < 12; i++) portal.push((await http(`${gw.api}/portal`)).status);
      assert.ok(portal.includes(429), `got ${portal}`);
    } finally {
      await gw.close();
    }
  });

  it('ends a session after the idle timeout', async () => {
    const gw = await embeddedGateway()({ settings: { server: { sessionIdleMinutes: 0.02 } } });
    try {
      const w = await makeWorld(gw.admin);
      const c = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD);
      const session = await c.get('/session');
      assert.equal(session.status, 200);
      assert.ok(Date.parse(session.body.expiresAt) - Date.now() < 5000);
      await new Promise((r) => setTimeout(r, 1600));
      assert.equal((await c.get('/session')).status, 401);
    } finally {
      await gw.close();
    }
  });

  it('serves the demo with a strict CSP and the bundle to other sites', async () => {
    const gw = await listening({ serveStatic: true });
    try {
      const page = await http(`${gw.origin}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type')!, /text\/html/);
      const csp = page.headers.get('content-security-policy')!;
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
      assert.match(csp, /object-src 'none'/);
      assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
      if (existsSync(path.resolve('dist/portico.js'))) {
        const bundle = await http(`${gw.origin}/dist/portico.js`);
        assert.equal(bundle.status, 200);
        assert.match(bundle.headers.get('content-type')!, /javascript/);
        assert.equal(bundle.headers.get('cross-origin-resource-policy'), 'cross-origin');
      }
      assert.equal((await http(`${gw.origin}/../package.json`)).status, 404);
    } finally {
      await gw.close();
    }
  });

  it('seeds the demo of docs/protocol.md once', async () => {
    const gw = await listening({});
    try {
      assert.equal(await seedDemo(gw.app), true);
      assert.equal(await seedDemo(gw.app), false, 'second start keeps the data');
      const carol = await new PortalClient(gw.api).signIn('carol@acme.example', DEMO_PASSWORD);
      const dave = await new PortalClient(gw.api).signIn('dave@acme.example', DEMO_PASSWORD);
      const erin = await new PortalClient(gw.api).signIn('erin@globex.example', DEMO_PASSWORD);
      assert.equal((await carol.get('/me')).body.role, 'company');
      assert.equal((await dave.get('/me')).body.role, 'user');
      assert.equal((await erin.get('/me')).body.organization.name, 'Globex');
      const total =
        (await carol.get('/tickets/summary?scope=organization')).body.total +
        (await erin.get('/tickets/summary?scope=organization')).body.total;
      assert.equal(total, 30);
      assert.equal((await dave.get('/tickets/summary')).body.total, 9);
      assert.equal((await dave.get('/tickets?scope=organization')).status, 403);
      const forms = await http(`${gw.api}/forms`);
      assert.deepEqual(
        forms.body.items.map((f: { id: string }) => f.id),
        ['general', 'access-request'],
      );
      assert.equal((await http(`${gw.api}/articles?q=vpn`)).body.items.length, 2);

      // Conversations: HTML bodies, attachments with real bytes, internal notes kept inside.
      const all: Array<{ id: string }> = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await carol.get(
          `/tickets?scope=organization&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        all.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      let html = 0;
      const kinds = new Set<string>();
      for (const t of all) {
        const msgs = await carol.get(`/tickets/${t.id}/messages?limit=100`);
        assert.ok(
          !msgs.text.includes('Manager approval mail') && !msgs.text.includes('audit log'),
          'internal notes stay inside',
        );
        for (const m of msgs.body.items) {
          if (m.body.format === 'html') html++;
          for (const a of m.attachments) {
            const dl = await fetch(`${gw.api}/attachments/${a.id}`, { headers: carol.authHeaders() });
            const bytes = Buffer.from(await dl.arrayBuffer());
            assert.equal(bytes.length, a.size);
            if (a.contentType === 'image/png') assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
            if (a.contentType === 'application/pdf') assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
            kinds.add(a.contentType);
          }
        }
      }
      assert.ok(html >= 3);
      assert.deepEqual([...kinds].sort(), ['application/pdf', 'image/png', 'text/plain']);
    } finally {
      await gw.close();
    }
  });

  it('runs the CLI commands against the admin API', async () => {
    const gw = await listening({});
    try {
      const call = async (method: string, p: string, body?: unknown) => {
        const res = await http(`${gw.origin}/admin/v1${p}`, {
          method,
          json: body,
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        });
        if (res.status >= 400) throw new Error(`${res.status} ${res.text}`);
        return res.body;
      };
      const org = (await runCommand(call, 'create-org', {
        name: 'Initech',
        domain: ['initech.example'],
        routing: 'Team Red',
      })) as { id: string };
      await runCommand(call, 'create-user', { email: 'peter@initech.example', name: 'Peter', role: 'company' });
      const enabled = (await runCommand(call, 'enable-access', { email: 'peter@initech.example' })) as {
        organization: { id: string };
        outboxFile: string;
      };
      assert.equal(enabled.organization.id, org.id);
      assert.ok(existsSync(enabled.outboxFile), 'the invitation is in the outbox');
      const settings = (await runCommand(call, 'settings', {
        set: ['portal.statusLabelMode=simple', 'server.chatOnline=false'],
      })) as {
        portal: { statusLabelMode: string };
        server: { chatOnline: boolean };
      };
      assert.equal(settings.portal.statusLabelMode, 'simple');
      assert.equal(settings.server.chatOnline, false);
      await assert.rejects(runCommand(call, 'create-user', {}), /--email is required/);
      await assert.rejects(runCommand(call, 'frobnicate', {}), /Unknown command/);
    } finally {
      await gw.close();
    }
  });

  it('keeps its data and migrations in the data directory across restarts', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-disk-'));
    try {
      const first = await buildGateway({ dataDir, serveStatic: false, adminToken: TEST_ADMIN_TOKEN });
      await first.inject({
        method: 'POST',
        url: '/admin/v1/organizations',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        payload: { name: 'Persisted', domains: ['persisted.example'] },
      });
      await first.close();
      const second = await buildGateway({ dataDir, serveStatic: false, adminToken: TEST_ADMIN_TOKEN });
      const orgs = await second.inject({
        method: 'GET',
        url: '/admin/v1/organizations',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      const versions = await second.db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      await second.close();
      assert.deepEqual(
        orgs.json().items.map((o: { name: string }) => o.name),
        ['Persisted'],
      );
      const files = (await readdir(new URL('../../server/migrations/', import.meta.url))).filter((f) =>
        /^\d{3}_/.test(f),
      );
      assert.deepEqual(
        versions.map((v) => v.version),
        files.map((f) => Number(f.slice(0, 3))).sort((a, b) => a - b),
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('sends mail through SMTP when configured', async () => {
    const received: string[] = [];
    const smtp = createServer((socket: Socket) => {
      let data = false;
      let message = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        for (const line of chunk.toString().split('\r\n')) {
          if (data) {
            if (line === '.') {
              data = false;
              received.push(message);
              socket.write('250 queued\r\n');
            } else message += line + '\n';
            continue;
          }
          if (!line) continue;
          if (/^EHLO/i.test(line)) socket.write('250-test\r\n250 AUTH PLAIN\r\n');
          else if (/^AUTH PLAIN/i.test(line)) socket.write('235 ok\r\n');
          else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 ok\r\n');
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go\r\n');
          } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        }
      });
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.address() as { port: number }).port;
    const mailGw = await listening({
      smtp: { url: `smtp://user:secret@127.0.0.1:${port}`, from: 'Support <support@portico.example>' },
    });
    try {
      const created = await http(`${mailGw.origin}/admin/v1/customers`, {
        json: { email: 'mailme@mail.example', password: 'long enough pw' },
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      assert.equal(created.status, 201);
      assert.equal(
        (await http(`${mailGw.api}/session`, { json: { email: 'mailme@mail.example', magicLink: true } })).status,
        202,
      );
      // The mail goes out after the answer.
      for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(received.length, 1);
      assert.match(received[0]!, /^To: mailme@mail\.example$/m);
      // multipart/alternative: the plain-text part carries the link.
      const plain = /Content-Type: text\/plain[^\n]*\nContent-Transfer-Encoding: base64\n\n([\s\S]*?)\n--/.exec(
        received[0]!,
      );
      const body = Buffer.from(plain?.[1]?.replace(/\s+/g, '') ?? '', 'base64').toString();
      assert.match(body, /portico_magic=/);
    } finally {
      await mailGw.close();
      smtp.close();
    }
  });
});
