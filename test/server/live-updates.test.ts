/**
 * Live updates for work done in the helpdesk itself: the gateway watches its
 * connector and turns each change into the events its own writes publish,
 * for the people the read endpoints would show the ticket to. Runs against an
 * in-memory helpdesk (test/server/helpers/fake-helpdesk.ts); the same against
 * Request Tracker is in test/server/rt/live-updates.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PortalClient, startGateway, type GatewayUnderTest } from './helpers/gateway-harness.js';
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
