import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  claimIdempotencyKey,
  dropIdempotencyKey,
  findIdempotencyRecord,
  restartIdempotencyKey,
  saveIdempotentAnswer,
} from '../store/idempotency.js';
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
    const { db } = app;
    const scope = req.principal ? `c:${req.principal.customer.id}` : 'anonymous';
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${req.body === undefined ? '' : JSON.stringify(req.body)}`)
      .digest('hex');
    if (await claimIdempotencyKey(db, scope, key, hash, ABANDONED_SECONDS)) {
      req.idempotency = { scope, key };
      return;
    }
    const prior = await findIdempotencyRecord(db, scope, key);
    if (!prior) {
      await restartIdempotencyKey(db, scope, key, hash);
      req.idempotency = { scope, key };
      return;
    }
    if (prior.requestHash !== hash)
      throw problem.conflict('This Idempotency-Key was used for a different request.', 'key-reused');
    if (prior.status === null)
      throw problem.conflict('A request with this Idempotency-Key is still running.', 'in-progress', {
        'retry-after': '1',
      });
    reply.header('idempotent-replayed', 'true');
    if (prior.contentType) reply.type(prior.contentType);
    return reply.code(prior.status).send(prior.body ?? undefined);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotency) return payload;
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
