/**
 * Services against the msw mock backend, set as the page default so that
 * elements outside a <portico-provider> find them.
 *
 *   const services = await useMockServices({ as: 'carol' });
 *   const el = await fixture(html`<portico-ticket-list></portico-ticket-list>`);
 */
import { createPorticoServices } from '../../src/backends/index.js';
import type { PorticoClientOptions } from '../../src/backends/portico-protocol.js';
import { DEFAULT_CONFIG, type PorticoConfig } from '../../src/core/config.js';
import { setDefaultServices, type PorticoServices } from '../../src/core/services.js';
import { startMockWorker } from './browser.js';
import type { MockUserKey } from '../reference/fixtures.js';
import { BASE, mockIssueToken, mockSignIn, resetMockState } from '../reference/handlers.js';

export interface MockServicesOptions {
  /** Who is signed in; null for signed out. Default 'carol'. */
  as?: MockUserKey | null;
  /** Reset the mock store first (default true). */
  reset?: boolean;
  /** Config on top of the defaults; `backend` is the mock BASE. */
  config?: Partial<PorticoConfig>;
  client?: Omit<PorticoClientOptions, 'onUnauthorized'>;
  /** Set as the page-wide default services (default true). */
  setDefault?: boolean;
}

/** Config for the mock backend. */
export function mockConfig(overrides: Partial<PorticoConfig> = {}): PorticoConfig {
  return { ...DEFAULT_CONFIG, backend: BASE, timeoutMs: 5000, ...overrides };
}

export async function useMockServices(opts: MockServicesOptions = {}): Promise<PorticoServices> {
  await startMockWorker();
  if (opts.reset !== false) resetMockState();
  const as = opts.as === undefined ? 'carol' : opts.as;
  let config = mockConfig(opts.config);
  if (config.authMode === 'bearer') {
    const token = as ? mockIssueToken(as) : null;
    config = { ...config, getToken: config.getToken ?? (() => token) };
    mockSignIn(null);
  } else {
    mockSignIn(as);
  }
  // No retries in tests: an error state should show at once.
  const services = createPorticoServices(config, { retries: 0, ...opts.client });
  await services.session.load();
  if (opts.setDefault !== false) setDefaultServices(services);
  return services;
}
