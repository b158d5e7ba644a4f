/**
 * The console's admin accounts over HTTP, as an administrator meets them:
 * sign in with a password (a session of its own, never a customer's), what
 * a site owner may do and an agent may not, what customers get on the admin
 * API, and the audit log of every admin change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../server/cli.js';
import {
  embeddedGateway,
  http,
  PortalClient,
  seedForms,
  TEST_ADMIN_TOKEN,
  type HttpResult,
  type RealGateway,
} from './helpers/gateway-harness.js';

const OWNER = { email: 'Olga@Example.com', password: 'owner-pass-2026!', name: 'Olga Owner' };
const AGENT = { email: 'arne@example.com', password: 'agent-pass-2026!', name: 'Arne Agent' };
const CUSTOMER = { email: 'cust@example.com', password: 'customer-pass-2026!' };

/** A console in a browser: the admin cookie and the CSRF token from the sign-in. */
class ConsoleClient {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly origin: string) {}

  async signIn(email: string, password: string): Promise<HttpResult> {
    const res = await this.call('POST', '/session', { email, password });
    const m = /portico_admin=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
    if (m) this.cookie = m[1] || null;
    if (res.body?.csrfToken) this.csrf = res.body.csrfToken;
    return res;
  }

  call(method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    const h: Record<string, string> = {};
    if (this.cookie) h.cookie = `portico_admin=${this.cookie}`;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    return http(`${this.origin}/admin/v1${path}`, { method, json, headers: { ...h, ...headers } });
  }
}

const token = (g: RealGateway, method: string, path: string, json?: unknown) =>
  http(`${g.origin}/admin/v1${path}`, { method, json, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });

describe('admin accounts (console sign-in, roles, audit)', () => {
  let g: RealGateway;
  let owner: ConsoleClient;
  let agent: ConsoleClient;
  let ticketNumber: string;
  let ticketId: string;

  before(async () => {
    g = await embeddedGateway()();
    await seedForms(g.admin);
    for (const a of [
      { ...OWNER, role: 'owner' },
      { ...AGENT, role: 'agent' },
    ]) {
      const res = await token(g, 'POST', '/accounts', a);
      assert.equal(res.status, 201, res.text);
    }
    await g.admin.createUser({ email: CUSTOMER.email, password: CUSTOMER.password });
    const t = await g.admin.createTicket({
      requesterEmail: CUSTOMER.email,
      formId: 'general',
      subject: 'Printer on fire',
      body: { format: 'text', content: 'Smoke everywhere.' },
      fields: { product: 'api', urgency: 'normal' },
    });
    ticketId = t.id;
    ticketNumber = ((await g.admin.ticket(t.id)) as unknown as { number: string }).number;
    owner = new ConsoleClient(g.origin);
    agent = new ConsoleClient(g.origin);
  });

  after(() => g.close());

  it('an account made without a password gets one chosen, answered once and never listed', async () => {
    const made = await token(g, 'POST', '/accounts', { email: 'third@example.com', role: 'agent' });
    assert.equal(made.status, 201, made.text);
    assert.equal(typeof made.body.password, 'string');
    assert.ok(made.body.password.length >= 12);
    const other = new ConsoleClient(g.origin);
    assert.equal((await other.signIn('third@example.com', made.body.password)).status, 200);

    const listed = await token(g, 'GET', '/accounts');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.items.map((a: { email: string; role: string }) => `${a.email} ${a.role}`),
      ['olga@example.com owner', 'arne@example.com agent', 'third@example.com agent'],
    );
    assert.doesNotMatch(listed.text, /password/i);

    const again = await token(g, 'POST', '/accounts', { email: 'THIRD@example.com', role: 'owner' });
    assert.equal(again.status, 409);
  });

  it('a wrong password is refused and recorded; the right one opens a console session on /admin only', async () => {
    const wrong = await owner.signIn(OWNER.email, 'not-the-password');
    assert.equal(wrong.status, 401);
    assert.equal(owner.cookie, null);

    const res = await owner.signIn(OWNER.email, OWNER.password);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.account.email, 'olga@example.com');
    assert.equal(res.body.account.role, 'owner');
    assert.equal(res.body.account.passwordHash, undefined);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /portico_admin=/);
    assert.match(cookie, /Path=\/admin/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.equal(res.headers.get('cache-control'), 'no-store');

    const me = await owner.call('GET', '/session');
    assert.equal(me.status, 200);
    assert.equal(me.body.account.name, OWNER.name);
    assert.equal(me.body.csrfToken, owner.csrf);

    // The console cookie is not a customer session.
    const asCustomer = await http(`${g.api}/me`, { headers: { cookie: `portico_admin=${owner.cookie}` } });
    assert.equal(asCustomer.status, 401);
  });

  it('a site owner changes settings with the CSRF token and the customer sees the change; bad values are named and not stored', async () => {
    const noCsrf = await owner.call('PATCH', '/settings', { portal: { name: 'Olga Support' } }, { 'x-csrf-token': '' });
    assert.equal(noCsrf.status, 403);
    const otherSite = await owner.call(
      'PATCH',
      '/settings',
      { portal: { name: 'Olga Support' } },
      { origin: 'https://evil.example' },
    );
    assert.equal(otherSite.status, 403);

    const ok = await owner.call('PATCH', '/settings', { portal: { name: 'Olga Support' } });
    assert.equal(ok.status, 200, ok.text);
    const portal = await http(`${g.api}/portal`);
    assert.equal(portal.body.name, 'Olga Support');

    const bad = await owner.call('PATCH', '/settings', { server: { sessionIdleMinutes: 'soon' } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /sessionIdleMinutes/);
    const unknown = await owner.call('PATCH', '/settings', { portal: { colour: 'red' } });
    assert.equal(unknown.status, 400);
    const locale = await owner.call('PATCH', '/settings', { portal: { defaultLocale: 'xx' } });
    assert.equal(locale.status, 400);
    assert.match(locale.text, /defaultLocale/);
    const stored = await owner.call('GET', '/settings');
    assert.equal(stored.body.server.sessionIdleMinutes === 'soon', false);
    assert.notEqual(stored.body.portal.defaultLocale, 'xx');
    // A customer still signs in: nothing broken was stored.
    await new PortalClient(g.api).signIn(CUSTOMER.email, CUSTOMER.password);
  });

  it('a site owner’s console session imports customers, with the CSRF token only', async () => {
    const csv = 'email,name\nimported-by-olga@example.com,Ingrid';
    const noCsrf = await owner.call('POST', '/customers/import', { csv }, { 'x-csrf-token': '' });
    assert.equal(noCsrf.status, 403);
    const dry = await owner.call('POST', '/customers/import', { csv, dryRun: true });
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.body.totals.create, 1);
    const done = await owner.call('POST', '/customers/import', { csv });
    assert.equal(done.status, 200, done.text);
    assert.equal(
      (await token(g, 'GET', '/customers?email=imported-by-olga%40example.com')).body.items[0].name,
      'Ingrid',
    );
  });

  it('an agent works tickets (by number too) and chats, and is refused the site owner’s parts', async () => {
    assert.equal((await agent.signIn(AGENT.email, AGENT.password)).status, 200);

    const list = await agent.call('GET', '/tickets?status=all');
    assert.equal(list.status, 200, list.text);
    assert.ok(list.body.items.some((t: { id: string }) => t.id === ticketId));
    const byNumber = await agent.call('GET', `/tickets/${ticketNumber}`);
    assert.equal(byNumber.status, 200, byNumber.text);
    assert.equal(byNumber.body.id, ticketId);
    assert.equal((await agent.call('GET', `/tickets/%23${ticketNumber}`)).body.id, ticketId);
    const reply = await agent.call('POST', `/tickets/${ticketNumber}/messages`, {
      authorName: AGENT.name,
      body: { format: 'text', content: 'On our way with an extinguisher.' },
    });
    assert.equal(reply.status, 201, reply.text);
    assert.equal((await agent.call('POST', `/tickets/${ticketId}/status`, { status: 'pending' })).status, 200);
    assert.equal((await agent.call('GET', '/chat/conversations')).status, 200);

    for (const [method, path, body] of [
      ['PATCH', '/settings', { portal: { name: 'Arne was here' } }],
      ['DELETE', '/settings', undefined],
      ['GET', '/settings', undefined],
      ['GET', '/accounts', undefined],
      ['POST', '/accounts', { email: 'sneaky@example.com', role: 'owner', password: 'sneaky-pass-2026!' }],
      ['GET', '/audit-log', undefined],
      ['GET', '/access-log', undefined],
      ['POST', '/customers', { email: 'new@example.com' }],
      ['POST', '/customers/import', { csv: 'email\nnew@example.com' }],
      ['POST', '/customers/import', { csv: 'email\nnew@example.com', dryRun: true }],
    ] as const) {
      const res = await agent.call(method, path, body);
      assert.equal(res.status, 403, `${method} ${path}: ${res.status} ${res.text}`);
    }
    assert.equal((await http(`${g.api}/portal`)).body.name, 'Olga Support');
    assert.equal((await token(g, 'GET', '/customers?email=new%40example.com')).status, 404);
  });

  it('customers and strangers get 401 on the admin API, whatever credentials they bring', async () => {
    const cookieCustomer = await new PortalClient(g.api).signIn(CUSTOMER.email, CUSTOMER.password);
    const bearerCustomer = await new PortalClient(g.api).signIn(CUSTOMER.email, CUSTOMER.password, 'bearer');
    const tries: Array<Record<string, string>> = [
      {},
      cookieCustomer.authHeaders(),
      bearerCustomer.authHeaders(),
      { authorization: 'Bearer not-the-admin-token' },
      { cookie: 'portico_admin=made-up-session' },
    ];
    for (const headers of tries) {
      for (const path of ['/tickets', '/session', '/settings', `/tickets/${ticketNumber}`]) {
        const res = await http(`${g.origin}/admin/v1${path}`, { headers });
        assert.equal(res.status, 401, `${path} with ${Object.keys(headers).join(',') || 'nothing'}`);
      }
      const imported = await http(`${g.origin}/admin/v1/customers/import`, {
        method: 'POST',
        json: { csv: 'email\nsneaked-in@example.com' },
        headers,
      });
      assert.equal(imported.status, 401, `import with ${Object.keys(headers).join(',') || 'nothing'}`);
    }
    assert.equal((await token(g, 'GET', '/customers?email=sneaked-in%40example.com')).status, 404, 'nothing imported');
    // A customer's password is no console password.
    assert.equal((await new ConsoleClient(g.origin).signIn(CUSTOMER.email, CUSTOMER.password)).status, 401);
  });

  it('the audit log names who did what, refused attempts included; the owner reads it, filtered by actor', async () => {
    const log = await owner.call('GET', '/audit-log');
    assert.equal(log.status, 200, log.text);
    const lines = (log.body.items as Array<{ actor: string; role: string; action: string; status: number }>).map(
      (e) => `${e.actor} ${e.role} ${e.action} ${e.status}`,
    );
    for (const expected of [
      'token owner POST /accounts 201',
      'olga@example.com owner sign-in failed 401',
      'olga@example.com owner sign-in 200',
      'olga@example.com owner PATCH /settings 200',
      'olga@example.com owner PATCH /settings 400',
      'arne@example.com agent POST /tickets/:id/messages 201',
      'arne@example.com agent POST /tickets/:id/status 200',
      'arne@example.com agent PATCH /settings 403',
      'arne@example.com agent POST /accounts 403',
    ])
      assert.ok(lines.includes(expected), `${expected} in:\n${lines.join('\n')}`);
    const statusChange = log.body.items.find((e: { action: string }) => e.action === 'POST /tickets/:id/status');
    assert.equal(statusChange.target, ticketId);
    // Reads are not changes: no audit entry for a GET.
    assert.ok(!lines.some((l) => / GET /.test(l)));

    const arne = await owner.call('GET', `/audit-log?actor=${encodeURIComponent('ARNE@example.com')}`);
    assert.ok(arne.body.items.length > 0);
    assert.ok(arne.body.items.every((e: { actor: string }) => e.actor === 'arne@example.com'));
  });

  it('a change refused for an id no route looks up (a NUL in the path) keeps its answer and is logged escaped', async () => {
    const res = await http(`${g.origin}/admin/v1/organizations/%00`, {
      method: 'PATCH',
      body: '{"name": ',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400, res.text);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    const log = await token(g, 'GET', '/audit-log?actor=token');
    const entry = log.body.items.find((e: { action: string }) => e.action === 'PATCH /organizations/:id');
    assert.equal(entry?.target, '"\\u0000"');
    assert.equal(entry?.status, 400);
  });

  it('the CLI makes console accounts, lists tickets and takes ticket numbers', async () => {
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await token(g, method, p, body);
      if (res.status >= 400) throw new Error(`${res.status} ${res.text}`);
      return res.body;
    };
    const made = (await runCommand(call, 'create-admin', { email: 'cli@example.com', role: 'agent' })) as {
      role: string;
      password: string;
    };
    assert.equal(made.role, 'agent');
    assert.equal((await new ConsoleClient(g.origin).signIn('cli@example.com', made.password)).status, 200);
    const admins = (await runCommand(call, 'admins', {})) as { items: Array<{ email: string }> };
    assert.ok(admins.items.some((a) => a.email === 'cli@example.com'));

    const tickets = (await runCommand(call, 'tickets', { status: 'all', q: 'Printer' })) as {
      items: Array<{ id: string }>;
    };
    assert.deepEqual(
      tickets.items.map((t) => t.id),
      [ticketId],
    );
    const shown = (await runCommand(call, 'ticket', { id: `#${ticketNumber}` })) as { id: string; status: string };
    assert.equal(shown.id, ticketId);
    assert.equal(shown.status, 'pending');
    await runCommand(call, 'note', { id: ticketNumber, text: 'Called the fire brigade.' });
    await assert.rejects(runCommand(call, 'ticket', { id: '999999' }), /404/);

    const audit = (await runCommand(call, 'audit-log', { actor: 'token', limit: '5' })) as {
      items: Array<{ action: string; target: string | null }>;
    };
    assert.equal(audit.items[0]!.action, 'POST /tickets/:id/messages');
    assert.equal(audit.items[0]!.target, ticketNumber);
    assert.ok(audit.items.length <= 5);
  });

  it('signing out ends the console session', async () => {
    const out = await agent.call('DELETE', '/session');
    assert.equal(out.status, 204);
    assert.equal((await agent.call('GET', '/tickets')).status, 401);
    assert.equal((await owner.call('GET', '/session')).status, 200);
  });
});
