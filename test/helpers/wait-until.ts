import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * open-wc's waitUntil with a 5 s default instead of 1 s: CI runs the browser
 * on two shared cores, where a correct element can take over a second.
 */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}
