/**
 * What the script tag runs (embed.ts): read and check data-*, install the
 * `window.Portico` stub, draw the facade button, and load the full app only
 * when it is needed — a click on the button (hover, focus or touch preloads
 * it unless the visitor asked to save data), a queued Portico.open(),
 * signIn() or consent.open(), or Portico elements on the page. Intent also
 * starts GET /portal, /session and the first list page (src/core/prefetch.ts),
 * so the click waits for one round trip, not four in a row. A second copy
 * of the script finds `window.Portico` and leaves the page alone.
 */
import { takeAuthLinkFromUrl } from '../core/auth-link.js';
import { applyConfig, configFromDataset, DEFAULT_CONFIG, type PorticoConfig } from '../core/config.js';
import { prefetchFirstViews } from '../core/prefetch.js';
import type { PorticoApi } from '../portico-api.js';
import { appUrl, createAppLoader, saveDataRequested, type ImportModule } from './app-loader.js';
import { drawFacadeLauncher, type FacadeLauncher } from './facade-launcher.js';
import type { FacadeHandoff } from './handoff.js';
import { holdsPorticoElements, pageHasPorticoElements } from './page-elements.js';
import { createPorticoStub } from './portico-stub.js';

export interface FacadeOptions {
  doc?: Document;
  /** How the app module is imported; tests give their own. */
  importModule?: ImportModule;
  /** For saveData; tests give their own. */
  navigator?: Navigator;
  /** How the first views are prefetched on intent (src/core/prefetch.ts); tests give their own. */
  fetch?: typeof fetch;
  /** Aborting removes the facade button and stops watching the page (the app, once loaded, stays). */
  signal?: AbortSignal;
}

export function bootFacade(script: HTMLScriptElement | null, options: FacadeOptions = {}): PorticoApi {
  const doc = options.doc ?? document;
  const win = (doc.defaultView ?? window) as Window;
  if (win.Portico) return win.Portico;

  // Before anything else: the token leaves the address bar while the page is still loading.
  const link = takeAuthLinkFromUrl(win);
  const dataset = script?.dataset ?? {};
  let initial: PorticoConfig = applyConfig(DEFAULT_CONFIG, configFromDataset(dataset), '<script data-*>');
  // The nonce attribute is blanked after parsing; the property keeps it for the scripts the app adds (gtag, chat).
  if (!initial.nonce && script?.nonce) initial = { ...initial, nonce: script.nonce };

  const loader = createAppLoader(appUrl(script, doc), options.importModule);
  let facade: FacadeLauncher | null = null;
  let openOnLoad = false;
  let takingOver: Promise<void> | null = null;
  let domParsed = false;
  let observer: MutationObserver | null = null;
  let reportedNoBackend = false;

  const stub = createPorticoStub({
    config: initial,
    doc,
    requestApp: () => takeOver(),
    appRequested: () => takingOver !== null,
    onConfigChange(config) {
      if (facade && !config.launcher) removeFacade();
      else if (facade) facade.update(config);
      else if (config.launcher && domParsed && !takingOver) drawFacade();
    },
  });
  win.Portico = stub.api;

  const handoff: FacadeHandoff = {
    get config() {
      return stub.config;
    },
    get facade() {
      return facade;
    },
    get open() {
      return openOnLoad;
    },
    link,
    queue: stub.queue,
    adopt(api) {
      stub.adopt(api);
      facade = null;
    },
  };

  function removeFacade(): void {
    facade?.remove();
    facade = null;
  }

  function preload(): void {
    if (saveDataRequested(options.navigator)) return;
    // A failed preload is retried, and reported, by the click that follows.
    loader.load().catch(() => undefined);
    // What the panel shows first comes in parallel with the app, not after it.
    prefetchFirstViews(stub.config, options.fetch, { list: !link });
  }

  function takeOver(open = false): void {
    if (open) {
      openOnLoad = true;
      facade?.setBusy(true);
      // A click with no hover or focus before it (a touch screen, a script): the panel's data starts with the app.
      prefetchFirstViews(stub.config, options.fetch, { list: !link });
    }
    if (takingOver) return;
    observer?.disconnect();
    takingOver = loader
      .load()
      .then((app) => app.takeOver(handoff, doc))
      .then(
        () => undefined,
        (err: unknown) => {
          console.error(
            `[Portico] could not load the app from ${loader.url}, which is looked for next to <script src> (${script?.src || 'no script found: next to the page'}). ` +
              'Check that src is the URL of dist/portico.js, and that dist/ is served whole, with Access-Control-Allow-Origin: * when it is on another origin than the page.',
            err,
          );
          facade?.setBusy(false);
          openOnLoad = false;
          takingOver = null;
          // An early Portico.open() kept the button from being drawn: draw it now, for a retry by click.
          if (!facade && domParsed && stub.config.launcher && !pageHasPorticoElements(doc)) drawFacade();
          facade?.setFailed();
        },
      );
  }

  function drawFacade(): void {
    facade = drawFacadeLauncher(stub.config, { intent: preload, activate: () => takeOver(true) }, doc);
    if (!stub.config.backend && dataset.backend === undefined && !reportedNoBackend) {
      reportedNoBackend = true;
      console.error(
        "[Portico] <script data-backend> is missing: set it to your gateway's protocol URL, e.g. https://support.example.com/portico/v1",
      );
    }
  }

  const start = () => {
    domParsed = true;
    // An early Portico.open() already sent for the app; it mounts the real launcher itself.
    if (takingOver) return;
    if (pageHasPorticoElements(doc)) return takeOver();
    if (stub.config.launcher) drawFacade();
    // A mailed link: the panel opens by itself to finish it (the app adds one where the page has no launcher).
    if (link) takeOver(facade !== null);
    // Elements a single-page app adds later need their definitions too.
    observer = new MutationObserver((records) => {
      if (records.some((r) => Array.from(r.addedNodes).some(holdsPorticoElements))) takeOver();
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true });
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  options.signal?.addEventListener('abort', () => {
    doc.removeEventListener('DOMContentLoaded', start);
    observer?.disconnect();
    removeFacade();
  });

  return stub.api;
}
