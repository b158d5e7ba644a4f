import { openLocalStore, type KeyValueStore } from './local-store.js';
import { perPage } from './page-instances.js';

/**
 * Stale-while-revalidate cache for lists (tickets, summaries): a list shows
 * at once from the last visit, then updates when the network answers.
 *
 * Keys are the caller's; include the signed-in user's id in them (a shared
 * computer must never show one person's tickets to the next) and call
 * clear() on sign-out.
 */

interface CacheEntry<T> {
  value: T;
  storedAt: number;
}

export interface ListCacheOptions {
  /** Entries older than this are ignored (default 7 days). */
  maxAgeMs?: number;
}

export interface SwrState {
  /** True for the cached value shown before the network answered. */
  stale: boolean;
}

export class ListCache {
  readonly #store: KeyValueStore;
  readonly #maxAgeMs: number;

  constructor(backendUrl: string, opts: ListCacheOptions = {}) {
    this.#store = openLocalStore(backendUrl, 'lists');
    this.#maxAgeMs = opts.maxAgeMs ?? 7 * 24 * 3600_000;
  }

  /** The IndexedDB database this cache uses. */
  get databaseName(): string {
    return this.#store.name;
  }

  async get<T>(key: string): Promise<T | undefined> {
    try {
      const entry = await this.#store.get<CacheEntry<T>>(key);
      if (!entry || Date.now() - entry.storedAt > this.#maxAgeMs) return undefined;
      return entry.value;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    try {
      await this.#store.set(key, { value, storedAt: Date.now() } satisfies CacheEntry<unknown>);
    } catch (error) {
      // A cache that cannot write is only slower, never broken.
      console.warn('[Portico] list cache write failed', error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.#store.del(key);
    } catch {
      // nothing to undo
    }
  }

  async clear(): Promise<void> {
    try {
      await this.#store.clear();
    } catch {
      // nothing to undo
    }
  }

  /** See swr(). */
  swr<T>(key: string, fetcher: () => Promise<T>, onValue: (value: T, state: SwrState) => void): Promise<T> {
    return swr(this, key, fetcher, onValue);
  }
}

/**
 * Calls onValue(cached, {stale: true}) as soon as the cache answers — unless
 * the network was faster — then onValue(fresh, {stale: false}), stores the
 * fresh value and returns it. A failed fetch rejects (the stale value stays
 * on screen) and leaves the cache as it was.
 */
export async function swr<T>(
  cache: ListCache,
  key: string,
  fetcher: () => Promise<T>,
  onValue: (value: T, state: SwrState) => void,
): Promise<T> {
  let freshArrived = false;
  const fresh = fetcher().then((value) => {
    freshArrived = true;
    return value;
  });
  // Keep an early rejection from being reported as unhandled while the cache is read.
  fresh.catch(() => {});
  const cached = await cache.get<T>(key);
  if (cached !== undefined && !freshArrived) onValue(cached, { stale: true });
  const value = await fresh;
  onValue(value, { stale: false });
  await cache.set(key, value);
  return value;
}

/** One ListCache per backend for the whole page. */
export const getListCache: (backendUrl: string) => ListCache = perPage(
  (backendUrl) => backendUrl,
  (backendUrl) => new ListCache(backendUrl),
);
