import { expect } from '@open-wc/testing';
import * as api from '../../../src/index.js';

/**
 * The package root is what developers build with: elements, defineAll, the
 * services factory, the config validators, the protocol, typed errors. What
 * the elements use inside (stores, parsers, controllers) stays out, so it can
 * change without breaking anyone.
 */
describe('the package’s public API', () => {
  it('exports the elements, defineAll, the services factory, config validators and protocol rules', () => {
    for (const name of [
      'PorticoTicketList',
      'PorticoTicketDetail',
      'PorticoSupportForm',
      'PorticoChatLauncher',
      'PorticoChat',
      'PorticoPortal',
      'PorticoConsentBanner',
      'PorticoSignIn',
      'PorticoProvider',
      'defineAll',
      'createPorticoServices',
      'servicesContext',
      'validateConfig',
      'PorticoError',
      'problemText',
    ]) {
      expect(api, name).to.have.property(name);
    }
    for (const rule of ['validateTicketRequest', 'checkUpload', 'isEmailAddress', 'statusesFor']) {
      expect(api.protocol, rule).to.have.property(rule);
    }
  });

  it('keeps internals out', () => {
    for (const name of [
      'SseParser',
      'openEventStream',
      'openLocalStore',
      'PlacementController',
      'ListCache',
      'Outbox',
      'getOutbox',
      'DraftStore',
      'sanitizeHtml',
      'SessionWatchController',
      'ServerEventsController',
      'PorticoElement',
      'startIframeBridge',
      'loadProviderScript',
      'renderStatusBadge',
      'storeNamespace',
    ]) {
      expect(api, name).not.to.have.property(name);
    }
    expect(Object.keys(api).length, Object.keys(api).join(', ')).to.be.below(60);
  });

  it('defines no element and configures nothing on import', () => {
    expect(customElements.get('portico-ticket-list')).to.equal(undefined);
    expect(customElements.get('portico-provider')).to.equal(undefined);
    api.defineAll();
    expect(customElements.get('portico-ticket-list')).to.equal(api.PorticoTicketList);
  });
});
