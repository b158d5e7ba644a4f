import type { Queryable } from '../db/database.js';

/** The answer kept for an Idempotency-Key (status null: the first request is still running). */
export interface IdempotencyRecord {
  requestHash: string;
  status: number | null;
  contentType: string | null;
  body: string | null;
}

/**
 * Claims the key for a request: true when this request is the first (or the
 * first one was abandoned `abandonedSeconds` ago and this one takes over).
 */
export async function claimIdempotencyKey(
  db: Queryable,
  scope: string,
  key: string,
  requestHash: string,
  abandonedSeconds: number,
): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO idempotency_records (scope, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
       WHERE idempotency_records.status IS NULL
         AND idempotency_records.created_at < now() - make_interval(secs => $4)
     RETURNING key`,
    [scope, key, requestHash, abandonedSeconds],
  );
  return inserted.length > 0;
}

/** The record of the last 24 hours for this key, if any. */
export async function findIdempotencyRecord(
  db: Queryable,
  scope: string,
  key: string,
): Promise<IdempotencyRecord | null> {
  const rows = await db.query<{
    request_hash: string;
    status: number | null;
    content_type: string | null;
    body: string | null;
  }>(
    `SELECT request_hash, status, content_type, body FROM idempotency_records
     WHERE scope = $1 AND key = $2 AND created_at > now() - interval '24 hours'`,
    [scope, key],
  );
  const r = rows[0];
  return r ? { requestHash: r.request_hash, status: r.status, contentType: r.content_type, body: r.body } : null;
}

/** An expired record: start over with this request. */
export async function restartIdempotencyKey(
  db: Queryable,
  scope: string,
  key: string,
  requestHash: string,
): Promise<void> {
  await db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
  await db.query(
    'INSERT INTO idempotency_records (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [scope, key, requestHash],
  );
}

export async function saveIdempotentAnswer(
  db: Queryable,
  scope: string,
  key: string,
  answer: { status: number; contentType: string | null; body: string | null },
): Promise<void> {
  await db.query(
    'UPDATE idempotency_records SET status = $3, content_type = $4, body = $5 WHERE scope = $1 AND key = $2',
    [scope, key, answer.status, answer.contentType, answer.body],
  );
}

/**
 * The answer of a request written in one transaction with it (writeOnce):
 * complete from the start, replacing an expired record or an old claim.
 */
export async function storeIdempotentAnswer(
  db: Queryable,
  scope: string,
  key: string,
  requestHash: string,
  answer: { status: number; contentType: string | null; body: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_records (scope, key, request_hash, status, content_type, body)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status,
       content_type = EXCLUDED.content_type, body = EXCLUDED.body, created_at = now()`,
    [scope, key, requestHash, answer.status, answer.contentType, answer.body],
  );
}

/** A failed request keeps nothing, so it can be retried with its key. */
export async function dropIdempotencyKey(db: Queryable, scope: string, key: string): Promise<void> {
  await db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
}

export async function purgeIdempotency(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM idempotency_records WHERE created_at < now() - interval '24 hours'`);
}
