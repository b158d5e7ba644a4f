import { openLocalStore, type KeyValueStore } from './local-store.js';
import { perPage } from './page-instances.js';

/**
 * What the user is typing (a reply, a new ticket's fields), saved as they
 * type so that a reload, a crash or a closed tab loses nothing. Keys are the
 * caller's, e.g. `reply:t-1001` or `form:general`; include the user's id where
 * two people may share a browser.
 */

interface DraftEntry<T> {
  value: T;
  savedAt: number;
}

export interface DraftStoreOptions {
  /** Quiet time after the last keystroke before writing (default 400 ms). */
  debounceMs?: number;
  /** Drafts older than this are dropped on load (default 30 days). */
  maxAgeMs?: number;
}

export class DraftStore {
  readonly #store: KeyValueStore;
  readonly #debounceMs: number;
  readonly #maxAgeMs: number;
  readonly #pending = new Map<string, { value: unknown; timer: ReturnType<typeof setTimeout> }>();
  #writes: Promise<unknown> = Promise.resolve();

  constructor(backendUrl: string, opts: DraftStoreOptions = {}) {
    this.#store = openLocalStore(backendUrl, 'drafts');
    this.#debounceMs = opts.debounceMs ?? 400;
    this.#maxAgeMs = opts.maxAgeMs ?? 30 * 24 * 3600_000;
    // The last keystrokes before the tab goes away are written at once.
    globalThis.addEventListener?.('pagehide', () => void this.flush());
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.flush();
    });
  }

  get databaseName(): string {
    return this.#store.name;
  }

  /** The saved draft, or a value still waiting for its debounced write. */
  async load<T>(key: string): Promise<T | undefined> {
    const pending = this.#pending.get(key);
    if (pending) return pending.value as T;
    try {
      const entry = await this.#store.get<DraftEntry<T>>(key);
      if (!entry) return undefined;
      if (Date.now() - entry.savedAt > this.#maxAgeMs) {
        await this.#store.del(key);
        return undefined;
      }
      return entry.value;
    } catch {
      return undefined;
    }
  }

  /** Saves after the user pauses; an empty string or null removes the draft. */
  save(key: string, value: unknown): void {
    const previous = this.#pending.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => void this.#write(key), this.#debounceMs);
    this.#pending.set(key, { value, timer });
  }

  /** Writes every pending draft now. */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((key) => this.#write(key)));
    await this.#writes;
  }

  async remove(key: string): Promise<void> {
    const pending = this.#pending.get(key);
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(key);
    await this.#queue(() => this.#store.del(key));
  }

  async clear(): Promise<void> {
    for (const p of this.#pending.values()) clearTimeout(p.timer);
    this.#pending.clear();
    await this.#queue(() => this.#store.clear());
  }

  #write(key: string): Promise<unknown> {
    const pending = this.#pending.get(key);
    if (!pending) return this.#writes;
    clearTimeout(pending.timer);
    this.#pending.delete(key);
    const { value } = pending;
    const empty = value === null || value === undefined || value === '';
    return this.#queue(() =>
      empty ? this.#store.del(key) : this.#store.set(key, { value, savedAt: Date.now() } satisfies DraftEntry<unknown>),
    );
  }

  /** Writes run one after another so a later keystroke never loses to an earlier one. */
  #queue(op: () => Promise<unknown>): Promise<unknown> {
    this.#writes = this.#writes.then(op).catch((error) => console.warn('[Portico] draft not saved', error));
    return this.#writes;
  }
}

/** One DraftStore per backend for the whole page (elements share it). */
export const getDraftStore: (backendUrl: string) => DraftStore = perPage(
  (backendUrl) => backendUrl,
  (backendUrl) => new DraftStore(backendUrl),
);
