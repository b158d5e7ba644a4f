import type { PorticoConfig } from '../core/config.js';
import { createServices, type PorticoServices } from '../core/services.js';
import { PorticoProtocolClient, type PorticoClientOptions } from './portico-protocol.js';
import { getListCache } from '../core/cache.js';
import { dropPrefetched } from '../core/prefetch.js';

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
  // Cached lists and the facade's early answers belong to the person who loaded them: drop them
  // when that person changes, so the next one on a shared computer never sees them.
  // Not from the first answer, though: that one may itself be an early answer.
  let identity = services.session.identity;
  services.session.addEventListener('change', () => {
    const next = services.session.identity;
    if (identity !== 'unknown' && next !== identity) {
      void getListCache(client.baseUrl).clear();
      dropPrefetched();
    }
    identity = next;
  });
  return { ...services, backend: client };
}
