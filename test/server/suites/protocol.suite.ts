/**
 * Portico protocol v1 over HTTP, endpoint by endpoint. Parameterized by how
 * the gateway is built, so it runs against every ticket backend.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import {
  EVENT_CURSOR_HEADER,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type PortalCapabilities,
} from '../../../src/protocol/index.js';
import {
  GENEROUS_LIMITS,
  http,
  linkToken,
  outboxFor,
  PortalClient,
  waitForMail,
  type GatewayUnderTest,
  type MakeGateway,
} from '../helpers/gateway-harness.js';
import { EventStream } from '../helpers/sse.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../helpers/world.js';

const SSO_SECRET = 'host-site-shared-secret-of-32-bytes!';
const ALLOWED_ORIGIN = 'https://host.example';

/**
 * Helpdesks keep times in whole seconds (RT's LastUpdated): an agent's change
 * in the same second as the customer's read cannot be told apart from it. Tests
 * about "changed after you read it" let the change land in a later second.
 */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

export function protocolSuite(label: string, makeGateway: MakeGateway): void {
  describe(`protocol v1 — ${label}`, () => {
    let gw: GatewayUnderTest;
    let w: World;
    /** What this backend can back (GET /portal): cases for what it cannot are skipped, saying so. */
    let capabilities: PortalCapabilities;
    const client = () => new PortalClient(gw.api);
    const as = (email: string, mode: 'cookie' | 'bearer' = 'cookie') => client().signIn(email, PASSWORD, mode);

    before(async () => {
      gw = await makeGateway({
        sso: { hs256Secret: SSO_SECRET },
        allowedOrigins: [ALLOWED_ORIGIN],
        rateLimit: GENEROUS_LIMITS,
      });
      w = await makeWorld(gw.admin);
      capabilities = (await http(`${gw.api}/portal`)).body.capabilities;
    });
    after(async () => {
      await gw?.admin.call('DELETE', '/settings').catch(() => undefined);
      await gw?.close();
    });

    describe('GET /portal', () => {
      it('publishes the public settings, with SSO listed when configured', async () => {
        const res = await http(`${gw.api}/portal`);
        assert.equal(res.status, 200);
        assert.equal(typeof res.body.name, 'string');
        assert.ok(res.body.loginMethods.includes('password'));
        assert.ok(res.body.loginMethods.includes('sso'));
        assert.ok(res.body.uploads.maxBytes > 0);
        assert.equal(typeof res.body.capabilities.chat, 'boolean');
        assert.ok(!JSON.stringify(res.body).includes('sessionIdleMinutes'), 'server-only settings stay private');
      });

      it('reports capabilities the gateway keeps: what it cannot back is refused, not half-served', async () => {
        for (const key of [
          'chat',
          'articles',
          'attachments',
          'organizations',
          'close',
          'reopen',
          'registration',
        ] as const) {
          assert.equal(typeof capabilities[key], 'boolean', key);
        }
        const cat = await as(w.cat.email);
        const availability = await cat.get('/chat/availability');
        if (capabilities.chat) assert.equal(availability.body.available, true);
        else {
          assert.deepEqual(availability.body, { available: false, reason: 'disabled' });
          assert.equal((await cat.post('/chat/conversations', { text: 'anyone?' })).status, 403);
        }
      });
    });

    describe('session', () => {
      it('is 401 problem+json when signed out', async () => {
        const res = await http(`${gw.api}/session`);
        assert.equal(res.status, 401);
        assert.match(res.headers.get('content-type')!, /application\/problem\+json/);
        assert.equal(res.body.type, PROBLEM_TYPES.unauthorized);
      });

      it('signs in with a password in cookie mode: HttpOnly SameSite cookie and a CSRF token', async () => {
        const res = await http(`${gw.api}/session`, {
          json: { email: w.alice.email.toUpperCase(), password: PASSWORD },
        });
        assert.equal(res.status, 200);
        const cookie = res.headers.get('set-cookie')!;
        assert.match(cookie, /portico_session=/);
        assert.match(cookie, /HttpOnly/i);
        assert.match(cookie, /SameSite=Lax/i);
        assert.equal(res.body.user.email, w.alice.email);
        assert.equal(res.body.user.role, 'company');
        assert.equal(res.body.user.organization.id, w.orgA.id);
        assert.ok(res.body.csrfToken);
        assert.equal(res.body.token, undefined, 'cookie mode never puts the token in the body');
        assert.ok(Date.parse(res.body.expiresAt) > Date.now());
        const c = client();
        c.adopt(res);
        const me = await c.get('/session');
        assert.equal(me.status, 200);
        assert.equal(me.body.user.id, w.alice.id);
      });

      it('signs in in bearer mode with the token in the body and no session cookie', async () => {
        const res = await http(`${gw.api}/session`, {
          json: { email: w.bob.email, password: PASSWORD, mode: 'bearer' },
        });
        assert.equal(res.status, 200);
        // Only the refresh cookie, HttpOnly, sent to POST /session/refresh alone (a reload gets the token back).
        const set = res.headers.get('set-cookie') ?? '';
        assert.doesNotMatch(set, /portico_session=/);
        assert.match(set, /^portico_refresh=[^;]+;/);
        assert.ok(set.includes(`; Path=${new URL(gw.api).pathname}/session/refresh`), set);
        assert.match(set, /HttpOnly/i);
        assert.ok(res.body.token);
        const me = await http(`${gw.api}/session`, { headers: { authorization: `Bearer ${res.body.token}` } });
        assert.equal(me.body.user.email, w.bob.email);
        const bad = await http(`${gw.api}/session`, { headers: { authorization: 'Bearer not-a-real-token' } });
        assert.equal(bad.status, 401);
      });

      it('refuses a wrong password with 401 and logs the failure', async () => {
        const res = await http(`${gw.api}/session`, { json: { email: w.cat.email, password: 'wrong password' } });
        assert.equal(res.status, 401);
        const log = await gw.admin.accessLog(w.cat.email);
        assert.ok(log.items.some((e) => e.event === 'sign-in-failed' && e.method === 'password'));
      });

      it('requires the CSRF token on writes in cookie mode', async () => {
        const c = await as(w.bob.email);
        const noToken = await http(`${gw.api}/tickets`, {
          json: generalTicket('csrf check'),
          headers: { cookie: `portico_session=${c.cookie}` },
        });
        assert.equal(noToken.status, 403);
        assert.equal(noToken.body.type, PROBLEM_TYPES.csrf);
        const withToken = await c.post('/tickets', generalTicket('csrf check ok'));
        assert.equal(withToken.status, 201);
      });

      it('refuses unsafe requests from origins that are not configured', async () => {
        const c = await as(w.bob.email);
        const res = await c.post('/tickets', generalTicket('cross-site'), { origin: 'https://evil.example' });
        assert.equal(res.status, 403);
      });

      it('signs out with DELETE /session', async () => {
        const c = await as(w.dan.email);
        const res = await c.delete('/session');
        assert.equal(res.status, 204);
        assert.equal((await c.get('/session')).status, 401);
        const log = await gw.admin.accessLog(w.dan.email);
        assert.ok(log.items.some((e) => e.event === 'sign-out'));
      });

      it('sends a magic link (202 for any address) and signs in with it once', async () => {
        const unknown = await http(`${gw.api}/session`, {
          json: { email: `nobody@${w.orgA.domain}`, magicLink: true },
        });
        assert.equal(unknown.status, 202);
        assert.deepEqual(unknown.body, { sent: true });
        assert.equal((await outboxFor(gw, `nobody@${w.orgA.domain}`)).length, 0);

        const res = await http(`${gw.api}/session`, { json: { email: w.cat.email, magicLink: true } });
        assert.equal(res.status, 202);
        const token = linkToken((await waitForMail(gw, w.cat.email)).at(-1)!, 'portico_magic');
        const signIn = await http(`${gw.api}/session`, {
          json: { email: w.cat.email, magicToken: token, mode: 'bearer' },
        });
        assert.equal(signIn.status, 200);
        assert.equal(signIn.body.user.email, w.cat.email);
        const again = await http(`${gw.api}/session`, { json: { email: w.cat.email, magicToken: token } });
        assert.equal(again.status, 401, 'a magic link works once');
        const log = await gw.admin.accessLog(w.cat.email);
        assert.ok(log.items.some((e) => e.event === 'sign-in' && e.method === 'magic-link'));
      });

      it('signs in with an HS256 JWT from the host site and makes the customer on first use', async () => {
        const email = `sso-user@${w.orgA.domain}`;
        const jwt = await new SignJWT({ email, name: 'Sso User' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(SSO_SECRET));
        const res = await http(`${gw.api}/session/sso`, { json: { jwt, mode: 'bearer' } });
        assert.equal(res.status, 200);
        assert.equal(res.body.user.email, email);
        assert.equal(res.body.user.organization.id, w.orgA.id, 'matched by e-mail domain');
        assert.equal(res.body.user.role, 'user');
      });
    });

    describe('registration and password reset', () => {
      it('registers with a mailed verification link (202, then a Session), the same for a known address; 422 without consent', async () => {
        const email = `newbie@${w.orgB.domain}`;
        const res = await http(`${gw.api}/register`, {
          json: { email, name: 'New Bie', password: 'a long password', consent: true },
        });
        assert.equal(res.status, 202);
        assert.deepEqual(res.body, { sent: true });
        assert.equal(res.headers.get('set-cookie'), null, 'no session before the address is verified');
        const token = linkToken((await waitForMail(gw, email)).at(-1)!, 'portico_verify');
        const verified = await http(`${gw.api}/register/verify`, { json: { token, mode: 'bearer' } });
        assert.equal(verified.status, 200, verified.text);
        assert.equal(verified.body.user.email, email);
        assert.equal(verified.body.user.organization.id, w.orgB.id);
        assert.equal(verified.body.user.role, 'user', 'self-registered people are plain users');
        const again = await http(`${gw.api}/register`, {
          json: { email, name: 'X', password: 'another password', consent: true },
        });
        assert.equal(again.status, 202, 'a known address gets the same answer (no 409)');
        assert.deepEqual(again.body, { sent: true });
        assert.match((await waitForMail(gw, email, 2)).at(-1)!.subject, /already have an account/);
        const noConsent = await http(`${gw.api}/register`, {
          json: { email: `other@${w.orgB.domain}`, name: 'X', password: 'a long password', consent: false },
        });
        assert.equal(noConsent.status, 422);
        assert.deepEqual(
          noConsent.body.errors.map((e: { field: string }) => e.field),
          ['consent'],
        );
        assert.equal(await gw.admin.findUser(`other@${w.orgB.domain}`), null);
      });

      it('answers 403 when registration is off', async () => {
        await gw.admin.settings({ portal: { registration: { enabled: false } } });
        try {
          const res = await http(`${gw.api}/register`, {
            json: { email: `closed@${w.orgB.domain}`, name: 'X', password: 'a long password', consent: true },
          });
          assert.equal(res.status, 403);
          assert.equal((await http(`${gw.api}/portal`)).body.capabilities.registration, false);
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });

      it('resets a password by e-mailed token: old password stops working, token works once', async () => {
        const email = `resetme@${w.orgB.domain}`;
        await gw.admin.createUser({ email, password: 'old password 1' });
        const old = await client().signIn(email, 'old password 1', 'bearer');
        const res = await http(`${gw.api}/password-reset`, { json: { email } });
        assert.equal(res.status, 202);
        assert.equal(
          (await http(`${gw.api}/password-reset`, { json: { email: `ghost@${w.orgB.domain}` } })).status,
          202,
        );
        const token = linkToken((await waitForMail(gw, email)).at(-1)!, 'portico_reset');
        const confirm = await http(`${gw.api}/password-reset/confirm`, { json: { token, password: 'new password 2' } });
        assert.equal(confirm.status, 204);
        assert.equal((await http(`${gw.api}/session`, { json: { email, password: 'old password 1' } })).status, 401);
        assert.equal((await http(`${gw.api}/session`, { json: { email, password: 'new password 2' } })).status, 200);
        assert.equal((await old.get('/session')).status, 401, 'a reset signs out everywhere');
        const reuse = await http(`${gw.api}/password-reset/confirm`, { json: { token, password: 'third password' } });
        assert.equal(reuse.status, 422);
      });
    });

    describe('/me', () => {
      it('returns the profile with organisation details', async () => {
        const c = await as(w.alice.email);
        const res = await c.get('/me');
        assert.equal(res.status, 200);
        assert.equal(res.body.email, w.alice.email);
        assert.equal(res.body.organizationDetails.id, w.orgA.id);
        assert.deepEqual([...res.body.organizationDetails.domains].sort(), [w.orgA.domain, w.orgA.extraDomain].sort());
      });

      it('updates name, phone and locale; 403 when the profile is read-only', async () => {
        const c = await as(w.cat.email);
        const res = await c.patch('/me', { name: 'Cat Updated', phone: '+31 6 1234 5678', locale: 'nl' });
        assert.equal(res.status, 200);
        assert.equal(res.body.name, 'Cat Updated');
        assert.equal((await c.get('/me')).body.locale, 'nl');
        await gw.admin.settings({ portal: { profile: { editable: false } } });
        try {
          assert.equal((await c.patch('/me', { name: 'Nope' })).status, 403);
          assert.equal((await c.get('/me')).body.name, 'Cat Updated');
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });

      it('changes the password: 422 for a wrong current one, 204 otherwise', async () => {
        const email = `pw@${w.orgB.domain}`;
        await gw.admin.createUser({ email, password: 'first password' });
        const c = await client().signIn(email, 'first password');
        assert.equal((await c.post('/me/password', { current: 'not it', next: 'second password' })).status, 422);
        assert.equal(
          (await c.post('/me/password', { current: 'first password', next: 'second password' })).status,
          204,
        );
        assert.equal((await c.get('/session')).status, 200, 'this session stays');
        assert.equal((await http(`${gw.api}/session`, { json: { email, password: 'second password' } })).status, 200);
      });
    });

    describe('tickets', () => {
      let bobTicket: string;

      before(async () => {
        const bob = await as(w.bob.email);
        const res = await bob.post(
          '/tickets',
          generalTicket('Printer on fire', { fields: { product: 'portal', urgency: 'high' } }),
        );
        assert.equal(res.status, 201, res.text);
        bobTicket = res.body.id;
      });

      it('creates a ticket from a form: routed by the organisation rule, fields stored, first message kept', async () => {
        const bob = await as(w.bob.email);
        const res = await bob.post('/tickets', generalTicket('Screen flickers'));
        assert.equal(res.status, 201);
        const t = res.body;
        assert.equal(t.subject, 'Screen flickers');
        assert.equal(t.status, 'new');
        assert.equal(t.statusLabel, 'New');
        assert.equal(t.requester.id, w.bob.id);
        assert.equal(t.organization.id, w.orgA.id);
        assert.equal(t.assignee?.name, 'Team A');
        assert.deepEqual(t.fields, { product: 'api', urgency: 'normal' });
        assert.equal(t.service, 'General support');
        assert.equal(t.permissions.canReply, true);
        const msgs = await bob.get(`/tickets/${t.id}/messages`);
        assert.equal(msgs.body.items.length, 1);
        assert.equal(msgs.body.items[0].body.content, 'About: Screen flickers');
      });

      it('validates against the form: required, options, unknown fields and conditions → 422 naming fields', async () => {
        const bob = await as(w.bob.email);
        const bad = await bob.post('/tickets', generalTicket('x', { fields: { product: 'toaster', colour: 'red' } }));
        assert.equal(bad.status, 422);
        const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
        assert.deepEqual(fields, ['fields.colour', 'fields.product']);
        const access = {
          formId: 'access-request',
          subject: 'Need ERP',
          body: { format: 'text', content: 'please' },
          fields: { system: 'erp', 'start-date': '2025-05-01', 'manager-email': 'boss@example.com' },
        };
        const noReason = await bob.post('/tickets', access);
        assert.equal(noReason.status, 422);
        assert.deepEqual(noReason.body.errors, [{ field: 'fields.reason', code: 'required', message: 'is required' }]);
        const wiki = await bob.post('/tickets', { ...access, fields: { ...access.fields, system: 'wiki' } });
        assert.equal(wiki.status, 201, 'reason is hidden (not required) for the wiki');
        const withReason = await bob.post('/tickets', {
          ...access,
          fields: { ...access.fields, reason: 'month-end close' },
        });
        assert.equal(withReason.status, 201);
        assert.equal(withReason.body.fields.reason, 'month-end close');
        const badDate = await bob.post('/tickets', {
          ...access,
          fields: { ...access.fields, system: 'wiki', 'start-date': '2025-02-30' },
        });
        assert.equal(badDate.status, 422);
        const unknownForm = await bob.post('/tickets', generalTicket('x', { formId: 'nope' }));
        assert.equal(unknownForm.status, 422);
      });

      it('lists mine and the organisation’s; a plain user asking for the organisation gets 403', async () => {
        const alice = await as(w.alice.email);
        await alice.post('/tickets', generalTicket('Alice ticket'));
        const mine = await alice.get('/tickets?scope=mine');
        assert.ok(mine.body.items.every((t: { requester: { id: string } }) => t.requester.id === w.alice.id));
        const org = await alice.get('/tickets?scope=organization');
        assert.equal(org.status, 200);
        const ids = org.body.items.map((t: { id: string }) => t.id);
        assert.ok(ids.includes(bobTicket), 'the company user sees a colleague’s ticket');
        const bob = await as(w.bob.email);
        const denied = await bob.get('/tickets?scope=organization');
        assert.equal(denied.status, 403);
        const dan = await as(w.dan.email);
        const other = await dan.get('/tickets?scope=organization');
        assert.ok(!other.body.items.some((t: { id: string }) => t.id === bobTicket));
      });

      it('shows company users only their own requests when the portal says “only what they requested”', async () => {
        await gw.admin.settings({ portal: { organizationVisibility: false } });
        try {
          const alice = await as(w.alice.email);
          assert.equal((await alice.get('/tickets?scope=organization')).status, 403);
          assert.equal((await alice.get(`/tickets/${bobTicket}`)).status, 404);
          assert.equal((await http(`${gw.api}/portal`)).body.organizationVisibility, false);
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
        const alice = await as(w.alice.email);
        assert.equal((await alice.get(`/tickets/${bobTicket}`)).status, 200);
      });

      it('paginates with a cursor, filters by status and searches by subject', async () => {
        const cat = await as(w.cat.email);
        for (const s of ['alpha one', 'beta two', 'gamma three'])
          assert.equal((await cat.post('/tickets', generalTicket(s))).status, 201);
        const first = await cat.get('/tickets?limit=2');
        assert.equal(first.body.items.length, 2);
        assert.ok(first.body.nextCursor);
        const second = await cat.get(`/tickets?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
        const all = [...first.body.items, ...second.body.items].map((t: { subject: string }) => t.subject);
        assert.equal(new Set(all).size, all.length, 'no ticket twice across pages');
        assert.ok(['alpha one', 'beta two', 'gamma three'].every((s) => all.includes(s)));
        const found = await cat.get('/tickets?q=BETA');
        assert.deepEqual(
          found.body.items.map((t: { subject: string }) => t.subject),
          ['beta two'],
        );
        const gamma =
          all.indexOf('gamma three') >= 0
            ? [...first.body.items, ...second.body.items].find((t: { subject: string }) => t.subject === 'gamma three')
            : null;
        await gw.admin.setStatus(gamma.id, 'solved');
        const closed = await cat.get('/tickets?status=closed');
        assert.deepEqual(
          closed.body.items.map((t: { subject: string }) => t.subject),
          ['gamma three'],
        );
        const open = await cat.get('/tickets?status=open');
        assert.ok(!open.body.items.some((t: { subject: string }) => t.subject === 'gamma three'));
        const oldest = await cat.get('/tickets?sort=created&limit=1');
        assert.equal(oldest.body.items[0].subject, 'alpha one');
        assert.equal((await cat.get('/tickets?limit=0')).status, 400);
        assert.equal((await cat.get('/tickets?status=weird')).status, 400);
        assert.equal((await cat.get('/tickets?cursor=forged')).status, 400);
      });

      it('searches by words: each in the subject, the requester or a message the customer sees, never an internal note', async () => {
        const bob = await as(w.bob.email);
        const alice = await as(w.alice.email);
        const made = await bob.post(
          '/tickets',
          generalTicket(`Scanner${w.tag} offline`, {
            body: { format: 'text', content: `The tray makes a grinding${w.tag} noise` },
          }),
        );
        assert.equal(made.status, 201, made.text);
        await gw.admin.reply(made.body.id, `Checked: zebra${w.tag} firmware`, { internal: true });
        const subjects = async (q: string, scope = 'organization') =>
          (await alice.get(`/tickets?scope=${scope}&q=${encodeURIComponent(q)}`)).body.items.map(
            (t: { subject: string }) => t.subject,
          );
        const mine = [`Scanner${w.tag} offline`];
        // The requester's name (or address) and a word of the subject, in any order and case.
        assert.deepEqual(await subjects(`bob SCANNER${w.tag}`), mine);
        assert.deepEqual(await subjects(`scanner${w.tag} Bob`), mine);
        // Every word must match.
        assert.deepEqual(await subjects(`scanner${w.tag} printer`), []);
        // The ticket's number.
        assert.deepEqual(await subjects(`#${made.body.number}`), mine);
        // The first message: the stores that search the conversation (RT's search would read comments too).
        const searchesMessages = !label.includes('Request Tracker');
        assert.deepEqual(await subjects(`grinding${w.tag}`), searchesMessages ? mine : []);
        // An agent's internal note never finds it: its words stay unknown to the customer.
        assert.deepEqual(await subjects(`zebra${w.tag}`), []);
        assert.deepEqual(await subjects(`zebra${w.tag}`, 'mine'), []);
        // Punctuation alone matches nothing.
        assert.deepEqual(await subjects('%_%'), []);
        // `#n` names the ticket only; a bare number also finds it as a word (an order number in a subject).
        const n = made.body.number;
        const mention = await bob.post('/tickets', generalTicket(`Order ${n}${w.tag} refund`));
        assert.equal(mention.status, 201, mention.text);
        assert.deepEqual(await subjects(`#${n}`), mine);
        assert.deepEqual(await subjects(`  #${n} `), mine);
        const bare = await subjects(`${n}`);
        assert.ok(bare.includes(mine[0]!) && bare.includes(`Order ${n}${w.tag} refund`), bare.join(', '));
      });

      it('counts by status for the dashboard', async () => {
        const cat = await as(w.cat.email);
        const res = await cat.get('/tickets/summary?scope=mine');
        assert.equal(res.status, 200);
        assert.equal(res.body.solved, 1);
        assert.equal(res.body.new, 2);
        assert.equal(
          res.body.total,
          res.body.new + res.body.open + res.body.pending + res.body.solved + res.body.closed,
        );
        assert.equal((await cat.get('/tickets/summary?scope=organization')).status, 403);
        const alice = await as(w.alice.email);
        const org = await alice.get('/tickets/summary?scope=organization');
        assert.ok(org.body.total >= (await alice.get('/tickets/summary?scope=mine')).body.total + 1);
      });

      it('shows one ticket with permissions; internal notes never reach the customer', async () => {
        await gw.admin.reply(bobTicket, 'SECRET internal note about the customer', { internal: true });
        await gw.admin.reply(bobTicket, '<p>We sent a <b>new printer</b>.</p>', { html: true });
        const bob = await as(w.bob.email);
        const t = await bob.get(`/tickets/${bobTicket}`);
        assert.equal(t.status, 200);
        assert.deepEqual(t.body.permissions, { canReply: true, canClose: true, canReopen: false, canRate: false });
        const msgs = await bob.get(`/tickets/${bobTicket}/messages`);
        assert.ok(!msgs.text.includes('SECRET'));
        const last = msgs.body.items.at(-1);
        assert.equal(last.author.role, 'agent');
        assert.equal(last.body.format, 'html');
        assert.equal(last.author.name, 'Agent Smith');
        const alice = await as(w.alice.email);
        const colleague = await alice.get(`/tickets/${bobTicket}`);
        assert.deepEqual(colleague.body.permissions, {
          canReply: false,
          canClose: false,
          canReopen: false,
          canRate: false,
        });
      });

      it('marks tickets unread after an agent answers and read after the messages are opened', async () => {
        const bob = await as(w.bob.email);
        await bob.get(`/tickets/${bobTicket}/messages`);
        assert.equal((await bob.get(`/tickets/${bobTicket}`)).body.unread, false);
        await nextSecond();
        await gw.admin.reply(bobTicket, 'Any news?');
        assert.equal((await bob.get(`/tickets/${bobTicket}`)).body.unread, true);
        await bob.get(`/tickets/${bobTicket}/messages`);
        assert.equal((await bob.get(`/tickets/${bobTicket}`)).body.unread, false);
      });

      it('pages a conversation by cursor, oldest first or newest first, each public message once', async () => {
        const bob = await as(w.bob.email);
        const t = (await bob.post('/tickets', generalTicket('Long conversation'))).body;
        for (let i = 1; i <= 6; i++) {
          await gw.admin.reply(t.id, `Answer ${i}`);
          if (i === 3) await gw.admin.reply(t.id, 'SECRET note in the middle', { internal: true });
        }
        const walk = async (sort: string) => {
          const pages: string[][] = [];
          let cursor: string | null = null;
          do {
            const q: string = `limit=3${sort ? `&sort=${sort}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
            const res = await bob.get(`/tickets/${t.id}/messages?${q}`);
            assert.equal(res.status, 200);
            assert.ok(!res.text.includes('SECRET'));
            pages.push((res.body.items as Array<{ body: { content: string } }>).map((m) => m.body.content));
            cursor = res.body.nextCursor;
          } while (cursor && pages.length < 10);
          return pages;
        };
        const oldest = await walk('');
        assert.deepEqual(
          oldest.map((p) => p.length),
          [3, 3, 1],
        );
        const flat = oldest.flat();
        assert.deepEqual(flat.slice(1), ['Answer 1', 'Answer 2', 'Answer 3', 'Answer 4', 'Answer 5', 'Answer 6']);
        assert.deepEqual(await walk('created'), oldest);
        const newest = await walk('-created');
        assert.deepEqual(newest[0], ['Answer 6', 'Answer 5', 'Answer 4']);
        assert.deepEqual(newest.flat(), [...flat].reverse());
        for (const bad of ['sort=updated', 'cursor=abc', 'cursor=-1', 'cursor=1%20OR%201%3D1']) {
          assert.equal((await bob.get(`/tickets/${t.id}/messages?${bad}`)).status, 400, bad);
        }
      });

      it('an internal note moves neither updatedAt, unread nor the list order; a public answer does', async () => {
        const bob = await as(w.bob.email);
        const noted = (await bob.post('/tickets', generalTicket('Internal note target'))).body;
        await nextSecond();
        const newer = (await bob.post('/tickets', generalTicket('Newer ticket'))).body;
        const order = async () =>
          ((await bob.get('/tickets?scope=mine&sort=-updated&limit=100')).body.items as Array<{ id: string }>).map(
            (t) => t.id,
          );
        await bob.get(`/tickets/${noted.id}/messages`);
        const before = (await bob.get(`/tickets/${noted.id}`)).body;
        assert.equal(before.unread, false);
        const orderBefore = await order();
        assert.ok(orderBefore.indexOf(newer.id) < orderBefore.indexOf(noted.id));

        await nextSecond();
        await gw.admin.reply(noted.id, 'SECRET internal note', { internal: true });
        const after = (await bob.get(`/tickets/${noted.id}`)).body;
        assert.equal(after.updatedAt, before.updatedAt, 'an internal note is not an update the customer sees');
        assert.equal(after.unread, false);
        assert.deepEqual(await order(), orderBefore, 'an internal note does not move the ticket up the list');
        const listed = (await bob.get('/tickets?scope=mine&limit=100')).body.items.find(
          (t: { id: string }) => t.id === noted.id,
        );
        assert.equal(listed.unread, false);
        assert.equal(listed.updatedAt, before.updatedAt);

        await gw.admin.reply(noted.id, 'A public answer');
        const answered = (await bob.get(`/tickets/${noted.id}`)).body;
        assert.ok(answered.updatedAt > before.updatedAt);
        assert.equal(answered.unread, true);
        assert.equal((await order())[0], noted.id);
      });

      it('replies (201) and puts a pending ticket back to open', async () => {
        await gw.admin.setStatus(bobTicket, 'pending');
        const bob = await as(w.bob.email);
        const res = await bob.post(`/tickets/${bobTicket}/messages`, {
          body: { format: 'text', content: 'Here is the info' },
        });
        assert.equal(res.status, 201);
        assert.equal(res.body.author.role, 'customer');
        assert.equal(res.body.body.content, 'Here is the info');
        assert.equal((await gw.admin.ticket(bobTicket)).status, 'open');
      });

      it('closes and reopens where allowed; 403 where the portal does not allow it', async () => {
        const bob = await as(w.bob.email);
        const closed = await bob.post(`/tickets/${bobTicket}/close`);
        assert.equal(closed.status, 200);
        assert.equal(closed.body.status, 'closed');
        assert.equal(closed.body.permissions.canReopen, true);
        assert.equal(
          (await bob.post(`/tickets/${bobTicket}/messages`, { body: { format: 'text', content: 'late' } })).status,
          403,
        );
        const reopened = await bob.post(`/tickets/${bobTicket}/reopen`);
        assert.equal(reopened.status, 200);
        assert.equal(reopened.body.status, 'open');
        await gw.admin.settings({ portal: { allowClose: false } });
        try {
          assert.equal((await bob.post(`/tickets/${bobTicket}/close`)).status, 403);
          assert.equal((await gw.admin.ticket(bobTicket)).status, 'open');
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });

      it('uses simple Open/Closed labels in simple mode', async () => {
        await gw.admin.settings({ portal: { statusLabelMode: 'simple' } });
        try {
          await gw.admin.setStatus(bobTicket, 'pending');
          const bob = await as(w.bob.email);
          const t = await bob.get(`/tickets/${bobTicket}`);
          assert.equal(t.body.status, 'pending');
          assert.equal(t.body.statusLabel, 'Open');
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });

      it('lets company users answer colleagues’ tickets only when the portal allows it, never close them', async () => {
        await gw.admin.settings({ portal: { companyUsersCanReplyToColleagues: true } });
        try {
          const alice = await as(w.alice.email);
          const t = await alice.get(`/tickets/${bobTicket}`);
          assert.equal(t.body.permissions.canReply, true);
          assert.equal(t.body.permissions.canClose, false);
          assert.equal(
            (
              await alice.post(`/tickets/${bobTicket}/messages`, {
                body: { format: 'text', content: 'colleague here' },
              })
            ).status,
            201,
          );
          assert.equal((await alice.post(`/tickets/${bobTicket}/close`)).status, 403);
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });

      it('honours Idempotency-Key: the same key answers the first response and creates nothing new', async () => {
        const dan = await as(w.dan.email);
        const key = crypto.randomUUID();
        const before = (await dan.get('/tickets/summary')).body.total;
        const one = await dan.post('/tickets', generalTicket('only once'), { 'idempotency-key': key });
        const two = await dan.post('/tickets', generalTicket('only once'), { 'idempotency-key': key });
        assert.equal(one.status, 201);
        assert.equal(two.status, 201);
        assert.equal(two.body.id, one.body.id);
        assert.equal(two.headers.get('idempotent-replayed'), 'true');
        assert.equal((await dan.get('/tickets/summary')).body.total, before + 1);
        const other = await dan.post('/tickets', generalTicket('something else'), { 'idempotency-key': key });
        assert.equal(other.status, 422);
        const r1 = await dan.post(
          `/tickets/${one.body.id}/messages`,
          { body: { format: 'text', content: 'hi' } },
          { 'idempotency-key': 'reply-1' },
        );
        const r2 = await dan.post(
          `/tickets/${one.body.id}/messages`,
          { body: { format: 'text', content: 'hi' } },
          { 'idempotency-key': 'reply-1' },
        );
        assert.equal(r2.body.id, r1.body.id);
        assert.equal((await dan.get(`/tickets/${one.body.id}/messages`)).body.items.length, 2);
        const alice = await as(w.alice.email);
        const foreignKey = await alice.post('/tickets', generalTicket('alice with dan’s key'), {
          'idempotency-key': key,
        });
        assert.equal(foreignKey.status, 201);
        assert.notEqual(foreignKey.body.id, one.body.id, 'keys are per customer');
      });
    });

    describe('forms and articles', () => {
      it('lists forms and returns a schema; 404 for an unknown form', async () => {
        const list = await http(`${gw.api}/forms`);
        assert.equal(list.status, 200);
        assert.ok(list.body.items.some((f: { id: string }) => f.id === 'general'));
        const form = await http(`${gw.api}/forms/access-request`);
        assert.equal(form.body.id, 'access-request');
        assert.ok(form.body.fields.find((f: { id: string }) => f.id === 'reason').condition);
        assert.equal((await http(`${gw.api}/forms/nope`)).status, 404);
      });

      it('suggests articles for what someone types', async (t) => {
        if (!capabilities.articles) return t.skip('this backend reports capabilities.articles = false');
        await gw.admin.saveArticle(`vpn-${w.tag}`, {
          title: `VPN drops every hour ${w.tag}`,
          excerpt: 'Update the client.',
          url: 'https://kb.example/vpn',
        });
        const res = await http(`${gw.api}/articles?q=${encodeURIComponent(`vpn drops ${w.tag}`)}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.items[0].title, `VPN drops every hour ${w.tag}`);
        const none = await http(`${gw.api}/articles?q=${encodeURIComponent(`zebra${w.tag}`)}`);
        assert.deepEqual(none.body.items, []);
      });
    });

    describe('uploads and attachments', () => {
      it('uploads, attaches to a new ticket and downloads as an attachment with nosniff', async () => {
        const cat = await as(w.cat.email);
        const up = await cat.upload('report ✓.txt', 'line one\nline two\n', 'text/plain');
        assert.equal(up.status, 201, up.text);
        assert.equal(up.body.name, 'report ✓.txt');
        assert.equal(up.body.size, 18);
        const t = await cat.post('/tickets', generalTicket('with file', { attachments: [up.body.id] }));
        assert.equal(t.status, 201, t.text);
        const msgs = await cat.get(`/tickets/${t.body.id}/messages`);
        const att = msgs.body.items[0].attachments[0];
        assert.equal(att.name, 'report ✓.txt');
        const dl = await cat.get(`/attachments/${att.id}`);
        assert.equal(dl.status, 200);
        assert.equal(dl.text, 'line one\nline two\n');
        assert.match(dl.headers.get('content-disposition')!, /^attachment;/);
        assert.match(dl.headers.get('content-disposition')!, /filename\*=UTF-8''report%20%E2%9C%93\.txt/);
        assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
        const reuse = await cat.post('/tickets', generalTicket('reuse', { attachments: [up.body.id] }));
        assert.equal(reuse.status, 422, 'an upload is attached once');
        const dan = await as(w.dan.email, 'bearer');
        assert.equal((await dan.get(`/attachments/${att.id}`)).status, 200, 'a company colleague may download');
        const link = await http(`${gw.api}/attachments/${att.id}?access_token=${dan.bearer}`);
        assert.equal(link.status, 200, 'bearer mode can use a plain link');
        assert.equal(
          (await http(`${gw.api}/tickets?access_token=${dan.bearer}`)).status,
          401,
          'only downloads and events take the token in the URL',
        );
        const alice = await as(w.alice.email);
        assert.equal((await alice.get(`/attachments/${att.id}`)).status, 404);
      });

      it('refuses files over the limit (413) and types not allowed (415)', async () => {
        await gw.admin.settings({ portal: { uploads: { maxBytes: 1000 } } });
        try {
          const cat = await as(w.cat.email);
          const big = await cat.upload('big.txt', 'x'.repeat(1001), 'text/plain');
          assert.equal(big.status, 413);
          assert.equal(big.body.type, PROBLEM_TYPES.tooLarge);
          const html = await cat.upload('page.html', '<script>alert(1)</script>', 'text/html');
          assert.equal(html.status, 415);
          const disguised = await cat.upload('page.txt', '<script>', 'text/html');
          assert.equal(disguised.status, 415);
          const exe = await cat.upload('tool.exe', 'MZ', 'application/octet-stream');
          assert.equal(exe.status, 415);
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });

      it('lets nobody attach someone else’s upload', async () => {
        const cat = await as(w.cat.email);
        const up = await cat.upload('mine.txt', 'mine', 'text/plain');
        const dan = await as(w.dan.email);
        const res = await dan.post('/tickets', generalTicket('steal', { attachments: [up.body.id] }));
        assert.equal(res.status, 422);
        assert.equal(res.body.errors[0].field, 'attachments');
      });
    });

    describe('GET /events', () => {
      it('streams ticket.updated and message.created for the user, and resumes with Last-Event-ID', async () => {
        const cat = await as(w.cat.email);
        const t = (await cat.post('/tickets', generalTicket('live one'))).body;
        const ac = new AbortController();
        const res = await fetch(`${gw.api}/events`, { headers: cat.authHeaders(), signal: ac.signal });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type')!, /text\/event-stream/);
        const reader = res.body!.getReader();
        const events: Array<{ id: string; event: string; data: any }> = [];
        let buf = '';
        const waitFor = async (pred: () => boolean) => {
          const deadline = Date.now() + 10_000;
          while (!pred() && Date.now() < deadline) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += new TextDecoder().decode(value);
            let i: number;
            while ((i = buf.indexOf('\n\n')) !== -1) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const id = /^id: (.*)$/m.exec(block)?.[1];
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (id && event && data) events.push({ id, event, data: JSON.parse(data) });
            }
          }
        };
        await nextSecond();
        await gw.admin.reply(t.id, 'live answer');
        await waitFor(
          () =>
            events.some((e) => e.event === 'message.created') &&
            events.some((e) => e.event === 'ticket.updated' && e.data.ticket.unread),
        );
        ac.abort();
        const msg = events.find((e) => e.event === 'message.created')!;
        assert.equal(msg.data.ticketId, t.id);
        assert.equal(msg.data.message.body.content, 'live answer');
        const upd = events.find((e) => e.event === 'ticket.updated' && e.data.ticket.unread)!;
        assert.equal(upd.data.ticket.id, t.id);
        assert.equal(upd.data.ticket.unread, true);
        assert.equal(upd.data.ticket.requesterEmail, undefined, 'stored fields stay inside');

        await gw.admin.reply(t.id, 'while you were away');
        await gw.admin.reply(t.id, 'SECRET note', { internal: true });
        const resumed = await fetch(`${gw.api}/events`, {
          headers: { ...cat.authHeaders(), 'last-event-id': msg.id },
          signal: AbortSignal.timeout(10_000),
        });
        const r2 = resumed.body!.getReader();
        let text = '';
        const deadline = Date.now() + 10_000;
        while (!text.includes('while you were away') && Date.now() < deadline) {
          const { value, done } = await r2.read().catch(() => ({ value: undefined, done: true }));
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        await r2.cancel().catch(() => undefined);
        assert.ok(text.includes('while you were away'), 'missed events are replayed');
        assert.ok(!text.includes('live answer'), 'events up to Last-Event-ID are not sent again');
        assert.ok(!text.includes('SECRET'));
      });

      it('says how current each ticket read is: a read older than the stream’s start has a lower cursor', async () => {
        const cat = await as(w.cat.email);
        const t = (await cat.post('/tickets', generalTicket('cursor one'))).body;
        const cursorOf = (res: { headers: Headers }) => {
          const value = res.headers.get(EVENT_CURSOR_HEADER);
          assert.match(value ?? '', /^\d+$/, `${EVENT_CURSOR_HEADER} on the answer`);
          return Number(value);
        };
        const before = cursorOf(await cat.get('/tickets'));
        const stream = await EventStream.open(gw.api, cat.authHeaders());
        try {
          const first = await stream.opened();
          assert.equal(stream.cursor, first, 'the stream’s header names its first frame’s id');
          assert.ok(before <= Number(first), 'a read taken before the stream has a cursor no higher than its start');
          await nextSecond();
          await gw.admin.reply(t.id, 'after the cursor');
          const event = await stream.waitFor((e) => e.event === 'message.created', 'the agent’s answer');
          // A read taken after the event was sent is at least that current, and has the change.
          const messages = await cat.get(`/tickets/${t.id}/messages`);
          assert.ok(cursorOf(messages) >= Number(event.id), 'a later read is at least as current as the event');
          assert.ok(messages.body.items.some((m: any) => m.body.content === 'after the cursor'));
          for (const path of [`/tickets/${t.id}`, '/tickets', '/tickets/summary'])
            assert.ok(cursorOf(await cat.get(path)) >= Number(event.id), path);
        } finally {
          await stream.close();
        }
      });

      it('does not send other people’s events', async () => {
        const dan = await as(w.dan.email);
        const bob = await as(w.bob.email);
        const t = (await bob.post('/tickets', generalTicket('not for dan'))).body;
        const res = await fetch(`${gw.api}/events`, { headers: dan.authHeaders(), signal: AbortSignal.timeout(1500) });
        await gw.admin.reply(t.id, 'for bob only');
        let text = '';
        try {
          const reader = res.body!.getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            text += new TextDecoder().decode(value);
          }
        } catch {
          /* the timeout ends the stream */
        }
        assert.ok(!text.includes('for bob only'));
      });
    });

    describe('chat', () => {
      it('reports availability, starts a conversation and carries agent answers', async (t) => {
        if (!capabilities.chat) return t.skip('this backend reports capabilities.chat = false');
        const anon = await http(`${gw.api}/chat/availability`);
        assert.equal(anon.status, 200);
        const cat = await as(w.cat.email);
        const av = await cat.get('/chat/availability');
        assert.deepEqual(av.body, { available: true, reason: null });
        const started = await cat.post('/chat/conversations', { text: 'Hello, anyone?' });
        assert.equal(started.status, 201);
        const convId = started.body.conversation.id;
        assert.equal(started.body.message.text, 'Hello, anyone?');
        await gw.admin.chatReply(convId, 'Hi Cat!');
        const sent = await cat.post(`/chat/conversations/${convId}/messages`, { text: 'My VPN is down' });
        assert.equal(sent.status, 201);
        const list = await cat.get(`/chat/conversations/${convId}/messages`);
        assert.deepEqual(
          list.body.items.map((m: { text: string }) => m.text),
          ['Hello, anyone?', 'Hi Cat!', 'My VPN is down'],
        );
        assert.equal(list.body.items[1].author.role, 'agent');
        const dan = await as(w.dan.email);
        assert.equal((await dan.get(`/chat/conversations/${convId}/messages`)).status, 404);
      });

      it('limits chat to chosen organisations and says offline when no agent is there', async (t) => {
        if (!capabilities.chat) return t.skip('this backend reports capabilities.chat = false');
        await gw.admin.settings({ server: { chatOrganizationIds: [w.orgA.id] } });
        try {
          const cat = await as(w.cat.email);
          assert.deepEqual((await cat.get('/chat/availability')).body, { available: false, reason: 'not-eligible' });
          assert.equal((await cat.post('/chat/conversations', { text: 'hi' })).status, 403);
          const alice = await as(w.alice.email);
          assert.equal((await alice.get('/chat/availability')).body.available, true);
          await gw.admin.settings({ server: { chatOnline: false } });
          assert.deepEqual((await alice.get('/chat/availability')).body, { available: false, reason: 'offline' });
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });
    });

    describe('customers and organisations', () => {
      it('matches organisations by extra domain and creates them only while automatic creation is on', async () => {
        const extra = await gw.admin.createUser({ email: `zed@${w.orgA.extraDomain}` });
        assert.equal(extra.organization?.id, w.orgA.id);
        const auto = await gw.admin.createUser({ email: `x@new-${w.tag}.example` });
        assert.ok(auto.organization, 'an unknown company domain makes an organisation');
        const free = await gw.admin.createUser({ email: `someone-${w.tag}@gmail.com` });
        assert.equal(free.organization, null, 'free-mail domains never do');
        await gw.admin.settings({ server: { autoCreateOrganizations: false } });
        try {
          const off = await gw.admin.createUser({ email: `y@off-${w.tag}.example` });
          assert.equal(off.organization, null);
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });

      it('enables portal access for a contact, who gets a sign-in e-mail (TVox)', async () => {
        const email = `contact@${w.orgA.domain}`;
        const c = await gw.admin.createUser({ email, name: 'Con Tact' });
        assert.equal(c.portalAccess, false);
        assert.equal((await http(`${gw.api}/session`, { json: { email, password: 'anything at all' } })).status, 401);
        await gw.admin.enableAccess(c.id, 'company');
        const mail = (await outboxFor(gw, email)).at(-1)!;
        assert.match(mail.text, /your e-mail address/i);
        const token = /portico_reset=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
        assert.equal(
          (await http(`${gw.api}/password-reset/confirm`, { json: { token, password: 'chosen password' } })).status,
          204,
        );
        const s = await client().signIn(email, 'chosen password');
        assert.equal((await s.get('/me')).body.role, 'company');
      });

      it('makes a contact record (in no organisation) on a first anonymous ticket where the portal allows it', async () => {
        const email = `walkin@${w.orgB.domain}`;
        const denied = await http(`${gw.api}/tickets`, {
          json: generalTicket('anon', { requester: { email, name: 'Walk In' } }),
        });
        assert.equal(denied.status, 401);
        await gw.admin.settings({ portal: { anonymousTickets: true } });
        try {
          const res = await http(`${gw.api}/tickets`, {
            json: generalTicket('anon', { requester: { email, name: 'Walk In' } }),
          });
          assert.equal(res.status, 201, res.text);
          const customer = await gw.admin.findUser(email);
          assert.ok(customer, 'a contact record');
          assert.equal(customer.organization, null, 'an address nobody proved joins no organisation');
          assert.equal((await gw.admin.ticket(res.body.id)).requesterEmail, email);
        } finally {
          await gw.admin.call('DELETE', '/settings');
        }
      });
    });

    describe('access log and admin API', () => {
      it('records sign-ins and failures for the admin; the admin API needs its token', async () => {
        await http(`${gw.api}/session`, { json: { email: w.dan.email, password: 'nope nope' } });
        await as(w.dan.email);
        const log = await gw.admin.accessLog(w.dan.email);
        assert.ok(log.items.some((e) => e.event === 'sign-in-failed'));
        assert.ok(log.items.some((e) => e.event === 'sign-in'));
        assert.equal((await http(`${gw.origin}/admin/v1/access-log`)).status, 401);
        assert.equal(
          (await http(`${gw.origin}/admin/v1/access-log`, { headers: { authorization: 'Bearer wrong' } })).status,
          401,
        );
      });
    });

    describe('CORS', () => {
      it('answers preflights for configured origins only', async () => {
        const ok = await http(`${gw.api}/tickets`, {
          method: 'OPTIONS',
          headers: {
            origin: ALLOWED_ORIGIN,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
        assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
        const no = await http(`${gw.api}/tickets`, {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        });
        assert.equal(no.headers.get('access-control-allow-origin'), null);
      });
    });

    describe('errors', () => {
      it('answers unknown routes with a 404 problem', async () => {
        const res = await http(`${gw.api}/nope`);
        assert.equal(res.status, 404);
        assert.ok(res.headers.get('content-type')!.startsWith(PROBLEM_CONTENT_TYPE));
      });
    });
  });
}
