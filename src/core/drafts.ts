import { openLocalStore, type KeyValueStore } from './local-store.js';
import { perPage } from './page-instances.js';

/**
 * What the user is typing (a reply, a new ticket's fields), saved as they
 * type so that a reload, a crash or a closed tab loses nothing. Keys are the
 * caller's, e.g. `reply:t-1001` or `form:general`; include the user's id where
 * two people may share a browser.
 *
 * Every save is written at once, synchronously, to Web Storage (localStorage,
 * so a closed tab keeps it too; sessionStorage where localStorage is refused)
 * and, after the user pauses, to IndexedDB, which holds it for good. An
 * IndexedDB write that the closing tab did not finish is no loss: load()
 * takes the newer of the two copies.
 */

/** Synchronous storage for the last keystrokes; null where the browser refuses both kinds. */
function webStorage(): Storage | null {
  for (const pick of [() => globalThis.localStorage, () => globalThis.sessionStorage]) {
    try {
      const storage = pick();
      if (storage) {
        const probe = 'portico.probe';
        storage.setItem(probe, '1');
        storage.removeItem(probe);
        return storage;
      }
    } catch {
      // Blocked or full: try the next, else IndexedDB alone.
    }
  }
  return null;
}

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
  readonly #pending = new Map<string, { value: unknown; savedAt: number; timer: ReturnType<typeof setTimeout> }>();
  readonly #sync: Storage | null = webStorage();
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

  /**
   * The saved draft, or a value still waiting for its debounced write: the
   * newer of the IndexedDB copy and the synchronous one (reconciled, so the
   * IndexedDB copy catches up).
   */
  async load<T>(key: string): Promise<T | undefined> {
    const pending = this.#pending.get(key);
    if (pending) return pending.value as T;
    const quick = this.#readSync<T>(key);
    let entry: DraftEntry<T> | undefined;
    try {
      entry = await this.#store.get<DraftEntry<T>>(key);
    } catch {
      entry = undefined;
    }
    if (quick && (!entry || quick.savedAt >= entry.savedAt)) {
      entry = quick.value === null ? undefined : (quick as DraftEntry<T>);
      // The tab went before IndexedDB had the last keystrokes: it gets them now.
      void this.#queue(() => this.#persist(key, quick.value, quick.savedAt));
    }
    if (!entry) return undefined;
    if (Date.now() - entry.savedAt > this.#maxAgeMs) {
      await this.remove(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Saves at once to Web Storage and, after the user pauses, to IndexedDB;
   * an empty string or null removes the draft.
   */
  save(key: string, value: unknown): void {
    const previous = this.#pending.get(key);
    if (previous) clearTimeout(previous.timer);
    const savedAt = Date.now();
    this.#writeSync(key, isEmpty(value) ? null : value, savedAt);
    const timer = setTimeout(() => void this.#write(key), this.#debounceMs);
    this.#pending.set(key, { value, savedAt, timer });
  }

  /**
   * For values Web Storage cannot hold (a File or Blob would come back as `{}`):
   * straight to IndexedDB, after the writes queued before it; null or an empty
   * list removes the draft. A file is attached in one act, not typed, so
   * there is no keystroke to wait for.
   */
  saveNow(key: string, value: unknown): Promise<void> {
    const pending = this.#pending.get(key);
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(key);
    this.#dropSync(key);
    const empty = isEmpty(value) || (Array.isArray(value) && value.length === 0);
    return this.#queue(() => this.#persist(key, empty ? null : value, Date.now())).then(() => undefined);
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
    this.#dropSync(key);
    await this.#queue(() => this.#store.del(key));
  }

  async clear(): Promise<void> {
    for (const p of this.#pending.values()) clearTimeout(p.timer);
    this.#pending.clear();
    const prefix = this.#syncPrefix;
    try {
      const keys = Array.from({ length: this.#sync?.length ?? 0 }, (_, i) => this.#sync!.key(i));
      for (const k of keys) if (k?.startsWith(prefix)) this.#sync!.removeItem(k);
    } catch {
      // Nothing to clear where storage is blocked.
    }
    await this.#queue(() => this.#store.clear());
  }

  #write(key: string): Promise<unknown> {
    const pending = this.#pending.get(key);
    if (!pending) return this.#writes;
    clearTimeout(pending.timer);
    this.#pending.delete(key);
    return this.#queue(() => this.#persist(key, pending.value, pending.savedAt));
  }

  /** Into IndexedDB; then the quick copy is no longer needed, unless a newer keystroke replaced it meanwhile. */
  async #persist(key: string, value: unknown, savedAt: number): Promise<void> {
    if (isEmpty(value)) await this.#store.del(key);
    else await this.#store.set(key, { value, savedAt } satisfies DraftEntry<unknown>);
    if (this.#readSync(key)?.savedAt === savedAt) this.#dropSync(key);
  }

  get #syncPrefix(): string {
    return `${this.#store.name}:`;
  }

  #writeSync(key: string, value: unknown, savedAt: number): void {
    try {
      this.#sync?.setItem(this.#syncPrefix + key, JSON.stringify({ value, savedAt }));
    } catch {
      // Full or blocked: IndexedDB still gets it after the pause.
    }
  }

  /** `value: null` records an emptied draft, so an older IndexedDB copy does not come back. */
  #readSync<T>(key: string): { value: T | null; savedAt: number } | null {
    try {
      const raw = this.#sync?.getItem(this.#syncPrefix + key);
      const parsed = raw ? (JSON.parse(raw) as { value: T | null; savedAt: number }) : null;
      return parsed && typeof parsed.savedAt === 'number' ? parsed : null;
    } catch {
      return null;
    }
  }

  #dropSync(key: string): void {
    try {
      this.#sync?.removeItem(this.#syncPrefix + key);
    } catch {
      // Blocked: nothing was written there.
    }
  }

  /** Writes run one after another so a later keystroke never loses to an earlier one. */
  #queue(op: () => Promise<unknown>): Promise<unknown> {
    this.#writes = this.#writes.then(op).catch((error) => console.warn('[Portico] draft not saved', error));
    return this.#writes;
  }
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** The DraftStore key of the files attached to the draft under `draftKey` (kept beside it: they need IndexedDB). */
export function draftFilesKey(draftKey: string): string {
  return `${draftKey}:files`;
}

/** One DraftStore per backend for the whole page (elements share it). */
export const getDraftStore: (backendUrl: string) => DraftStore = perPage(
  (backendUrl) => backendUrl,
  (backendUrl) => new DraftStore(backendUrl),
);
