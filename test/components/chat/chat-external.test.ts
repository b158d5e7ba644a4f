import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/chat/chat.js';
import type { PorticoChat } from '../../../src/components/chat/chat.component.js';
import { setLocale } from '../../../src/core/i18n.js';
import {
  CONSENT_OPEN_EVENT,
  configureConsent,
  resetConsentStateForTests,
  setConsentDecision,
} from '../../../src/core/consent.js';
import type { PortalSettings } from '../../../src/protocol/index.js';
import { useMockServices } from '../../mocks/services.js';
import { BASE } from '../../reference/handlers.js';
import { applySettings } from '../../reference/state.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).href;

interface Recorder {
  __chatwoot?: { loads: number; runs: Array<{ websiteToken: string; baseUrl: string }>; toggles: string[] };
  __snapengage?: { loads: string[]; starts: number };
}
const recorded = window as unknown as Recorder;

/** The portal's chat settings, as an admin sets them on the gateway. */
function setChat(chat: Partial<PortalSettings['chat']>): void {
  applySettings({ portal: { chat } });
}

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
    // Carol of Acme Corp, whose organisation may chat.
    await useMockServices({ as: 'carol', config: { nonce: 'nonce-abc' } });
    // What this test fetches, counted on its own: the browser keeps only 250 resource timings, and the
    // mock worker's modules alone nearly fill them.
    performance.clearResourceTimings();
  });

  it('loads Chatwoot only on the first "Start chat", once, with the nonce, then opens its widget', async () => {
    const part = '/fixtures/chatwoot/packs/js/sdk.js';
    setChat({
      enabled: true,
      provider: 'chatwoot',
      providerId: 'website-token-1',
      providerBaseUrl: `${FIXTURES}chatwoot`,
      providerSetsCookies: false,
    });
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
    setChat({
      enabled: true,
      provider: 'snapengage',
      providerId: 'widget-a',
      providerBaseUrl: `${FIXTURES}snapengage`,
    });
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
    configureConsent({ backend: BASE, version: '1' });
    setChat({
      enabled: true,
      provider: 'snapengage',
      providerId: 'widget-b',
      providerBaseUrl: `${FIXTURES}snapengage`,
      providerSetsCookies: true,
    });
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
      // (Consent listeners run at once, and a start would leave the consent notice at once.)
      setConsentDecision(false);
      await el.shadowRoot!.querySelector<LitElement>('portico-chat-external')!.updateComplete;
      expect(external(el).querySelector('[role="status"]')!.textContent).to.contain('sets cookies');
      expect(providerScripts(part)).to.have.length(0);
      expect(fetched(part)).to.have.length(0);

      setConsentDecision(true);
      await waitUntil(() => recorded.__snapengage!.starts === startsBefore + 1, 'did not start after consent');
      expect(providerScripts(part)).to.have.length(1);
    } finally {
      window.removeEventListener(CONSENT_OPEN_EVENT, onOpen);
    }
  });

  it('starts at once when consent was already given', async () => {
    configureConsent({ backend: BASE, version: '1' });
    setConsentDecision(true);
    setChat({
      enabled: true,
      provider: 'snapengage',
      providerId: 'widget-a',
      providerBaseUrl: `${FIXTURES}snapengage`,
      providerSetsCookies: true,
    });
    const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
    const before = recorded.__snapengage?.starts ?? 0;
    (await startButton(el)).click();
    await waitUntil(() => recorded.__snapengage!.starts === before + 1);
    expect(external(el).textContent).not.to.contain('sets cookies');
  });

  it('says so when the provider cannot be loaded, and can try again', async () => {
    setChat({
      enabled: true,
      provider: 'snapengage',
      providerId: 'no-such-widget',
      providerBaseUrl: `${FIXTURES}snapengage`,
    });
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
    // Chat is limited to organisations Carol is not in.
    applySettings({ server: { chatOrganizationIds: ['org-globex'] } });
    setChat({
      enabled: true,
      provider: 'chatwoot',
      providerId: 'x',
      providerBaseUrl: `${FIXTURES}chatwoot`,
    });
    const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
    await waitUntil(() => el.hidden);
    expect(el.shadowRoot!.querySelector('portico-chat-external') === null, 'should be absent').to.equal(true);
  });
});
