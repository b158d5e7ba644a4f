import type { LockoutOptions } from '../config.js';
import type { Queryable } from '../db/database.js';

export const DEFAULT_LOCKOUT: LockoutOptions = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };

/**
 * Lockout after repeated failed sign-ins, per e-mail address whether or not an
 * account exists (so a lockout does not reveal which addresses have one).
 */
export class SignInThrottle {
  constructor(
    private readonly db: Queryable,
    private readonly opts: LockoutOptions,
  ) {}

  /** Seconds until the address may try again, or 0. */
  async lockedFor(email: string): Promise<number> {
    const rows = await this.db.query<{ s: number | null }>(
      `SELECT EXTRACT(EPOCH FROM (locked_until - now()))::float8 AS s FROM sign_in_throttle WHERE email = $1`,
      [email],
    );
    const s = rows[0]?.s ?? 0;
    return s > 0 ? s : 0;
  }

  /** Counts a failure; returns true when this one locked the address. */
  async fail(email: string): Promise<boolean> {
    const rows = await this.db.query<{ failures: number; locked: boolean }>(
      `INSERT INTO sign_in_throttle AS t (email, failures, first_failure_at) VALUES ($1, 1, now())
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE WHEN t.first_failure_at < now() - $2::float8 * interval '1 minute' THEN 1 ELSE t.failures + 1 END,
         first_failure_at = CASE WHEN t.first_failure_at < now() - $2::float8 * interval '1 minute' THEN now() ELSE t.first_failure_at END
       RETURNING failures, false AS locked`,
      [email, this.opts.windowMinutes],
    );
    if ((rows[0]?.failures ?? 0) >= this.opts.maxFailures) {
      await this.db.query(
        `UPDATE sign_in_throttle SET locked_until = now() + $2::float8 * interval '1 minute', failures = 0 WHERE email = $1`,
        [email, this.opts.lockMinutes],
      );
      return true;
    }
    return false;
  }

  async clear(email: string): Promise<void> {
    await this.db.query('DELETE FROM sign_in_throttle WHERE email = $1', [email]);
  }
}
