// The facade (dist/portico.js): a button and a queueing window.Portico, the app
// (src/portico-app.ts, dist/portico-app.js when built) loaded on first interaction.
// The import of the app goes through FacadeOptions.importModule, so each test
// sees every request the facade makes for it and hands it the real app module.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { bootFacade, type FacadeOptions } from '../../../src/facade/boot-facade.js';
import { FACADE_TAG, drawFacadeLauncher } from '../../../src/facade/facade-launcher.js';
import { appUrl, createAppLoader } from '../../../src/facade/app-loader.js';
import { mountLauncher } from '../../../src/portico-api.js';
import { defineAll } from '../../../src/elements.js';
import { DEFAULT_CONFIG, type PorticoConfig } from '../../../src/core/config.js';
import { clearPrefill, getPrefill } from '../../../src/core/prefill.js';
import { getLocale, setLocale } from '../../../src/core/i18n.js';
import { deepActiveElement, isWithin } from '../../../src/components/shared/dom.js';
import type { PorticoChatLauncher } from '../../../src/components/chat-launcher/chat-launcher.component.js';
import type { PorticoAppModule } from '../../../src/facade/handoff.js';
import { startMockWorker } from '../../mocks/browser.js';
import { BASE, mockSignIn, resetMockState } from '../../reference/handlers.js';

const SCRIPT_SRC = '/dist/portico.js';

interface Harness {
  /** Every URL the facade asked to import. */
  requests: string[];
  options: FacadeOptions;
  /** Settles when the app module was handed out (the takeover itself runs after). */
  imported: Promise<void>;
}

let controller: AbortController;

/** Options whose importer records the request and hands out the real app (or a failure). */
function harness(extra: Partial<FacadeOptions> = {}, fail = 0): Harness {
  const requests: string[] = [];
  let markImported!: () => void;
  const imported = new Promise<void>((resolve) => (markImported = resolve));
  const importModule = async (url: string): Promise<PorticoAppModule> => {
    requests.push(url);
    if (requests.length <= fail) throw new TypeError('Failed to fetch dynamically imported module');
    const app = await import('../../../src/portico-app.js');
    markImported();
    return app;
  };
  return { requests, imported, options: { importModule, signal: controller.signal, ...extra } };
}

function script(data: Record<string, string> = { backend: BASE }): HTMLScriptElement {
  const el = document.createElement('script');
  el.src = SCRIPT_SRC;
  for (const [key, value] of Object.entries(data)) el.setAttribute(`data-${key}`, value);
  return el;
}

const facadeHost = () => document.querySelector<HTMLElement>(FACADE_TAG);
const facadeButton = () => facadeHost()?.shadowRoot?.querySelector<HTMLButtonElement>('button') ?? null;
const launchers = () => Array.from(document.querySelectorAll<PorticoChatLauncher>('portico-chat-launcher'));

/** Lets the event loop run: idle callbacks, timers, a few frames. */
async function settle(ms = 150): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

async function captureErrors(run: () => unknown): Promise<string[]> {
  const errors: string[] = [];
  const { error } = console;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = error;
  }
  return errors;
}

before(async () => {
  await startMockWorker();
});

beforeEach(() => {
  controller = new AbortController();
  resetMockState();
  mockSignIn(null);
  clearPrefill();
});

afterEach(async () => {
  controller.abort();
  await resetMouse();
  delete window.Portico;
  for (const el of launchers()) el.remove();
  document.querySelectorAll(FACADE_TAG).forEach((el) => el.remove());
  document.documentElement.removeAttribute('dir');
  await setLocale('en');
});

describe('facade: before any interaction', () => {
  it('draws an accessible launcher button and requests nothing', async () => {
    const h = harness();
    bootFacade(script(), h.options);
    const host = facadeHost()!;
    expect(host).to.exist;
    expect(host.parentElement).to.equal(document.body);
    const button = facadeButton()!;
    expect(button.textContent!.trim()).to.equal('Open support');
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await expect(host).to.be.accessible();
    await settle(300);
    expect(h.requests).to.deep.equal([]);
    expect(launchers()).to.have.length(0);
    expect(customElements.get('portico-chat-launcher')).to.equal(undefined);
  });

  it('looks like the real launcher: same size, corner, colours, in LTR and RTL', async () => {
    defineAll();
    const cases: Array<[Partial<PorticoConfig>, 'ltr' | 'rtl']> = [
      [{}, 'ltr'],
      [{ position: 'bottom-left' }, 'ltr'],
      [{ theme: 'dark' }, 'ltr'],
      [{ position: 'bottom-left' }, 'rtl'],
    ];
    for (const [overrides, dir] of cases) {
      document.documentElement.dir = dir;
      const config = { ...DEFAULT_CONFIG, ...overrides };
      const facade = drawFacadeLauncher(config, { intent() {}, activate() {} });
      const real = mountLauncher(config)!;
      await real.updateComplete;
      const a = facadeButton()!;
      const b = real.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
      const label = `${JSON.stringify(overrides)} ${dir}`;
      const [ra, rb] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
      expect([ra.left, ra.top, ra.width, ra.height], label).to.deep.equal([rb.left, rb.top, rb.width, rb.height]);
      expect(ra.width, label).to.be.at.least(24);
      const [sa, sb] = [getComputedStyle(a), getComputedStyle(b)];
      for (const prop of ['background-color', 'color', 'border-radius', 'box-shadow', 'cursor']) {
        expect(sa.getPropertyValue(prop), `${prop} ${label}`).to.equal(sb.getPropertyValue(prop));
      }
      const [ia, ib] = [
        a.querySelector('svg')!.getBoundingClientRect(),
        b.querySelector('svg')!.getBoundingClientRect(),
      ];
      expect([ia.left, ia.top, ia.width], `icon ${label}`).to.deep.equal([ib.left, ib.top, ib.width]);
      facade.remove();
      real.remove();
    }
  });

  it('hovering or focusing the button preloads the app once, without mounting it', async () => {
    const h = harness();
    bootFacade(script(), h.options);
    await sendMouse({ type: 'move', position: centre(facadeButton()!) });
    await waitUntil(() => h.requests.length === 1, 'hover did not preload');
    expect(h.requests[0]).to.equal(new URL('/dist/portico-app.js', location.href).href);
    await h.imported;
    // Focus (keyboard) counts as intent too, but the load is already under way.
    facadeButton()!.focus();
    await settle();
    expect(h.requests).to.have.length(1);
    // Preloading is not taking over: still the facade, still no elements defined by it.
    expect(facadeHost()).to.exist;
    expect(launchers()).to.have.length(0);
  });

  it('keyboard focus alone preloads', async () => {
    const h = harness();
    bootFacade(script(), h.options);
    facadeButton()!.focus();
    await waitUntil(() => h.requests.length === 1, 'focus did not preload');
  });

  it('with saveData on, hover and focus load nothing; a click still loads and opens', async () => {
    const nav = { connection: { saveData: true } } as unknown as Navigator;
    const h = harness({ navigator: nav });
    bootFacade(script(), h.options);
    await sendMouse({ type: 'move', position: centre(facadeButton()!) });
    facadeButton()!.focus();
    await settle(300);
    expect(h.requests).to.deep.equal([]);
    await sendMouse({ type: 'click', position: centre(facadeButton()!) });
    await waitUntil(() => launchers()[0]?.open, 'click did not open the panel');
    expect(h.requests).to.have.length(1);
  });
});

describe('facade: first click', () => {
  it('loads the app, swaps in the real launcher and opens its panel with focus inside', async () => {
    const h = harness();
    const api = bootFacade(script(), h.options);
    const seen: string[] = [];
    api.on('open', () => seen.push('open'));
    await sendMouse({ type: 'click', position: centre(facadeButton()!) });
    await waitUntil(() => launchers()[0]?.open, 'panel did not open', { timeout: 5000 });
    const launcher = launchers()[0];
    expect(facadeHost(), 'facade still in the page').to.equal(null);
    expect(launcher.hasAttribute('data-portico-mounted')).to.be.true;
    const panel = launcher.shadowRoot!.querySelector<HTMLElement>('[part="panel"]')!;
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect(isWithin(panel, deepActiveElement()), 'focus is not inside the panel').to.be.true;
    expect(seen).to.deep.equal(['open']);
    // Signed out: the panel asks to sign in, against the configured backend.
    await waitUntil(() => panel.querySelector('portico-sign-in'), 'no sign-in in the panel', { timeout: 5000 });
    expect(h.requests).to.have.length(1);

    // The same window.Portico now drives the real launcher.
    expect(window.Portico).to.equal(api);
    await api.close();
    expect(launcher.open).to.be.false;
    await api.open();
    expect(launcher.open).to.be.true;
    await api.close();
  });

  it('Enter on the focused button opens the panel like a click', async () => {
    const h = harness();
    bootFacade(script(), h.options);
    facadeButton()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => launchers()[0]?.open, 'Enter did not open the panel', { timeout: 5000 });
    const panel = launchers()[0].shadowRoot!.querySelector<HTMLElement>('[part="panel"]')!;
    expect(isWithin(panel, deepActiveElement())).to.be.true;
  });

  it('a failed load is reported once, leaves the button in place, and the next click retries', async () => {
    const h = harness({}, 1);
    bootFacade(script(), h.options);
    // click() without a pointer: no hover preload in between.
    const errors = await captureErrors(async () => {
      facadeButton()!.click();
      expect(facadeButton()!.getAttribute('aria-busy')).to.equal('true');
      await waitUntil(() => h.requests.length === 1);
      await settle();
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('portico-app.js');
    // The console names the setting to check: the script tag's src.
    expect(errors[0]).to.contain('<script src>');
    expect(facadeHost()).to.exist;
    expect(facadeButton()!.hasAttribute('aria-busy')).to.be.false;
    // Not silent: the button says so, visibly and as its name, and a status announces it.
    const label = facadeButton()!.querySelector<HTMLElement>('[part="label"]')!;
    expect(label.textContent).to.equal('Support could not load. Try again');
    expect(label.getBoundingClientRect().width).to.be.greaterThan(50);
    expect(facadeHost()!.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(label.textContent);
    facadeButton()!.click();
    expect(label.textContent, 'a retry clears the failure').to.equal('Open support');
    await waitUntil(() => launchers()[0]?.open, 'retry did not open the panel', { timeout: 5000 });
    // Browsers remember a failed module URL: the retry asks for a fresh one.
    expect(h.requests[1]).to.match(/portico-app\.js\?retry=1$/);
  });

  it('says that the app could not load in the page’s language', async () => {
    const h = harness({}, 1);
    bootFacade(script({ backend: BASE, locale: 'nl' }), h.options);
    await captureErrors(async () => {
      facadeButton()!.click();
      await waitUntil(() => h.requests.length === 1);
      await settle();
    });
    expect(facadeButton()!.textContent).to.equal('Ondersteuning kon niet laden. Opnieuw proberen');
  });
});

describe('facade: window.Portico before the app loads', () => {
  it('queued prefill() and open(view) are replayed in order once the app has loaded', async () => {
    mockSignIn('carol');
    const h = harness();
    const api = bootFacade(script(), h.options);
    api.prefill({ subject: 'Order 1234', 'requester.email': 'carol@acme.example' });
    await settle(50);
    expect(h.requests, 'prefill alone loads nothing').to.deep.equal([]);
    expect(getPrefill()).to.deep.equal({});

    const opened = api.open('new');
    expect(h.requests, 'open() loads the app at once').to.have.length(1);
    await opened;
    const [launcher] = launchers();
    expect(launcher.open).to.be.true;
    expect(launcher.currentView).to.equal('new');
    expect(getPrefill()).to.deep.equal({ subject: 'Order 1234', 'requester.email': 'carol@acme.example' });
    expect(facadeHost()).to.equal(null);
  });

  it('open() then close() before the load ends closed; both promises settle', async () => {
    const h = harness();
    const api = bootFacade(script(), h.options);
    const order: string[] = [];
    const open = api.open().then(() => order.push('open'));
    const close = api.close().then(() => order.push('close'));
    await Promise.all([open, close]);
    expect(order).to.deep.equal(['open', 'close']);
    expect(launchers()[0].open).to.be.false;
  });

  it('close() with nothing loading resolves at once and loads nothing', async () => {
    const h = harness();
    await bootFacade(script(), h.options).close();
    expect(h.requests).to.deep.equal([]);
  });

  it('configure() validates, moves or hides the facade and is what the app starts with', async () => {
    const h = harness();
    const api = bootFacade(script(), h.options);
    const errors = await captureErrors(() => {
      const config = api.configure({ position: 'bottom-left', theme: 'dark', colour: 'red' });
      expect(config.position).to.equal('bottom-left');
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"colour"');
    expect(facadeHost()!.getAttribute('position')).to.equal('bottom-left');
    expect(facadeHost()!.getAttribute('theme')).to.equal('dark');
    expect(facadeButton()!.getBoundingClientRect().left).to.be.below(window.innerWidth / 2);

    api.configure({ launcher: false });
    expect(facadeHost()).to.equal(null);
    api.configure({ launcher: true });
    expect(facadeHost()).to.exist;

    await sendMouse({ type: 'click', position: centre(facadeButton()!) });
    await waitUntil(() => launchers()[0]?.open, 'panel did not open', { timeout: 5000 });
    expect(launchers()[0].getAttribute('position')).to.equal('bottom-left');
    expect(api.config.theme).to.equal('dark');
    expect(h.requests).to.have.length(1);
  });

  it('setLocale() relabels the button at once, resolves with the locale, and the app starts in it', async () => {
    const h = harness();
    const api = bootFacade(script(), h.options);
    expect(await api.setLocale('nl-BE')).to.equal('nl');
    expect(facadeButton()!.textContent!.trim()).to.equal('Ondersteuning openen');
    expect(h.requests).to.deep.equal([]);
    await api.open();
    expect(getLocale()).to.equal('nl');
    const button = launchers()[0].shadowRoot!.querySelector('[part="button"]')!;
    expect(button.textContent).to.contain('Ondersteuning sluiten');
  });

  it('data-locale="nl" labels the facade in Dutch', () => {
    bootFacade(script({ backend: BASE, locale: 'nl' }), harness().options);
    expect(facadeButton()!.textContent!.trim()).to.equal('Ondersteuning openen');
  });
});

describe('facade: pages that compose Portico themselves', () => {
  it('loads the app at once for Portico elements in the page, and draws no button', async () => {
    const provider = document.createElement('portico-provider');
    provider.setAttribute('backend', BASE);
    const list = document.createElement('portico-ticket-list');
    provider.append(list);
    document.body.append(provider);
    try {
      const h = harness();
      bootFacade(script({}), h.options);
      expect(h.requests).to.have.length(1);
      expect(facadeHost()).to.equal(null);
      await waitUntil(() => customElements.get('portico-ticket-list') && list.shadowRoot, 'elements not upgraded');
      await settle();
      expect(launchers()).to.have.length(0);
    } finally {
      provider.remove();
    }
  });

  it('loads the app when a single-page app adds a Portico element later', async () => {
    const h = harness();
    bootFacade(script(), h.options);
    await settle(50);
    expect(h.requests).to.deep.equal([]);
    const holder = document.createElement('section');
    holder.innerHTML = '<div><portico-ticket-list></portico-ticket-list></div>';
    document.body.append(holder);
    try {
      await waitUntil(() => h.requests.length === 1, 'adding an element did not load the app');
      // The facade button becomes the real launcher: the page asked for the floating button.
      await waitUntil(() => launchers().length === 1 && !facadeHost(), 'facade not swapped');
    } finally {
      holder.remove();
    }
  });
});

describe('facade: loaded twice', () => {
  it('keeps one window.Portico and one button, before and after the app loads', async () => {
    const first = harness();
    const second = harness();
    const api = bootFacade(script(), first.options);
    const again = bootFacade(
      script({ backend: 'https://elsewhere.example/portico/v1', position: 'bottom-left' }),
      second.options,
    );
    expect(again).to.equal(api);
    expect(window.Portico).to.equal(api);
    expect(document.querySelectorAll(FACADE_TAG)).to.have.length(1);
    await api.open();
    expect(bootFacade(script(), second.options)).to.equal(api);
    expect(second.requests).to.deep.equal([]);
    expect(launchers()).to.have.length(1);
    expect(api.config.backend).to.equal(BASE);
  });
});

describe('facade: app loader', () => {
  it('finds the app next to the facade script, else next to the page', () => {
    const el = document.createElement('script');
    el.src = 'https://cdn.example/portico/1.0/portico.js?v=3';
    expect(appUrl(el)).to.equal('https://cdn.example/portico/1.0/portico-app.js');
    expect(appUrl(null)).to.equal(new URL('portico-app.js', document.baseURI).href);
  });

  it('loads once however many times it is asked', async () => {
    let calls = 0;
    const loader = createAppLoader('https://cdn.example/portico-app.js', async () => {
      calls++;
      return { takeOver: async () => window.Portico! };
    });
    expect(loader.started).to.be.false;
    await Promise.all([loader.load(), loader.load(), loader.load()]);
    expect(calls).to.equal(1);
    expect(loader.started).to.be.true;
  });
});
