import { expect, fixture, html } from '@open-wc/testing';
import { findOwnScript, mountLauncher, pageHasPorticoElements, type PorticoApi } from '../../../src/portico-api.js';
import { defineAll, PORTICO_ELEMENTS } from '../../../src/elements.js';
import { bootFacade } from '../../../src/facade/boot-facade.js';
import { FACADE_TAG } from '../../../src/facade/facade-launcher.js';
import { DEFAULT_CONFIG } from '../../../src/core/config.js';
import { getDefaultServices } from '../../../src/core/services.js';
import { startMockWorker } from '../../mocks/browser.js';
import { BASE, mockSignIn, resetMockState } from '../../reference/handlers.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { PorticoChatLauncher } from '../../../src/components/chat-launcher/chat-launcher.component.js';

/** A page's own element that happens to use a Portico name. */
class ForeignBanner extends HTMLElement {}
customElements.define('portico-consent-banner', ForeignBanner);

interface Captured {
  errors: string[];
  warnings: string[];
}

async function captureConsole(run: () => void | Promise<void>): Promise<Captured> {
  const out: Captured = { errors: [], warnings: [] };
  const { error, warn } = console;
  console.error = (...args: unknown[]) => out.errors.push(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => out.warnings.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    Object.assign(console, { error, warn });
  }
  return out;
}

function scriptWith(data: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [key, value] of Object.entries(data)) script.setAttribute(`data-${key}`, value);
  return script;
}

function mountedLaunchers(): PorticoChatLauncher[] {
  return Array.from(document.body.querySelectorAll('portico-chat-launcher'));
}

const facades = () => Array.from(document.querySelectorAll<HTMLElement>(FACADE_TAG));

let controller = new AbortController();

/** What the script tag runs (dist/portico.js), with the app imported from source when it asks for it. */
function bootEmbed(script: HTMLScriptElement): PorticoApi {
  return bootFacade(script, { importModule: () => import('../../../src/portico-app.js'), signal: controller.signal });
}

afterEach(() => {
  controller.abort();
  controller = new AbortController();
  delete window.Portico;
  for (const el of mountedLaunchers()) el.remove();
});

describe('embed: defineAll()', () => {
  it('defines every element, survives a second call and warns once for a foreign element under a Portico name', async () => {
    const { warnings } = await captureConsole(() => {
      defineAll();
      defineAll();
    });
    for (const [name, ctor] of PORTICO_ELEMENTS) {
      if (name === 'portico-consent-banner') continue;
      expect(customElements.get(name), name).to.equal(ctor);
    }
    // The page's own element keeps its definition.
    expect(customElements.get('portico-consent-banner')).to.equal(ForeignBanner);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<portico-consent-banner>');
  });
});

describe('embed: mountLauncher()', () => {
  it('appends one launcher to <body> with the configured corner and theme', async () => {
    defineAll();
    const launcher = mountLauncher({ ...DEFAULT_CONFIG, position: 'bottom-left', theme: 'dark' });
    expect(launcher).to.be.instanceOf(PorticoChatLauncher);
    expect(launcher!.parentElement).to.equal(document.body);
    expect(launcher!.getAttribute('position')).to.equal('bottom-left');
    expect(launcher!.getAttribute('theme')).to.equal('dark');
    await launcher!.updateComplete;
    const button = launcher!.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
    const rect = button.getBoundingClientRect();
    expect(rect.width).to.be.at.least(24);
    expect(rect.height).to.be.at.least(24);
    // bottom-left in a left-to-right page: the button sits in the left half.
    expect(rect.left).to.be.below(window.innerWidth / 2);
  });

  it('skips pages that hold Portico elements of their own', async () => {
    defineAll();
    for (const tag of ['portico-provider', 'portico-ticket-list', 'portico-portal']) {
      const holder = await fixture(html`<div></div>`);
      holder.append(document.createElement(tag));
      expect(pageHasPorticoElements(), tag).to.be.true;
      expect(mountLauncher(DEFAULT_CONFIG), tag).to.equal(null);
      expect(mountedLaunchers(), tag).to.have.length(0);
      holder.remove();
    }
    expect(pageHasPorticoElements()).to.be.false;
  });

  it('skips when the configuration says launcher: false', () => {
    expect(mountLauncher({ ...DEFAULT_CONFIG, launcher: false })).to.equal(null);
    expect(mountedLaunchers()).to.have.length(0);
  });
});

describe('embed: the script tag (facade)', () => {
  it('reports each bad data-* value once and still draws the launcher', async () => {
    const script = scriptWith({
      backend: 'https://support.example/portico/v1',
      'auth-mode': 'magic',
      position: 'top-middle',
      'timeout-ms': 'soon',
      'form-id': 'general',
    });
    const { errors } = await captureConsole(() => {
      bootEmbed(script);
    });
    expect(errors).to.have.length(3);
    expect(errors.some((e) => e.includes('"authMode"') && e.includes('magic'))).to.be.true;
    expect(errors.some((e) => e.includes('"position"') && e.includes('top-middle'))).to.be.true;
    expect(errors.some((e) => e.includes('"timeoutMs"') && e.includes('soon'))).to.be.true;
    const [facade] = facades();
    expect(facade).to.exist;
    expect(facade.getAttribute('position')).to.equal('bottom-right');
    expect(window.Portico!.config.formId).to.equal('general');
    expect(window.Portico!.config.authMode).to.equal('cookie');
  });

  it('data-launcher="false" mounts nothing but still exposes window.Portico', async () => {
    await captureConsole(() => {
      bootEmbed(scriptWith({ backend: 'https://support.example/portico/v1', launcher: 'false' }));
    });
    expect(mountedLaunchers()).to.have.length(0);
    expect(facades()).to.have.length(0);
    expect(window.Portico).to.exist;
  });

  it('a missing data-backend is one console error; the launcher is still drawn, and opens', async () => {
    const { errors } = await captureConsole(async () => {
      bootEmbed(scriptWith({}));
      await window.Portico!.open();
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('data-backend');
    expect(mountedLaunchers()).to.have.length(1);
    expect(mountedLaunchers()[0].open).to.be.true;
  });

  it('a second load keeps the first window.Portico and mounts nothing more', async () => {
    let first!: ReturnType<typeof bootEmbed>;
    let second!: ReturnType<typeof bootEmbed>;
    const { errors } = await captureConsole(() => {
      first = bootEmbed(scriptWith({ backend: 'https://support.example/portico/v1' }));
      second = bootEmbed(scriptWith({ backend: 'https://elsewhere.example/portico/v1', position: 'bottom-left' }));
    });
    expect(errors).to.deep.equal([]);
    expect(second).to.equal(first);
    expect(window.Portico).to.equal(first);
    expect(facades()).to.have.length(1);
    expect(window.Portico!.config.backend).to.equal('https://support.example/portico/v1');
  });

  it('findOwnScript() falls back to a portico script tag with data-backend', () => {
    const script = document.createElement('script');
    script.type = 'text/plain'; // never executed
    script.src = '/dist/portico.js';
    script.dataset.backend = '/portico/v1';
    document.head.append(script);
    try {
      expect(findOwnScript()).to.equal(script);
    } finally {
      script.remove();
    }
  });
});

describe('embed: window.Portico', () => {
  it('open(), close() and on() drive the launcher; on() returns an unsubscribe', async () => {
    await captureConsole(async () => {
      bootEmbed(scriptWith({ backend: 'http://127.0.0.1:9/portico/v1' }));
      // Loads the app: the facade button becomes the real launcher.
      await window.Portico!.close();
      await window.Portico!.open();
      await window.Portico!.close();
    });
    const api = window.Portico!;
    const [launcher] = mountedLaunchers();
    expect(facades()).to.have.length(0);
    const seen: string[] = [];
    const offOpen = api.on('open', () => seen.push('open'));
    const offClose = api.on('portico-close', () => seen.push('close'));

    await captureConsole(() => api.open());
    expect(launcher.open).to.be.true;
    await api.close();
    expect(launcher.open).to.be.false;
    expect(seen).to.deep.equal(['open', 'close']);

    offOpen();
    offClose();
    await captureConsole(() => api.open());
    await api.close();
    expect(seen).to.deep.equal(['open', 'close']);
  });

  it('open(view) selects that view; open() mounts a launcher where the page opted out', async () => {
    await captureConsole(() => {
      bootEmbed(scriptWith({ backend: 'http://127.0.0.1:9/portico/v1', launcher: 'false' }));
    });
    expect(mountedLaunchers()).to.have.length(0);
    await captureConsole(() => window.Portico!.open('tickets'));
    const [launcher] = mountedLaunchers();
    expect(launcher.open).to.be.true;
    expect(launcher.currentView).to.equal('tickets');
    await window.Portico!.close();
  });

  it('open("new", {formId}) — queued before the app loads — opens that form in the New ticket view', async () => {
    await startMockWorker();
    resetMockState();
    mockSignIn('carol');
    let opened: Promise<void> | undefined;
    await captureConsole(async () => {
      bootEmbed(scriptWith({ backend: BASE }));
      opened = window.Portico!.open('new', { formId: 'access-request' });
      await opened;
    });
    const [launcher] = mountedLaunchers();
    expect(launcher.open).to.be.true;
    expect(launcher.currentView).to.equal('new');
    const form = () => launcher.shadowRoot!.querySelector('portico-support-form');
    await waitUntil(() => form()?.shadowRoot?.querySelector('h2')?.textContent?.trim() === 'Access request', 'no form');
    expect(form()!.pickedFormId).to.equal('access-request');
    await window.Portico!.close();
  });

  it('configure() validates keys and swaps the default services when the backend changes', async () => {
    await captureConsole(async () => {
      bootEmbed(scriptWith({ backend: 'https://support.example/portico/v1' }));
      await window.Portico!.open();
      await window.Portico!.close();
    });
    const before = getDefaultServices()!;
    expect(before.backend.baseUrl).to.equal('https://support.example/portico/v1');
    const { errors } = await captureConsole(() => {
      window.Portico!.configure({ backend: 'https://new.example/portico/v1', position: 'bottom-left', colour: 'red' });
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"colour"');
    expect(window.Portico!.config.backend).to.equal('https://new.example/portico/v1');
    expect(getDefaultServices()!.backend.baseUrl).to.equal('https://new.example/portico/v1');
    expect(getDefaultServices()!.session).not.to.equal(before.session);

    // A key the client is not built with keeps the client and its session.
    const client = getDefaultServices()!.backend;
    window.Portico!.configure({ formId: 'general' });
    expect(getDefaultServices()!.backend).to.equal(client);
    expect(getDefaultServices()!.config.formId).to.equal('general');
    const [launcher] = mountedLaunchers();
    expect(launcher.getAttribute('position')).to.equal('bottom-left');

    window.Portico!.configure({ launcher: false });
    expect(mountedLaunchers()).to.have.length(0);
  });
});
