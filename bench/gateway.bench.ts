/**
 * `npm run bench:gateway`: 100,000 tickets, then GET /tickets and
 * POST /tickets/{id}/messages at a fixed 200 requests/s on 127.0.0.1 with
 * autocannon — the embedded store (PGlite) and, when DATABASE_URL is set, a
 * PostgreSQL server, side by side. The bar: p99 ≤ 50 ms.
 *
 * Search (GET /tickets?q=…) at SEARCH_RATE: a word in one message of every
 * 10,000 ("toner") and a word in one subject of every 7 ("printer"), in the
 * bench user's own 2,000 tickets and in the ~51,000 their organisation sees;
 * same bar.
 *
 * Then GET /tickets as fast as it answers (saturation) against a bare Fastify
 * JSON route in the same process, same machine, same run: the bar is ≥ 1/10.
 * BENCH_SATURATION_SECONDS (default 5) sets those runs' length; 0 skips them.
 */
import Fastify from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildGateway } from '../server/app.js';
import { DEMO_FORMS } from '../server/seed/demo-content.js';

const TICKETS = Number(process.env.BENCH_TICKETS || 100_000);
const RATE = Number(process.env.BENCH_RATE || 200);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const BAR_MS = 50;
const SEARCH_RATE = Number(process.env.BENCH_SEARCH_RATE || 20);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 5);
/** A bare Fastify JSON route's saturation, measured first (req/s); the gateway's list is held to ≥ 1/10 of it. */
let bareRps = 0;
const ADMIN = 'bench-admin-token';
/** Share of all tickets that belong to the signed-in bench user (the rest: 500 colleagues and other organisations). */
const MINE = 2_000;

interface Row {
  store: string;
  endpoint: string;
  p50: number;
  p99: number;
  rps: number;
  ok: number;
  errors: number;
}

async function adminCall(origin: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${origin}/admin/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function benchStore(store: string, databaseUrl?: string): Promise<Row[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-bench-'));
  const app = await buildGateway({ dataDir, databaseUrl, adminToken: ADMIN, rateLimit: false, serveStatic: false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const origin = `http://127.0.0.1:${port}`;
    const tag = Math.random().toString(36).slice(2, 8);
    const domain = `bench-${tag}.example`;

    // People and forms through the admin API, like any other data.
    for (const f of DEMO_FORMS) await adminCall(origin, 'PUT', `/forms/${f.id}`, f);
    const org = await adminCall(origin, 'POST', '/organizations', { name: `Bench ${tag}`, domains: [domain] });
    const me = await adminCall(origin, 'POST', '/customers', {
      email: `me@${domain}`,
      name: 'Bench User',
      role: 'company',
      organizationId: org.id,
      password: 'bench password',
    });

    // 100,000 tickets with a first message each, in two set-based statements.
    const t0 = performance.now();
    const { db } = app;
    await db.query(
      `INSERT INTO tickets (id, subject, status, raw_status, requester_id, requester_email, requester_name,
         organization_id, organization_name, service, fields, created_at, updated_at)
       SELECT 'bench-' || $5 || '-' || i,
         'Bench ticket ' || i || CASE WHEN i % 7 = 0 THEN ' printer' ELSE ' network' END,
         (ARRAY['new','open','pending','solved','closed'])[1 + i % 5],
         (ARRAY['new','open','pending','solved','closed'])[1 + i % 5],
         CASE WHEN i <= $2 THEN $3 ELSE 'colleague-' || (i % 500) END,
         CASE WHEN i <= $2 THEN $4 ELSE 'colleague-' || (i % 500) || CASE WHEN i % 2 = 0 THEN '@' || $6 ELSE '@elsewhere-' || $5 || '.example' END END,
         'Person ' || i,
         CASE WHEN i <= $2 OR i % 2 = 0 THEN $7 ELSE NULL END,
         CASE WHEN i <= $2 OR i % 2 = 0 THEN 'Bench' ELSE NULL END,
         'General support', '{"product":"api","urgency":"normal"}'::jsonb,
         now() - make_interval(mins => i), now() - make_interval(mins => i)
       FROM generate_series(1, $1) AS i`,
      [TICKETS, MINE, me.id, me.email, tag, domain, org.id],
    );
    await db.query(
      `INSERT INTO ticket_messages (id, ticket_id, author_name, author_role, body_format, body, created_at)
       SELECT 'bench-m-' || $2 || '-' || i, 'bench-' || $2 || '-' || i, 'Person ' || i, 'customer', 'text',
         'First message of bench ticket ' || i || CASE WHEN i % 10000 = 0 THEN ', the toner is empty' ELSE '' END,
         now() - make_interval(mins => i)
       FROM generate_series(1, $1) AS i`,
      [TICKETS, tag],
    );
    await db.query('ANALYZE tickets');
    await db.query('ANALYZE ticket_messages');
    const seedMs = performance.now() - t0;
    console.error(
      `[${store}] seeded ${TICKETS.toLocaleString('en')} tickets + messages in ${(seedMs / 1000).toFixed(1)} s`,
    );

    const session = await (
      await fetch(`${origin}/portico/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: me.email, password: 'bench password', mode: 'bearer' }),
      })
    ).json();
    const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };

    const run = (title: string, opts: Partial<autocannon.Options>) =>
      new Promise<autocannon.Result>((resolve, reject) => {
        autocannon(
          // A worker thread fires the requests, so the load generator does not share the gateway's event loop.
          { url: origin, connections: 10, overallRate: RATE, duration: SECONDS, headers, workers: 1, ...opts, title },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
      });
    const row = (endpoint: string, r: autocannon.Result): Row => ({
      store,
      endpoint,
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: r.requests.average,
      ok: r['2xx'],
      errors: r.errors + r.timeouts + r.non2xx,
    });

    // A short warm-up so JIT and caches are not what we measure.
    await run('warm-up', { duration: 2, requests: [{ method: 'GET', path: '/portico/v1/tickets' }] });
    const list = await run('GET /tickets', { requests: [{ method: 'GET', path: '/portico/v1/tickets' }] });
    const replies = await run('POST /tickets/{id}/messages', {
      // Tickets 5k and 5k+1 are new/open: the bench user may answer them without changing their status.
      requests: Array.from({ length: 20 }, (_, i) => {
        const n = 5 * (i >> 1) + 5 + (i & 1);
        return {
          method: 'POST' as const,
          path: `/portico/v1/tickets/bench-${tag}-${n}/messages`,
          body: JSON.stringify({ body: { format: 'text', content: `Bench reply to ${n}` } }),
        };
      }),
    });
    const rows = [row('GET /tickets', list), row('POST /tickets/{id}/messages', replies)];
    // The user's own 2,000 tickets, then the organisation's ~51,000.
    for (const query of ['q=toner', 'q=printer', 'q=toner&scope=organization', 'q=printer&scope=organization']) {
      const path = `/portico/v1/tickets?${query}`;
      const found = (await (await fetch(origin + path, { headers })).json()) as { items: unknown[] };
      console.error(`[${store}] ?${query}: ${found.items.length} on the first page`);
      const search = await run(`GET /tickets?${query}`, {
        overallRate: SEARCH_RATE,
        requests: [{ method: 'GET', path }],
      });
      rows.push(row(`GET /tickets?${query}`, search));
    }
    if (SATURATION_SECONDS > 0) {
      const max = await run('GET /tickets, saturation', {
        overallRate: undefined,
        duration: SATURATION_SECONDS,
        requests: [{ method: 'GET', path: '/portico/v1/tickets' }],
      });
      rows.push(row('GET /tickets (saturation)', max));
    }
    return rows;
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The same autocannon settings against one bare Fastify JSON route: the framework's limit on this machine now. */
async function benchBare(): Promise<Row> {
  const bare = Fastify();
  const body = { items: [{ id: 'x', subject: 'Bare route' }], nextCursor: null };
  bare.get('/json', async () => body);
  await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    const port = (bare.server.address() as { port: number }).port;
    const r = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        { url: `http://127.0.0.1:${port}/json`, connections: 10, duration: SATURATION_SECONDS, workers: 1 },
        (err, result) => (err ? reject(err) : resolve(result)),
      ),
    );
    bareRps = r.requests.average;
    return {
      store: 'bare Fastify',
      endpoint: 'GET /json (saturation)',
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: r.requests.average,
      ok: r['2xx'],
      errors: r.errors + r.timeouts + r.non2xx,
    };
  } finally {
    await bare.close();
  }
}

const loadBefore = loadavg()[0]!;
const rows: Row[] = [];
if (SATURATION_SECONDS > 0) rows.push(await benchBare());
rows.push(...(await benchStore('embedded (PGlite)')));
if (process.env.DATABASE_URL) rows.push(...(await benchStore('PostgreSQL server', process.env.DATABASE_URL)));
else
  console.error(
    'DATABASE_URL is not set: PostgreSQL server run skipped (export DATABASE_URL=$(bash scripts/pg-up.sh)).',
  );

console.log(
  `\nPortico gateway — ${TICKETS.toLocaleString('en')} tickets, ${RATE} req/s for ${SECONDS} s per run, 10 connections, 127.0.0.1`,
);
// Other work on the machine shows up in p99; the load average says how much there was.
console.log(`${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after\n`);
console.log(
  'store                 endpoint                                     p50 ms  p99 ms   req/s   2xx  errors  bar',
);
for (const r of rows) {
  const saturation = r.endpoint.endsWith('(saturation)');
  let bar: string;
  if (r.store === 'bare Fastify') bar = 'reference';
  else if (saturation) {
    const ratio = bareRps ? r.rps / bareRps : 0;
    bar = `1/${ratio ? (1 / ratio).toFixed(1) : '∞'} of bare (≥ 1/10): ${ratio >= 0.1 && r.errors === 0 ? 'met' : 'not met'}`;
  } else bar = `p99 ≤ ${BAR_MS} ms: ${r.p99 <= BAR_MS && r.errors === 0 ? 'met' : 'not met'}`;
  console.log(
    `${r.store.padEnd(21)} ${r.endpoint.padEnd(44)} ${String(r.p50).padStart(6)} ${String(r.p99).padStart(7)} ${r.rps.toFixed(0).padStart(7)} ${String(r.ok).padStart(5)} ${String(r.errors).padStart(7)}  ${bar}`,
  );
}
process.exit(0);
