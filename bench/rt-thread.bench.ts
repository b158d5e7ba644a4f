/**
 * `npm run bench:rt` (part of `npm run bench` when RT is up): a 200-message
 * Request Tracker thread through the gateway, as the widget reads it — the
 * ticket and the newest page together, then each older page — against
 * reading the whole thread page by page oldest first (what the widget did
 * before). Seeds the thread once and reuses it on later runs (seeding goes
 * through RT's REST2 and takes minutes on a busy machine). Prints figures;
 * the bar is the first messages within 1 s and a flat cost per page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildGateway } from '../server/app.js';
import { openHarness, rtUnavailableReason, seedThread } from '../test/server/rt/rt-harness.js';

const MESSAGES = Number(process.env.BENCH_THREAD_MESSAGES || 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const EMAIL = 'bench-thread@portico-bench.example';
const SUBJECT = `Portico bench: ${MESSAGES}-message thread`;
const ADMIN = 'bench-admin-token';
const BAR_MS = 1000;

const unavailable = await rtUnavailableReason();
if (unavailable) {
  console.log(`rt thread bench skipped: ${unavailable}`);
  process.exit(0);
}

const h = await openHarness();
const found = await h.admin.get<{ items: Array<{ id: string | number }> }>('/tickets', {
  query: `Queue = '${h.connector.settings.queue}' AND Subject = '${SUBJECT}' AND Requestor.EmailAddress = '${EMAIL}'`,
  orderby: 'id',
  order: 'DESC',
  per_page: 5,
});
let ticketId: string | null = null;
for (const item of found?.items ?? []) {
  if ((await h.connector.listMessages(String(item.id))).length === MESSAGES) {
    ticketId = String(item.id);
    break;
  }
}
if (!ticketId) {
  const t0 = performance.now();
  console.error(`seeding a ${MESSAGES}-message thread in RT (once; later runs reuse it)…`);
  ticketId = await seedThread(h, EMAIL, MESSAGES, SUBJECT);
  console.error(`seeded ticket ${ticketId} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
await h.connector.stop();

const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-bench-rt-'));
const app = await buildGateway({
  dataDir,
  inMemory: true,
  adminToken: ADMIN,
  rateLimit: false,
  serveStatic: false,
  connector: 'rt',
  env: process.env,
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const api = `${origin}/portico/v1`;
  const created = await fetch(`${origin}/admin/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, name: 'Bench Thread', role: 'user', password: 'bench password' }),
  });
  if (!created.ok) throw new Error(`customer: ${created.status} ${await created.text()}`);
  const session = await (
    await fetch(`${api}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: 'bench password', mode: 'bearer' }),
    })
  ).json();
  const headers = { authorization: `Bearer ${session.token}` };
  const get = async (p: string) => {
    const res = await fetch(`${api}${p}`, { headers });
    if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ items?: unknown[]; nextCursor?: string | null }>;
  };
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const value = await fn();
    return [value, performance.now() - t0];
  };
  const messages = `/tickets/${ticketId}/messages`;

  // Once, so the connector's caches (session, service account, lifecycle, authors) are what a running gateway has.
  await get(`/tickets/${ticketId}`);
  await get(`${messages}?sort=-created`);

  const first: number[] = [];
  const pageCosts: number[][] = [];
  const whole: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // What the widget waits for: the ticket and the newest page, side by side.
    const [[, page], shown] = await timed(() =>
      Promise.all([get(`/tickets/${ticketId}`), get(`${messages}?sort=-created`)]),
    );
    first.push(shown);
    const costs: number[] = [];
    let cursor = page.nextCursor;
    while (cursor) {
      const [older, ms] = await timed(() => get(`${messages}?sort=-created&cursor=${encodeURIComponent(cursor!)}`));
      costs.push(ms);
      cursor = older.nextCursor;
    }
    pageCosts.push(costs);
    // The old way: every page, oldest first, before anything shows.
    const [, all] = await timed(async () => {
      let next: string | null | undefined = undefined;
      do {
        next = (await get(`${messages}${next ? `?cursor=${encodeURIComponent(next)}` : ''}`)).nextCursor;
      } while (next);
    });
    whole.push(all);
  }
  const pages = pageCosts[0]!.length + 1;
  const perPage = Array.from({ length: pages - 1 }, (_, i) => median(pageCosts.map((c) => c[i]!)));
  console.log(
    `\nPortico on Request Tracker — one ${MESSAGES}-message thread (ticket ${ticketId}), 25 per page, median of ${ROUNDS}`,
  );
  console.log(`${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}\n`);
  console.log(
    `first messages shown (GET ticket + newest page)  ${median(first).toFixed(0).padStart(6)} ms  ≤ ${BAR_MS} ms: ${median(first) <= BAR_MS ? 'yes' : 'NO'}`,
  );
  perPage.forEach((ms, i) => console.log(`older page ${String(i + 2).padEnd(38)} ${ms.toFixed(0).padStart(6)} ms`));
  console.log(`all ${pages} pages, oldest first (the old widget) ${median(whole).toFixed(0).padStart(6)} ms`);
} finally {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
