import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/chat/chat.js';
import type { PorticoChat } from '../../../src/components/chat/chat.component.js';
import { setDefaultServices } from '../../../src/core/services.js';
import { setLocale } from '../../../src/core/i18n.js';
import {
  CONSENT_OPEN_EVENT,
  configureConsent,
  resetConsentStateForTests,
  setConsentDecision,
} from '../../../src/core/consent.js';
import { FakeBackend, fakeServices } from '../portal/fake-backend.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).href;

interface Recorder {
  __chatwoot?: { loads: number; runs: Array<{ websiteToken: string; baseUrl: string }>; toggles: string[] };
  __snapengage?: { loads: string[]; starts: number };
}
const recorded = window as unknown as Recorder;

let backend: FakeBackend;

function providerScripts(part: string): HTMLScriptElement[] {
  return [...document.querySelectorAll<HTMLScriptElement>('script[data-portico-chat-provider]')].filter((s) =>
    s.src.includes(part),
  );
}

function fetched(part: string): PerformanceEntry[] {
  return performance.getEntriesByType('resource').filter((e) => e.name.includes(part));
}

function external(el: PorticoChat): ShadowRoot {
  return el.shadowRoot!.querySelector('portico-chat-external')!.shadowRoot!;
}

async function startButton(el: PorticoChat): Promise<HTMLButtonElement> {
  await waitUntil(() => el.shadowRoot!.querySelector('portico-chat-external')?.shadowRoot?.querySelector('button'));
  return external(el).querySelector<HTMLButtonElement>('[part="start-button"]')!;
}

describe('<portico-chat> with an external provider', () => {
  beforeEach(async () => {
    await setLocale('en');
    localStorage.clear();
    resetConsentStateForTests();
    backend = new FakeBackend();
    setDefaultServices(fakeServices(backend, { nonce: 'nonce-abc' }));
  });

  it('loads Chatwoot only on the first "Start chat", once, with the nonce, then opens its widget', async () => {
    const part = '/fixtures/chatwoot/packs/js/sdk.js';
    backend.portal.chat = {
      enabled: true,
      provider: 'chatwoot',
      providerId: 'website-token-1',
      providerBaseUrl: `${FIXTURES}chatwoot`,
      providerSetsCookies: false,
    };
    const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
    const button = await startButton(el);
    expect(external(el).textContent).to.contain('Chatwoot');
    await expect(el).to.be.accessible();

    // Nothing of the provider before the click: no element, no request.
    expect(providerScripts(part)).to.have.length(0);
    expect(fetched(part)).to.have.length(0);
    expect(recorded.__chatwoot).to.equal(undefined);

    button.click();
    await waitUntil(() => recorded.__chatwoot?.toggles.length === 1, 'the widget was not opened');
    const scripts = providerScripts(part);
    expect(scripts).to.have.length(1);
    expect(scripts[0].nonce).to.equal('nonce-abc');
    expect(recorded.__chatwoot!.runs).to.deep.equal([
      { websiteToken: 'website-token-1', baseUrl: `${FIXTURES}chatwoot` },
    ]);
    expect(recorded.__chatwoot!.toggles).to.deep.equal(['open']);
    await waitUntil(() => external(el).querySelector('[role="status"]'));
    await expect(el).to.be.accessible();

    // A second press opens the widget again without loading or starting anything twice.
    button.click();
    await waitUntil(() => recorded.__chatwoot!.toggles.length === 2);
    expect(providerScripts(part)).to.have.length(1);
    expect(fetched(part)).to.have.length(1);
    expect(recorded.__chatwoot!.loads).to.equal(1);
    expect(recorded.__chatwoot!.runs).to.have.length(1);
  });

  it('loads SnapEngage on the first click and calls startLink()', async () => {
    const part = '/fixtures/snapengage/widget-a.js';
    backend.portal.chat = {
      enabled: true,
      provider: 'snapengage',
      providerId: 'widget-a',
      providerBaseUrl: `${FIXTURES}snapengage`,
    };
    const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
    const button = await startButton(el);
    expect(fetched(part)).to.have.length(0);
    button.click();
    await waitUntil(() => (recorded.__snapengage?.starts ?? 0) === 1);
    expect(providerScripts(part)).to.have.length(1);
    expect(providerScripts(part)[0].nonce).to.equal('nonce-abc');
    expect(recorded.__snapengage!.loads.filter((src) => src.includes(part))).to.have.length(1);
  });

  it('waits for consent when the provider sets cookies, offers the cookie settings, then starts by itself', async () => {
    const part = '/fixtures/snapengage/widget-b.js';
    configureConsent({ backend: backend.baseUrl, version: '1' });
    backend.portal.chat = {
      enabled: true,
      provider: 'snapengage',
      providerId: 'widget-b',
      providerBaseUrl: `${FIXTURES}snapengage`,
      providerSetsCookies: true,
    };
    let bannerRequests = 0;
    const onOpen = (e: Event) => {
      bannerRequests++;
      e.preventDefault(); // as a mounted banner would: no second banner gets added
    };
    window.addEventListener(CONSENT_OPEN_EVENT, onOpen);
    try {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      const button = await startButton(el);
      const startsBefore = recorded.__snapengage?.starts ?? 0;
      button.click();
      await waitUntil(() => external(el).querySelector('[role="status"]'));
      expect(external(el).querySelector('[role="status"]')!.textContent).to.contain('sets cookies');
      expect(providerScripts(part)).to.have.length(0);
      expect(fetched(part)).to.have.length(0);
      await expect(el).to.be.accessible();

      const settings = [...external(el).querySelectorAll('button')].find((b) =>
        b.textContent!.includes('Cookie settings'),
      )!;
      settings.click();
      expect(bannerRequests).to.equal(1);

      // Declining keeps the provider out.
      setConsentDecision(false);
      await new Promise((r) => setTimeout(r, 50));
      expect(providerScripts(part)).to.have.length(0);

      setConsentDecision(true);
      await waitUntil(() => recorded.__snapengage!.starts === startsBefore + 1, 'did not start after consent');
      expect(providerScripts(part)).to.have.length(1);
    } finally {
      window.removeEventListener(CONSENT_OPEN_EVENT, onOpen);
    }
  });

  it('starts at once when consent was already given', async () => {
    configureConsent({ backend: backend.baseUrl, version: '1' });
    setConsentDecision(true);
    backend.portal.chat = {
      enabled: true,
      provider: 'snapengage',
      providerId: 'widget-a',
      providerBaseUrl: `${FIXTURES}snapengage`,
      providerSetsCookies: true,
    };
    const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
    const before = recorded.__snapengage?.starts ?? 0;
    (await startButton(el)).click();
    await waitUntil(() => recorded.__snapengage!.starts === before + 1);
    expect(external(el).textContent).not.to.contain('sets cookies');
  });

  it('says so when the provider cannot be loaded, and can try again', async () => {
    backend.portal.chat = {
      enabled: true,
      provider: 'snapengage',
      providerId: 'no-such-widget',
      providerBaseUrl: `${FIXTURES}snapengage`,
    };
    const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
    const button = await startButton(el);
    button.click();
    await waitUntil(() => external(el).querySelector('[role="alert"]'), 'no error shown');
    expect(external(el).querySelector('[role="alert"]')!.textContent).to.contain('could not be started');
    // The failed script is gone, so a second press really tries again.
    expect(providerScripts('no-such-widget')).to.have.length(0);
    await expect(el).to.be.accessible();
    button.click();
    await waitUntil(() => fetched('no-such-widget').length === 2, 'no second attempt');
  });

  it('hides itself for people the server does not offer chat to, even with a provider', async () => {
    backend.availability = { available: false, reason: 'not-eligible' };
    backend.portal.chat = {
      enabled: true,
      provider: 'chatwoot',
      providerId: 'x',
      providerBaseUrl: `${FIXTURES}chatwoot`,
    };
    const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
    await waitUntil(() => el.hidden);
    expect(el.shadowRoot!.querySelector('portico-chat-external') === null, 'should be absent').to.equal(true);
  });
});
