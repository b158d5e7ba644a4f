/**
 * Issue 9, the gateway's side: each attack on the way in and out, now
 * refused over HTTP with nothing changed — account pre-hijack by
 * registering someone else's address, locking a victim out with wrong
 * passwords or fake links, sessions and links that outlive a password
 * change, SSE streams that outlive their session, SSO replay, and private
 * answers a cache could keep.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { buildGateway } from '../../server/app.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { openDatabase } from '../../server/db/database.js';
import { migrate } from '../../server/db/migrate.js';
import {
  embeddedGateway,
  http,
  linkToken,
  outboxFor,
  PortalClient,
  waitForMail,
  type RealGateway,
} from './helpers/gateway-harness.js';
import { EventStream } from './helpers/sse.js';
import { generalTicket, makeWorld, PASSWORD, type World } from './helpers/world.js';

const SSO_SECRET = 'host-site-shared-secret-of-32-bytes!';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ssoToken = (claims: Record<string, unknown>, opts: { jti?: string; iat?: number } = {}) => {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m');
  jwt = opts.iat !== undefined ? jwt.setIssuedAt(opts.iat) : jwt.setIssuedAt();
  if (opts.jti) jwt = jwt.setJti(opts.jti);
  return jwt.sign(new TextEncoder().encode(SSO_SECRET));
};

describe('account security (issue 9)', () => {
  let gw: RealGateway;
  let w: World;
  const client = () => new PortalClient(gw.api);
  const register = (email: string, password: string, name = 'Someone') =>
    http(`${gw.api}/register`, { json: { email, name, password, consent: true } });

  before(async () => {
    gw = await embeddedGateway()({
      sso: { hs256Secret: SSO_SECRET },
      // A short mail cooldown keeps the test quick; the cap is what a day of abuse would hit.
      lockout: { freeFailuresPerIp: 100_000, mailCooldownSeconds: 2, mailsPerHour: 4 },
    });
    w = await makeWorld(gw.admin);
  });
  after(async () => {
    await gw?.close();
  });

  describe('registration needs a verified address (pre-hijack)', () => {
    it('answers 202 {sent:true} alike for new, contact and account addresses, with no session and no record', async () => {
      const fresh = `fresh@${w.orgA.domain}`;
      const contact = `contact@${w.orgA.domain}`;
      await gw.admin.createUser({ email: contact, name: 'Con Tact' });
      const answers = [];
      for (const email of [fresh, contact, w.alice.email]) {
        const res = await register(email, 'attacker password');
        answers.push({ status: res.status, body: res.body, cookie: res.headers.get('set-cookie') });
      }
      for (const a of answers) assert.deepEqual(a, { status: 202, body: { sent: true }, cookie: null });
      assert.equal(await gw.admin.findUser(fresh), null, 'no customer record before verification');
      // Known account: a "you have an account" mail; its password is untouched.
      const notice = (await waitForMail(gw.dataDir, w.alice.email)).at(-1)!;
      assert.match(notice.subject, /already have an account/);
      await client().signIn(w.alice.email, PASSWORD);
      assert.equal(
        (await http(`${gw.api}/session`, { json: { email: w.alice.email, password: 'attacker password' } })).status,
        401,
      );
    });

    it('an unverified registration cannot sign in, joins no organisation and never gains a contact’s tickets', async () => {
      const email = `new.hire@${w.orgA.domain}`;
      assert.equal((await register(email, 'attacker password', 'Mallory')).status, 202);
      await waitForMail(gw.dataDir, email);
      // An agent files a ticket for the real new hire.
      const ticket = await gw.admin.createTicket({
        requesterEmail: email,
        requesterName: 'New Hire',
        formId: 'general',
        subject: 'Your laptop is ready',
        body: { format: 'text', content: 'Pick it up at the desk.' },
        fields: { product: 'api', urgency: 'normal' },
      });
      const signIn = await http(`${gw.api}/session`, { json: { email, password: 'attacker password' } });
      assert.equal(signIn.status, 401, 'the registrant has no portal access');
      const contact = await gw.admin.findUser(email);
      assert.equal(contact?.organization?.id, w.orgA.id, 'the agent’s contact is in the company…');
      const list = await gw.admin.call('GET', `/customers?organizationId=${w.orgA.id}`);
      const record = list.items.find((c: { email: string }) => c.email === email);
      assert.equal(record.portalAccess, false, '…and nobody can sign in as it');
      assert.equal(record.name, 'New Hire', 'the registration changed nothing on the contact');

      // The real person signs in through the host site's SSO: the pending registration is void.
      const sso = await http(`${gw.api}/session/sso`, {
        json: { jwt: await ssoToken({ email, name: 'New Hire' }), mode: 'bearer' },
      });
      assert.equal(sso.status, 200, sso.text);
      const owner = new PortalClient(gw.api);
      owner.adopt(sso);
      assert.deepEqual(
        (await owner.get('/tickets')).body.items.map((t: { id: string }) => t.id),
        [ticket.id],
        'the owner sees the ticket',
      );
      const stolenLink = linkToken((await outboxFor(gw.dataDir, email)).at(-1)!, 'portico_verify');
      const late = await http(`${gw.api}/register/verify`, { json: { token: stolenLink } });
      assert.equal(late.status, 422, 'a registration made before the owner signed in never takes effect');
      assert.equal(late.body.code, 'link-invalid');
      assert.equal(
        (await http(`${gw.api}/session`, { json: { email, password: 'attacker password' } })).status,
        401,
        'the registrant’s password never works',
      );
    });

    it('the verification link makes the account: signed in, in its organisation, with the contact’s tickets', async () => {
      const email = `verified@${w.orgB.domain}`;
      const ticket = await gw.admin.createTicket({
        requesterEmail: email,
        formId: 'general',
        subject: 'Filed before you signed up',
        body: { format: 'text', content: 'x' },
        fields: { product: 'api', urgency: 'normal' },
      });
      assert.equal((await register(email, 'my own password', 'Vera Fied')).status, 202);
      const token = linkToken((await waitForMail(gw.dataDir, email)).at(-1)!, 'portico_verify');
      const res = await http(`${gw.api}/register/verify`, { json: { token, mode: 'bearer' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.user.email, email);
      assert.equal(res.body.user.organization.id, w.orgB.id);
      assert.equal(res.body.user.role, 'user');
      const me = new PortalClient(gw.api);
      me.adopt(res);
      assert.ok((await me.get('/tickets')).body.items.some((t: { id: string }) => t.id === ticket.id));
      await client().signIn(email, 'my own password');
      assert.equal((await http(`${gw.api}/register/verify`, { json: { token } })).status, 422, 'once');
    });

    it('a brand-new address joins its company only once verified', async () => {
      const email = `newcomer@${w.orgA.domain}`;
      await sleep(10);
      assert.equal((await register(email, 'newcomer password')).status, 202);
      const token = linkToken((await waitForMail(gw.dataDir, email)).at(-1)!, 'portico_verify');
      assert.equal(await gw.admin.findUser(email), null);
      const res = await http(`${gw.api}/register/verify`, { json: { token } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('set-cookie') ?? '', /portico_session=/);
      assert.equal(res.body.user.organization.id, w.orgA.id);
    });

    it('answers register, reset and magic-link requests alike and as fast for known and unknown addresses', async (t) => {
      const known: string[] = [];
      const SAMPLES = 4;
      for (let i = 0; i < 3 * SAMPLES; i++) {
        const email = `timing-${i}@${w.orgB.domain}`;
        await gw.admin.createUser({ email, password: PASSWORD });
        known.push(email);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const calls: Array<[string, (email: string) => Promise<{ status: number; text: string }>]> = [
        ['register', (email) => register(email, 'a long password')],
        ['reset', (email) => http(`${gw.api}/password-reset`, { json: { email } })],
        ['magic link', (email) => http(`${gw.api}/session`, { json: { email, magicLink: true } })],
      ];
      for (const [i, [what, call]] of calls.entries()) {
        const times = { known: [] as number[], unknown: [] as number[] };
        for (let j = 0; j < SAMPLES; j++) {
          const k = known[i * SAMPLES + j]!;
          const u = `nobody-${what.replace(' ', '-')}-${j}@${w.orgB.domain}`;
          const pair = [
            ['known', k],
            ['unknown', u],
          ] as const;
          for (const [kind, email] of j % 2 ? [...pair].reverse() : pair) {
            const t0 = performance.now();
            const res = await call(email);
            times[kind].push(performance.now() - t0);
            assert.equal(res.status, 202, `${what} ${kind}`);
            assert.equal(res.text, '{"sent":true}');
            // The mail goes out after the answer; let it, so it does not slow the next measurement.
            if (kind === 'known' || what === 'register') await waitForMail(gw.dataDir, email);
            await sleep(100);
          }
        }
        const k = median(times.known);
        const u = median(times.unknown);
        const figures = `${what}: known ${k.toFixed(1)} ms vs unknown ${u.toFixed(1)} ms (medians)`;
        t.diagnostic(figures);
        assert.ok(k < u * 1.5 + 15, figures);
      }
    });
  });

  describe('throttling without lockout', () => {
    it('wrong passwords slow the account down but never lock the owner out: the wait told is the true one', async () => {
      const victim = w.cat.email;
      let refused: Response | null = null;
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${gw.api}/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: victim, password: `guess ${i}` }),
        });
        assert.ok(res.status === 401 || res.status === 429, String(res.status));
        if (res.status === 429) refused = res;
        await res.arrayBuffer();
      }
      assert.ok(refused, 'the guesses are slowed down');
      const body = await http(`${gw.api}/session`, { json: { email: victim, password: PASSWORD } });
      assert.equal(body.status, 429, 'the right password waits too, so the wait tells nothing');
      assert.equal(body.body.code, 'rate-limited');
      const wait = Number(body.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
      // The way out always works, throttled or not: a magic link signs the owner in at once.
      assert.equal((await http(`${gw.api}/session`, { json: { email: victim, magicLink: true } })).status, 202);
      const magic = linkToken((await waitForMail(gw.dataDir, victim)).at(-1)!, 'portico_magic');
      const viaLink = await http(`${gw.api}/session`, { json: { email: victim, magicToken: magic } });
      assert.equal(viaLink.status, 200, viaLink.text);
      // …and the password works again after exactly the wait told (signing in with the link cleared it anyway).
      const log = await gw.admin.accessLog(victim);
      assert.ok(log.items.some((e) => e.event === 'locked-out' && /next try in/.test(e.detail ?? '')));
    });

    it('Retry-After is the real wait: refused before it, accepted after it, tries in between do not extend it', async () => {
      const email = w.dan.email;
      let res;
      for (let i = 0; ; i++) {
        res = await http(`${gw.api}/session`, { json: { email, password: `wrong ${i}` } });
        if (res.status === 429) break;
        assert.equal(res.status, 401);
        assert.ok(i < 10, 'a delay after a few failures');
      }
      const wait = Number(res.headers.get('retry-after'));
      for (let i = 0; i < 3; i++) {
        const again = await http(`${gw.api}/session`, { json: { email, password: PASSWORD } });
        assert.equal(again.status, 429);
        assert.ok(Number(again.headers.get('retry-after')) <= wait, 'waiting tries do not push the wait');
      }
      await sleep(wait * 1000 + 100);
      assert.equal((await http(`${gw.api}/session`, { json: { email, password: PASSWORD } })).status, 200);
    });

    it('fake magic-link tokens lock nobody out', async () => {
      for (let i = 0; i < 10; i++) {
        const res = await http(`${gw.api}/session`, {
          json: { email: w.bob.email, magicToken: `fake-token-${i}-0123456789` },
        });
        assert.equal(res.status, 401);
        assert.equal(res.body.code, 'link-invalid');
      }
      assert.equal((await http(`${gw.api}/session`, { json: { email: w.bob.email, password: PASSWORD } })).status, 200);
    });

    it('mailed links have a per-address cooldown and cap, told truly, for known and unknown addresses alike', async () => {
      for (const email of [`capped@${w.orgB.domain}`, w.alice.email]) {
        if (email !== w.alice.email) await gw.admin.createUser({ email, password: PASSWORD });
        const unknown = `ghost-${email.split('@')[0]}@${w.orgB.domain}`;
        for (const address of [email, unknown]) {
          const ask = () => http(`${gw.api}/password-reset`, { json: { email: address } });
          await sleep(2100); // earlier tests may have mailed this address
          assert.equal((await ask()).status, 202);
          const soon = await ask();
          assert.equal(soon.status, 429);
          assert.equal(soon.body.code, 'mail-throttled');
          const wait = Number(soon.headers.get('retry-after'));
          assert.ok(wait >= 1 && wait <= 2, `cooldown ${wait}`);
          await sleep(wait * 1000 + 50);
          let last;
          for (let i = 0; i < 5; i++) {
            last = await ask();
            if (last.status === 429) break;
            await sleep(2050);
          }
          assert.equal(last!.status, 429, 'at most 4 an hour');
          assert.ok(Number(last!.headers.get('retry-after')) > 3000, 'the cap says when the hour is over');
        }
        break; // one known address proves it; alice keeps her budget for the tests below
      }
      const mails = await outboxFor(gw.dataDir, `capped@${w.orgB.domain}`);
      assert.ok(mails.length <= 4, `${mails.length} mails`);
    });

    it('throttles POST /me/password', async () => {
      const email = `changer@${w.orgB.domain}`;
      await gw.admin.createUser({ email, password: PASSWORD });
      const c = await client().signIn(email, PASSWORD);
      let res;
      for (let i = 0; i < 10; i++) {
        res = await c.post('/me/password', { current: `wrong ${i} password`, next: 'a new password here' });
        if (res.status === 429) break;
        assert.equal(res.status, 422);
      }
      assert.equal(res!.status, 429);
      assert.ok(Number(res!.headers.get('retry-after')) >= 1);
      const right = await c.post('/me/password', { current: PASSWORD, next: 'a new password here' });
      assert.equal(right.status, 429, 'even the right current password waits');
    });
  });

  describe('tokens and sessions', () => {
    const account = async (local: string) => {
      const email = `${local}@${w.orgB.domain}`;
      await gw.admin.createUser({ email, password: PASSWORD });
      return email;
    };
    const mailToken = async (email: string, kind: 'reset' | 'magic', n: number) => {
      const res =
        kind === 'reset'
          ? await http(`${gw.api}/password-reset`, { json: { email } })
          : await http(`${gw.api}/session`, { json: { email, magicLink: true } });
      assert.equal(res.status, 202, res.text);
      return linkToken((await waitForMail(gw.dataDir, email, n)).at(-1)!, `portico_${kind}`);
    };

    it('a password change ends every other session, its streams within a second, and every mailed link', async () => {
      const email = await account('changes');
      const here = await client().signIn(email, PASSWORD, 'bearer');
      const there = await client().signIn(email, PASSWORD);
      const elsewhere = await client().signIn(email, PASSWORD, 'bearer');
      const reset = await mailToken(email, 'reset', 1);
      await sleep(2100);
      const magic = await mailToken(email, 'magic', 2);
      const thereStream = await EventStream.open(gw.api, there.authHeaders());
      const hereStream = await EventStream.open(gw.api, here.authHeaders());
      try {
        assert.equal((await here.post('/me/password', { current: PASSWORD, next: 'changed password 1' })).status, 204);
        assert.ok(await thereStream.endsWithin(1000), 'the other session’s stream closes within a second');
        assert.equal(await hereStream.endsWithin(300), false, 'this session’s stream stays');
        assert.equal((await here.get('/session')).status, 200);
        assert.equal((await there.get('/session')).status, 401);
        assert.equal((await elsewhere.get('/session')).status, 401);
        const r = await http(`${gw.api}/password-reset/confirm`, {
          json: { token: reset, password: 'attacker pw 12' },
        });
        assert.equal(r.status, 422, 'the outstanding reset link is void');
        const m = await http(`${gw.api}/session`, { json: { email, magicToken: magic } });
        assert.equal(m.status, 401, 'the outstanding magic link is void');
        assert.equal(
          (await http(`${gw.api}/session`, { json: { email, password: 'changed password 1' } })).status,
          200,
        );
      } finally {
        await thereStream.close();
        await hereStream.close();
      }
    });

    it('a reset ends every session and stream, and the second outstanding reset link', async () => {
      const email = await account('resets');
      const signedIn = await client().signIn(email, PASSWORD);
      const first = await mailToken(email, 'reset', 1);
      await sleep(2100);
      const second = await mailToken(email, 'reset', 2);
      await sleep(2100);
      const magic = await mailToken(email, 'magic', 3);
      const stream = await EventStream.open(gw.api, signedIn.authHeaders());
      try {
        const ok = await http(`${gw.api}/password-reset/confirm`, {
          json: { token: first, password: 'after reset 1' },
        });
        assert.equal(ok.status, 204);
        assert.ok(await stream.endsWithin(1000), 'the stream closes within a second');
        assert.equal((await signedIn.get('/session')).status, 401);
        const again = await http(`${gw.api}/password-reset/confirm`, {
          json: { token: second, password: 'attacker pw 12' },
        });
        assert.equal(again.status, 422, 'the second reset link is void');
        assert.equal((await http(`${gw.api}/session`, { json: { email, magicToken: magic } })).status, 401);
        assert.equal((await http(`${gw.api}/session`, { json: { email, password: 'after reset 1' } })).status, 200);
      } finally {
        await stream.close();
      }
    });

    it('signing out closes that session’s streams within a second, and only those', async () => {
      const email = await account('signs-out');
      const a = await client().signIn(email, PASSWORD);
      const b = await client().signIn(email, PASSWORD, 'bearer');
      const aStream = await EventStream.open(gw.api, a.authHeaders());
      const bStream = await EventStream.open(gw.api, b.authHeaders());
      try {
        assert.equal((await a.delete('/session')).status, 204);
        assert.ok(await aStream.endsWithin(1000));
        assert.equal(await bStream.endsWithin(300), false);
        // Nothing that happens afterwards reaches the signed-out stream.
        assert.equal((await b.post('/tickets', generalTicket('after sign-out'))).status, 201);
        await bStream.waitFor((e) => e.event === 'ticket.created' || e.event === 'ticket.updated', 'b’s event');
        assert.equal(aStream.events.length, 0);
      } finally {
        await aStream.close();
        await bStream.close();
      }
    });

    it('refuses SSO replay: the same token, the same jti, or (without jti) the same iat', async () => {
      const email = `sso-replay@${w.orgB.domain}`;
      const sso = (jwt: string) => http(`${gw.api}/session/sso`, { json: { jwt, mode: 'bearer' } });
      const jwt = await ssoToken({ email }, { jti: 'login-1' });
      assert.equal((await sso(jwt)).status, 200);
      const replay = await sso(jwt);
      assert.equal(replay.status, 401);
      assert.equal(replay.body.code, 'sso-failed');
      assert.equal((await sso(await ssoToken({ email, name: 'Other' }, { jti: 'login-1' }))).status, 401);
      assert.equal((await sso(await ssoToken({ email }, { jti: 'login-2' }))).status, 200);
      const iat = Math.floor(Date.now() / 1000) - 5;
      assert.equal((await sso(await ssoToken({ email }, { iat }))).status, 200);
      assert.equal((await sso(await ssoToken({ email, name: 'Again' }, { iat }))).status, 401, 'once per iat');
      assert.equal((await sso(await ssoToken({ email }, { iat: iat + 1 }))).status, 200);
      const log = await gw.admin.accessLog(email);
      assert.ok(log.items.some((e) => e.detail === 'token used already'));
    });

    it('marks every private answer Cache-Control: no-store', async () => {
      const c = await client().signIn(w.bob.email, PASSWORD);
      const signIn = await http(`${gw.api}/session`, { json: { email: w.bob.email, password: PASSWORD } });
      const answers = {
        'POST /session': signIn,
        'GET /session': await c.get('/session'),
        'GET /me': await c.get('/me'),
        'GET /tickets': await c.get('/tickets'),
        'GET /tickets/summary': await c.get('/tickets/summary'),
        'GET /forms (signed in)': await c.get('/forms'),
        'POST /tickets': await c.post('/tickets', generalTicket('cache')),
        'bad bearer': await http(`${gw.api}/tickets`, { headers: { authorization: 'Bearer nope-nope-nope' } }),
        'POST /password-reset': await http(`${gw.api}/password-reset`, { json: { email: `nc@${w.orgB.domain}` } }),
      };
      for (const [what, res] of Object.entries(answers)) {
        assert.ok(res.status < 500, what);
        assert.equal(res.headers.get('cache-control'), 'no-store', what);
      }
    });
  });
});

describe('anonymous tickets (issue 9)', () => {
  let gw: RealGateway;
  let w: World;
  before(async () => {
    gw = await embeddedGateway()({ settings: { portal: { anonymousTickets: true } } });
    w = await makeWorld(gw.admin);
  });
  after(async () => {
    await gw?.close();
  });

  it('never reach an existing customer’s list, organisation list or stream until the address confirms them', async () => {
    const cat = await new PortalClient(gw.api).signIn(w.cat.email, PASSWORD);
    const dan = await new PortalClient(gw.api).signIn(w.dan.email, PASSWORD);
    const before = (await cat.get('/tickets/summary')).body.total;
    const catStream = await EventStream.open(gw.api, cat.authHeaders());
    const danStream = await EventStream.open(gw.api, dan.authHeaders());
    try {
      const res = await http(`${gw.api}/tickets`, {
        json: generalTicket('Please wire the refund to my new account', {
          requester: { email: w.cat.email, name: 'Cat (not really)' },
        }),
      });
      assert.equal(res.status, 201, res.text);
      const id = res.body.id as string;
      assert.equal((await gw.admin.ticket(id)).requesterEmail, w.cat.email, 'the agents have it');
      assert.ok(!(await cat.get('/tickets')).body.items.some((t: { id: string }) => t.id === id));
      assert.equal((await cat.get('/tickets/summary')).body.total, before);
      assert.equal((await cat.get(`/tickets/${id}`)).status, 404);
      assert.equal((await cat.post(`/tickets/${id}/messages`, { body: { format: 'text', content: 'x' } })).status, 404);
      const org = await dan.get('/tickets?scope=organization');
      assert.ok(!org.body.items.some((t: { id: string }) => t.id === id), 'not in the organisation list');
      await gw.admin.reply(id, 'We will look into it.');
      await sleep(300);
      assert.ok(!catStream.text.includes(id) && !danStream.text.includes(id), 'no live event about it');

      // The real cat confirms it from the mailbox: it is hers from now on.
      const token = linkToken((await waitForMail(gw.dataDir, w.cat.email)).at(-1)!, 'portico_confirm');
      assert.equal((await http(`${gw.api}/tickets/confirm`, { json: { token } })).status, 204);
      assert.ok((await cat.get('/tickets')).body.items.some((t: { id: string }) => t.id === id));
      assert.equal((await cat.get(`/tickets/${id}`)).status, 200);
      assert.equal((await http(`${gw.api}/tickets/confirm`, { json: { token } })).status, 422, 'once');
    } finally {
      await catStream.close();
      await danStream.close();
    }
  });

  it('a new address gets a contact in no organisation, and no account', async () => {
    const email = `walk-in@${w.orgA.domain}`;
    const res = await http(`${gw.api}/tickets`, {
      json: generalTicket('walk-in', { requester: { email, name: 'Walk In' } }),
    });
    assert.equal(res.status, 201, res.text);
    const contact = await gw.admin.findUser(email);
    assert.equal(contact?.organization, null);
    const alice = await new PortalClient(gw.api).signIn(w.alice.email, PASSWORD);
    const org = await alice.get('/tickets?scope=organization');
    assert.ok(!org.body.items.some((t: { id: string }) => t.id === res.body.id));
    assert.equal((await http(`${gw.api}/session`, { json: { email, password: 'anything at all' } })).status, 401);
  });
});

describe('accounts made before verification existed (migration 004)', () => {
  it('self-registered accounts that never proved the address lose access; SSO drops their password', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'portico-legacy-'));
    const oldMigrations = await mkdtemp(path.join(tmpdir(), 'portico-migrations-'));
    try {
      // The store as it was before this change, with what the old POST /register made.
      for (const f of ['001_gateway.sql', '002_embedded_tickets.sql', '003_relayed_changes.sql'])
        await copyFile(new URL(`../../server/migrations/${f}`, import.meta.url), path.join(oldMigrations, f));
      const old = await openDatabase({ dataDir: path.join(dir, 'pgdata') });
      await migrate(old, oldMigrations);
      const legacyHash = await hashPassword('attacker password');
      const goodHash = await hashPassword(PASSWORD);
      await old.query(
        `INSERT INTO customers (id, email, name, password_hash, portal_access) VALUES
           ('c-squatted', 'new.hire@legacy.example', 'Mallory', $1, true),
           ('c-proved', 'proved@legacy.example', 'Proved', $1, true),
           ('c-agent', 'agent-made@legacy.example', 'Agent Made', $2, true)`,
        [legacyHash, goodHash],
      );
      await old.query(
        `INSERT INTO access_log (event, method, email, customer_id) VALUES
           ('registered', 'register', 'new.hire@legacy.example', 'c-squatted'),
           ('registered', 'register', 'proved@legacy.example', 'c-proved'),
           ('sign-in', 'magic-link', 'proved@legacy.example', 'c-proved')`,
      );
      await old.close();

      const app = await buildGateway({
        dataDir: dir,
        serveStatic: false,
        sso: { hs256Secret: SSO_SECRET },
        rateLimit: false,
      });
      try {
        const signIn = (email: string, password: string) =>
          app.inject({ method: 'POST', url: '/portico/v1/session', payload: { email, password } });
        assert.equal((await signIn('new.hire@legacy.example', 'attacker password')).statusCode, 401);
        assert.equal((await signIn('proved@legacy.example', 'attacker password')).statusCode, 200, 'proved by a link');
        assert.equal((await signIn('agent-made@legacy.example', PASSWORD)).statusCode, 200, 'agent-made');
        const sso = await app.inject({
          method: 'POST',
          url: '/portico/v1/session/sso',
          payload: { jwt: await ssoToken({ email: 'new.hire@legacy.example', name: 'New Hire' }), mode: 'bearer' },
        });
        assert.equal(sso.statusCode, 200, sso.body);
        const [row] = await app.db.query<{ password_hash: string | null; verified: boolean }>(
          `SELECT password_hash, email_verified_at IS NOT NULL AS verified FROM customers WHERE id = 'c-squatted'`,
        );
        assert.deepEqual(row, { password_hash: null, verified: true }, 'the squatter’s password is gone');
        assert.equal((await signIn('new.hire@legacy.example', 'attacker password')).statusCode, 401);
      } finally {
        await app.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(oldMigrations, { recursive: true, force: true });
    }
  });
});

describe('per-IP throttling', () => {
  it('one client guessing many addresses is slowed down too, with the true wait', async () => {
    const gw = await embeddedGateway()({ lockout: { freeFailures: 100, freeFailuresPerIp: 4 } });
    try {
      const w = await makeWorld(gw.admin);
      let res;
      for (let i = 0; i < 8; i++) {
        res = await http(`${gw.api}/session`, { json: { email: `spray-${i}@${w.orgA.domain}`, password: 'x' } });
        if (res.status === 429) break;
        assert.equal(res.status, 401);
      }
      assert.equal(res!.status, 429, 'the fifth address from one client waits');
      const wait = Number(res!.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 300);
    } finally {
      await gw.close();
    }
  });
});
