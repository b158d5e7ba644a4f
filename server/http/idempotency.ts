import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  claimIdempotencyKey,
  dropIdempotencyKey,
  findIdempotencyRecord,
  restartIdempotencyKey,
  saveIdempotentAnswer,
  storeIdempotentAnswer,
} from '../store/idempotency.js';
import { fieldIssue, problem } from './problem.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;
/** A first request that has not answered within this is taken as lost (routes without `writeOnce`). */
const ABANDONED_SECONDS = 60;

/** The Idempotency-Key of a request. `atomic`: the route answers through writeOnce. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  hash: string;
  atomic: boolean;
}

const stillRunning = () =>
  problem.conflict('A request with this Idempotency-Key is still running.', 'in-progress', { 'retry-after': '1' });
const reused = () => problem.conflict('This Idempotency-Key was used for a different request.', 'key-reused');

/**
 * `Idempotency-Key` on every write: the same key from the same customer
 * within 24 h answers with the first response (status and body) and runs
 * nothing again; while the first still runs, 409 `in-progress` with
 * Retry-After. Only successful answers are kept, so a failed write can be
 * retried with its key. Sign-in routes are left out: a replay there would
 * hand out a session without the cookie that goes with it.
 *
 * Routes that create something (`config.writeOnce`) answer through
 * {@link writeOnce}: the key's record and the write commit in one
 * transaction, so after a crash at any point a retry finds either nothing
 * (and writes) or the first answer. Other routes keep a record that is
 * claimed before the handler and completed after it.
 */
export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (key === undefined || !UNSAFE.has(req.method) || req.routeOptions.config.signIn) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw problem.badRequest('Idempotency-Key must be 1–255 visible ASCII characters.', [
        fieldIssue('Idempotency-Key', 'invalid'),
      ]);
    }
    const { db } = app;
    const scope = req.principal ? `c:${req.principal.customer.id}` : 'anonymous';
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${req.body === undefined ? '' : JSON.stringify(req.body)}`)
      .digest('hex');
    if (req.routeOptions.config.writeOnce) {
      req.idempotency = { scope, key, hash, atomic: true };
      const prior = await findIdempotencyRecord(db, scope, key);
      // A record still "running" here is a claim of a gateway version before writeOnce: writeOnce replaces it.
      if (prior?.status != null) return replay(reply, prior, hash);
      return;
    }
    if (await claimIdempotencyKey(db, scope, key, hash, ABANDONED_SECONDS)) {
      req.idempotency = { scope, key, hash, atomic: false };
      return;
    }
    const prior = await findIdempotencyRecord(db, scope, key);
    if (!prior) {
      await restartIdempotencyKey(db, scope, key, hash);
      req.idempotency = { scope, key, hash, atomic: false };
      return;
    }
    if (prior.status === null) {
      if (prior.requestHash !== hash) throw reused();
      throw stillRunning();
    }
    return replay(reply, prior, hash);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotency || req.idempotency.atomic) return payload;
    const { scope, key } = req.idempotency;
    req.idempotency = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && (typeof payload === 'string' || payload == null)) {
      await saveIdempotentAnswer(app.db, scope, key, {
        status: reply.statusCode,
        contentType: (reply.getHeader('content-type') as string | undefined) ?? null,
        body: payload ?? null,
      });
    } else {
      await dropIdempotencyKey(app.db, scope, key);
    }
    return payload;
  });
}

function replay(
  reply: FastifyReply,
  prior: { requestHash: string; status: number | null; contentType: string | null; body: string | null },
  hash: string,
): FastifyReply {
  if (prior.requestHash !== hash) throw reused();
  reply.header('idempotent-replayed', 'true');
  if (prior.contentType) reply.type(prior.contentType);
  return reply.code(prior.status ?? 200).send(prior.body ?? undefined);
}

/** Keys being written by this process (PGlite has one process; PostgreSQL adds an advisory lock). */
const running = new Set<string>();

/** A 64-bit advisory lock id for a key, as PostgreSQL's bigint. */
function lockId(scope: string, key: string): string {
  const h = createHash('sha256').update(`idempotency\n${scope}\n${key}`).digest();
  return h.readBigInt64BE(0).toString();
}

/**
 * Runs a route's write and answers `status` with what it returns (serialised
 * by the route's response schema), all in one database transaction: with an
 * Idempotency-Key, the key's record holding that very answer commits with
 * the write, and whatever the write does through the database (claiming
 * uploads, read marks, the embedded store's tickets) commits or rolls back
 * with it. Work the write defers with `db.afterCommit` (live events, removing
 * staged files) runs after the commit, before the answer leaves. Routes
 * using it say `config: { writeOnce: true }`.
 */
export async function writeOnce<T>(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  write: () => Promise<T>,
): Promise<FastifyReply> {
  const { db } = app;
  const claim = req.idempotency?.atomic ? req.idempotency : null;
  if (!claim) {
    const body = await db.transaction(write);
    return reply.code(status).send(body);
  }
  const { scope, key, hash } = claim;
  const mine = `${scope}\n${key}`;
  if (running.has(mine)) throw stillRunning();
  running.add(mine);
  try {
    const answer = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') {
        const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [
          lockId(scope, key),
        ]);
        if (!lock?.ok) throw stillRunning();
      }
      // Looked up again under the lock: the first request may have committed since the preHandler looked.
      const prior = await findIdempotencyRecord(tx, scope, key);
      if (prior?.status != null) return { replayed: true, ...prior };
      const value = await write();
      reply.code(status);
      const body = reply.serialize(value) as string;
      const contentType = 'application/json; charset=utf-8';
      await storeIdempotentAnswer(tx, scope, key, hash, { status, contentType, body });
      return { replayed: false, requestHash: hash, status, contentType, body };
    });
    if (answer.replayed) return replay(reply, answer, hash);
    return reply
      .code(answer.status ?? status)
      .type(answer.contentType ?? 'application/json; charset=utf-8')
      .send(answer.body);
  } finally {
    running.delete(mine);
  }
}
