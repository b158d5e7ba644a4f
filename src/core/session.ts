import type { HelpdeskBackend } from './backend.js';
import type { Session } from '../protocol/index.js';
import { isUnauthorized } from './errors.js';

/**
 * Who is signed in, shared by every element of one backend. `undefined` means
 * not yet known, `null` signed out. Elements listen for `change`.
 */
export class SessionStore extends EventTarget {
  #session: Session | null | undefined = undefined;
  #loading: Promise<Session | null> | null = null;

  constructor(private readonly backend: HelpdeskBackend) {
    super();
  }

  get session(): Session | null | undefined {
    return this.#session;
  }

  get signedIn(): boolean {
    return !!this.#session;
  }

  /**
   * Loads the session once; later calls share the answer. The shared request
   * takes no caller's signal (one element going away must not fail the load
   * for the rest); a caller's signal only stops that caller's wait.
   */
  load(signal?: AbortSignal): Promise<Session | null> {
    if (this.#session !== undefined) return Promise.resolve(this.#session);
    this.#loading ??= this.backend
      .getSession()
      .catch((err) => {
        if (isUnauthorized(err)) return null;
        throw err;
      })
      .then((s) => {
        this.set(s);
        return s;
      })
      .finally(() => {
        this.#loading = null;
      });
    const shared = this.#loading;
    if (!signal) return shared;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  set(session: Session | null): void {
    this.#session = session;
    this.dispatchEvent(new Event('change'));
  }

  /** Called when any request answers 401: the session is gone. */
  expire(): void {
    if (this.#session !== null) this.set(null);
  }
}
