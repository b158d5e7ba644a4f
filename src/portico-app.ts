/**
 * The full app, built to dist/portico-app.js (ES module + chunks). The facade
 * (embed.ts → dist/portico.js) imports it on the first interaction and calls
 * takeOver(): the page gets its elements, services and locale, the facade's
 * button becomes the real <portico-chat-launcher>, and the calls queued on
 * the stub are replayed. Importing this module runs nothing (a hover only
 * preloads it).
 */
import { setPendingAuthLink, takePendingAuthLink, type AuthLink } from './core/auth-link.js';
import { getDefaultServices } from './core/services.js';
import { setLocale } from './core/i18n.js';
import type { FacadeHandoff } from './facade/handoff.js';
import { replayQueue } from './facade/portico-stub.js';
import { createLauncher, mountLauncher, startPortico, type PorticoApi } from './portico-api.js';

function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/**
 * A mailed link is for whoever's mailbox it reached, and a sign-in form
 * finishes it — but nobody signed in sees one. So, when somebody is signed
 * in on this page: a sign-in link for that same person has nothing left to
 * do; a ticket's confirmation link is redeemed at once; any other link (a
 * sign-in link for someone else, a new password, a verification) signs the
 * current person out first, and the form that then shows finishes it.
 * Returns the link when it still needs the form or a panel, else null.
 */
async function settleLinkWithSession(link: AuthLink, api: PorticoApi): Promise<AuthLink | null> {
  const services = getDefaultServices();
  const session = await services?.session.load().catch(() => null);
  if (!services || !session) return link;
  if (link.kind === 'magic' && link.email.toLowerCase() === session.user.email.toLowerCase()) {
    takePendingAuthLink();
    return null;
  }
  if (link.kind === 'confirm') {
    takePendingAuthLink();
    await services.backend
      .confirmTicket(link.token)
      .catch((err: unknown) => console.warn('[Portico] the request in this link could not be confirmed', err));
    return link;
  }
  await api.signOut();
  return link;
}

export async function takeOver(handoff: FacadeHandoff, doc: Document = document): Promise<PorticoApi> {
  const config = handoff.config;
  // The <portico-sign-in> that shows first (launcher panel or portal) finishes the link.
  if (handoff.link) setPendingAuthLink(handoff.link);
  const api = startPortico(config, doc);
  const link = handoff.link && (await settleLinkWithSession(handoff.link, api));
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
  if (link && !handoff.open && !doc.querySelector('portico-portal, portico-sign-in')) await api.open();

  handoff.adopt(api);
  await replayQueue(handoff.queue, api);
  return api;
}
