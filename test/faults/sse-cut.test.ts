/**
 * Fault case: a TCP proxy between the browser's stream client and the
 * gateway cuts the SSE connections again and again — once right after the
 * first frame, before any event, then at random bytes — while an agent
 * replies through the admin API. Every event must be shown exactly once, in
 * id order, none missed. PGlite in a data directory, or the PostgreSQL
 * server in DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../../server/app.js';
import { AdminClient, PortalClient, TEST_ADMIN_TOKEN } from '../server/helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../server/helpers/world.js';
import { CutProxy, reportFigure, tally, Viewer } from './sse-support.js';

const DATABASE_URL = process.env.DATABASE_URL || undefined;
const STORE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const REPLIES = 100;
const REPLY_EVERY_MS = 40;

/** A small seeded random source (mulberry32): the same seed, the same cuts. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(`fault: SSE connections cut while an agent replies (${STORE})`, { timeout: 180_000 }, () => {
  let dataDir: string;
  let app: FastifyInstance;
  let admin: AdminClient;
  let proxy: CutProxy;
  let w: World;
  const viewers: Viewer[] = [];

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'portico-sse-cut-'));
    app = await buildGateway({
      dataDir,
      databaseUrl: DATABASE_URL,
      adminToken: TEST_ADMIN_TOKEN,
      serveStatic: false,
      rateLimit: false,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    admin = new AdminClient(`http://127.0.0.1:${port}`, TEST_ADMIN_TOKEN);
    w = await makeWorld(admin);
    proxy = new CutProxy(port);
    await proxy.listen();
  });
  after(async () => {
    for (const v of viewers) v.close();
    await proxy?.close();
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows every event exactly once, in order, through repeated cuts', async () => {
    const api = `${admin.origin}/portico/v1`;
    const bob = await new PortalClient(api).signIn(w.bob.email, PASSWORD, 'bearer');
    const alice = await new PortalClient(api).signIn(w.alice.email, PASSWORD, 'bearer');
    const ticket = (await bob.post('/tickets', generalTicket('cut, cut, cut'))).body.id as string;

    // Bob's own tab and Alice's (a company colleague), both through the proxy.
    const url = `http://127.0.0.1:${proxy.port}/portico/v1/events`;
    const bobTab = new Viewer(url, bob.bearer!);
    const aliceTab = new Viewer(url, alice.bearer!);
    viewers.push(bobTab, aliceTab);
    for (const v of viewers) await v.until(() => v.stream.lastEventId !== null, 'the first frame');
    // Where each stream began: its first frame's id (an event may have followed it already, on PostgreSQL
    // the ticket's own: the reader of a gateway may not have seen it yet when the stream opened).
    const from = new Map(viewers.map((v) => [v, v.messages.length ? v.ids[0]! - 1 : Number(v.stream.lastEventId)]));
    // The first cut comes before any event: only the first frame's id can resume these streams.
    assert.equal(proxy.cut(), 2);

    const random = seeded(11);
    let replying = true;
    const cutter = (async () => {
      while (replying) {
        // Each cut hits both streams: first they must have come back (the server asks for a 3 s retry).
        while (replying && proxy.open < viewers.length) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 200 + random() * 1000));
        if (replying) proxy.cut();
      }
    })();
    const sent: string[] = [];
    // At least REPLIES replies, and on until the streams were cut four times (a fast store answers
    // the replies before the streams have come back often), within a bound.
    const deadline = Date.now() + 60_000;
    try {
      for (let i = 0; i < REPLIES || (proxy.cuts < 4 && Date.now() < deadline); i++) {
        const text = `reply ${i}`;
        await admin.reply(ticket, text);
        sent.push(text);
        await new Promise((r) => setTimeout(r, REPLY_EVERY_MS));
      }
    } finally {
      replying = false;
      await cutter;
    }

    // What each tab should have been shown: its audience's events after its first frame.
    const [{ id: lastId }] = await app.db.query<{ id: number }>('SELECT max(id)::int AS id FROM events');
    const expectedFor = async (v: Viewer, email: string, orgId: string | null) =>
      (
        await app.db.query<{ id: number }>(
          `SELECT id::int AS id FROM events WHERE id > $1
           AND (requester_email = $2 OR ($3::text IS NOT NULL AND organization_id = $3)) ORDER BY id`,
          [from.get(v), email.toLowerCase(), orgId],
        )
      ).map((r) => r.id);
    const expected = new Map([
      [bobTab, await expectedFor(bobTab, w.bob.email, null)],
      [aliceTab, await expectedFor(aliceTab, w.alice.email, w.orgA.id)],
    ]);
    for (const v of viewers) await v.until(() => v.ids.includes(lastId!), 'the last event after the cuts');

    let total = 0;
    let missed = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const v of viewers) {
      const want = expected.get(v)!;
      const t = tally(want, v.ids);
      total += want.length;
      missed += t.missed;
      duplicated += t.duplicated;
      outOfOrder += t.outOfOrder;
      assert.equal(t.unexpected, 0, 'nothing that was not for this tab');
      // Each reply shown once, as its message.
      const shownTexts = v.messages
        .filter((m) => m.event === 'message.created')
        .map((m) => (JSON.parse(m.data) as { message: { body: { content: string } } }).message.body.content);
      assert.deepEqual(shownTexts, sent, 'every reply shown once, in the order sent');
    }
    const reconnects = viewers.reduce((n, v) => n + v.opens - 1, 0);
    reportFigure(
      `sse events ${total} sent, ${missed} missed, ${duplicated} duplicated, ${outOfOrder} out of order ` +
        `(${viewers.length} streams, ${proxy.cuts} cuts, ${reconnects} reconnections, ${STORE})`,
    );
    assert.equal(missed, 0);
    assert.equal(duplicated, 0);
    assert.equal(outOfOrder, 0);
    assert.ok(proxy.cuts >= 3, `the proxy cut ${proxy.cuts} times`);
    assert.ok(reconnects >= 4, `${reconnects} reconnections`);
  });
});
