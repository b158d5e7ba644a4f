/**
 * One suite, two backends: the protocol suite, the authorization matrix and
 * the bad-input suite against the gateway on Request Tracker (npm run rt:up).
 * Skipped with a message when RT is not reachable — unless CI is set, then it
 * fails. Cases for what RT cannot back skip on GET /portal's capabilities.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { http, startGateway, type GatewayUnderTest } from '../helpers/gateway-harness.js';
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

  protocolSuite(LABEL, make);
  authorizationMatrix(LABEL, make);
  badInputSuite(LABEL, make);
}
