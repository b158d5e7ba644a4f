/**
 * The app behind the script tag: the registry of elements, their safe
 * definition, the launcher mount and the real `window.Portico` object.
 * Nothing here runs on import; portico-app.ts calls startPortico() when the
 * facade (embed.ts) hands over.
 */
import { applyConfig, needsNewClient, validateConfig, type PorticoConfig } from './core/config.js';
import type { PorticoEventMap, PorticoEventName } from './core/events.js';
import type { Session } from './protocol/index.js';
import { getDefaultServices, setDefaultServices } from './core/services.js';
import { initLocalization, setLocale } from './core/i18n.js';
import { setPrefill } from './core/prefill.js';
import { mountConsentBanner, openConsentBanner } from './core/consent.js';
import { createPorticoServices } from './backends/index.js';
import { PorticoElement } from './components/shared/portico-element.js';
import { LAZY_ELEMENT_NAMES, loadElement, loadElementsIn } from './components/shared/lazy-elements.js';
import { PorticoProvider } from './components/provider/provider.component.js';
import { PorticoChatLauncher, type LauncherView } from './components/chat-launcher/chat-launcher.component.js';
import { PorticoSignIn } from './components/sign-in/sign-in.component.js';
import { PorticoTicketList } from './components/ticket-list/ticket-list.component.js';
import { PorticoConsentBanner } from './components/consent-banner/consent-banner.component.js';
import type { PorticoPortal } from './components/portal/portal.component.js';
import { pageHasPorticoElements } from './facade/page-elements.js';
import { VERSION } from './version.js';

export { VERSION } from './version.js';
export { PAGE_ELEMENT_NAMES, pageHasPorticoElements } from './facade/page-elements.js';
export { findOwnScript } from './facade/own-script.js';

/**
 * What the bundle defines at once: the launcher and what its first click
 * shows (sign-in, ticket list), the provider and the consent banner. The
 * provider comes first: elements upgraded after it find their context at once.
 * Every other element is fetched when a view or the page needs it
 * (components/shared/lazy-elements.ts).
 */
export const FIRST_ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['portico-provider', PorticoProvider],
  ['portico-sign-in', PorticoSignIn],
  ['portico-ticket-list', PorticoTicketList],
  ['portico-consent-banner', PorticoConsentBanner],
  ['portico-chat-launcher', PorticoChatLauncher],
];

const watchedDocs = new WeakSet<Document>();

/**
 * Defines the first elements, fetches the on-demand ones the page holds, and
 * keeps watching: one the page adds later (a single-page app's route) is
 * fetched when it arrives. Safe to call again; a name the page defined itself
 * keeps its definition (one console warning).
 */
export function defineElements(doc: Document = document): Promise<void> {
  for (const [name, ctor] of FIRST_ELEMENTS) PorticoElement.define(name, ctor);
  const log = (err: unknown) => console.error('[Portico] could not load an element on this page', err);
  if (!watchedDocs.has(doc) && typeof MutationObserver !== 'undefined') {
    watchedDocs.add(doc);
    const selector = LAZY_ELEMENT_NAMES.join(',');
    new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes)
          if (node.nodeType === 1 && ((node as Element).matches(selector) || (node as Element).querySelector(selector)))
            void loadElementsIn(node.parentNode ?? doc).catch(log);
    }).observe(doc.documentElement, { childList: true, subtree: true });
  }
  return loadElementsIn(doc).catch(log);
}

/**
 * Appends a `<portico-chat-launcher>` to `<body>` unless the configuration says
 * no (`launcher: false`) or the page composes Portico elements itself.
 * Returns the launcher, or null when none was mounted.
 */
export function mountLauncher(config: PorticoConfig, doc: Document = document): PorticoChatLauncher | null {
  if (!config.launcher || pageHasPorticoElements(doc)) return null;
  return createLauncher(config, doc);
}

/** Appends a `<portico-chat-launcher>` to `<body>` whatever the page holds; null before `<body>` exists. */
export function createLauncher(config: PorticoConfig, doc: Document = document): PorticoChatLauncher | null {
  if (!doc.body) return null;
  const launcher = doc.createElement('portico-chat-launcher') as PorticoChatLauncher;
  // Marks the launcher as ours, so configure({launcher: false}) removes only this one.
  launcher.setAttribute('data-portico-mounted', '');
  applyLauncherConfig(launcher, config);
  doc.body.append(launcher);
  return launcher;
}

function applyLauncherConfig(launcher: HTMLElement, config: PorticoConfig): void {
  launcher.setAttribute('position', config.position);
  if (config.theme === 'auto') launcher.removeAttribute('theme');
  else launcher.setAttribute('theme', config.theme);
}

// ---------------------------------------------------------------- window.Portico

type ShortEventName = PorticoEventName extends `portico-${infer S}` ? S : never;
/** Event names as `portico-open` or just `open`. */
export type PorticoApiEventName = PorticoEventName | ShortEventName;
type FullEventName<N extends PorticoApiEventName> = N extends PorticoEventName ? N : `portico-${N}` & PorticoEventName;

export interface OpenOptions {
  /** With `new`: the form to fill in (instead of the picker or the configured form). */
  formId?: string;
}

export interface PorticoApi {
  readonly version: string;
  /** The configuration in effect (a copy). */
  readonly config: PorticoConfig;
  /**
   * Opens the launcher panel, optionally at a view (tickets, new, chat); `open('new', {formId})`
   * opens that form. Mounts a launcher if the page has none.
   */
  open(view?: LauncherView, options?: OpenOptions): Promise<void>;
  close(): Promise<void>;
  /** Listens for a Portico event anywhere on the page; returns the function that stops listening. */
  on<N extends PorticoApiEventName>(
    event: N,
    callback: (
      detail: PorticoEventMap[FullEventName<N>],
      event: CustomEvent<PorticoEventMap[FullEventName<N>]>,
    ) => void,
  ): () => void;
  /** Switches every element's language; resolves with the locale used. */
  setLocale(locale: string): Promise<string>;
  /** Validates and applies configuration keys; changing the backend swaps the page's default services. */
  configure(partial: Record<string, unknown>): PorticoConfig;
  /** Values for the support form (field ids, `subject`, `requester.email`, …). */
  prefill(values: Record<string, unknown>): void;
  /** Signs in with a JWT signed by the host site (Zendesk/Intercom-style identity verification). */
  signIn(jwt: string): Promise<Session>;
  /** Signs the visitor out (at the gateway and on the page); emits `portico-signed-out`. */
  signOut(): Promise<void>;
  consent: { open(): void };
}

declare global {
  interface Window {
    Portico?: PorticoApi;
  }
}

/** The `window.Portico` object over a starting configuration. */
export function createPorticoApi(initial: PorticoConfig, doc: Document = document): PorticoApi {
  let config: PorticoConfig = { ...initial };

  const launchers = (): PorticoChatLauncher[] =>
    Array.from(doc.querySelectorAll('portico-chat-launcher')).filter(
      (el): el is PorticoChatLauncher => el instanceof PorticoChatLauncher,
    );

  return {
    version: VERSION,

    get config() {
      return { ...config };
    },

    async open(view, options = {}) {
      let launcher = launchers()[0];
      const formId = view === 'new' && typeof options?.formId === 'string' ? options.formId : undefined;
      // A full-page portal is navigated rather than covered with a floating panel.
      const portal = doc.querySelector<PorticoPortal>('portico-portal');
      if (!launcher && portal && view !== 'chat') {
        await loadElement('portico-portal');
        portal.navigate(view === 'new' ? { view: 'new', ...(formId ? { formId } : {}) } : { view: 'mine' });
        return;
      }
      // An explicit open() wants a panel even where the page opted out of the floating button.
      if (!launcher) {
        const created = createLauncher(config, doc);
        if (!created) return;
        launcher = created;
      }
      await launcher.updateComplete;
      if (view) await launcher.showView(view, undefined, formId ? { formId } : {});
      await launcher.show();
    },

    async close() {
      await Promise.all(launchers().map((l) => l.hide()));
    },

    on(event, callback) {
      const name = event.startsWith('portico-') ? event : `portico-${event}`;
      const listener = (e: Event) => {
        const custom = e as CustomEvent;
        callback(custom.detail, custom);
      };
      doc.addEventListener(name, listener);
      return () => doc.removeEventListener(name, listener);
    },

    async setLocale(locale) {
      const { config: checked, errors } = validateConfig({ locale }, 'Portico.setLocale');
      for (const e of errors) console.error(e);
      if (errors.length) return setLocale(config.locale);
      config = { ...config, locale: checked.locale ?? null };
      return setLocale(config.locale);
    },

    configure(partial) {
      const before = config;
      config = applyConfig(config, partial ?? {}, 'Portico.configure');
      const services = getDefaultServices();
      if (!services || needsNewClient(before, config)) {
        if (config.backend) setDefaultServices(createPorticoServices(config));
      } else {
        setDefaultServices({ ...services, config });
      }
      if (before.locale !== config.locale) void setLocale(config.locale);
      for (const launcher of launchers()) applyLauncherConfig(launcher, config);
      if (before.launcher !== config.launcher) {
        if (!config.launcher)
          doc.querySelectorAll('portico-chat-launcher[data-portico-mounted]').forEach((l) => l.remove());
        else if (launchers().length === 0) mountLauncher(config, doc);
      }
      return { ...config };
    },

    prefill(values) {
      setPrefill(values);
    },

    async signIn(jwt) {
      const services = getDefaultServices();
      if (!services)
        throw new Error('[Portico] signIn: no backend is configured (data-backend or Portico.configure({backend}))');
      const session = await services.backend.signInWithJwt(jwt);
      services.session.set(session);
      doc.dispatchEvent(
        new CustomEvent('portico-signed-in', { detail: { userId: session.user.id }, bubbles: true, composed: true }),
      );
      return session;
    },

    async signOut() {
      const services = getDefaultServices();
      if (!services) return;
      await services.session.signOut();
      doc.dispatchEvent(new CustomEvent('portico-signed-out', { detail: {}, bubbles: true, composed: true }));
    },

    consent: {
      open() {
        openConsentBanner();
      },
    },
  };
}

/**
 * Sets the page up for a validated configuration: localization, the element
 * definitions and the default services. Returns the real `window.Portico`
 * API without installing it or mounting anything; the caller does that.
 */
export function startPortico(config: PorticoConfig, doc: Document = document): PorticoApi {
  const api = createPorticoApi(config, doc);
  initLocalization();
  setLocale(config.locale).catch((err) => console.error('[Portico] could not load the locale', err));
  void defineElements(doc);
  if (config.backend) {
    setDefaultServices(createPorticoServices(config));
    // The banner decides for itself whether analytics are configured; it renders nothing otherwise.
    mountConsentBanner(doc);
  }
  return api;
}
