/**
 * Fault case: thousands of malformed requests, from a fixed seed, over every
 * route the gateway has (collected as they are registered): broken JSON,
 * bodies that break their route's schema, forged query values and cursors,
 * huge headers, URLs and path segments, broken multipart uploads, bad
 * cookies and tokens, SSO tokens with bad claims, and bytes that are not
 * HTTP at all. Every request carries at least one defect its route must
 * refuse. Expected: no 5xx, every error as application/problem+json, an
 * answer to every request, and nothing stored.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { createGateway } from '../../server/app.js';
import { AdminClient, GENEROUS_LIMITS, PortalClient, SUITE_LOCKOUT } from '../server/helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD } from '../server/helpers/world.js';
import { DATABASE_URL, rawRequest, reportFigure, seeded, STORE, type RawResponse } from './writes-harness.js';

const REQUESTS = Number(process.env.FAULTS_FUZZ_REQUESTS || 5000);
const SEED = Number(process.env.FAULTS_SEED || 20261202);
const PARALLEL = 16;
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef';
const SSO_SECRET = 'fuzz-sso-secret-0123456789abcdef0123456789';
/** Small, so a file over the limit is cheap to send. */
const MAX_UPLOAD_BYTES = 1000;

/** Everything a request could store; the fuzz must leave each count as it was. */
const STORED = [
  'organizations',
  'organization_domains',
  'customers',
  'auth_tokens',
  'idempotency_records',
  'uploads',
  'portal_settings',
  'forms',
  'articles',
  'chat_conversations',
  'chat_messages',
  'events',
  'tickets',
  'ticket_messages',
  'ticket_attachments',
  'registrations',
  'held_tickets',
  'sso_tokens_seen',
  'mail_requests',
  'ticket_mail_status',
];

interface Route {
  method: string;
  url: string;
  body?: Schema;
  querystring?: Schema;
  admin: boolean;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: unknown;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  format?: string;
  items?: Schema;
};

const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';

describe(`fuzzing every route (${STORE})`, () => {
  let app: FastifyInstance;
  let dataDir: string;
  let port: number;
  const routes: Route[] = [];
  const ids: Record<string, string> = {};
  let bearer = '';
  let cookie = '';
  let csrf = '';

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'portico-fuzz-'));
    app = createGateway({
      dataDir,
      inMemory: !DATABASE_URL,
      databaseUrl: DATABASE_URL,
      adminToken: ADMIN_TOKEN,
      serveStatic: false,
      rateLimit: GENEROUS_LIMITS,
      lockout: SUITE_LOCKOUT,
      sso: { hs256Secret: SSO_SECRET },
      settings: { portal: { anonymousTickets: true, uploads: { maxBytes: MAX_UPLOAD_BYTES } } },
    });
    app.addHook('onRoute', (r) => {
      const schema = (r.schema ?? {}) as { body?: Schema; querystring?: Schema };
      for (const method of [r.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        routes.push({
          method,
          url: r.url,
          body: schema.body,
          querystring: schema.querystring,
          admin: r.url.startsWith('/admin/'),
        });
      }
    });
    await app.ready();
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    const origin = `http://127.0.0.1:${port}`;
    const w = await makeWorld(new AdminClient(origin, ADMIN_TOKEN));
    const alice = await new PortalClient(`${origin}/portico/v1`).signIn(w.alice.email, PASSWORD, 'bearer');
    const bob = await new PortalClient(`${origin}/portico/v1`).signIn(w.bob.email, PASSWORD);
    bearer = alice.bearer!;
    cookie = bob.cookie!;
    csrf = bob.csrf!;
    ids.ticket = (await alice.post('/tickets', generalTicket('fuzz target'))).body.id;
    ids.message = (await alice.get(`/tickets/${ids.ticket}/messages`)).body.items[0].id;
    ids.conversation = (await alice.post('/chat/conversations', { text: 'fuzz chat' })).body.conversation.id;
    ids.org = w.orgA.id;
    ids.customer = w.alice.id;
  });

  after(async () => {
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function storedCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of STORED) out[t] = (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n;
    return out;
  }

  it(
    `${REQUESTS} malformed requests from seed ${SEED}: no 5xx, all problems, nothing stored`,
    { timeout: 240_000 },
    async () => {
      const rnd = seeded(SEED);
      // What the setup's writes still do after their answers (mail about them) is done before counting.
      await app.mailer.drain();
      const before = await storedCounts();
      const filesBefore = (await readdir(app.uploadsDir)).length;
      const sso = await ssoTokens();
      const writeRoutes = routes.filter((r) => r.method !== 'GET');
      // A broken body is a defect only where the route reads a body; others (sign-out, "end chat") ignore it.
      const bodyRoutes = writeRoutes.filter((r) => r.body);
      const getRoutes = routes.filter((r) => r.method === 'GET' && !r.url.endsWith('/events'));
      const generators = [
        { weight: 30, make: () => schemaDefect(rnd.pick(bodyRoutes)) },
        { weight: 15, make: () => brokenJson(rnd.pick(bodyRoutes)) },
        { weight: 14, make: () => badQuery(rnd.pick(getRoutes)) },
        { weight: 10, make: () => hugeOrBadHeaders(rnd.pick([...getRoutes, ...bodyRoutes])) },
        { weight: 10, make: () => badMultipart() },
        { weight: 7, make: () => badCookies(rnd.pick(bodyRoutes)) },
        { weight: 6, make: () => ssoRequest(rnd.pick(sso)) },
        { weight: 8, make: () => notHttp() },
      ];
      const total = generators.reduce((n, g) => n + g.weight, 0);
      const next = (): { label: string; bytes: Buffer } => {
        let r = rnd.int(total);
        for (const g of generators) {
          if ((r -= g.weight) < 0) return g.make();
        }
        throw new Error('unreachable');
      };

      // ------------------------------------------------------------------ generators
      function pathOf(route: Route, bad = false): string {
        const pick = () =>
          bad
            ? rnd.pick([
                'x'.repeat(150 + rnd.int(2000)),
                '%00',
                '%E0%A4%A',
                '..%2F..%2Fetc%2Fpasswd',
                '%F0%9F%99%82',
                "1'%20OR%20'1'%3D'1",
                '-1',
                '99999999999999999999',
              ])
            : rnd.pick([ids.ticket!, ids.message!, ids.conversation!, ids.org!, ids.customer!, 'general']);
        return route.url.replace(/:[A-Za-z]+/g, pick);
      }

      function auth(route: Route): string[] {
        if (route.admin) return rnd.chance(0.8) ? [`Authorization: Bearer ${ADMIN_TOKEN}`] : [];
        return rnd.pick([
          [`Authorization: Bearer ${bearer}`],
          [`Authorization: Bearer ${bearer}`],
          [`Cookie: portico_session=${cookie}`, `X-CSRF-Token: ${csrf}`],
          [`Cookie: portico_session=${cookie}`],
          [],
        ]);
      }

      function request(method: string, target: string, headers: string[], body?: Buffer | string): Buffer {
        const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
        const head = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...headers];
        if (bytes && !headers.some((h) => /^(content-length|transfer-encoding):/i.test(h)))
          head.push(`Content-Length: ${bytes.length}`);
        return Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n', 'latin1'), bytes ?? Buffer.alloc(0)]);
      }

      function sample(s: Schema | undefined, depth = 0): unknown {
        if (!s || depth > 4) return 'x';
        if (s.anyOf) return sample(s.anyOf[0], depth + 1);
        if (s.enum) return s.enum[0];
        const type = [s.type ?? 'string'].flat()[0];
        switch (type) {
          case 'object': {
            const o: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(s.properties ?? {}))
              if (s.required?.includes(k) || rnd.chance(0.5)) o[k] = sample(v, depth + 1);
            return o;
          }
          case 'array':
            return rnd.chance(0.5) ? [] : [sample(s.items, depth + 1)];
          case 'boolean':
            return true;
          case 'number':
          case 'integer':
            return 1;
          case 'null':
            return null;
          default:
            if (s.format === 'email') return 'fuzz@example.com';
            return 'a'.repeat(Math.max(s.minLength ?? 1, 1) + 10).slice(0, s.maxLength ?? 1000);
        }
      }

      /** A value certainly not of any of these JSON types. */
      function wrongType(types: string[]): unknown {
        const candidates: Array<[string, unknown]> = [
          ['string', 'wrong'],
          ['number', 12345],
          ['boolean', false],
          ['object', { nested: { deeper: [1, 2, 3] } }],
          ['array', ['a', 1, null]],
          ['null', null],
        ];
        const allowed = new Set(types.flatMap((t) => (t === 'integer' ? ['number'] : [t])));
        return rnd.pick(candidates.filter(([t]) => !allowed.has(t)))[1];
      }

      /** A body that breaks its route's schema in one certain way (or, with no schema, is not JSON). */
      function schemaDefect(route: Route): { label: string; bytes: Buffer } {
        const s = route.body;
        if (!s || [s.type].flat()[0] !== 'object') return brokenJson(route);
        const body = sample(s) as Record<string, unknown>;
        const props = Object.entries(s.properties ?? {});
        const typed = props.filter(([, p]) => p.type && !p.anyOf);
        const texts = props.filter(([, p]) => [p.type].flat().includes('string') && typeof p.maxLength === 'number');
        const plain = props.filter(([, p]) => p.pattern === NO_CONTROL);
        const defects: Array<[string, () => unknown]> = [];
        if (s.additionalProperties === false)
          defects.push(['unknown field', () => ({ ...body, [`__fuzz${rnd.int(100)}`]: 1 })]);
        if (s.required?.length)
          defects.push([
            'missing field',
            () => {
              const copy = { ...body };
              delete copy[rnd.pick(s.required!)];
              return copy;
            },
          ]);
        if (typed.length)
          defects.push([
            'wrong type',
            () => {
              const [k, p] = rnd.pick(typed);
              return { ...body, [k]: wrongType([p.type!].flat()) };
            },
          ]);
        if (texts.length)
          defects.push([
            'too long',
            () => {
              const [k, p] = rnd.pick(texts);
              return { ...body, [k]: 'y'.repeat(p.maxLength! + 1) };
            },
          ]);
        if (plain.length)
          defects.push([
            'control character',
            () => {
              const [k] = rnd.pick(plain);
              return { ...body, [k]: `a${rnd.pick(['\u0000', '\u0007', '\u001b[31m', '\u009b'])}b` };
            },
          ]);
        defects.push(['not an object', () => rnd.pick<unknown>([[], 'text', 42, null, [body]])]);
        const [label, make] = rnd.pick(defects);
        const headers = [...auth(route), 'Content-Type: application/json'];
        if (rnd.chance(0.3)) headers.push(`Idempotency-Key: fuzz-${rnd.int(1e9)}`);
        return {
          label: `schema: ${label}`,
          bytes: request(route.method, pathOf(route), headers, JSON.stringify(make())),
        };
      }

      function brokenJson(route: Route): { label: string; bytes: Buffer } {
        const body = rnd.pick<string | Buffer>([
          '{',
          '{"subject":',
          '{"subject": "x",}',
          "{'subject': 'x'}",
          '[1, 2',
          'nul',
          'tru',
          '{"a":1}}',
          '{"a":"\\ud800',
          '{"__proto__": {"admin": true}}',
          '{"constructor": {"prototype": {"admin": true}}}',
          '{"a": "' + 'z'.repeat(300_000) + '"}',
          '['.repeat(5000),
          '{"a":' + '['.repeat(2000) + ']'.repeat(1999) + '}',
          '',
          Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81]),
          '\u0000{}',
        ]);
        const type = rnd.pick([
          'application/json',
          'application/json; charset=utf-8',
          'application/problem+json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'application/json; charset=utf-16',
          'multipart/form-data',
        ]);
        const headers = [...auth(route), `Content-Type: ${type}`];
        return { label: 'broken json', bytes: request(route.method, pathOf(route, rnd.chance(0.1)), headers, body) };
      }

      function badQuery(route: Route): { label: string; bytes: Buffer } {
        const cursor = (at: unknown, id: unknown = 'x') => Buffer.from(JSON.stringify([at, id])).toString('base64url');
        const params = rnd.pick([
          'limit=abc',
          'limit=0',
          'limit=101',
          'limit=-1',
          'limit=1e3',
          'limit=%00',
          'status=bogus',
          'scope=everyone',
          'sort=sideways',
          'q=%00%01',
          `q=${'q'.repeat(300)}`,
          'cursor=%%%',
          `cursor=${cursor('2024-13-45 25:61:00')}`,
          `cursor=${cursor('2024-02-30 10:00:00+00')}`,
          `cursor=${cursor('2024-01-01 10:00:00+99')}`,
          `cursor=${cursor('2024-01-01 10:00:00+05:99')}`,
          `cursor=${cursor('0000-01-01 00:00:00')}`,
          `cursor=${cursor(12, 13)}`,
          `cursor=${cursor('2024-01-01 10:00:00', 'i'.repeat(500))}`,
          `cursor=${'c'.repeat(600)}`,
          'cursor=W10',
          'lastEventId=abc',
          'lastEventId=9999999999999999999',
          `access_token=${'t'.repeat(300)}`,
          'email=%00',
          'scope[]=mine&scope[]=organization',
          'limit=1&limit=2',
          'a=%E0%A4%A',
        ]);
        const headers = auth(route);
        return { label: 'query', bytes: request('GET', `${pathOf(route, rnd.chance(0.2))}?${params}`, headers) };
      }

      function hugeOrBadHeaders(route: Route): { label: string; bytes: Buffer } {
        const headers = [...auth(route)];
        const kind = rnd.int(7);
        let target = pathOf(route);
        if (kind === 0) headers.push(`X-Fuzz: ${'h'.repeat(20_000 + rnd.int(40_000))}`);
        if (kind === 1) target += `?q=${'u'.repeat(20_000 + rnd.int(40_000))}`;
        if (kind === 2) target = route.url.replace(/:[A-Za-z]+/g, 'p'.repeat(101 + rnd.int(5000)));
        if (kind === 3) for (let i = 0; i < 300; i++) headers.push(`X-Many-${i}: ${'m'.repeat(100)}`);
        if (kind === 4)
          headers.push(
            rnd.pick([
              'Idempotency-Key: has spaces in it',
              `Idempotency-Key: ${'k'.repeat(300)}`,
              'Idempotency-Key: ',
              'Last-Event-ID: not-a-number',
              `Authorization: Bearer ${'b'.repeat(5000)}`,
              'Authorization: Bearer a b c',
              'Authorization: Basic Zm9vOmJhcg==',
              'X-CSRF-Token: forged',
            ]),
          );
        if (kind === 5) headers.push(`Cookie: portico_session=${'c'.repeat(10_000)}`);
        if (kind === 6) headers.push('Content-Type: application/json', 'Content-Encoding: gzip');
        // Writes get a broken body as well, so no header alone decides whether they are refused.
        const body = route.method === 'GET' ? undefined : '{"broken":';
        if (body && kind !== 6) headers.push('Content-Type: application/json');
        return { label: `headers ${kind}`, bytes: request(route.method, target, headers, body) };
      }

      function badMultipart(): { label: string; bytes: Buffer } {
        const b = `----fuzz${rnd.int(1e9)}`;
        const part = (name: string, filename: string | null, type: string, content: string) =>
          `--${b}\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\n` +
          `Content-Type: ${type}\r\n\r\n${content}\r\n`;
        const end = `--${b}--\r\n`;
        const variants: Array<[string, string, string]> = [
          ['no boundary', 'multipart/form-data', part('file', 'a.txt', 'text/plain', 'hello') + end],
          ['other boundary', 'multipart/form-data; boundary=nope', part('file', 'a.txt', 'text/plain', 'hello') + end],
          [
            'truncated',
            `multipart/form-data; boundary=${b}`,
            part('file', 'a.txt', 'text/plain', 'hello').slice(0, -2),
          ],
          [
            'no end',
            `multipart/form-data; boundary=${b}`,
            `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhel`,
          ],
          ['wrong field', `multipart/form-data; boundary=${b}`, part('other', 'a.txt', 'text/plain', 'hello') + end],
          ['no filename', `multipart/form-data; boundary=${b}`, part('file', null, 'text/plain', 'hello') + end],
          ['empty filename', `multipart/form-data; boundary=${b}`, part('file', '', 'text/plain', 'hello') + end],
          [
            'path filename',
            `multipart/form-data; boundary=${b}`,
            part('file', '../../etc/passwd.txt', 'text/plain', 'x') + end,
          ],
          ['nul filename', `multipart/form-data; boundary=${b}`, part('file', 'a\u0000b.txt', 'text/plain', 'x') + end],
          [
            'long filename',
            `multipart/form-data; boundary=${b}`,
            part('file', `${'n'.repeat(2000)}.txt`, 'text/plain', 'x') + end,
          ],
          [
            'two files',
            `multipart/form-data; boundary=${b}`,
            part('file', 'a.txt', 'text/plain', 'a') + part('file', 'b.txt', 'text/plain', 'b') + end,
          ],
          [
            'type refused',
            `multipart/form-data; boundary=${b}`,
            part('file', 'a.exe', 'application/x-msdownload', 'MZ') + end,
          ],
          [
            'too large',
            `multipart/form-data; boundary=${b}`,
            part('file', 'a.txt', 'text/plain', 'L'.repeat(MAX_UPLOAD_BYTES + 1 + rnd.int(5000))) + end,
          ],
          ['empty file', `multipart/form-data; boundary=${b}`, part('file', 'a.txt', 'text/plain', '') + end],
          ['garbage part head', `multipart/form-data; boundary=${b}`, `--${b}\r\nGarbage here\r\n\r\nxx\r\n${end}`],
          ['json as multipart', `multipart/form-data; boundary=${b}`, '{"file": "a.txt"}'],
          ['only the end', `multipart/form-data; boundary=${b}`, end],
          [
            'fields only',
            `multipart/form-data; boundary=${b}`,
            part('a', null, 'text/plain', '1') + part('b', null, 'text/plain', '2') + end,
          ],
          [
            'too many parts',
            `multipart/form-data; boundary=${b}`,
            Array.from({ length: 10 }, (_, i) => part(`f${i}`, null, 'text/plain', 'v')).join('') + end,
          ],
        ];
        const [label, type, body] = rnd.pick(variants);
        const headers = [
          rnd.chance(0.9) ? `Authorization: Bearer ${bearer}` : 'Authorization: Bearer nope',
          `Content-Type: ${type}`,
        ];
        if (rnd.chance(0.3)) headers.push(`Idempotency-Key: fuzz-up-${rnd.int(1e9)}`);
        return { label: `multipart: ${label}`, bytes: request('POST', '/portico/v1/uploads', headers, body) };
      }

      function badCookies(route: Route): { label: string; bytes: Buffer } {
        const value = rnd.pick([
          'portico_session=',
          'portico_session=%%%%',
          'portico_session="unterminated',
          `portico_session=${'z'.repeat(4000)}`,
          'portico_session=a; portico_session=b',
          ';;;;',
          '=',
          'portico_session=\u00e9\u00e8',
          `portico_session=${cookie.slice(0, -2)}xx`,
          'a=b; c; =d; portico_session',
        ]);
        const headers = [
          `Cookie: ${value}`,
          `X-CSRF-Token: ${rnd.chance(0.5) ? csrf : 'x'}`,
          'Content-Type: application/json',
        ];
        const body = rnd.pick(['{"x":', '[]', '[{"x": 1}]', '{"x": 1']);
        return { label: 'cookies', bytes: request(route.method, pathOf(route), headers, body) };
      }

      function ssoRequest(jwt: string): { label: string; bytes: Buffer } {
        const body = JSON.stringify({ jwt, mode: rnd.pick(['bearer', 'cookie']) });
        return {
          label: 'sso',
          bytes: request('POST', '/portico/v1/session/sso', ['Content-Type: application/json'], body),
        };
      }

      function notHttp(): { label: string; bytes: Buffer } {
        const api = '/portico/v1/tickets';
        const raw = rnd.pick<string | Buffer>([
          'GET / HTTP/9.9\r\n\r\n',
          'GARBAGE\r\n\r\n',
          Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
          'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
          `POST ${api} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!`,
          `POST ${api} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n`,
          `POST ${api} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\nConnection: close\r\n\r\n0\r\n\r\n`,
          `GET ${api} HTTP/1.1\r\nHost: x\r\nNo colon here\r\nConnection: close\r\n\r\n`,
          `GET ${api} HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n`,
          `GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `${'M'.repeat(100)} ${api} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `FOO ${api} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `GET ${api} HTTP/1.1\r\nHost: x\r\n folded: header\r\nConnection: close\r\n\r\n`,
          `GET /portico/v1/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `GET /portico/v1/tickets/%C0%AF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `GET //portico//v1//tickets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `PROPFIND ${api} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `DELETE /portico/v1/tickets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          `POST ${api} HTTP/1.0\r\nContent-Type: application/json\r\n\r\n{`,
        ]);
        return { label: 'not http', bytes: Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1') };
      }

      // ------------------------------------------------------------------ send them
      const planned = Array.from({ length: REQUESTS }, next);
      const results: Array<{ label: string; res: RawResponse; head: string }> = [];
      let cursor = 0;
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          while (cursor < planned.length) {
            const p = planned[cursor++]!;
            const res = await rawRequest(port, p.bytes, 15_000);
            results.push({ label: p.label, res, head: p.bytes.subarray(0, 120).toString('latin1') });
          }
        }),
      );

      const fiveXx = results.filter((r) => r.res.status >= 500);
      const unanswered = results.filter((r) => r.res.status === 0);
      const notProblem = results.filter(
        (r) => r.res.status >= 400 && !/^application\/problem\+json/.test(r.res.headers['content-type'] ?? ''),
      );
      await app.mailer.drain();
      const after = await storedCounts();
      const stored = STORED.filter((t) => after[t] !== before[t]).map((t) => `${t} ${before[t]} → ${after[t]}`);
      const filesAfter = (await readdir(app.uploadsDir)).length;
      const byStatus = new Map<number, number>();
      for (const r of results) byStatus.set(r.res.status, (byStatus.get(r.res.status) ?? 0) + 1);
      reportFigure(
        `fuzz ${results.length} requests, ${fiveXx.length} 5xx, ${notProblem.length} errors not problem+json, ` +
          `${unanswered.length} unanswered, ${stored.length + (filesAfter - filesBefore)} stored ` +
          `(${STORE}, ${routes.length} routes, seed ${SEED}; statuses ${[...byStatus]
            .sort((a, b) => a[0] - b[0])
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')})`,
      );
      const show = (rs: typeof results) =>
        rs
          .slice(0, 10)
          .map((r) => `${r.label} → ${r.res.status} ${r.res.body.slice(0, 160)} | ${JSON.stringify(r.head)}`);
      assert.deepEqual(show(fiveXx), [], 'no 5xx');
      assert.deepEqual(show(unanswered), [], 'an answer to every request');
      assert.deepEqual(show(notProblem), [], 'every error is a problem');
      const accepted = results.filter((r) => r.res.status < 300 && !/^GET /.test(r.head));
      assert.deepEqual(show(accepted), [], 'no malformed write accepted');
      assert.deepEqual(stored, [], 'nothing stored');
      assert.equal(filesAfter, filesBefore, 'no upload file left behind');
    },
  );
});

/** SSO tokens, each wrong in one way the gateway must refuse without storing anything. */
async function ssoTokens(): Promise<string[]> {
  const key = new TextEncoder().encode(SSO_SECRET);
  const now = Math.floor(Date.now() / 1000);
  const sign = (
    claims: Record<string, unknown>,
    opts: { exp?: number | null; iat?: number; secret?: Uint8Array } = {},
  ) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(opts.iat ?? now);
    if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now + 300);
    return jwt.sign(opts.secret ?? key);
  };
  const ok = { email: 'sso-fuzz@example.com', name: 'Sso Fuzz' };
  return Promise.all([
    sign({ ...ok, email: 'sso\u0000fuzz@example.com' }),
    sign({ ...ok, name: 'Sso\u0000Fuzz' }),
    sign({ ...ok, phone: '+31\u0000' }),
    sign({ ...ok, jti: 'j\u0000ti' }),
    sign({ ...ok, email: 'not-an-email' }),
    sign({ ...ok, email: 12345 }),
    sign({ ...ok, email: '\ud800@example.com' }),
    sign(ok, { exp: now - 3600, iat: now - 4000 }),
    sign(ok, { exp: null }),
    sign(ok, { exp: now + 86_400 * 30 }),
    sign(ok, { iat: now + 3600, exp: now + 3900 }),
    sign(ok, { secret: new TextEncoder().encode('another-secret-0123456789abcdef0123') }),
    Promise.resolve(
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...ok, exp: now + 60 })).toString('base64url')}.`,
    ),
    Promise.resolve('aaaa.bbbb.cccc'),
    Promise.resolve('short'),
    Promise.resolve('x'.repeat(9000)),
  ]);
}
