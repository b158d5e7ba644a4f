import type { HelpdeskBackend } from './backend.js';
import type { Session } from '../protocol/index.js';
import { isUnauthorized } from './errors.js';

export interface SessionExpiry {
  /** Set when the session timed out for inactivity: the gateway's idle timeout in minutes. */
  idleMinutes: number | null;
}

/**
 * Who is signed in, shared by every element of one backend. `undefined` means
 * not yet known, `null` signed out. Elements listen for `change`.
 */
export class SessionStore extends EventTarget {
  #session: Session | null | undefined = undefined;
  #loading: Promise<Session | null> | null = null;
  /** The gateway's idle timeout as this session showed it (expiresAt − now when it started). */
  #idleMs: number | null = null;
  #expiry: SessionExpiry | null = null;

  constructor(private readonly backend: HelpdeskBackend) {
    super();
  }

  get session(): Session | null | undefined {
    return this.#session;
  }

  get signedIn(): boolean {
    return !!this.#session;
  }

  /** Who this is, to tell a change of person: not yet known, signed out, or which user. */
  get identity(): 'unknown' | 'signed-out' | `user:${string}` {
    if (this.#session === undefined) return 'unknown';
    return this.#session ? `user:${this.#session.user.id}` : 'signed-out';
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

  /** Why the last session ended without the person signing out; null otherwise. */
  get expiry(): SessionExpiry | null {
    return this.#expiry;
  }

  set(session: Session | null): void {
    if (session && session.user.id !== this.#session?.user.id) {
      const left = Date.parse(session.expiresAt) - Date.now();
      this.#idleMs = left > 0 ? left : null;
    }
    if (session) this.#expiry = null;
    this.#session = session;
    this.dispatchEvent(new Event('change'));
  }

  /** Signs out at the gateway; on this page the person is signed out whatever it answered. */
  async signOut(): Promise<void> {
    try {
      await this.backend.signOut();
    } finally {
      this.#expiry = null;
      this.set(null);
    }
  }

  /**
   * Called when any request answers 401: the session is gone. `lastActivityAt`
   * (the last request the gateway accepted) tells an idle timeout from a
   * session ended elsewhere (sign-out on another tab, a password change).
   */
  expire(lastActivityAt?: number): void {
    if (this.#session && this.#idleMs !== null) {
      const quietMs = lastActivityAt === undefined ? 0 : Date.now() - lastActivityAt;
      // A minute of slack for clocks and the gateway's coarse last-seen updates.
      const idle = quietMs >= this.#idleMs - 60_000;
      this.#expiry = { idleMinutes: idle ? Math.max(1, Math.round(this.#idleMs / 60_000)) : null };
    } else if (this.#session) {
      this.#expiry = { idleMinutes: null };
    }
    if (this.#session !== null) this.set(null);
  }
}
