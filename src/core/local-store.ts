import { clear, createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

/**
 * Key-value storage for the list cache, drafts and the outbox: IndexedDB
 * through idb-keyval, in databases named `portico:<hash of backend URL>:<purpose>`
 * so that Portico never opens or touches the host page's own databases (and
 * never idb-keyval's default `keyval-store`). IndexedDB is per origin already,
 * so the namespace is per site and backend.
 *
 * Where IndexedDB is missing or refuses (private modes, blocked storage) the
 * store falls back to memory for the life of the page instead of throwing.
 */

export type StorePurpose = 'lists' | 'drafts' | 'outbox';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  entries<T>(): Promise<Array<[string, T]>>;
  clear(): Promise<void>;
  /** The database name (for diagnostics and tests). */
  readonly name: string;
  /** False once the store has fallen back to memory. */
  readonly persistent: boolean;
}

/** FNV-1a, 32 bit, base 36: short and stable; not a security boundary. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** `portico:<hash>`: the namespace for one backend URL. */
export function storeNamespace(backendUrl: string): string {
  return `portico:${shortHash(backendUrl.replace(/\/+$/, ''))}`;
}

export function databaseName(backendUrl: string, purpose: StorePurpose): string {
  return `${storeNamespace(backendUrl)}:${purpose}`;
}

const OBJECT_STORE = 'kv';

// One fallback map per database, so two instances in a page agree with each other.
const memory = new Map<string, Map<string, unknown>>();

class LocalStore implements KeyValueStore {
  readonly name: string;
  #idb: UseStore | null = null;
  #mem: Map<string, unknown> | null = null;

  constructor(name: string) {
    this.name = name;
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('no IndexedDB');
      this.#idb = createStore(name, OBJECT_STORE);
    } catch {
      this.#fallBack();
    }
  }

  get persistent(): boolean {
    return this.#idb !== null;
  }

  #fallBack(): Map<string, unknown> {
    this.#idb = null;
    if (!this.#mem) {
      this.#mem = memory.get(this.name) ?? new Map();
      memory.set(this.name, this.#mem);
    }
    return this.#mem;
  }

  async #run<T>(withIdb: (s: UseStore) => Promise<T>, withMemory: (m: Map<string, unknown>) => T): Promise<T> {
    if (this.#idb) {
      try {
        return await withIdb(this.#idb);
      } catch (error) {
        // A quota error is about this value, not about IndexedDB as a whole.
        if (error instanceof DOMException && error.name === 'QuotaExceededError') throw error;
        console.warn(`[Portico] IndexedDB unavailable for ${this.name}; keeping data in memory`, error);
      }
    }
    return withMemory(this.#fallBack());
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.#run(
      (s) => get<T>(key, s),
      (m) => structuredClone(m.get(key)) as T | undefined,
    );
  }

  set(key: string, value: unknown): Promise<void> {
    return this.#run(
      (s) => set(key, value, s),
      (m) => void m.set(key, structuredClone(value)),
    );
  }

  del(key: string): Promise<void> {
    return this.#run(
      (s) => del(key, s),
      (m) => void m.delete(key),
    );
  }

  entries<T>(): Promise<Array<[string, T]>> {
    return this.#run(
      (s) => entries<string, T>(s),
      (m) => [...m.entries()].map(([k, v]) => [k, structuredClone(v) as T] as [string, T]),
    );
  }

  clear(): Promise<void> {
    return this.#run(
      (s) => clear(s),
      (m) => m.clear(),
    );
  }
}

export function openLocalStore(backendUrl: string, purpose: StorePurpose): KeyValueStore {
  return new LocalStore(databaseName(backendUrl, purpose));
}
