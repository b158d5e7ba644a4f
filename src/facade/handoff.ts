/**
 * The contract between the facade (dist/portico.js) and the full app
 * (dist/portico-app.js), which the facade loads with import() on first
 * interaction and hands this object to. Types only: both sides are built
 * separately, and the facade must not bundle anything of the app.
 */
import type { PorticoConfig } from '../core/config.js';
import type { AuthLink } from '../core/auth-link.js';
import type { PorticoApi } from '../portico-api.js';

/**
 * `window.Portico` methods the stub queues until the app has loaded.
 * configure and setLocale queue only while the app is on its way: it may
 * have read the configuration before the call.
 */
export type QueuedMethod =
  'open' | 'close' | 'prefill' | 'signIn' | 'signOut' | 'consent.open' | 'configure' | 'setLocale';

export interface QueuedCall {
  method: QueuedMethod;
  args: unknown[];
  /** Settles the promise the stub returned to the caller. */
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/** The button the facade drew, for the app to replace. */
export interface FacadeButton {
  /** Whether keyboard focus is on the facade's button (the real button takes it over). */
  hasFocus(): boolean;
  /** Removes the facade from the page. */
  remove(): void;
}

export interface FacadeHandoff {
  /** The configuration in effect: data-* plus every Portico.configure()/setLocale() so far. */
  readonly config: PorticoConfig;
  /** The facade's launcher, when it drew one; the app swaps it for <portico-chat-launcher>. */
  readonly facade: FacadeButton | null;
  /** True when the user clicked the facade: the app opens the panel. Read when the launcher is ready. */
  readonly open: boolean;
  /** A mailed sign-in or reset link the page was opened with (already gone from the address bar). */
  readonly link?: AuthLink | null;
  /** Calls made on the stub, in order, for the app to replay into the real API. */
  readonly queue: QueuedCall[];
  /** From now on the stub (still `window.Portico`) forwards every call to `api`. */
  adopt(api: PorticoApi): void;
}

/** What dist/portico-app.js exports. */
export interface PorticoAppModule {
  takeOver(handoff: FacadeHandoff, doc?: Document): Promise<PorticoApi>;
}
