import type { Queryable } from '../db/database.js';

/**
 * Records an SSO token as used; false when it was used before (a replay).
 * Keys are kept until the token could no longer be accepted anyway.
 */
export async function claimSsoToken(db: Queryable, key: string, rememberUntil: number): Promise<boolean> {
  await db.query('DELETE FROM sso_tokens_seen WHERE expires_at < now()');
  const rows = await db.query<{ key: string }>(
    `INSERT INTO sso_tokens_seen (key, expires_at) VALUES ($1, to_timestamp($2))
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, rememberUntil],
  );
  return rows.length > 0;
}
