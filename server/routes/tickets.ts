import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  Message,
  NewTicketRequest,
  PortalSettings,
  ReplyRequest,
  Ticket,
  TicketSummary,
} from '../../src/protocol/index.js';
import { TICKET_STATUSES } from '../../src/protocol/index.js';
import { signedIn } from '../auth/request-auth.js';
import type { StoredTicket } from '../connectors/connector.js';
import { problem } from '../http/problem.js';
import { pageParams, scopeParam, slicePage, ticketQuery } from '../http/query.js';
import { schemas } from '../http/schemas.js';
import { createCustomer, findCustomerByEmail, type CustomerRecord } from '../store/customers.js';
import { markRead, readTimes } from '../store/ticket-reads.js';
import { presentTicket } from '../tickets/presenter.js';
import { canSee, listFilterFor, permissionsFor } from '../tickets/visibility.js';
import { isPlausibleId } from '../http/text.js';

type IdParams = { Params: { id: string } };

/** Agent names are shown only where the portal says so (TOPdesk "toon behandelaar"). */
export function presentMessage(m: Message, portal: PortalSettings): Message {
  if (m.author.role !== 'agent' || portal.showAgentNames) return m;
  return { ...m, author: { ...m.author, name: portal.name } };
}

export async function ticketRoutes(app: FastifyInstance): Promise<void> {
  const { connector, db, settings, tickets } = app;

  /** The ticket if this customer may see it; otherwise 404, the same as a ticket that does not exist. */
  async function visibleTicket(req: FastifyRequest<IdParams>, customer: CustomerRecord): Promise<StoredTicket> {
    const { portal } = await settings.get();
    const id = req.params.id;
    const t = isPlausibleId(id) ? await connector.getTicket(id) : null;
    if (!t || !canSee(t, customer, portal)) throw problem.notFound('No such ticket.');
    return t;
  }

  async function present(t: StoredTicket, customer: CustomerRecord, withPermissions: boolean): Promise<Ticket> {
    const { portal } = await settings.get();
    const reads = await readTimes(db, customer.id, [t.id]);
    return presentTicket(t, customer, portal, reads.get(t.id), withPermissions);
  }

  app.get('/tickets', async (req) => {
    const { customer } = signedIn(req);
    const { portal } = await settings.get();
    const q = ticketQuery(req.query as Record<string, unknown>);
    const page = await connector.listTickets({ ...listFilterFor(customer, q.scope, portal), ...q });
    const reads = await readTimes(
      db,
      customer.id,
      page.items.map((t) => t.id),
    );
    return {
      items: page.items.map((t) => presentTicket(t, customer, portal, reads.get(t.id), false)),
      nextCursor: page.nextCursor,
    };
  });

  app.get('/tickets/summary', async (req): Promise<TicketSummary> => {
    const { customer } = signedIn(req);
    const { portal } = await settings.get();
    const counts = await connector.summary(
      listFilterFor(customer, scopeParam(req.query as Record<string, unknown>), portal),
    );
    const total = TICKET_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
    return { ...counts, total };
  });

  app.get<IdParams>('/tickets/:id', async (req) => {
    const { customer } = signedIn(req);
    return present(await visibleTicket(req, customer), customer, true);
  });

  app.get<IdParams>('/tickets/:id/messages', async (req) => {
    const { customer } = signedIn(req);
    const t = await visibleTicket(req, customer);
    const { portal } = await settings.get();
    const { cursor, limit } = pageParams(req.query as Record<string, unknown>);
    const all = await connector.listMessages(t.id);
    const page = slicePage(all, cursor, limit);
    await markRead(db, customer.id, t.id);
    return { items: page.items.map((m) => presentMessage(m, portal)), nextCursor: page.nextCursor };
  });

  app.post<IdParams & { Body: ReplyRequest }>(
    '/tickets/:id/messages',
    { schema: { body: schemas.reply } },
    async (req, reply) => {
      const { customer } = signedIn(req);
      const t = await visibleTicket(req, customer);
      const { portal } = await settings.get();
      if (!permissionsFor(t, customer, portal).canReply)
        throw problem.forbidden('You may read this ticket but not answer it.', 'reply-forbidden');
      const message = await tickets.replyAsCustomer(customer, t, req.body.body, req.body.attachments ?? []);
      return reply.code(201).send(presentMessage(message, portal));
    },
  );

  app.post<IdParams>('/tickets/:id/close', async (req) => {
    const { customer } = signedIn(req);
    const t = await visibleTicket(req, customer);
    const { portal } = await settings.get();
    if (!permissionsFor(t, customer, portal).canClose)
      throw problem.forbidden('You may not close this ticket.', 'close-forbidden');
    return present(await tickets.setStatus(t, 'closed', customer), customer, true);
  });

  app.post<IdParams>('/tickets/:id/reopen', async (req) => {
    const { customer } = signedIn(req);
    const t = await visibleTicket(req, customer);
    const { portal } = await settings.get();
    if (!permissionsFor(t, customer, portal).canReopen)
      throw problem.forbidden('You may not reopen this ticket.', 'reopen-forbidden');
    return present(await tickets.setStatus(t, 'open', customer), customer, true);
  });

  app.post<{ Body: NewTicketRequest }>(
    '/tickets',
    // Anonymous tickets are the portal's choice (portal.anonymousTickets), checked below.
    { schema: { body: schemas.newTicket }, config: { auth: 'public' } },
    async (req, reply) => {
      const customer = req.principal?.customer ?? (await anonymousRequester(req.body));
      const t = await tickets.create(customer, req.body);
      return reply.code(201).send(await present(t, customer, true));
    },
  );

  /** Anonymous tickets (where the portal allows them) make or reuse a customer record without portal access. */
  async function anonymousRequester(body: NewTicketRequest): Promise<CustomerRecord> {
    const { portal, server } = await settings.get();
    if (!portal.anonymousTickets) throw problem.unauthorized('Sign in first.', 'anonymous-disabled');
    const email = body.requester?.email;
    if (!email) throw problem.invalidField('requester.email', 'required');
    const known = await findCustomerByEmail(db, email);
    if (known) return known;
    return createCustomer(
      db,
      { email, name: body.requester?.name, phone: body.requester?.phone ?? null },
      server.autoCreateOrganizations,
    );
  }
}
