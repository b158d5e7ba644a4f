/**
 * `window.Portico` before the app has loaded. Calls that need the app
 * (open, signIn, consent.open) queue and start loading it; close and prefill
 * queue for replay; configure, setLocale and on answer at once, as the real
 * API would, because their effect is only configuration or a document
 * listener. Once the app adopts the stub, every method forwards to the real
 * API, so a reference a host kept from before the load keeps working.
 */
import { applyConfig, validateConfig, type PorticoConfig } from '../core/config.js';
import { resolveLocale } from '../core/i18n.js';
import type { PorticoApi } from '../portico-api.js';
import { VERSION } from '../version.js';
import type { QueuedCall, QueuedMethod } from './handoff.js';

export interface PorticoStubOptions {
  config: PorticoConfig;
  doc?: Document;
  /** A call needs the app: load it and hand over. */
  requestApp(): void;
  /** Whether the app is on its way (requested, not yet adopted). */
  appRequested(): boolean;
  /** configure() or setLocale() changed the configuration: redraw the facade. */
  onConfigChange(config: PorticoConfig, before: PorticoConfig): void;
}

export interface PorticoStub {
  /** The object that becomes `window.Portico`. */
  readonly api: PorticoApi;
  /** The configuration in effect so far. */
  readonly config: PorticoConfig;
  /** Calls waiting for the app, in order. */
  readonly queue: QueuedCall[];
  /** Forward every call to the real API from now on. */
  adopt(real: PorticoApi): void;
}

export function createPorticoStub(options: PorticoStubOptions): PorticoStub {
  const doc = options.doc ?? document;
  let config: PorticoConfig = { ...options.config };
  let real: PorticoApi | null = null;
  const queue: QueuedCall[] = [];

  const enqueue = (method: QueuedMethod, args: unknown[], needsApp: boolean): Promise<unknown> =>
    new Promise((resolve, reject) => {
      queue.push({ method, args, resolve, reject });
      if (needsApp) options.requestApp();
    });

  const changeConfig = (next: PorticoConfig): void => {
    const before = config;
    config = next;
    options.onConfigChange(config, before);
  };

  const api: PorticoApi = {
    version: VERSION,

    get config() {
      return real ? real.config : { ...config };
    },

    open(view, openOptions) {
      return real ? real.open(view, openOptions) : (enqueue('open', [view, openOptions], true) as Promise<void>);
    },

    close() {
      if (real) return real.close();
      // Nothing is open before the app loads; a close after a queued open must wait its turn.
      return options.appRequested() ? (enqueue('close', [], false) as Promise<void>) : Promise.resolve();
    },

    on(event, callback) {
      if (real) return real.on(event, callback);
      // The same document listener the real API adds: events only come once the app runs, and the
      // listener (and its unsubscribe) stay valid across the handover.
      const name = event.startsWith('portico-') ? event : `portico-${event}`;
      const listener = (e: Event) => {
        const custom = e as CustomEvent;
        (callback as (detail: unknown, event: CustomEvent) => void)(custom.detail, custom);
      };
      doc.addEventListener(name, listener);
      return () => doc.removeEventListener(name, listener);
    },

    setLocale(locale) {
      if (real) return real.setLocale(locale);
      const { config: checked, errors } = validateConfig({ locale }, 'Portico.setLocale');
      for (const e of errors) console.error(e);
      if (!errors.length) {
        changeConfig({ ...config, locale: checked.locale ?? null });
        if (options.appRequested()) void enqueue('setLocale', [config.locale], false);
      }
      return Promise.resolve(resolveLocale(config.locale));
    },

    configure(partial) {
      if (real) return real.configure(partial);
      const { config: checked, errors } = validateConfig(partial ?? {}, 'Portico.configure');
      for (const e of errors) console.error(e);
      changeConfig(applyConfig(config, checked));
      // Replayed with the validated keys only, so a bad key is reported once.
      if (options.appRequested()) void enqueue('configure', [checked], false);
      return { ...config };
    },

    prefill(values) {
      if (real) return real.prefill(values);
      void enqueue('prefill', [values], false);
    },

    signIn(jwt) {
      return real ? real.signIn(jwt) : (enqueue('signIn', [jwt], true) as ReturnType<PorticoApi['signIn']>);
    },

    signOut() {
      return real ? real.signOut() : (enqueue('signOut', [], true) as Promise<void>);
    },

    consent: {
      open() {
        if (real) return real.consent.open();
        void enqueue('consent.open', [], true);
      },
    },
  };

  return {
    api,
    get config() {
      return { ...config };
    },
    queue,
    adopt(next) {
      real = next;
    },
  };
}

/**
 * Replays queued calls into the real API, one after the other (an open()
 * followed by close() must end closed), settling each caller's promise.
 */
export async function replayQueue(queue: QueuedCall[], api: PorticoApi): Promise<void> {
  while (queue.length) {
    const call = queue.shift()!;
    try {
      call.resolve(await invoke(api, call));
    } catch (err) {
      call.reject(err);
    }
  }
}

function invoke(api: PorticoApi, { method, args }: QueuedCall): unknown {
  switch (method) {
    case 'open':
      return api.open(args[0] as Parameters<PorticoApi['open']>[0], args[1] as Parameters<PorticoApi['open']>[1]);
    case 'close':
      return api.close();
    case 'prefill':
      return api.prefill(args[0] as Record<string, unknown>);
    case 'signIn':
      return api.signIn(args[0] as string);
    case 'signOut':
      return api.signOut();
    case 'consent.open':
      return api.consent.open();
    case 'setLocale':
      return api.setLocale(args[0] as string);
    case 'configure':
      return api.configure(args[0] as Record<string, unknown>);
  }
}
