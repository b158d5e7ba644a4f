import type { FastifyInstance } from 'fastify';
import type { ServerEvent } from '../../src/protocol/index.js';
import { signedIn } from '../auth/request-auth.js';
import type { StoredTicket } from '../connectors/connector.js';
import type { StoredEvent } from '../events/event-bus.js';
import { problem } from '../http/problem.js';
import { readTimes } from '../store/ticket-reads.js';
import { presentTicket } from '../tickets/presenter.js';
import { seesOrganization } from '../tickets/visibility.js';
import { presentMessage } from './tickets.js';

const HEARTBEAT_MS = 25_000;

/** GET /events: this session's live events as text/event-stream, resumable with Last-Event-ID. */
export async function eventRoutes(app: FastifyInstance): Promise<void> {
  const { events, settings, db, sessions } = app;
  const open = new Set<() => void>();
  // End live streams before the server waits for its connections to finish.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get('/events', { config: { tokenInQuery: true } }, async (req, reply) => {
    const principal = signedIn(req);
    const { customer } = principal;
    const { portal } = await settings.get();
    const rawLast = req.headers['last-event-id'] ?? (req.query as Record<string, unknown>).lastEventId;
    let lastId = 0;
    if (rawLast !== undefined && rawLast !== '') {
      if (typeof rawLast !== 'string' || !/^\d{1,15}$/.test(rawLast)) {
        throw problem.badField('Last-Event-ID', 'invalid');
      }
      lastId = Number(rawLast);
    }
    const orgId = seesOrganization(customer, portal) ? customer.organizationId : null;
    const mine = (e: StoredEvent) =>
      e.requesterEmail === customer.email || (orgId !== null && e.organizationId === orgId);

    const present = async (e: StoredEvent): Promise<ServerEvent> => {
      if (e.event.type === 'ticket.updated') {
        const t = e.event.ticket as unknown as StoredTicket;
        const reads = await readTimes(db, customer.id, [t.id]);
        return { type: 'ticket.updated', ticket: presentTicket(t, customer, portal, reads.get(t.id), false) };
      }
      if (e.event.type === 'message.created') return { ...e.event, message: presentMessage(e.event.message, portal) };
      return e.event;
    };

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');

    // Subscribe before replaying, then drop duplicates by id, so nothing falls in the gap.
    let sent = lastId;
    let chain = Promise.resolve();
    const send = (e: StoredEvent) => {
      chain = chain
        .then(async () => {
          if (e.id <= sent || res.destroyed) return;
          sent = e.id;
          const data = JSON.stringify(await present(e));
          res.write(`id: ${e.id}\nevent: ${e.event.type}\ndata: ${data}\n\n`);
        })
        .catch(() => undefined);
    };
    const unsubscribe = events.subscribe((e) => mine(e) && send(e));
    if (lastId > 0) for (const e of await events.since(lastId, customer.email, orgId)) send(e);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    // Sign-out, a password change or a reset ends the stream at once.
    const unwatch = sessions.watch(principal, () => end());
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
      open.delete(end);
    };
    const end = () => {
      stop();
      res.end();
    };
    open.add(end);
    req.raw.on('close', stop);
  });
}
