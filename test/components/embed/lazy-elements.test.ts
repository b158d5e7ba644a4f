/**
 * The script-tag app defines what the first click shows and fetches the rest
 * when it is needed: a ticket when one is opened, the support form when the
 * page (or a later route of a single-page app) holds one. This file never
 * calls defineAll(), so what is defined is what the app itself defined.
 */
import { expect } from '@open-wc/testing';
import { bootFacade } from '../../../src/facade/boot-facade.js';
import type { PorticoChatLauncher } from '../../../src/components/chat-launcher/chat-launcher.component.js';
import { FIRST_ELEMENTS } from '../../../src/portico-api.js';
import { startMockWorker } from '../../mocks/browser.js';
import { BASE, mockSignIn, resetMockState } from '../../reference/handlers.js';
import { waitUntil } from '../../helpers/wait-until.js';

const ON_DEMAND = ['portico-ticket-detail', 'portico-support-form', 'portico-chat', 'portico-portal'];

describe('embed: elements fetched when needed', () => {
  let launcher: PorticoChatLauncher;

  before(async () => {
    await startMockWorker();
    resetMockState();
    mockSignIn('carol');
    const script = document.createElement('script');
    script.dataset.backend = BASE;
    bootFacade(script, { importModule: () => import('../../../src/portico-app.js') });
    await window.Portico!.open();
    launcher = document.querySelector('portico-chat-launcher')!;
  });

  after(async () => {
    await window.Portico?.close();
    launcher?.remove();
  });

  it('the open launcher shows the list, with only the first elements defined', async () => {
    const list = () => launcher.shadowRoot!.querySelector('portico-ticket-list');
    await waitUntil(() => list()?.shadowRoot?.querySelector('[part="row-button"]'), 'the list never showed a row');
    for (const [name] of FIRST_ELEMENTS) expect(customElements.get(name), name).to.exist;
    for (const name of ON_DEMAND) expect(customElements.get(name), name).to.equal(undefined);
  });

  it('opening a ticket fetches the ticket view and shows it', async () => {
    const list = launcher.shadowRoot!.querySelector('portico-ticket-list')!;
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part="row-button"]')!.click();
    await waitUntil(
      () => launcher.shadowRoot!.querySelector('portico-ticket-detail')?.shadowRoot?.querySelector('[part="back"]'),
      'the ticket never showed',
    );
    expect(customElements.get('portico-ticket-detail')).to.exist;
    // Chat and the portal are still not fetched: nobody asked for them.
    expect(customElements.get('portico-portal')).to.equal(undefined);
  });

  it('a support form the page adds later is fetched and drawn', async () => {
    expect(customElements.get('portico-support-form')).to.equal(undefined);
    const holder = document.createElement('div');
    holder.innerHTML = '<section><portico-support-form form-id="general"></portico-support-form></section>';
    document.body.append(holder);
    try {
      const form = holder.querySelector('portico-support-form')!;
      await waitUntil(() => form.shadowRoot?.querySelector('form'), 'the page’s support form was never drawn');
      expect(customElements.get('portico-support-form')).to.exist;
    } finally {
      holder.remove();
    }
  });
});
