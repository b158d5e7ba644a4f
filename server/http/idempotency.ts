import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldIssue, problem } from './problem.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;
/** A first request that has not answered within this is taken as lost. */
const ABANDONED_SECONDS = 60;

/**
 * `Idempotency-Key` on every write: the same key from the same customer
 * within 24 h answers with the first response (status and body) and runs
 * nothing again. Only successful answers are kept, so a failed write can be
 * retried with its key. Sign-in routes are left out: a replay there would
 * hand out a session without the cookie that goes with it.
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
    const { db } = app.portico;
    const scope = req.principal ? `c:${req.principal.customer.id}` : 'anonymous';
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${req.body === undefined ? '' : JSON.stringify(req.body)}`)
      .digest('hex');
    const inserted = await db.query(
      `INSERT INTO idempotency_records (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
         WHERE idempotency_records.status IS NULL
           AND idempotency_records.created_at < now() - make_interval(secs => $4)
       RETURNING key`,
      [scope, key, hash, ABANDONED_SECONDS],
    );
    if (inserted.length) {
      req.idempotency = { scope, key };
      return;
    }
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
    const prior = rows[0];
    if (!prior) {
      // An expired record: start over with this request.
      await db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
      await db.query(
        'INSERT INTO idempotency_records (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [scope, key, hash],
      );
      req.idempotency = { scope, key };
      return;
    }
    if (prior.request_hash !== hash)
      throw problem.conflict('This Idempotency-Key was used for a different request.', 'key-reused');
    if (prior.status === null)
      throw problem.conflict('A request with this Idempotency-Key is still running.', 'in-progress', {
        'retry-after': '1',
      });
    reply.header('idempotent-replayed', 'true');
    if (prior.content_type) reply.type(prior.content_type);
    return reply.code(prior.status).send(prior.body ?? undefined);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotency) return payload;
    const { scope, key } = req.idempotency;
    req.idempotency = null;
    const { db } = app.portico;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && (typeof payload === 'string' || payload == null)) {
      await db.query(
        'UPDATE idempotency_records SET status = $3, content_type = $4, body = $5 WHERE scope = $1 AND key = $2',
        [
          scope,
          key,
          reply.statusCode,
          (reply.getHeader('content-type') as string | undefined) ?? null,
          payload ?? null,
        ],
      );
    } else {
      await db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
    }
    return payload;
  });
}

export async function purgeIdempotency(app: FastifyInstance): Promise<void> {
  await app.portico.db.query(`DELETE FROM idempotency_records WHERE created_at < now() - interval '24 hours'`);
}
