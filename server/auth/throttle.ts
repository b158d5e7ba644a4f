import type { LockoutOptions } from '../config.js';
import type { Queryable } from '../db/database.js';

export const DEFAULT_LOCKOUT: LockoutOptions = {
  freeFailures: 3,
  freeFailuresPerIp: 20,
  baseDelaySeconds: 1,
  maxDelaySeconds: 60,
  maxDelaySecondsPerIp: 300,
  windowMinutes: 15,
  mailCooldownSeconds: 60,
  mailsPerHour: 5,
};

const accountKey = (email: string) => `acct:${email.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Slows down guessing without locking anyone out. Each failed sign-in (wrong
 * password, wrong current password) makes the account — the e-mail address,
 * known or not, so nothing is revealed — and the client's IP address wait a
 * little longer before the next try: nothing for the first few, then 1 s,
 * 2 s, 4 s… up to a minute per account. Tries made while waiting are refused
 * without being counted, so an attacker cannot push the wait further, and the
 * wait told (`Retry-After`) is the true one. Mailed links (reset, magic link)
 * stay the way out: they are throttled on their own, per address, by a
 * cooldown and a cap per hour.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Queryable,
    readonly opts: LockoutOptions,
  ) {}

  /** Seconds until this account and this client may try again, or 0. */
  async waitFor(email: string | null, ip: string): Promise<number> {
    const keys = email ? [accountKey(email), ipKey(ip)] : [ipKey(ip)];
    const rows = await this.db.query<{ s: number | null }>(
      `SELECT max(EXTRACT(EPOCH FROM (blocked_until - now())))::float8 AS s FROM auth_throttle
       WHERE key = ANY($1::text[]) AND blocked_until > now()`,
      [keys],
    );
    const s = rows[0]?.s ?? 0;
    return s > 0 ? s : 0;
  }

  /** Counts a failure for the account (when given) and the client; returns the wait it imposes. */
  async fail(email: string | null, ip: string): Promise<number> {
    const o = this.opts;
    let wait = 0;
    const targets: Array<[string, number, number]> = [[ipKey(ip), o.freeFailuresPerIp, o.maxDelaySecondsPerIp]];
    if (email) targets.unshift([accountKey(email), o.freeFailures, o.maxDelaySeconds]);
    for (const [key, free, max] of targets) {
      const rows = await this.db.query<{ failures: number }>(
        `INSERT INTO auth_throttle AS t (key, failures, last_failure_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.last_failure_at < now() - $2::float8 * interval '1 minute' THEN 1 ELSE t.failures + 1 END,
           last_failure_at = now()
         RETURNING failures`,
        [key, o.windowMinutes],
      );
      const failures = rows[0]?.failures ?? 1;
      if (failures <= free) continue;
      const delay = Math.min(o.baseDelaySeconds * 2 ** (failures - free - 1), max);
      await this.db.query(
        `UPDATE auth_throttle SET blocked_until = now() + $2::float8 * interval '1 second' WHERE key = $1`,
        [key, delay],
      );
      wait = Math.max(wait, delay);
    }
    return wait;
  }

  /** A successful sign-in or reset forgets the account's failures (the client's stay). */
  async clear(email: string): Promise<void> {
    await this.db.query('DELETE FROM auth_throttle WHERE key = $1', [accountKey(email)]);
  }

  /**
   * Claims one mailed link for an address (known or not, the same way): 0 when
   * it may be sent, else the seconds until the next one may be.
   */
  async claimMail(email: string): Promise<number> {
    const o = this.opts;
    const address = email.toLowerCase();
    await this.db.query(`DELETE FROM mail_requests WHERE email = $1 AND requested_at < now() - interval '1 hour'`, [
      address,
    ]);
    const rows = await this.db.query<{ n: number; cooldown: number | null; cap: number | null }>(
      `SELECT count(*)::int AS n,
         EXTRACT(EPOCH FROM (max(requested_at) + $2::float8 * interval '1 second' - now()))::float8 AS cooldown,
         EXTRACT(EPOCH FROM (min(requested_at) + interval '1 hour' - now()))::float8 AS cap
       FROM mail_requests WHERE email = $1`,
      [address, o.mailCooldownSeconds],
    );
    const r = rows[0];
    const wait = Math.max(r && r.n > 0 ? (r.cooldown ?? 0) : 0, r && r.n >= o.mailsPerHour ? (r.cap ?? 0) : 0);
    if (wait > 0) return wait;
    await this.db.query('INSERT INTO mail_requests (email) VALUES ($1)', [address]);
    return 0;
  }

  async purge(): Promise<void> {
    await this.db.query(
      `DELETE FROM auth_throttle WHERE last_failure_at < now() - $1::float8 * interval '1 minute'
         AND (blocked_until IS NULL OR blocked_until < now())`,
      [this.opts.windowMinutes],
    );
    await this.db.query(`DELETE FROM mail_requests WHERE requested_at < now() - interval '1 hour'`);
  }
}
