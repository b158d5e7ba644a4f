import { randomBytes } from 'node:crypto';
import { normalizeEmail } from '../../src/protocol/index.js';
import { hashToken } from '../auth/sessions.js';
import type { Queryable } from '../db/database.js';

/** A self-registration waiting for its mailed verification link. */
export interface PendingRegistration {
  email: string;
  name: string;
  locale: string | null;
  passwordHash: string;
}

/**
 * Registrations are kept apart from customers until the address is verified:
 * nobody gets a customer record, an organisation or anyone's tickets by
 * registering an address they cannot read mail for.
 */
export async function addRegistration(db: Queryable, r: PendingRegistration, validMinutes: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO registrations (id, email, name, locale, password_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [hashToken(token), normalizeEmail(r.email), r.name, r.locale, r.passwordHash, validMinutes],
  );
  return token;
}

/** Uses a verification token once; every other pending registration of that address is dropped. */
export async function redeemRegistration(db: Queryable, token: string): Promise<PendingRegistration | null> {
  if (!token || token.length > 200) return null;
  const rows = await db.query<{ email: string; name: string; locale: string | null; password_hash: string }>(
    `UPDATE registrations SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()
     RETURNING email, name, locale, password_hash`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  await dropRegistrations(db, r.email);
  return { email: r.email, name: r.name, locale: r.locale, passwordHash: r.password_hash };
}

/** Voids pending registrations of an address (verified, signed in by SSO, or reset). */
export async function dropRegistrations(db: Queryable, email: string): Promise<void> {
  await db.query(`UPDATE registrations SET used_at = now() WHERE email = $1 AND used_at IS NULL`, [
    normalizeEmail(email),
  ]);
}

export async function purgeRegistrations(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM registrations WHERE expires_at < now() - interval '1 day'`);
}
