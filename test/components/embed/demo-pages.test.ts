// The demo pages, checked against the msw gateway until the real one serves them.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { defineAll } from '../../../src/elements.js';
import { useMockServices } from '../../mocks/services.js';
import { BASE } from '../../reference/handlers.js';
import type { PorticoProvider } from '../../../src/components/provider/provider.component.js';

async function loadDemo(path: string): Promise<Document> {
  const response = await fetch(path);
  expect(response.ok, path).to.be.true;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  // The test server injects its own module script into HTML it serves; it is not part of the page.
  for (const s of doc.querySelectorAll('script')) if (/__web-dev-server|wds-|web-socket/i.test(s.outerHTML)) s.remove();
  return doc;
}

describe('demo/index.html', () => {
  it('holds no Portico code but the one script tag', async () => {
    const doc = await loadDemo('/demo/index.html');
    const scripts = Array.from(doc.querySelectorAll('script'));
    // No inline scripts (the gateway's CSP would block them); the page's own are its language picker.
    expect(scripts.every((s) => s.src && !s.textContent!.trim())).to.be.true;
    expect(scripts.filter((s) => s.getAttribute('src') !== '/language-picker.js')).to.have.length(1);
    const script = scripts.find((s) => s.getAttribute('src')!.includes('portico'))!;
    expect(script.getAttribute('src')).to.equal('/dist/portico.js');
    expect(script.dataset.backend).to.equal('/portico/v1');
    expect(script.hasAttribute('async')).to.be.true;
    expect(doc.querySelector('[class*="portico"], [id*="portico"]')).to.equal(null);
    expect(Array.from(doc.body.querySelectorAll('*')).some((el) => el.localName.startsWith('portico-'))).to.be.false;
    // A real support page: a heading, FAQ entries, a page title.
    expect(doc.title).to.contain('Acme Corp');
    expect(doc.querySelectorAll('.faq details').length).to.be.at.least(3);
    // The browser's language wins on the script-tag demo: no lang pinned.
    expect(doc.documentElement.hasAttribute('lang')).to.be.false;
  });
});

describe('demo/compose.html', () => {
  let container: HTMLElement | null = null;

  afterEach(() => {
    container?.remove();
    container = null;
  });

  /** Mounts the page's <main> against the mock gateway and runs its module script (demo/compose.js). */
  async function mountCompose(): Promise<HTMLElement> {
    const doc = await loadDemo('/demo/compose.html');
    const provider = doc.querySelector('portico-provider')!;
    expect(provider.getAttribute('backend')).to.equal('/portico/v1');
    provider.setAttribute('backend', BASE);
    container = document.createElement('div');
    container.append(document.importNode(doc.querySelector('main')!, true));
    document.body.append(container);
    const module = doc.querySelector<HTMLScriptElement>('script[type="module"]')!;
    expect(module.textContent!.trim(), 'no inline module script').to.equal('');
    // Served at / by the gateway, at /demo/ here; a blob URL per mount runs it afresh each time.
    const code = await (await fetch(`/demo${module.getAttribute('src')!}`)).text();
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    await import(/* @vite-ignore */ url);
    URL.revokeObjectURL(url);
    return container;
  }

  before(() => defineAll());

  it('signed in: list and detail side by side; choosing a ticket opens it in the detail', async () => {
    await useMockServices({ as: 'carol', setDefault: false });
    const page = await mountCompose();
    const tickets = page.querySelector<HTMLElement>('#tickets')!;
    await waitUntil(() => !tickets.hidden, 'tickets area never showed');
    expect(page.querySelector<HTMLElement>('#sign-in')!.hidden).to.be.true;

    const list = page.querySelector('portico-ticket-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part="row-button"]'), 'no rows');
    const row = list.shadowRoot!.querySelector<HTMLElement>('[part="row"]')!;
    row.querySelector<HTMLButtonElement>('[part="row-button"]')!.click();

    const detail = page.querySelector<HTMLElement>('portico-ticket-detail')!;
    expect(detail.getAttribute('ticket-id')).to.equal(row.dataset.ticketId);
    expect(detail.hidden).to.be.false;
    expect(page.querySelector<HTMLElement>('#detail-placeholder')!.hidden).to.be.true;
    const provider = page.querySelector<PorticoProvider>('portico-provider')!;
    expect(provider.services!.backend.baseUrl).to.equal(BASE);
  });

  it('signed out: only the sign-in shows', async () => {
    await useMockServices({ as: null, setDefault: false });
    const page = await mountCompose();
    const signIn = page.querySelector<HTMLElement>('#sign-in')!;
    await waitUntil(() => !signIn.hidden, 'sign-in never showed');
    expect(page.querySelector<HTMLElement>('#tickets')!.hidden).to.be.true;
  });
});
