import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.js';
import type { AccessEvent } from '../../src/protocol/index.js';

export type { AccessEvent };

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

/** Filters of the access log: who (address), what (event), where from (IP), when (`since` ≤ at < `until`). */
export interface AccessLogFilter {
  email?: string;
  event?: AccessEvent;
  ip?: string;
  since?: Date;
  until?: Date;
  /** Entries older than this id (the page after). */
  before?: number;
  limit?: number;
}

export async function readAccessLog(db: Queryable, opts: AccessLogFilter): Promise<AccessLogEntry[]> {
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
       AND ($4::text IS NULL OR event = $4) AND ($5::text IS NULL OR ip = $5)
       AND ($6::timestamptz IS NULL OR at >= $6) AND ($7::timestamptz IS NULL OR at < $7)
     ORDER BY id DESC LIMIT $3`,
    [
      opts.email?.toLowerCase() ?? null,
      opts.before ?? null,
      Math.min(Math.max(opts.limit ?? 100, 1), 1000),
      opts.event ?? null,
      opts.ip ?? null,
      opts.since?.toISOString() ?? null,
      opts.until?.toISOString() ?? null,
    ],
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

const CSV_COLUMNS = ['at', 'event', 'method', 'email', 'ip', 'userAgent', 'detail'] as const;

/**
 * The entries as CSV for a spreadsheet: a header row, CRLF lines, every cell
 * quoted; a cell that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR) gets a leading apostrophe, since addresses and user agents come from
 * whoever tried to sign in.
 */
export function accessLogCsv(entries: readonly AccessLogEntry[]): string {
  const cell = (v: string | number | null) => {
    let text = v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replaceAll('"', '""')}"`;
  };
  const lines = [CSV_COLUMNS.join(','), ...entries.map((e) => CSV_COLUMNS.map((c) => cell(e[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
