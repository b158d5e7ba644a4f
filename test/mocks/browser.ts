/**
 * The msw service worker for component tests, started once per test file.
 * web-test-runner.config.mjs serves /mockServiceWorker.js from msw itself,
 * since a worker has to sit at the root scope.
 */
import { setupWorker } from 'msw/browser';
import { handlers } from '../reference/handlers.js';

export const worker = setupWorker(...handlers);

let started: Promise<unknown> | null = null;

/** Starts the worker (idempotent: every call shares the first start). */
export function startMockWorker(): Promise<unknown> {
  started ??= worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
  return started;
}
