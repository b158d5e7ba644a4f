/**
 * The full app, built to dist/portico-app.js (ES module + chunks). The facade
 * (embed.ts → dist/portico.js) imports it on the first interaction and calls
 * takeOver(): the page gets its elements, services and locale, the facade's
 * button becomes the real <portico-chat-launcher>, and the calls queued on
 * the stub are replayed. Importing this module runs nothing (a hover only
 * preloads it).
 */
import { setPendingAuthLink } from './core/auth-link.js';
import { setLocale } from './core/i18n.js';
import type { FacadeHandoff } from './facade/handoff.js';
import { replayQueue } from './facade/portico-stub.js';
import { createLauncher, mountLauncher, startPortico, type PorticoApi } from './portico-api.js';

function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

export async function takeOver(handoff: FacadeHandoff, doc: Document = document): Promise<PorticoApi> {
  const config = handoff.config;
  // The <portico-sign-in> that shows first (launcher panel or portal) finishes the link.
  if (handoff.link) setPendingAuthLink(handoff.link);
  const api = startPortico(config, doc);
  // The real launcher shows up in the page's language at once (the facade already did).
  await setLocale(config.locale).catch(() => undefined);
  await domReady(doc);

  const facade = handoff.facade;
  if (facade) {
    const launcher = createLauncher(config, doc)!;
    // Swap only once the real button is drawn, so the corner never flickers empty.
    await launcher.updateComplete;
    const hadFocus = facade.hasFocus();
    facade.remove();
    if (handoff.open) await launcher.show();
    else if (hadFocus) launcher.shadowRoot?.querySelector<HTMLElement>('[part="button"]')?.focus();
  } else {
    mountLauncher(config, doc);
  }
  // A mailed link needs a sign-in form on screen: the portal's or one of its own, else a panel
  // (mounted even where the page has no floating launcher).
  if (handoff.link && !handoff.open && !doc.querySelector('portico-portal, portico-sign-in')) await api.open();

  handoff.adopt(api);
  await replayQueue(handoff.queue, api);
  return api;
}
