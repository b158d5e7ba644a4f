import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Session } from '../../src/protocol/index.js';
import type { Database, Queryable } from '../db/database.js';
import {
  CUSTOMER_SELECT,
  customerFromRow,
  onCustomerChanged,
  toUser,
  type CustomerRecord,
} from '../store/customers.js';
import type { SettingsStore } from '../store/settings.js';

export type SessionMode = 'cookie' | 'bearer';

/** Who is making a request, resolved from the session cookie or bearer token. */
export interface Principal {
  sessionId: string;
  mode: SessionMode;
  csrfToken: string;
  customer: CustomerRecord;
  expiresAt: Date;
}

export const SESSION_COOKIE = 'portico_session';
/** Bearer mode: the same session's token, HttpOnly, sent only to POST /session/refresh (a reload gets its token back). */
export const REFRESH_COOKIE = 'portico_refresh';
/** Skip rewriting last_seen_at more often than this; idle timeouts are minutes long. */
const TOUCH_EVERY_SECONDS = 30;
/** Revocations reach the other gateway instances on one PostgreSQL server through this channel. */
const REVOKED_CHANNEL = 'portico_sessions_revoked';

type Revocation = { sessionId: string } | { customerId: string; keepSessionId: string | null };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sessions live in PostgreSQL as hashes of their tokens, with idle and
 * absolute expiry. With the embedded store (one process) a resolved session is
 * remembered for a second, which saves a query on bursts of requests; sign-out
 * clears it at once.
 */
export class SessionStore {
  readonly #cache = new Map<string, { at: number; principal: Principal }>();
  readonly #unsubscribe: () => void;
  /** Open streams (SSE) per session, ended when the session is revoked. */
  readonly #watchers = new Map<string, { customerId: string; ends: Set<() => void> }>();
  #unlisten: Promise<(() => Promise<void>) | null> | null = null;

  constructor(
    private readonly db: Queryable & Pick<Partial<Database>, 'listen'>,
    private readonly settings: SettingsStore,
    private readonly cacheMs = 0,
  ) {
    this.#unsubscribe = onCustomerChanged((customerId) => {
      for (const [id, c] of this.#cache) if (c.principal.customer.id === customerId) this.#cache.delete(id);
    });
    // Revocations in other gateway instances on the same PostgreSQL server end streams here too.
    this.#unlisten =
      this.db
        .listen?.(REVOKED_CHANNEL, (payload) => {
          try {
            this.#endWatchers(JSON.parse(payload) as Revocation);
          } catch {
            /* not ours */
          }
        })
        .catch(() => null) ?? null;
  }

  async dispose(): Promise<void> {
    this.#unsubscribe();
    this.#cache.clear();
    this.#watchers.clear();
    await this.#unlisten?.then((stop) => stop?.()).catch(() => undefined);
  }

  /**
   * Calls `onRevoked` as soon as this session is revoked — signed out, or
   * ended by a password change or reset — in this gateway instance or, on a
   * PostgreSQL server, in any other. Returns the unsubscribe function.
   */
  watch(p: Principal, onRevoked: () => void): () => void {
    let w = this.#watchers.get(p.sessionId);
    if (!w) this.#watchers.set(p.sessionId, (w = { customerId: p.customer.id, ends: new Set() }));
    const entry = w;
    entry.ends.add(onRevoked);
    return () => {
      entry.ends.delete(onRevoked);
      if (!entry.ends.size && this.#watchers.get(p.sessionId) === entry) this.#watchers.delete(p.sessionId);
    };
  }

  #endWatchers(r: Revocation): void {
    for (const [id, w] of this.#watchers) {
      const hit = 'sessionId' in r ? id === r.sessionId : w.customerId === r.customerId && id !== r.keepSessionId;
      if (!hit) continue;
      this.#watchers.delete(id);
      for (const end of w.ends) end();
    }
  }

  async #announce(r: Revocation): Promise<void> {
    this.#endWatchers(r);
    if (this.db.listen) await this.db.query('SELECT pg_notify($1, $2)', [REVOKED_CHANNEL, JSON.stringify(r)]);
  }

  async create(
    customer: CustomerRecord,
    mode: SessionMode,
    method: string,
  ): Promise<{ token: string; principal: Principal }> {
    const { server } = await this.settings.get();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const id = hashToken(token);
    const rows = await this.db.query<{ expires_at: Date }>(
      `INSERT INTO sessions (id, customer_id, mode, csrf_token, method, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + $6::float8 * interval '1 hour') RETURNING expires_at`,
      [id, customer.id, mode, csrfToken, method, server.sessionMaxHours],
    );
    const absolute = new Date(rows[0]!.expires_at);
    const idle = new Date(Date.now() + server.sessionIdleMinutes * 60_000);
    return {
      token,
      principal: { sessionId: id, mode, csrfToken, customer, expiresAt: idle < absolute ? idle : absolute },
    };
  }

  /** The live session for a token, or null when unknown, expired or idle too long. */
  async resolve(token: string, mode: SessionMode): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const id = hashToken(token);
    const cached = this.#cache.get(id);
    if (
      cached &&
      cached.principal.mode === mode &&
      Date.now() - cached.at < this.cacheMs &&
      cached.principal.expiresAt.getTime() > Date.now()
    ) {
      return cached.principal;
    }
    const { server } = await this.settings.get();
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT s.csrf_token, s.expires_at AS session_expires_at, s.last_seen_at,
         s.last_seen_at < now() - make_interval(secs => $3) AS stale, c.*
       FROM sessions s JOIN (${CUSTOMER_SELECT}) c ON c.id = s.customer_id
       WHERE s.id = $1 AND s.mode = $4 AND s.expires_at > now()
         AND s.last_seen_at > now() - $2::float8 * interval '1 minute' AND c.portal_access`,
      [id, server.sessionIdleMinutes, TOUCH_EVERY_SECONDS, mode],
    );
    if (rows[0]?.stale) {
      await this.db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
      rows[0].last_seen_at = new Date();
    }
    const r = rows[0];
    if (!r) return null;
    const absolute = new Date(r.session_expires_at as Date);
    const idle = new Date(new Date(r.last_seen_at as Date).getTime() + server.sessionIdleMinutes * 60_000);
    const principal: Principal = {
      sessionId: id,
      mode,
      csrfToken: r.csrf_token as string,
      customer: customerFromRow(r as Parameters<typeof customerFromRow>[0]),
      expiresAt: idle < absolute ? idle : absolute,
    };
    if (this.cacheMs > 0) {
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(id, { at: Date.now(), principal });
    }
    return principal;
  }

  async revoke(sessionId: string): Promise<void> {
    this.#cache.delete(sessionId);
    await this.db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
    await this.#announce({ sessionId });
  }

  /** Signs a customer out everywhere (password change or reset), optionally keeping one session. */
  async revokeAll(customerId: string, keepSessionId?: string): Promise<void> {
    for (const [id, c] of this.#cache)
      if (c.principal.customer.id === customerId && id !== keepSessionId) this.#cache.delete(id);
    await this.db.query('DELETE FROM sessions WHERE customer_id = $1 AND id <> $2', [customerId, keepSessionId ?? '']);
    await this.#announce({ customerId, keepSessionId: keepSessionId ?? null });
  }

  async purgeExpired(): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at < now()');
  }
}

export function toSession(p: Principal, token?: string): Session {
  return {
    user: toUser(p.customer),
    ...(p.mode === 'bearer' && token ? { token } : {}),
    ...(p.mode === 'cookie' ? { csrfToken: p.csrfToken } : {}),
    expiresAt: p.expiresAt.toISOString(),
  };
}
