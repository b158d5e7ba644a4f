/**
 * Bad input: malformed JSON, wrong types, unknown fields, oversized bodies and
 * files, path traversal and control characters in file names, very long and
 * odd Unicode strings, forged and expired JWTs → a clear 4xx, nothing stored.
 */
import assert from 'node:assert/strict';
import { generateKeyPair, exportJWK, SignJWT, type JWK } from 'jose';
import { after, before, describe, it } from 'node:test';
import { PROBLEM_TYPES } from '../../../src/protocol/index.js';
import { http, needs, PortalClient, type GatewayUnderTest, type MakeGateway } from '../helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../helpers/world.js';

const SECRET = 'another-host-secret-for-hs256-tests!';

export function badInputSuite(label: string, makeGateway: MakeGateway): void {
  describe(`bad input — ${label}`, () => {
    let gw: GatewayUnderTest;
    let w: World;
    let bob: PortalClient;
    let rsaPrivate: CryptoKey;
    let ticketsBefore: number;
    const count = async () => (await bob.get('/tickets/summary')).body.total as number;

    before(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      rsaPrivate = privateKey as CryptoKey;
      const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'host-1', alg: 'RS256', use: 'sig' };
      gw = await makeGateway({ sso: { hs256Secret: SECRET, jwks: { keys: [jwk] } }, bodyLimitBytes: 64 * 1024 });
      w = await makeWorld(gw.admin);
      bob = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD);
      ticketsBefore = await count();
    });
    after(async () => gw?.close());

    /** multipart/form-data written by hand, so the file name reaches the gateway exactly as given. */
    const rawUpload = (filename: string, content: string, type: string) => {
      const boundary = '----portico' + Math.random().toString(16).slice(2);
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
        Buffer.from(filename.replace(/"/g, '%22'), 'utf8'),
        Buffer.from(`"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n--${boundary}--\r\n`),
      ]);
      return http(`${gw.api}/uploads`, {
        method: 'POST',
        body,
        headers: { ...bob.authHeaders(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };

    const post = (path: string, body: string, type = 'application/json') =>
      http(`${gw.api}${path}`, { method: 'POST', body, headers: { ...bob.authHeaders(), 'content-type': type } });

    describe('JSON bodies', () => {
      it('malformed JSON → 400 problem', { skip: needs(makeGateway, 'requestSchemas') }, async () => {
        for (const body of ['{"formId": "general",', '{bad}', "{'a':1}", '[1,2', '']) {
          const res = await post('/tickets', body);
          assert.equal(res.status, 400, `body ${JSON.stringify(body)}`);
          assert.equal(res.body.type, PROBLEM_TYPES.validation);
        }
      });

      it('a body that is not JSON at all → 415', { skip: needs(makeGateway, 'requestSchemas') }, async () => {
        const res = await post('/tickets', 'subject=hi', 'application/x-www-form-urlencoded');
        assert.equal(res.status, 415);
        const text = await post('/tickets', JSON.stringify(generalTicket('as text')), 'text/plain');
        assert.equal(text.status, 415);
      });

      it(
        'wrong types and unknown fields → 400 naming each field',
        { skip: needs(makeGateway, 'requestSchemas') },
        async () => {
          const res = await bob.post('/tickets', {
            formId: 7,
            subject: ['x'],
            body: { format: 'rtf', content: 'x' },
            admin: true,
          });
          assert.equal(res.status, 400);
          const fields = res.body.errors.map((e: { field: string }) => e.field);
          for (const f of ['formId', 'subject', 'body.format', 'admin'])
            assert.ok(fields.includes(f), `${f} in ${fields}`);
          const reply = await bob.post('/tickets/x/messages', { body: 'hello' });
          assert.equal(reply.status, 400);
          assert.equal(reply.body.errors[0].field, 'body');
          const signIn = await http(`${gw.api}/session`, { json: { email: 'not-an-email', password: 5 } });
          assert.equal(signIn.status, 400);
          assert.deepEqual(signIn.body.errors.map((e: { field: string }) => e.field).sort(), ['email', 'password']);
          const proto = await post('/tickets', '{"__proto__": {"admin": true}, "formId": "general"}');
          assert.equal(proto.status, 400);
        },
      );

      it('a body over the limit → 413', { skip: needs(makeGateway, 'requestSchemas') }, async () => {
        const res = await bob.post(
          '/tickets',
          generalTicket('big', { body: { format: 'text', content: 'x'.repeat(70 * 1024) } }),
        );
        assert.equal(res.status, 413);
        assert.equal(res.body.type, PROBLEM_TYPES.tooLarge);
      });

      it('very long strings → 400 naming the field', { skip: needs(makeGateway, 'requestSchemas') }, async () => {
        const res = await bob.post('/tickets', generalTicket('s'.repeat(301)));
        assert.equal(res.status, 400);
        assert.equal(res.body.errors[0].field, 'subject');
        const name = await bob.patch('/me', { name: 'n'.repeat(201) });
        assert.equal(name.status, 400);
      });

      it(
        'NUL and lone surrogates → 400; control characters in single-line text break the form rule → 422',
        { skip: needs(makeGateway, 'requestSchemas') },
        async () => {
          for (const subject of ['a\u0000b', 'half \ud800 pair']) {
            const res = await post('/tickets', JSON.stringify(generalTicket(subject)));
            assert.equal(res.status, 400, JSON.stringify(subject));
            assert.equal(res.body.errors[0].field, 'subject');
          }
          for (const subject of ['bell\u0007', 'line\nbreak']) {
            const res = await post('/tickets', JSON.stringify(generalTicket(subject)));
            assert.equal(res.status, 422, JSON.stringify(subject));
            assert.deepEqual(
              res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
              ['subject:control-characters'],
            );
          }
          const nulBody = await post(
            '/tickets',
            JSON.stringify(generalTicket('ok', { body: { format: 'text', content: 'nul\u0000' } })),
          );
          assert.equal(nulBody.status, 400);
          assert.equal(nulBody.body.errors[0].field, 'body.content');
        },
      );

      it('odd but valid Unicode is stored and returned exactly', async () => {
        const subject = 'Ünïcödé 🎉 עברית العربية ‮rtl‬ e\u0301 𝔘𝔫𝔦';
        const res = await bob.post(
          '/tickets',
          generalTicket(subject, { body: { format: 'text', content: `${subject}\n\tsecond line` } }),
        );
        assert.equal(res.status, 201, res.text);
        assert.equal(res.body.subject, subject);
        const msgs = await bob.get(`/tickets/${res.body.id}/messages`);
        assert.equal(msgs.body.items[0].body.content, `${subject}\n\tsecond line`);
        ticketsBefore += 1;
      });

      it('nothing was stored by the rejected requests', async () => {
        assert.equal(await count(), ticketsBefore);
        assert.equal((await bob.get('/me')).body.name, 'Bob');
      });
    });

    describe('uploads', () => {
      const names: Array<[string, string]> = [
        ['../../etc/passwd.txt', 'path'],
        ['..\\..\\boot.ini.txt', 'path'],
        ['/abs/olute.txt', 'path'],
        ['dir/file.txt', 'path'],
        ['..', 'path'],
        ['bell\u0007.txt', 'control'],
        ['tab\tname.txt', 'control'],
        ['esc\u001b[31m.txt', 'control'],
        ['nul\u0000.txt', 'control'],
        ['evil\u202Etxt.exe', 'bidi'],
        ['x'.repeat(201) + '.txt', 'long'],
      ];
      for (const [name, why] of names) {
        it(`refuses the file name ${JSON.stringify(name).slice(0, 40)} (${why}) and stores nothing`, async () => {
          const before = await gw.storedUploads();
          const res = await rawUpload(name, 'content', 'text/plain');
          assert.ok(res.status === 400 || res.status === 415, `status ${res.status}`);
          assert.deepEqual(await gw.storedUploads(), before);
        });
      }

      it('an oversized file → 413 and its partial bytes are removed', async () => {
        const before = await gw.storedUploads();
        const { portal } = { portal: (await http(`${gw.api}/portal`)).body };
        const res = await bob.upload('huge.txt', new Uint8Array(portal.uploads.maxBytes + 1), 'text/plain');
        assert.equal(res.status, 413);
        assert.deepEqual(await gw.storedUploads(), before);
      });

      it('no file part, a wrong part name or an empty file → 400', async () => {
        const form = new FormData();
        form.append('other', 'x');
        const noFile = await http(`${gw.api}/uploads`, { method: 'POST', body: form, headers: bob.authHeaders() });
        assert.equal(noFile.status, 400);
        const wrong = new FormData();
        wrong.append('attachment', new Blob(['x'], { type: 'text/plain' }), 'a.txt');
        assert.equal(
          (await http(`${gw.api}/uploads`, { method: 'POST', body: wrong, headers: bob.authHeaders() })).status,
          400,
        );
        assert.equal((await bob.upload('empty.txt', '', 'text/plain')).status, 400);
        assert.equal((await post('/uploads', '{}')).status, 415);
      });

      it('signed-out uploads → 401', async () => {
        const res = await new PortalClient(gw.api).upload('a.txt', 'x', 'text/plain');
        assert.equal(res.status, 401);
      });
    });

    describe('single sign-on tokens', () => {
      const hs = (claims: Record<string, unknown>, secret = SECRET) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
      const now = () => Math.floor(Date.now() / 1000);
      const email = () => `jwt-${Math.random().toString(36).slice(2)}@${w.orgA.domain}`;

      async function refused(jwt: string, who: string) {
        const res = await http(`${gw.api}/session/sso`, { json: { jwt } });
        assert.equal(res.status, 401, res.text);
        assert.equal(res.body.type, PROBLEM_TYPES.unauthorized);
        assert.equal(await gw.admin.findUser(who), null, 'no customer made');
      }

      it('accepts a good RS256 token from the JWKS', async () => {
        const who = email();
        const jwt = await new SignJWT({ email: who })
          .setProtectedHeader({ alg: 'RS256', kid: 'host-1' })
          .setIssuedAt()
          .setExpirationTime('2m')
          .sign(rsaPrivate);
        const res = await http(`${gw.api}/session/sso`, { json: { jwt } });
        assert.equal(res.status, 200);
      });

      it('refuses a token signed with another secret', async () => {
        const who = email();
        await refused(await hs({ email: who, exp: now() + 60 }, 'wrong-secret-wrong-secret-wrong!!'), who);
      });

      it('refuses an expired token, beyond the allowed clock skew', async () => {
        const who = email();
        await refused(await hs({ email: who, iat: now() - 600, exp: now() - 120 }), who);
      });

      it('refuses a token without exp', async () => {
        const who = email();
        await refused(await hs({ email: who, iat: now() }), who);
      });

      it('refuses a token issued in the future and one that lives too long', async () => {
        const a = email();
        await refused(await hs({ email: a, iat: now() + 600, exp: now() + 900 }), a);
        const b = email();
        await refused(await hs({ email: b, iat: now(), exp: now() + 7 * 24 * 3600 }), b);
      });

      it('refuses alg "none", a tampered payload and garbage', async () => {
        const who = email();
        const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
        await refused(`${enc({ alg: 'none', typ: 'JWT' })}.${enc({ email: who, exp: now() + 60 })}.`, who);
        const good = await hs({ email: `real@${w.orgA.domain}`, exp: now() + 60 });
        const [h, , s] = good.split('.');
        await refused(`${h}.${enc({ email: who, exp: now() + 60 })}.${s}`, who);
        await refused('not.a.jwt-at-all', who);
        const hsWithRsaKey = await hs({ email: who, exp: now() + 60 }, 'x'.repeat(40));
        await refused(hsWithRsaKey, who);
      });

      it('refuses a token without a usable email claim', async () => {
        const res = await http(`${gw.api}/session/sso`, { json: { jwt: await hs({ sub: '42', exp: now() + 60 }) } });
        assert.equal(res.status, 401);
      });

      it('logs every SSO failure', async () => {
        const log = await gw.admin.accessLog();
        assert.ok(log.items.filter((e) => e.method === 'sso' && e.event === 'sign-in-failed').length >= 7);
      });
    });

    describe('identifiers and query strings', () => {
      it('odd ids and parameters → 400/404, never 500', async () => {
        for (const path of [
          '/tickets/%00',
          '/tickets/..%2F..%2Fetc',
          `/tickets/${'x'.repeat(500)}`,
          '/tickets/%F0%9F%8E%89',
          '/attachments/..%2Fuploads',
          '/tickets?limit=abc',
          '/tickets?limit=1&limit=2',
          '/tickets?sort=DROP%20TABLE',
          `/tickets?q=${'%25'.repeat(300)}`,
          '/tickets?q=%27%3B%20DROP%20TABLE%20tickets%3B--',
        ]) {
          const res = await bob.get(path);
          assert.ok(res.status >= 200 && res.status < 500, `${path} → ${res.status}`);
          if (res.status >= 400) assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
        }
        assert.equal(await count(), ticketsBefore);
      });

      it('a bad Idempotency-Key or Last-Event-ID → 400', async () => {
        assert.equal((await bob.post('/tickets', generalTicket('k'), { 'idempotency-key': 'with space' })).status, 400);
        assert.equal((await bob.get('/events', { 'last-event-id': 'abc' })).status, 400);
        assert.equal(await count(), ticketsBefore);
      });
    });

    describe('lockout and rate limits', () => {
      it(
        'slows an address down after repeated failures, even for the right password, and logs it; no hard lock',
        { skip: needs(makeGateway, 'throttles') },
        async () => {
          let res;
          for (let i = 0; i < 8; i++) {
            res = await http(`${gw.api}/session`, { json: { email: w.cat.email, password: `wrong ${i}` } });
            if (res.status === 429) break;
            assert.equal(res.status, 401);
          }
          assert.equal(res!.status, 429, 'a delay after a few failures');
          const slowed = await http(`${gw.api}/session`, { json: { email: w.cat.email, password: PASSWORD } });
          assert.equal(slowed.status, 429);
          const wait = Number(slowed.headers.get('retry-after'));
          assert.ok(wait > 0 && wait <= 60, `a short, growing delay, not a 15-minute lock (${wait} s)`);
          const log = await gw.admin.accessLog(w.cat.email);
          assert.ok(log.items.some((e) => e.event === 'locked-out'));
          await new Promise((r) => setTimeout(r, wait * 1000 + 100));
          assert.equal(
            (await http(`${gw.api}/session`, { json: { email: w.cat.email, password: PASSWORD } })).status,
            200,
            'the right password works once the wait told is over',
          );
          const unknown = `ghost@${w.orgB.domain}`;
          for (let i = 0; i < 6; i++) await http(`${gw.api}/session`, { json: { email: unknown, password: 'x' } });
          assert.equal(
            (await http(`${gw.api}/session`, { json: { email: unknown, password: 'x' } })).status,
            429,
            'unknown addresses slow down the same way',
          );
        },
      );
    });
  });
}
