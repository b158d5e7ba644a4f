/**
 * One suite, two backends: the protocol suite, the authorization matrix and
 * the bad-input suite against the gateway on Request Tracker (npm run rt:up).
 * Skipped with a message when RT is not reachable — unless CI is set, then it
 * fails. Cases for what RT cannot back skip on GET /portal's capabilities.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { RtClient } from '../../../server/connectors/rt/rt-client.js';
import { rtSettingsFromEnv } from '../../../server/connectors/rt/index.js';
import { http, PortalClient, startGateway, type GatewayUnderTest } from '../helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../helpers/world.js';
import { authorizationMatrix } from '../suites/authorization.suite.js';
import { badInputSuite } from '../suites/bad-input.suite.js';
import { protocolSuite } from '../suites/protocol.suite.js';
import { rtUnavailableReason } from './rt-harness.js';

const LABEL = 'Request Tracker';
const unavailable = await rtUnavailableReason();

if (unavailable) {
  if (process.env.CI) test('Request Tracker is reachable (CI requires it)', () => assert.fail(unavailable));
  else
    describe(`protocol suites — ${LABEL}`, () => it('run against RT', { skip: `skipped: ${unavailable}` }, () => {}));
} else {
  const make = startGateway({ connector: 'rt', env: process.env });

  describe(`what the portal offers on ${LABEL}`, () => {
    let gw: GatewayUnderTest;
    before(async () => {
      gw = await make();
    });
    after(async () => gw?.close());

    it('reports chat off (agents work in RT, which has none) and the gateway’s own knowledge articles on', async () => {
      const { capabilities } = (await http(`${gw.api}/portal`)).body;
      assert.deepEqual(capabilities, {
        chat: false,
        articles: true,
        attachments: true,
        organizations: true,
        close: true,
        reopen: true,
        registration: true,
      });
      assert.deepEqual((await http(`${gw.api}/chat/availability`)).body, { available: false, reason: 'disabled' });
      await gw.admin.saveArticle('rt-kb', {
        title: 'Reset your VPN token',
        excerpt: 'Three steps.',
        url: 'https://kb.example/vpn',
      });
      assert.equal((await http(`${gw.api}/articles?q=vpn%20token`)).body.items[0]?.title, 'Reset your VPN token');
    });
  });

  describe(`requestors and organisations as ${LABEL} has them`, () => {
    let gw: GatewayUnderTest;
    let w: World;
    let rt: RtClient;
    const queue = rtSettingsFromEnv(process.env).queue;
    const as = (email: string) => new PortalClient(gw.api).signIn(email, PASSWORD);
    const ids = (page: { body: { items: Array<{ id: string }> } }) => page.body.items.map((t) => t.id);
    before(async () => {
      gw = await make();
      w = await makeWorld(gw.admin);
      rt = new RtClient({
        url: rtSettingsFromEnv(process.env).url,
        auth: { user: process.env.RT_ADMIN_USER ?? 'root', password: process.env.RT_ADMIN_PASSWORD ?? 'password' },
        session: true,
      });
    });
    after(async () => gw?.close());

    it('a second requestor sees the ticket as their own, in the list, the detail and the summary', async () => {
      const bob = await as(w.bob.email);
      const t = (await bob.post('/tickets', generalTicket('Shared with Cat'))).body;
      // An agent adds Cat as a requestor in RT.
      await rt.send('PUT', `/ticket/${t.id}`, { Requestor: [w.bob.email, w.cat.email] });
      const cat = await as(w.cat.email);
      const detail = await cat.get(`/tickets/${t.id}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.permissions.canReply, true);
      assert.equal(detail.body.requesterEmails, undefined, 'the other requestors stay inside');
      const list = await cat.get('/tickets?scope=mine&status=all&limit=100');
      assert.deepEqual(ids(list), [t.id]);
      assert.equal((await cat.get('/tickets/summary?scope=mine')).body.total, list.body.items.length);
      assert.equal((await cat.get(`/tickets/${t.id}/messages`)).status, 200);
      // Bob still sees it too.
      assert.equal((await bob.get(`/tickets/${t.id}`)).status, 200);
    });

    it('a merged-away ticket answers with the surviving one ("this ticket is now #…")', async () => {
      const bob = await as(w.bob.email);
      const a = (await bob.post('/tickets', generalTicket('Merged away'))).body;
      const b = (await bob.post('/tickets', generalTicket('Survivor'))).body;
      await rt.send('PUT', `/ticket/${a.id}`, { MergeInto: Number(b.id) });
      const res = await bob.get(`/tickets/${a.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.id, b.id);
      assert.deepEqual(res.body.mergedIds, [a.id]);
      const msgs = await bob.get(`/tickets/${a.id}/messages`);
      assert.deepEqual(
        msgs.body.items.map((m: { body: { content: string } }) => m.body.content),
        ['About: Merged away', 'About: Survivor'],
      );
      // Someone else still gets nothing.
      assert.equal((await (await as(w.cat.email)).get(`/tickets/${a.id}`)).status, 404);
    });

    it('a ticket mailed in without the Organization field belongs to the requester’s organisation by domain', async () => {
      const { body } = await rt.send<{ id: string }>('POST', '/ticket', {
        Queue: queue,
        Subject: 'Mailed in without organisation',
        Requestor: `someone@${w.orgA.domain}`,
        Content: 'By e-mail',
        ContentType: 'text/plain',
      });
      const mailed = String(body.id);
      // A look-alike domain is not the organisation's.
      const { body: decoy } = await rt.send<{ id: string }>('POST', '/ticket', {
        Queue: queue,
        Subject: 'Look-alike domain',
        Requestor: `someone@x${w.orgA.domain}`,
        Content: 'By e-mail',
        ContentType: 'text/plain',
      });
      const alice = await as(w.alice.email);
      const detail = await alice.get(`/tickets/${mailed}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.organization.id, w.orgA.id);
      assert.equal((await alice.get(`/tickets/${decoy.id}`)).status, 404);
      const list = await alice.get('/tickets?scope=organization&status=all&limit=100');
      assert.ok(ids(list).includes(mailed));
      assert.ok(!ids(list).includes(String(decoy.id)));
      const summary = (await alice.get('/tickets/summary?scope=organization')).body;
      assert.equal(summary.total, list.body.items.length, 'summary and list agree');
      for (const filter of ['open', 'closed'] as const) {
        const part = await alice.get(`/tickets?scope=organization&status=${filter}&limit=100`);
        const counted =
          filter === 'open' ? summary.new + summary.open + summary.pending : summary.solved + summary.closed;
        assert.equal(part.body.items.length, counted, filter);
      }
      // Org B's company user does not see it.
      assert.equal((await (await as(w.dan.email)).get(`/tickets/${mailed}`)).status, 404);
    });
  });

  protocolSuite(LABEL, make);
  authorizationMatrix(LABEL, make);
  badInputSuite(LABEL, make);
}
