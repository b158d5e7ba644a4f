import { randomBytes, randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../src/protocol/index.js';
import { hashToken } from '../auth/sessions.js';
import type { Queryable } from '../db/database.js';
import { Conflict } from '../errors.js';

/** A site owner changes everything; an agent works tickets and chats only. */
export type AdminRole = 'owner' | 'agent';

export interface AdminAccount {
  id: string;
  email: string;
  name: string;
  role: AdminRole;
  createdAt: string;
}

export interface AdminAccountRecord extends AdminAccount {
  passwordHash: string;
}

export interface AdminSession {
  sessionId: string;
  csrfToken: string;
  account: AdminAccount;
  expiresAt: Date;
}

type Row = { id: string; email: string; name: string; role: AdminRole; password_hash: string; created_at: Date };

const toAccount = (r: Row): AdminAccountRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  createdAt: new Date(r.created_at).toISOString(),
  passwordHash: r.password_hash,
});

/** What leaves the store for a caller: never the hash. */
export const publicAccount = ({ id, email, name, role, createdAt }: AdminAccount): AdminAccount => ({
  id,
  email,
  name,
  role,
  createdAt,
});

export async function countAdminAccounts(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_accounts');
  return rows[0]?.n ?? 0;
}

export async function listAdminAccounts(db: Queryable): Promise<AdminAccount[]> {
  const rows = await db.query<Row>('SELECT * FROM admin_accounts ORDER BY created_at, email');
  return rows.map((r) => publicAccount(toAccount(r)));
}

export async function findAdminByEmail(db: Queryable, email: string): Promise<AdminAccountRecord | null> {
  const rows = await db.query<Row>('SELECT * FROM admin_accounts WHERE email = $1', [normalizeEmail(email)]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function createAdminAccount(
  db: Queryable,
  input: { email: string; name: string; role: AdminRole; passwordHash: string },
): Promise<AdminAccount> {
  const email = normalizeEmail(input.email);
  const rows = await db.query<Row>(
    `INSERT INTO admin_accounts (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING *`,
    [randomUUID(), email, input.name, input.role, input.passwordHash],
  );
  if (!rows[0]) throw new Conflict('An admin account with this e-mail address exists.');
  return publicAccount(toAccount(rows[0]));
}

/** Console sessions: the cookie's token is kept as a hash, with idle and absolute expiry. */
export async function createAdminSession(
  db: Queryable,
  accountId: string,
  maxHours: number,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const rows = await db.query<{ expires_at: Date }>(
    `INSERT INTO admin_sessions (id, account_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, now() + $4::float8 * interval '1 hour') RETURNING expires_at`,
    [hashToken(token), accountId, csrfToken, maxHours],
  );
  return { token, csrfToken, expiresAt: new Date(rows[0]!.expires_at) };
}

export async function resolveAdminSession(
  db: Queryable,
  token: string,
  idleMinutes: number,
): Promise<AdminSession | null> {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const rows = await db.query<Row & { csrf_token: string; expires_at: Date }>(
    `UPDATE admin_sessions s SET last_seen_at = now() FROM admin_accounts a
     WHERE s.id = $1 AND a.id = s.account_id AND s.expires_at > now()
       AND s.last_seen_at > now() - $2::float8 * interval '1 minute'
     RETURNING a.*, s.csrf_token, s.expires_at`,
    [id, idleMinutes],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    sessionId: id,
    csrfToken: r.csrf_token,
    account: publicAccount(toAccount(r)),
    expiresAt: new Date(r.expires_at),
  };
}

export async function deleteAdminSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE id = $1', [sessionId]);
}

export async function purgeAdminSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE expires_at < now()');
}

// ---------------------------------------------------------------- audit log

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  role: AdminRole;
  action: string;
  target: string | null;
  status: number;
  ip: string | null;
}

export async function recordAudit(db: Queryable, entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
  await db.query(
    `INSERT INTO admin_audit_log (actor, role, action, target, status, ip) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actor.slice(0, 320),
      entry.role,
      entry.action.slice(0, 300),
      entry.target?.slice(0, 200) ?? null,
      entry.status,
      entry.ip,
    ],
  );
}

/** Newest first. */
export async function readAudit(db: Queryable, opts: { actor?: string; limit: number }): Promise<AuditEntry[]> {
  const rows = await db.query<AuditEntry & { at: Date; id: string | number }>(
    `SELECT id, at, actor, role, action, target, status, ip FROM admin_audit_log
     WHERE ($1::text IS NULL OR actor = $1) ORDER BY at DESC, id DESC LIMIT $2`,
    [opts.actor ? opts.actor.toLowerCase() : null, opts.limit],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() }));
}
