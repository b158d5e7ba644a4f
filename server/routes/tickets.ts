import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Message, StoredPortalSettings, Ticket, TicketSummary } from '../../src/protocol/index.js';
import { checkRating, EVENT_CURSOR_HEADER, TICKET_STATUSES } from '../../src/protocol/index.js';
import { Invalid } from '../errors.js';
import { formOfTicket, ratingOf, saveRating } from '../store/ticket-extras.js';
import { signedIn } from '../auth/request-auth.js';
import type { StoredTicket } from '../connectors/connector.js';
import { writeOnce } from '../http/idempotency.js';
import { problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { idParams, limitOf, messagesQuery, schemas, scopeQuery, ticketQuery } from '../http/schemas.js';
import type { CustomerRecord } from '../store/customers.js';
import { markRead, readTimes } from '../store/ticket-reads.js';
import {
  anonymousRequester,
  holdAnonymousTicket,
  isHeld,
  releaseHeldTicket,
  summaryWithoutHeld,
  withoutHeld,
} from '../tickets/held-tickets.js';
import { presentTicket } from '../tickets/presenter.js';
import { canSee, listFilterFor, permissionsFor } from '../tickets/visibility.js';
import { isPlausibleId } from '../http/text.js';

/** Agent names are shown only where the portal says so (TOPdesk "toon behandelaar"). */
export function presentMessage(m: Message, portal: StoredPortalSettings): Message {
  if (m.author.role !== 'agent' || portal.showAgentNames) return m;
  return { ...m, author: { ...m.author, name: portal.name } };
}

export async function ticketRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { connector, db, events, settings, tickets } = app;

  // Taken before any read: every event this answer may lack has a higher id (EVENT_CURSOR_HEADER).
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET') reply.header(EVENT_CURSOR_HEADER, String(events.lastId));
  });

  /** The ticket if this customer may see it; otherwise 404, the same as a ticket that does not exist. */
  async function visibleTicket(id: string, customer: CustomerRecord): Promise<StoredTicket> {
    const { portal } = await settings.get();
    const t = isPlausibleId(id) ? await connector.getTicket(id) : null;
    if (!t || !canSee(t, customer, portal) || (await isHeld(db, t.id))) throw problem.notFound('No such ticket.');
    return t;
  }

  /** One ticket for one customer; a single read (`withPermissions`) also carries its form and rating. */
  async function present(t: StoredTicket, customer: CustomerRecord, withPermissions: boolean): Promise<Ticket> {
    const { portal } = await settings.get();
    const reads = await readTimes(db, customer.id, [t.id]);
    const ticket = presentTicket(t, customer, portal, reads.get(t.id), withPermissions);
    if (!withPermissions) return ticket;
    const [formId, rating] = await Promise.all([formOfTicket(db, t.id), ratingOf(db, t.id)]);
    return { ...ticket, formId, rating };
  }

  app.get(
    '/tickets',
    { schema: { querystring: ticketQuery, response: { 200: res.page(res.ticket) } } },
    async (req) => {
      const { customer } = signedIn(req);
      const { portal } = await settings.get();
      const scope = req.query.scope || 'mine';
      const q = {
        scope,
        status: req.query.status || 'all',
        sort: req.query.sort || '-updated',
        q: req.query.q?.trim() || undefined,
        cursor: req.query.cursor || undefined,
        limit: limitOf(req.query.limit, 25),
      };
      const filter = { ...listFilterFor(customer, scope, portal), ...q };
      if (connector.listTicketsForReader) {
        // Tickets in the gateway's own database: one query, held tickets out, read marks joined in.
        const page = await connector.listTicketsForReader(filter, customer.id);
        return {
          items: page.items.map(({ readAt, ...t }) => presentTicket(t, customer, portal, readAt ?? undefined, false)),
          nextCursor: page.nextCursor,
        };
      }
      const page = await connector.listTickets(filter);
      // Anonymous tickets wait for their address to be confirmed before anyone's list shows them.
      page.items = await withoutHeld(db, page.items);
      const reads = await readTimes(
        db,
        customer.id,
        page.items.map((t) => t.id),
      );
      return {
        items: page.items.map((t) => presentTicket(t, customer, portal, reads.get(t.id), false)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/tickets/summary',
    { schema: { querystring: scopeQuery, response: { 200: res.summary } } },
    async (req): Promise<TicketSummary> => {
      const { customer } = signedIn(req);
      const { portal } = await settings.get();
      const filter = listFilterFor(customer, req.query.scope || 'mine', portal);
      const counts = await summaryWithoutHeld(app, filter, await connector.summary(filter));
      const total = TICKET_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
      return { ...counts, total };
    },
  );

  const one = { params: idParams, response: { 200: res.ticket } };

  app.get('/tickets/:id', { schema: one }, async (req) => {
    const { customer } = signedIn(req);
    return present(await visibleTicket(req.params.id, customer), customer, true);
  });

  app.get(
    '/tickets/:id/messages',
    { schema: { params: idParams, querystring: messagesQuery, response: { 200: res.page(res.message) } } },
    async (req) => {
      const { customer } = signedIn(req);
      const t = await visibleTicket(req.params.id, customer);
      const { portal } = await settings.get();
      // The connector reads just this page from its store (keyset), never the whole thread.
      const page = await connector.pageMessages(t.id, {
        cursor: req.query.cursor || undefined,
        limit: limitOf(req.query.limit, 25),
        sort: req.query.sort || 'created',
      });
      await markRead(db, customer.id, t.id);
      return { items: page.items.map((m) => presentMessage(m, portal)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/tickets/:id/messages',
    {
      schema: { params: idParams, body: schemas.reply, response: { 201: res.message } },
      config: { writeOnce: true },
    },
    async (req, reply) =>
      writeOnce(app, req, reply, 201, async () => {
        const { customer } = signedIn(req);
        const t = await visibleTicket(req.params.id, customer);
        const { portal } = await settings.get();
        if (!permissionsFor(t, customer, portal).canReply)
          throw problem.forbidden('You may read this ticket but not answer it.', 'reply-forbidden');
        const message = await tickets.replyAsCustomer(customer, t, req.body.body, req.body.attachments ?? []);
        return presentMessage(message, portal);
      }),
  );

  app.post('/tickets/:id/close', { schema: one, config: { writeOnce: true } }, async (req, reply) =>
    writeOnce(app, req, reply, 200, async () => {
      const { customer } = signedIn(req);
      const t = await visibleTicket(req.params.id, customer);
      const { portal } = await settings.get();
      if (!permissionsFor(t, customer, portal).canClose)
        throw problem.forbidden('You may not close this ticket.', 'close-forbidden');
      return present(await tickets.setStatus(t, 'closed', customer), customer, true);
    }),
  );

  app.post('/tickets/:id/reopen', { schema: one, config: { writeOnce: true } }, async (req, reply) =>
    writeOnce(app, req, reply, 200, async () => {
      const { customer } = signedIn(req);
      const t = await visibleTicket(req.params.id, customer);
      const { portal } = await settings.get();
      if (!permissionsFor(t, customer, portal).canReopen)
        throw problem.forbidden('You may not reopen this ticket.', 'reopen-forbidden');
      return present(await tickets.setStatus(t, 'open', customer), customer, true);
    }),
  );

  // The requester's satisfaction rating of a solved ticket; a repeat replaces it (the site owner reads them at /admin/v1/ratings).
  app.post(
    '/tickets/:id/rating',
    { schema: { params: idParams, body: schemas.rating, response: { 200: res.rating } } },
    async (req) => {
      const { customer } = signedIn(req);
      const t = await visibleTicket(req.params.id, customer);
      const { portal } = await settings.get();
      if (!permissionsFor(t, customer, portal).canRate)
        throw problem.forbidden('Only the requester rates a solved ticket.', 'rate-forbidden');
      const issues = checkRating(req.body);
      if (issues.length) throw new Invalid(issues);
      const comment = req.body.comment?.trim() || null;
      return saveRating(db, t.id, customer.id, req.body.score, comment);
    },
  );

  app.post(
    '/tickets',
    // Anonymous tickets are the portal's choice (portal.anonymousTickets), checked in anonymousRequester.
    {
      schema: { body: schemas.newTicket, response: { 201: res.ticket } },
      config: { auth: 'public', writeOnce: true },
    },
    async (req, reply) =>
      writeOnce(app, req, reply, 201, async () => {
        const anonymous = !req.principal;
        const customer = req.principal?.customer ?? (await anonymousRequester(app, req.body));
        const t = await tickets.create(
          customer,
          req.body,
          anonymous ? { beforePublish: (created) => holdAnonymousTicket(app, reply, created) } : {},
        );
        return present(t, customer, true);
      }),
  );

  app.post(
    '/tickets/confirm',
    { schema: { body: schemas.verifyEmail }, config: { signIn: true, auth: 'public' } },
    async (req, reply) => {
      await releaseHeldTicket(db, req.body.token);
      return reply.code(204).send();
    },
  );
}
