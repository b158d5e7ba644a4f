import type { PorticoConfig } from '../core/config.js';
import { createServices, type PorticoServices } from '../core/services.js';
import { PorticoProtocolClient, type PorticoClientOptions } from './portico-protocol.js';

export { PorticoProtocolClient, newIdempotencyKey, type PorticoClientOptions } from './portico-protocol.js';

/**
 * Services backed by the Portico gateway: the protocol client, the shared
 * session store, and the client's 401 hook wired to expire that session.
 */
export function createPorticoServices(
  config: PorticoConfig,
  opts: Omit<PorticoClientOptions, 'onUnauthorized'> = {},
): PorticoServices & { backend: PorticoProtocolClient } {
  const client = new PorticoProtocolClient(config, opts);
  const services = createServices(config, client);
  client.onUnauthorized = () => services.session.expire();
  return { ...services, backend: client };
}
