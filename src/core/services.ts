import { createContext } from '@lit/context';
import type { HelpdeskBackend } from './backend.js';
import type { PorticoConfig } from './config.js';
import { SessionStore } from './session.js';

/** What every element needs: configuration, the backend, the shared session. */
export interface PorticoServices {
  config: PorticoConfig;
  backend: HelpdeskBackend;
  session: SessionStore;
}

export const servicesContext = createContext<PorticoServices | undefined>(Symbol('portico-services'));

export function createServices(config: PorticoConfig, backend: HelpdeskBackend): PorticoServices {
  const services: PorticoServices = { config, backend, session: new SessionStore(backend) };
  // Writes waiting in the outbox (from this page or an earlier one, a closed tab) go as soon as their
  // writer is signed in, whatever the page shows: not only once a ticket or a form is open again.
  // Fetched then, so a page nobody signs in on never loads the outbox.
  services.session.addEventListener('change', () => {
    if (services.session.signedIn) void import('./outbox.js').then(({ getOutbox }) => getOutbox(services));
  });
  return services;
}

/**
 * Services for elements outside any <portico-provider>: set by the script-tag
 * entry or Portico.configure(). Kept on globalThis so that a second copy of
 * the bundle shares them instead of splitting the page in two.
 */
const KEY = Symbol.for('portico.default-services');
const CHANGE = 'portico-default-services-change';
type Holder = { [KEY]?: PorticoServices };

export function getDefaultServices(): PorticoServices | undefined {
  return (globalThis as Holder)[KEY];
}

export function setDefaultServices(services: PorticoServices): void {
  (globalThis as Holder)[KEY] = services;
  globalThis.dispatchEvent?.(new Event(CHANGE));
}

export function onDefaultServicesChange(listener: () => void): () => void {
  globalThis.addEventListener?.(CHANGE, listener);
  return () => globalThis.removeEventListener?.(CHANGE, listener);
}
