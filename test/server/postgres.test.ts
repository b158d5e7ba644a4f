/**
 * The same suites against a PostgreSQL server (DATABASE_URL), plus what only
 * a server can do: two gateways on one database share live events through
 * LISTEN/NOTIFY. Skipped, with a message, when DATABASE_URL is not set.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeHelpdesk } from './helpers/fake-helpdesk.js';
import { embeddedGateway, PortalClient, startGateway } from './helpers/gateway-harness.js';
import { EventStream, messageWith } from './helpers/sse.js';
import { generalTicket, makeWorld, PASSWORD } from './helpers/world.js';
import { authorizationMatrix } from './suites/authorization.suite.js';
import { badInputSuite } from './suites/bad-input.suite.js';
import { portalContentSuite } from './suites/portal-content.suite.js';
import { protocolSuite } from './suites/protocol.suite.js';

const url = process.env.DATABASE_URL;

if (!url) {
  describe('PostgreSQL server (DATABASE_URL)', () => {
    it(
      'runs only with DATABASE_URL set — start one with `export DATABASE_URL=$(bash scripts/pg-up.sh)`',
      { skip: 'DATABASE_URL is not set' },
      () => {},
    );
  });
} else {
  const make = embeddedGateway({ databaseUrl: url });
  protocolSuite('embedded on PostgreSQL server', make);
  authorizationMatrix('embedded on PostgreSQL server', make);
  badInputSuite('embedded on PostgreSQL server', make);
  portalContentSuite('embedded on PostgreSQL server', make);

  describe('two gateways on one PostgreSQL server', () => {
    it('fan out events: a reply through one reaches a stream on the other', async () => {
      const a = await make();
      const b = await make();
      try {
        const w = await makeWorld(a.admin);
        const onA = await new PortalClient(a.api).signIn(w.bob.email, PASSWORD);
        const t = (await onA.post('/tickets', generalTicket('across instances'))).body;
        const onB = await new PortalClient(b.api).signIn(w.bob.email, PASSWORD, 'bearer');
        const res = await fetch(`${b.api}/events`, { headers: onB.authHeaders(), signal: AbortSignal.timeout(5000) });
        const reader = res.body!.getReader();
        await new Promise((r) => setTimeout(r, 200));
        await a.admin.reply(t.id, 'answered on gateway A');
        let text = '';
        while (!text.includes('answered on gateway A')) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        await reader.cancel().catch(() => undefined);
        assert.ok(text.includes('event: message.created'));
        assert.ok(text.includes('answered on gateway A'));
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('close a stream on one gateway within a second when the session ends on the other', async () => {
      const a = await make();
      const b = await make();
      try {
        const w = await makeWorld(a.admin);
        const onA = await new PortalClient(a.api).signIn(w.cat.email, PASSWORD, 'bearer');
        const changer = await new PortalClient(b.api).signIn(w.cat.email, PASSWORD, 'bearer');
        const stream = await EventStream.open(b.api, onA.authHeaders());
        const own = await EventStream.open(a.api, changer.authHeaders());
        try {
          assert.equal((await onA.delete('/session')).status, 204);
          assert.ok(await stream.endsWithin(1000), 'signed out on A, the stream on B ends');
          assert.equal(await own.endsWithin(200), false);
          assert.equal(
            (await changer.post('/me/password', { current: PASSWORD, next: 'changed on b 12' })).status,
            204,
          );
          assert.equal(await own.endsWithin(500), false, 'the session that changed it keeps its stream');
        } finally {
          await stream.close();
          await own.close();
        }
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('relay a change made in the helpdesk once, though both watch it', async () => {
      const helpdesk = new FakeHelpdesk();
      const a = await startGateway({ databaseUrl: url, connector: helpdesk })();
      const b = await startGateway({ databaseUrl: url, connector: helpdesk })();
      try {
        assert.equal(helpdesk.watchers, 2);
        const w = await makeWorld(a.admin);
        const bob = await new PortalClient(a.api).signIn(w.bob.email, PASSWORD, 'bearer');
        const t = (await bob.post('/tickets', generalTicket('watched twice'))).body;
        const [onA, onB] = await Promise.all([
          EventStream.open(a.api, bob.authHeaders()),
          EventStream.open(b.api, bob.authHeaders()),
        ]);
        try {
          await helpdesk.agentReply(t.id, 'relayed once');
          await onA.waitFor(messageWith('relayed once'), 'the message on A');
          await onB.waitFor(messageWith('relayed once'), 'the message on B');
          await helpdesk.agentReply(t.id, 'marker');
          await onA.waitFor(messageWith('marker'), 'the marker on A');
          await onB.waitFor(messageWith('marker'), 'the marker on B');
          assert.equal(onA.events.filter(messageWith('relayed once')).length, 1);
          assert.equal(onB.events.filter(messageWith('relayed once')).length, 1);
        } finally {
          await onA.close();
          await onB.close();
        }
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
