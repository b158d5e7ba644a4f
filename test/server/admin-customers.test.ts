/**
 * The site owner's customers (issue 13): a page of them with search, an
 * edit that moves one to another organisation (their session sees it on the
 * next request), and portal access taken away — every session and live
 * stream of theirs ends at once and their password no longer opens the
 * portal; given back, the invitation mail goes out again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embeddedGateway, http, PortalClient, type RealGateway } from './helpers/gateway-harness.js';
import { EventStream } from './helpers/sse.js';
import { makeWorld, PASSWORD, type World } from './helpers/world.js';

interface AdminCustomer {
  id: string;
  email: string;
  name: string;
  role: string;
  portalAccess: boolean;
  organization: { id: string; name: string } | null;
}

describe('admin customers (issue 13)', () => {
  let gw: RealGateway;
  let w: World;

  before(async () => {
    gw = await embeddedGateway()();
    w = await makeWorld(gw.admin);
  });
  after(async () => {
    await gw?.close();
  });

  const adminAuth = () => ({ authorization: `Bearer ${gw.admin.token}` });
  const customers = async (query: string) => {
    const res = await gw.admin.call('GET', `/customers?${query}`);
    return res as { items: AdminCustomer[]; nextCursor: string | null };
  };

  it('pages through the customers by address, each once, and finds them by words of the name or address', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await customers(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(page.items.length <= 2);
      all.push(...page.items.map((c) => c.email));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    assert.deepEqual(all, [...all].sort(), 'in address order');
    assert.equal(new Set(all).size, all.length, 'none twice');
    for (const person of [w.alice, w.bob, w.cat]) assert.ok(all.includes(person.email), person.email);

    const bob = await customers(`q=${encodeURIComponent(`BOB ${w.tag}`)}`);
    assert.deepEqual(
      bob.items.map((c) => c.email),
      [w.bob.email],
      'every word, any case',
    );
    assert.deepEqual((await customers(`q=${encodeURIComponent(`bob nobody${w.tag}`)}`)).items, []);
    assert.deepEqual((await customers('q=%25')).items, [], 'a LIKE wildcard is a plain character');
    const inA = await customers(`organizationId=${encodeURIComponent(w.orgA.id)}`);
    assert.ok(inA.items.length > 0 && inA.items.every((c) => c.organization?.id === w.orgA.id));
    assert.equal((await http(`${gw.origin}/admin/v1/customers?limit=0`, { headers: adminAuth() })).status, 400);
  });

  it('moves a customer to another organisation; a bad value is refused with its field and nothing changes', async () => {
    const session = await new PortalClient(gw.api).signIn(w.cat.email, PASSWORD, 'bearer');
    const cat = (await gw.admin.findUser(w.cat.email))!;
    const before = (await session.get('/me')).body;

    // 400: the request's shape; 422: well-formed, but names no organisation or no name.
    for (const [body, field, status] of [
      [{ organizationId: 'no-such-org' }, 'organizationId', 422],
      [{ name: '   ' }, 'name', 422],
      [{ role: 'owner' }, 'role', 400],
      [{ email: 'someone@else.example' }, 'email', 400],
    ] as const) {
      const res = await http(`${gw.origin}/admin/v1/customers/${cat.id}`, {
        method: 'PATCH',
        headers: adminAuth(),
        json: body,
      });
      assert.equal(res.status, status, JSON.stringify(body));
      assert.ok(JSON.stringify(res.body).includes(field), `${field} is named: ${res.text}`);
    }
    assert.deepEqual((await session.get('/me')).body, before, 'nothing was changed by the refused edits');

    const moved = (await gw.admin.call('PATCH', `/customers/${cat.id}`, {
      organizationId: w.orgB.id,
      name: 'Cat Moved',
      role: 'company',
    })) as AdminCustomer;
    assert.equal(moved.organization?.id, w.orgB.id);
    const me = (await session.get('/me')).body;
    assert.equal(me.organization?.id, w.orgB.id, 'the signed-in customer is in the new organisation at once');
    assert.equal(me.name, 'Cat Moved');
    assert.equal(me.role, 'company');
    const removed = (await gw.admin.call('PATCH', `/customers/${cat.id}`, { organizationId: null })) as AdminCustomer;
    assert.equal(removed.organization, null);
    assert.equal((await session.get('/me')).body.organization, null);
    assert.equal(
      (
        await http(`${gw.origin}/admin/v1/customers/00000000-0000-4000-8000-000000000000`, {
          method: 'PATCH',
          headers: adminAuth(),
          json: { name: 'Nobody' },
        })
      ).status,
      404,
    );
  });

  it('revoking portal access ends every session and stream at once; the password stops working until access is given back', async () => {
    const bob = (await gw.admin.findUser(w.bob.email))!;
    const bearer = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD, 'bearer');
    const cookie = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD);
    const stream = await EventStream.open(gw.api, bearer.authHeaders());
    try {
      const revoked = (await gw.admin.call('DELETE', `/customers/${bob.id}/portal-access`)) as AdminCustomer;
      assert.equal(revoked.portalAccess, false);
      assert.ok(await stream.endsWithin(1000), 'the open live stream closes within a second');
      assert.equal((await bearer.get('/tickets')).status, 401);
      assert.equal((await cookie.get('/session')).status, 401);
      const again = await http(`${gw.api}/session`, { json: { email: w.bob.email, password: PASSWORD } });
      assert.equal(again.status, 401, 'the password no longer opens the portal');
      const list = await customers(`q=${encodeURIComponent(w.bob.email)}`);
      assert.equal(list.items[0]?.portalAccess, false);
    } finally {
      await stream.close();
    }

    const given = (await gw.admin.call('POST', `/customers/${bob.id}/portal-access`, {})) as AdminCustomer & {
      outboxFile: string | null;
    };
    assert.equal(given.portalAccess, true);
    assert.ok(given.outboxFile, 'the invitation mail went out');
    const back = await http(`${gw.api}/session`, { json: { email: w.bob.email, password: PASSWORD } });
    assert.equal(back.status, 200, 'a verified customer keeps their password when access comes back');
  });
});
