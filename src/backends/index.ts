import type { PorticoConfig } from '../core/config.js';
import { createServices, type PorticoServices } from '../core/services.js';
import { PorticoProtocolClient, type PorticoClientOptions } from './portico-protocol.js';
import { getListCache } from '../core/cache.js';

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
  client.onUnauthorized = () => services.session.expire(client.lastAnsweredAt);
  // Cached lists belong to the person who loaded them: drop them when that person changes,
  // so the next one on a shared computer never sees them.
  let userId = services.session.session?.user.id;
  services.session.addEventListener('change', () => {
    const next = services.session.session?.user.id;
    if (userId !== undefined && next !== userId) void getListCache(client.baseUrl).clear();
    userId = next;
  });
  return { ...services, backend: client };
}
