/**
 * Organisation ids are stable keys an upstream helpdesk stores on tickets
 * (RT's `Organization` custom field): readable, derived from the name once or
 * chosen by the admin, never reused, and the demo's match rt-up's demo tickets.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../server/cli.js';
import { organizationIdFor } from '../../server/store/organizations.js';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed/demo-seed.js';
import { buildGateway } from '../../server/app.js';
import { embeddedGateway, http, PortalClient, TEST_ADMIN_TOKEN, type RealGateway } from './helpers/gateway-harness.js';
import { FakeHelpdesk } from './helpers/fake-helpdesk.js';
import { generalTicket } from './helpers/world.js';

describe('organisation ids', () => {
  let gw: RealGateway;
  before(async () => {
    gw = await embeddedGateway()();
  });
  after(async () => gw?.close());

  it('derives a readable id from the name and takes the next free one on a clash', async () => {
    const tag = Date.now().toString(36);
    const a = await gw.admin.createOrg({ name: `Ünited Wïdgets ${tag}` });
    assert.equal(a.id, `org-united-widgets-${tag}`);
    const b = await gw.admin.createOrg({ name: `United  Widgets ${tag}!` });
    assert.equal(b.id, `org-united-widgets-${tag}-2`, 'a second organisation with the same slug gets a suffix');
    assert.match(organizationIdFor('株式会社'), /^org-[0-9a-f]{8}$/, 'no Latin letters or digits: a random key');
  });

  it('keeps a chosen id: 409 when taken, 400 when not a key; the CLI passes it on', async () => {
    const chosen = await gw.admin.call('POST', '/organizations', { id: 'cust-4711', name: 'Initech' });
    assert.equal(chosen.id, 'cust-4711');
    const taken = await http(`${gw.origin}/admin/v1/organizations`, {
      json: { id: 'cust-4711', name: 'Other' },
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    assert.equal(taken.status, 409);
    for (const id of ['', 'has space', '../x', 'x'.repeat(65), "o'neil"]) {
      const res = await http(`${gw.origin}/admin/v1/organizations`, {
        json: { id, name: 'Bad' },
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      assert.equal(res.status, 400, JSON.stringify(id));
    }
    const call = (method: string, p: string, body?: unknown) => gw.admin.call(method, p, body);
    const viaCli = (await runCommand(call, 'create-org', { name: 'Hooli', id: 'hooli' })) as { id: string };
    assert.equal(viaCli.id, 'hooli');
    const renamed = await gw.admin.call('PATCH', '/organizations/hooli', { name: 'Hooli XYZ' });
    assert.equal(renamed.id, 'hooli', 'a rename keeps the id the helpdesk stores');
  });

  it('gives the demo’s organisations the ids of rt-up’s demo tickets, and portal tickets carry them', async () => {
    const helpdesk = new FakeHelpdesk();
    const dataDir = gw.dataDir + '-demo';
    const app = await buildGateway({ dataDir, inMemory: true, connector: helpdesk, serveStatic: false });
    try {
      await seedDemo(app, { tickets: false });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const api = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/portico/v1`;
      const carol = await new PortalClient(api).signIn('carol@acme.example', DEMO_PASSWORD);
      assert.equal((await carol.get('/me')).body.organization.id, 'org-acme');
      const erin = await new PortalClient(api).signIn('erin@globex.example', DEMO_PASSWORD);
      assert.equal((await erin.get('/me')).body.organization.id, 'org-globex');
      const made = await carol.post('/tickets', generalTicket('from the demo'));
      assert.equal(made.status, 201, made.text);
      assert.deepEqual(helpdesk.tickets.get(made.body.id)?.organization, { id: 'org-acme', name: 'Acme Corp' });
      assert.equal(helpdesk.tickets.get(made.body.id)?.assignee?.name, 'Team Blue', 'Acme’s routing rule');
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
