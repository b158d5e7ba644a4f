import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { hashToken } from './sessions.js';

export type AuthTokenKind = 'magic' | 'reset';

/** Single-use tokens for magic links, password resets and portal invitations, stored hashed. */
export async function issueAuthToken(
  db: Queryable,
  kind: AuthTokenKind,
  customerId: string,
  validMinutes: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO auth_tokens (id, kind, customer_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [hashToken(token), kind, customerId, validMinutes],
  );
  return token;
}

/** Marks the token used and returns its customer, or null when unknown, used or expired. */
export async function redeemAuthToken(db: Queryable, kind: AuthTokenKind, token: string): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const rows = await db.query<{ customer_id: string }>(
    `UPDATE auth_tokens SET used_at = now()
     WHERE id = $1 AND kind = $2 AND used_at IS NULL AND expires_at > now() RETURNING customer_id`,
    [hashToken(token), kind],
  );
  return rows[0]?.customer_id ?? null;
}

/** Voids every outstanding link of a customer (after a password change or reset). */
export async function revokeAuthTokens(db: Queryable, customerId: string): Promise<void> {
  await db.query(`UPDATE auth_tokens SET used_at = now() WHERE customer_id = $1 AND used_at IS NULL`, [customerId]);
}

/** Expired tokens go (housekeeping). */
export async function purgeExpiredAuthTokens(db: Queryable): Promise<void> {
  await db.query('DELETE FROM auth_tokens WHERE expires_at < now()');
}
