/**
 * The authorization matrix: signed-out, user, company user and people of
 * another organisation try read, reply, close and download on their own,
 * a colleague's and a foreign ticket. Every denied cell answers 401/403/404
 * and changes nothing — checked through the admin API afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PortalClient, type GatewayUnderTest, type MakeGateway } from '../helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../helpers/world.js';

type Actor = 'anonymous' | 'alice' | 'bob' | 'cat' | 'dan';
type Action = 'read' | 'messages' | 'download' | 'reply' | 'close';
type Owner = 'alice' | 'bob' | 'cat' | 'dan';

const ORG: Record<Owner, 'A' | 'B'> = { alice: 'A', bob: 'A', cat: 'B', dan: 'B' };
const COMPANY: Record<Owner, boolean> = { alice: true, bob: false, cat: false, dan: true };
const ACTIONS: Action[] = ['read', 'messages', 'download', 'reply', 'close'];

/** What the protocol promises for each cell (portal defaults: organisation visibility on, no replies to colleagues). */
function expected(actor: Actor, owner: Owner, action: Action): number {
  if (actor === 'anonymous') return 401;
  if (actor === owner) return { read: 200, messages: 200, download: 200, reply: 201, close: 200 }[action];
  const colleague = ORG[actor] === ORG[owner];
  if (colleague && COMPANY[actor]) return { read: 200, messages: 200, download: 200, reply: 403, close: 403 }[action];
  return 404;
}

function relation(actor: Actor, owner: Owner): string {
  if (actor === 'anonymous') return 'any';
  if (actor === owner) return 'own';
  return ORG[actor] === ORG[owner] ? 'colleague’s' : 'foreign';
}

export function authorizationMatrix(label: string, makeGateway: MakeGateway): void {
  describe(`authorization matrix — ${label}`, () => {
    let gw: GatewayUnderTest;
    let w: World;
    const clients = {} as Record<Actor, PortalClient>;
    const tickets = {} as Record<Owner, { id: string; attachmentId: string }>;

    before(async () => {
      gw = await makeGateway();
      w = await makeWorld(gw.admin);
      clients.anonymous = new PortalClient(gw.api);
      for (const who of ['alice', 'bob', 'cat', 'dan'] as const) {
        const c = await new PortalClient(gw.api).signIn(w[who].email, PASSWORD, who === 'dan' ? 'bearer' : 'cookie');
        clients[who] = c;
        const up = await c.upload(`${who}.txt`, `${who}'s file`, 'text/plain');
        const t = await c.post('/tickets', generalTicket(`${who}'s ticket`, { attachments: [up.body.id] }));
        assert.equal(t.status, 201, t.text);
        const msgs = await c.get(`/tickets/${t.body.id}/messages`);
        tickets[who] = { id: t.body.id, attachmentId: msgs.body.items[0].attachments[0].id };
      }
    });
    after(async () => gw?.close());

    async function attempt(actor: Actor, owner: Owner, action: Action) {
      const c = clients[actor];
      const t = tickets[owner];
      switch (action) {
        case 'read':
          return c.get(`/tickets/${t.id}`);
        case 'messages':
          return c.get(`/tickets/${t.id}/messages`);
        case 'download':
          return c.get(`/attachments/${t.attachmentId}`);
        case 'reply':
          return c.post(`/tickets/${t.id}/messages`, { body: { format: 'text', content: `${actor} was here` } });
        case 'close':
          return c.post(`/tickets/${t.id}/close`);
      }
    }

    async function snapshot(owner: Owner) {
      const id = tickets[owner].id;
      const t = await gw.admin.ticket(id);
      const m = await gw.admin.messages(id);
      return { status: t.status, updatedAt: t.updatedAt, messages: m.items.map((x) => x.body.content) };
    }

    const actors: Actor[] = ['anonymous', 'bob', 'alice', 'cat', 'dan'];
    const owners: Owner[] = ['alice', 'bob', 'cat', 'dan'];

    // Denied cells first, each checked for side effects; allowed writes run last so they do not mask anything.
    for (const actor of actors) {
      for (const owner of owners) {
        for (const action of ACTIONS) {
          const want = expected(actor, owner, action);
          if (want < 400) continue;
          it(`${actor} → ${action} on ${relation(actor, owner)} ticket (${owner}) → ${want}, nothing changes`, async () => {
            const before = await snapshot(owner);
            const res = await attempt(actor, owner, action);
            assert.equal(res.status, want, `${actor} ${action} ${owner}: ${res.text.slice(0, 200)}`);
            assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
            if (action === 'download') assert.ok(!res.text.includes(`${owner}'s file`));
            if (action === 'read' || action === 'messages') assert.ok(!res.text.includes(`${owner}'s ticket`));
            assert.deepEqual(await snapshot(owner), before);
          });
        }
      }
    }

    for (const actor of actors) {
      for (const owner of owners) {
        for (const action of ACTIONS) {
          const want = expected(actor, owner, action);
          if (want >= 400) continue;
          it(`${actor} → ${action} on ${relation(actor, owner)} ticket (${owner}) → ${want}`, async () => {
            const res = await attempt(actor, owner, action);
            assert.equal(res.status, want, `${actor} ${action} ${owner}: ${res.text.slice(0, 200)}`);
            const after = await snapshot(owner);
            if (action === 'reply') assert.equal(after.messages.at(-1), `${actor} was here`);
            if (action === 'close') assert.equal(after.status, 'closed');
            if (action === 'download') assert.equal(res.text, `${owner}'s file`);
            if (action === 'read') assert.equal(res.body.id, tickets[owner].id);
          });
        }
      }
    }

    it('a plain user of another organisation learns nothing from list scopes either', async () => {
      const res = await clients.cat.get('/tickets?scope=mine');
      const ids = res.body.items.map((t: { id: string }) => t.id);
      assert.deepEqual(ids, [tickets.cat.id]);
      assert.equal((await clients.cat.get('/tickets?scope=organization')).status, 403);
      const dan = await clients.dan.get('/tickets?scope=organization');
      assert.deepEqual(dan.body.items.map((t: { id: string }) => t.id).sort(), [tickets.cat.id, tickets.dan.id].sort());
      assert.equal((await clients.anonymous.get('/tickets')).status, 401);
    });
  });
}
