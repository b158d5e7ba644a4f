import type { FastifyInstance } from 'fastify';
import { signedIn } from '../auth/request-auth.js';
import { StreamHub } from '../events/stream-hub.js';
import { problem } from '../http/problem.js';
import { EVENT_CURSOR_HEADER } from '../../src/protocol/index.js';
import { seesOrganization } from '../tickets/visibility.js';

const HEARTBEAT_MS = 25_000;

/**
 * GET /events: this session's live events as text/event-stream. The first
 * frame carries an id, so every stream can resume with Last-Event-ID, also
 * one that never received an event; streams are bounded per session,
 * account and instance (429).
 */
export async function eventRoutes(app: FastifyInstance): Promise<void> {
  const { events, settings, db, sessions, streamLimits } = app;
  const hub = new StreamHub(events, db, streamLimits);
  app.decorate('streams', hub);
  // End live streams before the server waits for its connections to finish.
  app.addHook('preClose', async () => hub.dispose());

  app.get('/events', { config: { tokenInQuery: true } }, async (req, reply) => {
    const principal = signedIn(req);
    const { customer } = principal;
    const rawLast = req.headers['last-event-id'] ?? (req.query as Record<string, unknown>).lastEventId;
    let lastId: number | null = null;
    if (rawLast !== undefined && rawLast !== '') {
      if (typeof rawLast !== 'string' || !/^\d{1,15}$/.test(rawLast)) {
        throw problem.badField('Last-Event-ID', 'invalid');
      }
      lastId = Number(rawLast);
    }
    hub.admit(principal);
    const { portal } = await settings.get();
    const orgId = seesOrganization(customer, portal) ? customer.organizationId : null;

    reply.hijack();
    const res = reply.raw;
    const { firstId, stream } = hub.open(principal, orgId, portal, lastId, {
      write: (chunk) => {
        if (!res.destroyed) res.write(chunk);
      },
      get buffered() {
        return res.writableLength;
      },
      end: () => end(),
    });
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
      // Where this stream starts, before any frame is read: an answer with a lower cursor loads again.
      [EVENT_CURSOR_HEADER.toLowerCase()]: String(firstId),
    });
    // An id-only frame: it sets the client's last event id without being an event.
    res.write(`retry: 3000\nid: ${firstId}\n\n`);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    // Sign-out, a password change or a reset ends the stream at once.
    const unwatch = sessions.watch(principal, () => end());
    const stop = () => {
      clearInterval(heartbeat);
      stream.close();
      unwatch();
    };
    const end = () => {
      stop();
      res.end();
    };
    req.raw.on('close', stop);
  });
}
