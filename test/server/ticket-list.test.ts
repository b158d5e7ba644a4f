/**
 * GET /tickets on the embedded store: the one-query list page (held tickets
 * left out, read marks joined in) and the `status` sort across pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TICKET_STATUSES, type Ticket } from '../../src/protocol/index.js';
import { embeddedGateway, GENEROUS_LIMITS, PortalClient, type GatewayUnderTest } from './helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from './helpers/world.js';

describe('GET /tickets — embedded list query', () => {
  let gw: GatewayUnderTest;
  let w: World;
  const as = (email: string) => new PortalClient(gw.api).signIn(email, PASSWORD);

  before(async () => {
    gw = await embeddedGateway()({ rateLimit: GENEROUS_LIMITS });
    w = await makeWorld(gw.admin);
  });
  after(async () => {
    await gw?.close();
  });

  /** Every page of a query, following nextCursor with a small limit. */
  async function allPages(client: PortalClient, query: string): Promise<Ticket[]> {
    const out: Ticket[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; text: string; body: { items: Ticket[]; nextCursor: string | null } } =
        await client.get(`/tickets?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, res.text);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  }

  it('sorts by status in lifecycle order, newest update first within a status, across pages', async () => {
    const cat = await as(w.cat.email);
    const statuses = ['closed', 'new', 'pending', 'solved', 'open', 'new', 'pending'] as const;
    const made: string[] = [];
    for (const [i, status] of statuses.entries()) {
      const t = (await cat.post('/tickets', generalTicket(`Status sort ${i}`))).body;
      if (status !== 'new') await gw.admin.setStatus(t.id, status);
      made.push(t.id);
    }
    const listed = await allPages(cat, 'sort=status&status=all');
    assert.deepEqual(new Set(listed.map((t) => t.id)), new Set(made), 'every ticket once, none twice');
    assert.equal(listed.length, made.length);
    const rank = (t: Ticket) => TICKET_STATUSES.indexOf(t.status);
    for (let i = 1; i < listed.length; i++) {
      const [a, b] = [listed[i - 1]!, listed[i]!];
      assert.ok(rank(a) <= rank(b), `${a.status} before ${b.status}`);
      if (rank(a) === rank(b)) assert.ok(a.updatedAt >= b.updatedAt, 'newest update first within a status');
    }
    assert.deepEqual(
      listed.map((t) => t.status),
      ['new', 'new', 'open', 'pending', 'pending', 'solved', 'closed'],
    );
    // The other sorts still page through the same tickets.
    for (const sort of ['-updated', 'updated', '-created', 'created']) {
      const ids = (await allPages(cat, `sort=${sort}&status=all`)).map((t) => t.id);
      assert.deepEqual(new Set(ids), new Set(made), sort);
      assert.equal(ids.length, made.length, sort);
    }
    assert.equal((await cat.get('/tickets?sort=-status')).status, 400);
  });

  it('joins the reader’s read marks: unread until opened, per reader', async () => {
    const alice = await as(w.alice.email);
    const bob = await as(w.bob.email);
    const t = (await bob.post('/tickets', generalTicket('Read mark join'))).body;
    const find = async (client: PortalClient, scope: string) =>
      ((await client.get(`/tickets?scope=${scope}&limit=100`)).body.items as Ticket[]).find((x) => x.id === t.id)!;
    assert.equal((await find(bob, 'mine')).unread, false, 'its requester has read what they sent');
    assert.equal((await find(alice, 'organization')).unread, true, 'a colleague has not');
    // Times are compared to the second: the answer lands in a later one.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    await gw.admin.reply(t.id, 'An answer');
    assert.equal((await find(bob, 'mine')).unread, true, 'answered after the read');
    await bob.get(`/tickets/${t.id}/messages`);
    assert.equal((await find(bob, 'mine')).unread, false, 'read by its requester');
    assert.equal((await find(alice, 'organization')).unread, true, 'still unread for a colleague');
    const listed = await find(bob, 'mine');
    assert.ok(!('readAt' in listed) && !('requesterEmail' in listed), 'only the wire fields leave the gateway');
  });
});
