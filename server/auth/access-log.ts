import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.js';

export type AccessEvent = 'sign-in' | 'sign-in-failed' | 'sign-out' | 'locked-out' | 'password-reset' | 'registered';
export type AccessMethod = 'password' | 'magic-link' | 'sso' | 'register' | 'reset' | 'session';

export interface AccessLogEntry {
  id: number;
  at: string;
  event: AccessEvent;
  method: AccessMethod;
  email: string | null;
  customerId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
}

/** TVox's access report: every sign-in and every failure, readable by an admin. */
export async function logAccess(
  db: Queryable,
  req: FastifyRequest,
  entry: {
    event: AccessEvent;
    method: AccessMethod;
    email?: string | null;
    customerId?: string | null;
    detail?: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO access_log (event, method, email, customer_id, ip, user_agent, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.event,
      entry.method,
      entry.email?.slice(0, 320).toLowerCase() ?? null,
      entry.customerId ?? null,
      req.ip,
      (req.headers['user-agent'] ?? '').slice(0, 300) || null,
      entry.detail ?? null,
    ],
  );
}

export async function readAccessLog(
  db: Queryable,
  opts: { email?: string; limit?: number; before?: number },
): Promise<AccessLogEntry[]> {
  const rows = await db.query<{
    id: number;
    at: Date;
    event: AccessEvent;
    method: AccessMethod;
    email: string | null;
    customer_id: string | null;
    ip: string | null;
    user_agent: string | null;
    detail: string | null;
  }>(
    `SELECT id::int AS id, at, event, method, email, customer_id, ip, user_agent, detail FROM access_log
     WHERE ($1::text IS NULL OR email = $1) AND ($2::bigint IS NULL OR id < $2)
     ORDER BY id DESC LIMIT $3`,
    [opts.email?.toLowerCase() ?? null, opts.before ?? null, Math.min(Math.max(opts.limit ?? 100, 1), 1000)],
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    event: r.event,
    method: r.method,
    email: r.email,
    customerId: r.customer_id,
    ip: r.ip,
    userAgent: r.user_agent,
    detail: r.detail,
  }));
}
