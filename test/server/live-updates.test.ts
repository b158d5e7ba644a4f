/**
 * Live updates for work done in the helpdesk itself: the gateway watches its
 * connector and turns each change into the events its own writes publish,
 * for the people the read endpoints would show the ticket to. Runs against an
 * in-memory helpdesk (test/server/helpers/fake-helpdesk.ts); the same against
 * Request Tracker is in test/server/rt/live-updates.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildGateway } from '../../server/app.js';
import type { GatewayOptions } from '../../server/config.js';
import {
  AdminClient,
  embeddedGateway,
  PortalClient,
  startGateway,
  TEST_ADMIN_TOKEN,
  type GatewayUnderTest,
  outboxFor,
  waitForMail,
} from './helpers/gateway-harness.js';
import { FakeHelpdesk } from './helpers/fake-helpdesk.js';
import { EventStream, messageWith } from './helpers/sse.js';
import { generalTicket, makeWorld, PASSWORD, type World } from './helpers/world.js';

describe('live updates from the helpdesk', () => {
  const helpdesk = new FakeHelpdesk();
  let gw: GatewayUnderTest;
  let w: World;
  const clients = {} as Record<'alice' | 'bob' | 'cat' | 'dan', PortalClient>;
  const streams: EventStream[] = [];
  const open = async (who: keyof typeof clients) => {
    const s = await EventStream.open(gw.api, clients[who].authHeaders());
    streams.push(s);
    return s;
  };
  const ticketOf = async (who: keyof typeof clients, subject: string) => {
    const res = await clients[who].post('/tickets', generalTicket(subject));
    assert.equal(res.status, 201, res.text);
    return res.body.id as string;
  };

  before(async () => {
    gw = await startGateway({ connector: helpdesk })();
    w = await makeWorld(gw.admin);
    for (const who of ['alice', 'bob', 'cat', 'dan'] as const)
      clients[who] = await new PortalClient(gw.api).signIn(w[who].email, PASSWORD);
  });
  after(async () => {
    for (const s of streams) await s.close();
    await gw?.close();
  });

  it('an agent’s answer reaches the requester and company colleagues: the message, then the ticket, unread', async () => {
    const bobTicket = await ticketOf('bob', 'printer jams');
    const danTicket = await ticketOf('dan', 'dan’s own');
    // Bob has read his ticket: only what the agent does next makes it unread.
    await clients.bob.get(`/tickets/${bobTicket}/messages`);
    const [bob, alice, cat, dan] = await Promise.all([open('bob'), open('alice'), open('cat'), open('dan')]);

    await new Promise((r) => setTimeout(r, 5));
    await helpdesk.agentReply(bobTicket, 'answered in the helpdesk');

    for (const [who, stream] of [
      ['bob', bob],
      ['alice', alice],
    ] as const) {
      const msg = await stream.waitFor(messageWith('answered in the helpdesk'), `message.created for ${who}`);
      assert.equal(msg.data.ticketId, bobTicket);
      assert.equal(msg.data.message.author.role, 'agent');
      const upd = await stream.waitFor(
        (e) => e.event === 'ticket.updated' && e.data.ticket.id === bobTicket,
        `ticket.updated for ${who}`,
      );
      assert.ok(Number(upd.id) > Number(msg.id), 'the message comes first, as with replies through the gateway');
      assert.equal(upd.data.ticket.requesterEmail, undefined, 'stored fields stay inside');
    }
    const forBob = await bob.waitFor((e) => e.event === 'ticket.updated', 'ticket.updated');
    assert.equal(forBob.data.ticket.unread, true, 'unread for the requester, who had read it before');
    assert.equal(forBob.data.ticket.requester.id, w.bob.id);

    // Dan's own change arrives on his stream; Bob's never did, nor on Cat's (plain user elsewhere).
    await helpdesk.agentReply(danTicket, 'for dan');
    await dan.waitFor(messageWith('for dan'), 'dan’s own message');
    assert.ok(!dan.text.includes('answered in the helpdesk'), 'another organisation learns nothing');
    assert.ok(!alice.text.includes('for dan'));
    assert.ok(!bob.text.includes('for dan'));
    assert.deepEqual(cat.events, [], 'a plain user of the other organisation gets nothing');
  });

  it('every requester of a ticket gets its events, live and when resuming, not only the first', async () => {
    const bobTicket = await ticketOf('bob', 'shared with dan');
    // Dan is in no organisation with Bob: he sees the ticket only as its second requester.
    helpdesk.addRequester(bobTicket, w.dan.email);
    const listed = await clients.dan.get('/tickets');
    assert.ok(
      listed.body.items.some((t: { id: string }) => t.id === bobTicket),
      'listed as Dan’s own',
    );
    const dan = await open('dan');
    const start = await dan.opened();
    const mailed = { bob: (await outboxFor(gw, w.bob.email)).length, dan: (await outboxFor(gw, w.dan.email)).length };
    await helpdesk.agentReply(bobTicket, 'for both requesters');
    const live = await dan.waitFor(messageWith('for both requesters'), 'message.created for the second requester');
    assert.equal(live.data.ticketId, bobTicket);
    // A stream resuming from before the answer gets it from the events table too.
    const resumed = await EventStream.open(gw.api, clients.dan.authHeaders(), start);
    streams.push(resumed);
    await resumed.waitFor(messageWith('for both requesters'), 'the replayed message.created');
    // And each requester is mailed the answer.
    for (const who of ['bob', 'dan'] as const) {
      const mails = await waitForMail(gw, w[who].email, mailed[who] + 1);
      assert.match(mails.at(-1)!.text, /for both requesters/, `${who}’s mail`);
    }
  });

  it('a status change is a ticket.updated only; an internal note is never announced', async () => {
    const t = await ticketOf('cat', 'status only');
    const cat = await open('cat');
    await helpdesk.agentNote(t, 'SECRET internal note');
    await helpdesk.agentSetStatus(t, 'pending');
    const upd = await cat.waitFor(
      (e) => e.event === 'ticket.updated' && e.data.ticket.status === 'pending',
      'ticket.updated (pending)',
    );
    assert.equal(upd.data.ticket.statusLabel, 'Pending');
    assert.ok(!cat.events.some((e) => e.event === 'message.created'), 'no message event');
    assert.ok(!cat.text.includes('SECRET'));
  });

  it('colleagues get nothing while the portal shows company users only their own requests', async () => {
    await gw.admin.settings({ portal: { organizationVisibility: false } });
    try {
      const t = await ticketOf('bob', 'private now');
      const [alice, bob] = await Promise.all([open('alice'), open('bob')]);
      await helpdesk.agentReply(t, 'only bob may see this');
      await bob.waitFor(messageWith('only bob may see this'), 'bob’s message');
      await helpdesk.agentReply(await ticketOf('alice', 'alice’s own'), 'alice’s marker');
      await alice.waitFor(messageWith('alice’s marker'), 'alice’s own message');
      assert.ok(!alice.text.includes('only bob may see this'));
    } finally {
      await gw.admin.call('DELETE', '/settings');
    }
  });

  it('a change to a ticket the helpdesk no longer shows is dropped, and later changes still arrive', async () => {
    const t = await ticketOf('dan', 'after the gone one');
    const dan = await open('dan');
    helpdesk.report({ ticketId: '999999', kind: 'ticket' }, { ticketId: '999999', kind: 'message', messageId: 'nope' });
    helpdesk.report({ ticketId: t, kind: 'message', messageId: 'no-such-message' });
    await helpdesk.agentReply(t, 'still live');
    await dan.waitFor(messageWith('still live'), 'the later message');
    assert.equal(dan.events.filter((e) => e.event === 'message.created').length, 1);
  });

  it('the same change reported twice is announced once', async () => {
    const t = await ticketOf('cat', 'reported twice');
    const cat = await open('cat');
    const m = await helpdesk.agentReply(t, 'once only');
    helpdesk.report({ ticketId: t, kind: 'ticket' }, { ticketId: t, kind: 'message', messageId: m.id });
    await cat.waitFor(messageWith('once only'), 'the message');
    await helpdesk.agentSetStatus(t, 'open');
    await cat.waitFor(
      (e) => e.event === 'ticket.updated' && e.data.ticket.status === 'open',
      'the later status change',
    );
    assert.equal(cat.events.filter((e) => e.event === 'message.created').length, 1);
  });

  it('stops watching the helpdesk when the gateway closes', async () => {
    const other = new FakeHelpdesk();
    const g = await startGateway({ connector: other })();
    assert.equal(other.watchers, 1);
    await g.close();
    assert.equal(other.watchers, 0);
  });
});

/**
 * Streams that never miss: the first frame carries an id, so a stream that
 * got no event yet resumes too; a resumed stream replays from the events
 * table in id order, also while events keep coming; streams are bounded.
 * On PGlite, and on the PostgreSQL server in DATABASE_URL when set.
 */
const backends: Array<[string, Partial<GatewayOptions>]> = [['PGlite', {}]];
if (process.env.DATABASE_URL) backends.push(['PostgreSQL', { databaseUrl: process.env.DATABASE_URL }]);

for (const [backend, base] of backends) {
  describe(`resumable event streams (${backend})`, () => {
    let gw: GatewayUnderTest;
    let w: World;
    let alice: PortalClient;
    let bob: PortalClient;
    const streams: EventStream[] = [];
    const open = async (who: PortalClient, lastEventId?: string) => {
      const s = await EventStream.open(gw.api, who.authHeaders(), lastEventId);
      streams.push(s);
      return s;
    };
    const ids = (s: EventStream) => s.events.map((e) => Number(e.id));

    before(async () => {
      gw = await embeddedGateway({ ...base, eventStreams: { perSession: 4, perAccount: 6, total: 10 } })();
      w = await makeWorld(gw.admin);
      alice = await new PortalClient(gw.api).signIn(w.alice.email, PASSWORD);
      bob = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD);
    });
    after(async () => {
      for (const s of streams) await s.close();
      await gw?.close();
    });

    it('sends an id in the first frame; a stream cut before any event resumes from it and misses nothing', async () => {
      const t = (await bob.post('/tickets', generalTicket('cut before any event'))).body.id as string;
      const first = await open(bob);
      const firstId = await first.opened();
      assert.match(firstId, /^\d+$/);
      assert.deepEqual(first.events, [], 'no event yet: the id came alone');
      await first.close();

      // While the stream is down, an agent answers.
      await gw.admin.reply(t, 'answered during the cut');
      const resumed = await open(bob, firstId);
      const msg = await resumed.waitFor(messageWith('answered during the cut'), 'the missed message');
      assert.ok(Number(msg.id) > Number(firstId));
      await resumed.waitFor((e) => e.event === 'ticket.updated' && e.data.ticket.id === t, 'the missed ticket');
      assert.equal(resumed.firstId, firstId, 'a resumed stream starts from the id it was given');

      // A stream opened afresh now starts after those events: nothing old comes again.
      const fresh = await open(bob);
      assert.ok(Number(await fresh.opened()) >= Number(msg.id));
      await gw.admin.reply(t, 'after the fresh start');
      await fresh.waitFor(messageWith('after the fresh start'), 'the next message');
      assert.ok(!fresh.text.includes('answered during the cut'), 'the fresh stream does not replay');
    });

    it('a resume while events keep coming sends every event once, in id order', async () => {
      const t = (await alice.post('/tickets', generalTicket('resume under load'))).body.id as string;
      const live = await open(alice);
      const from = await live.opened();
      // 12 replies before the resume, 12 while it replays: none lost, none twice, in order.
      for (let i = 0; i < 12; i++) await gw.admin.reply(t, `before ${i}`);
      const during = (async () => {
        for (let i = 0; i < 12; i++) await gw.admin.reply(t, `during ${i}`);
      })();
      const resumed = await open(alice, from);
      await during;
      await live.waitFor(messageWith('during 11'), 'the last reply on the live stream');
      await resumed.waitFor(messageWith('during 11'), 'the last reply on the resumed stream');
      await resumed.waitFor(
        (e) => e.event === 'ticket.updated' && e.id === live.events.at(-1)!.id,
        'the last event on the resumed stream',
      );
      assert.deepEqual(ids(resumed), ids(live), 'the same events as a stream that never broke');
      assert.deepEqual(
        ids(resumed),
        [...new Set(ids(resumed))].sort((a, b) => a - b),
        'in id order, each once',
      );
      assert.equal(resumed.events.filter((e) => e.event === 'message.created').length, 24);
    });

    it('one event reaches many streams with one read of the table and one query for their unread marks', async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-fanout-'));
      const app = await buildGateway({
        dataDir,
        inMemory: !base.databaseUrl,
        ...base,
        adminToken: TEST_ADMIN_TOKEN,
        serveStatic: false,
        rateLimit: false,
      });
      const seen: string[] = [];
      const query = app.db.query;
      app.db.query = ((sql: string, params?: unknown[]) => {
        seen.push(sql);
        return query(sql, params);
      }) as typeof query;
      try {
        await app.listen({ host: '127.0.0.1', port: 0 });
        const addr = app.server.address();
        const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
        const admin = new AdminClient(origin, TEST_ADMIN_TOKEN);
        const world = await makeWorld(admin);
        const a = await new PortalClient(`${origin}/portico/v1`).signIn(world.alice.email, PASSWORD, 'bearer');
        const b = await new PortalClient(`${origin}/portico/v1`).signIn(world.bob.email, PASSWORD, 'bearer');
        const t = (await b.post('/tickets', generalTicket('fan-out'))).body.id as string;
        const fanned: EventStream[] = [];
        for (const who of [a, a, a, a, b, b, b, b]) {
          const s = await EventStream.open(`${origin}/portico/v1`, who.authHeaders());
          await s.opened();
          fanned.push(s);
        }
        seen.length = 0;
        await admin.reply(t, 'to eight streams');
        for (const s of fanned) await s.waitFor((e) => e.event === 'ticket.updated', 'ticket.updated');
        const reads = seen.filter((q) => /FROM events WHERE id > \$1 ORDER BY id/.test(q)).length;
        const marks = seen.filter((q) => /FROM ticket_reads/.test(q)).length;
        // On PostgreSQL the safety poll may read once more; never once per stream.
        assert.ok(reads >= 1 && reads <= 2, `table reads: ${reads}`);
        assert.equal(marks, 1, 'unread marks of all eight streams in one query');
        for (const s of fanned) await s.close();
      } finally {
        await app.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    it('bounds streams per session and per account with a 429 problem', async () => {
      const other = await new PortalClient(gw.api).signIn(w.dan.email, PASSWORD, 'bearer');
      const held = [];
      for (let i = 0; i < 4; i++) held.push(await open(other));
      const over = await fetch(`${gw.api}/events`, { headers: other.authHeaders() });
      assert.equal(over.status, 429);
      assert.match(over.headers.get('content-type')!, /application\/problem\+json/);
      assert.ok(Number(over.headers.get('retry-after')) > 0);
      const body = await over.json();
      assert.equal(body.code, 'rate-limited');
      assert.match(body.detail, /Too many open event streams for this session \(at most 4\)/);

      // Another session of the same account has room up to the account's bound.
      const again = await new PortalClient(gw.api).signIn(w.dan.email, PASSWORD, 'bearer');
      held.push(await open(again), await open(again));
      const overAccount = await fetch(`${gw.api}/events`, { headers: again.authHeaders() });
      assert.equal(overAccount.status, 429);
      assert.match((await overAccount.json()).detail, /for this account \(at most 6\)/);

      // Closing a stream frees its place.
      await held[0]!.close();
      const deadline = Date.now() + 5000;
      let res: Response;
      for (;;) {
        const ac = new AbortController();
        res = await fetch(`${gw.api}/events`, { headers: other.authHeaders(), signal: ac.signal });
        if (res.status === 200 || Date.now() > deadline) {
          ac.abort();
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(res.status, 200, 'a freed place is taken again');
      for (const s of held.slice(1)) await s.close();
    });
  });
}
