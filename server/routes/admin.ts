import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { AdminService } from '../admin/admin-service.js';
import { importCustomers } from '../admin/customer-import.js';
import { accessLogCsv, readAccessLog, type AccessLogFilter } from '../auth/access-log.js';
import { problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { adminSchemas, idParams, limitOf } from '../http/schemas.js';
import { saveArticle } from '../store/articles.js';
import { listAllConversations, listChatMessages, getConversation } from '../store/chat.js';
import { listCustomers, toUser } from '../store/customers.js';
import { saveForm } from '../store/forms.js';
import { createOrganization, listOrganizations, updateOrganization } from '../store/organizations.js';

/** Agents work tickets and chats; everything else is the site owner's (the default of an admin route). */
const agent = { adminRole: 'agent' } as const;

/**
 * The agent side, only as much as the demo, the console and the tests need:
 * users, organisations, tickets (by id or number), agent replies and notes,
 * status, chats, the access log, forms, articles and settings. Every input
 * has its schema (server/http/schemas.ts `adminSchemas`) and every answer
 * its response schema; SQL stays in server/store/.
 */
export async function adminRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, settings } = app;
  const admin = new AdminService(app);
  const customerOut = (c: Parameters<typeof toUser>[0]) => ({ ...toUser(c), portalAccess: c.portalAccess });

  app.get('/organizations', { schema: { response: { 200: res.list(res.adminOrganization) } } }, async () => ({
    items: await listOrganizations(db),
  }));

  app.post(
    '/organizations',
    { schema: { body: adminSchemas.newOrganization, response: { 201: res.adminOrganization } } },
    async (req, reply) => reply.code(201).send(await createOrganization(db, req.body)),
  );

  app.patch(
    '/organizations/:id',
    {
      schema: { params: idParams, body: adminSchemas.organizationPatch, response: { 200: res.adminOrganization } },
    },
    async (req) => updateOrganization(db, req.params.id, req.body),
  );

  app.get(
    '/customers',
    { schema: { querystring: adminSchemas.customersQuery, response: { 200: res.page(res.adminCustomer) } } },
    async (req) => {
      const { email, organizationId, q, cursor } = req.query;
      if (email) return { items: [customerOut(await admin.customerByEmail(email))], nextCursor: null };
      const page = await listCustomers(db, {
        organizationId: organizationId || undefined,
        q: q?.trim() || undefined,
        after: cursor || undefined,
        limit: limitOf(req.query.limit, 1000),
      });
      return { items: page.items.map(customerOut), nextCursor: page.next };
    },
  );

  /** A CSV file of customers: a dry run says what it would do per row; the real run does it all or nothing. */
  app.post(
    '/customers/import',
    {
      schema: { body: adminSchemas.customerImport, response: { 200: res.customerImport } },
      bodyLimit: 4 * 1024 * 1024,
    },
    async (req) => {
      const { csv, dryRun = false, createOrganizations = false, invite = false } = req.body;
      const result = await importCustomers(app, admin, csv, { dryRun, createOrganizations, invite });
      const t = result.totals;
      req.auditTarget = `${dryRun ? 'dry run: ' : ''}${t.create} created, ${t.update} updated, ${t.unchanged} unchanged, ${t.error} errors, ${t.organizationsCreated.length} organisations, ${t.invited} invited`;
      return result;
    },
  );

  app.patch(
    '/customers/:id',
    { schema: { params: idParams, body: adminSchemas.customerPatch, response: { 200: res.adminCustomer } } },
    async (req) => customerOut(await admin.updateCustomer(req.params.id, req.body)),
  );

  app.delete(
    '/customers/:id/portal-access',
    { schema: { params: idParams, response: { 200: res.adminCustomer } } },
    async (req) => customerOut(await admin.revokePortalAccess(req.params.id)),
  );

  app.post(
    '/customers',
    { schema: { body: adminSchemas.newCustomer, response: { 201: res.adminCustomer } } },
    async (req, reply) => reply.code(201).send(customerOut(await admin.createUser(req.body))),
  );

  app.post(
    '/customers/:id/portal-access',
    { schema: { params: idParams, body: adminSchemas.portalAccess, response: { 200: res.adminCustomer } } },
    async (req) => {
      const { customer, outboxFile } = await admin.enablePortalAccess(req.params.id, req.body?.role);
      return { ...toUser(customer), portalAccess: true, outboxFile };
    },
  );

  app.get(
    '/tickets',
    {
      schema: { querystring: adminSchemas.ticketsQuery, response: { 200: res.page(res.adminTicket) } },
      config: agent,
    },
    async (req) =>
      admin.listTickets({
        status: req.query.status || 'all',
        sort: req.query.sort || '-updated',
        q: req.query.q?.trim() || undefined,
        cursor: req.query.cursor || undefined,
        limit: limitOf(req.query.limit, 25),
      }),
  );

  app.post(
    '/tickets',
    { schema: { body: adminSchemas.newTicket, response: { 201: res.adminTicket } }, config: agent },
    async (req, reply) => reply.code(201).send(await admin.createTicket(req.body)),
  );

  app.get(
    '/tickets/:id',
    { schema: { params: idParams, response: { 200: res.adminTicket } }, config: agent },
    async (req) => admin.ticket(req.params.id),
  );

  app.post(
    '/tickets/:id/messages',
    { schema: { params: idParams, body: adminSchemas.agentMessage, response: { 201: res.message } }, config: agent },
    async (req, reply) => reply.code(201).send(await admin.reply(req.params.id, req.body)),
  );

  app.post(
    '/tickets/:id/status',
    { schema: { params: idParams, body: adminSchemas.status, response: { 200: res.adminTicket } }, config: agent },
    async (req) => admin.setStatus(req.params.id, req.body.status),
  );

  app.get(
    '/tickets/:id/messages',
    { schema: { params: idParams, response: { 200: res.page(res.message) } }, config: agent },
    async (req) => ({
      items: await app.connector.listMessages((await admin.ticket(req.params.id)).id),
      nextCursor: null,
    }),
  );

  app.put(
    '/forms/:id',
    { schema: { params: idParams, body: adminSchemas.form, response: { 200: res.savedForm } } },
    async (req) => {
      if (req.body.id !== req.params.id) throw problem.badField('id', 'invalid');
      const { position, ...form } = req.body;
      await saveForm(db, form, position ?? 0);
      return form;
    },
  );

  app.put(
    '/articles/:id',
    { schema: { params: idParams, body: adminSchemas.article, response: { 200: res.article } } },
    async (req) => saveArticle(db, { id: req.params.id, ...req.body }, req.body.position ?? 0),
  );

  const accessLogFilter = (q: Static<typeof adminSchemas.accessLogQuery>): AccessLogFilter => {
    const instant = (field: 'since' | 'until') => {
      if (!q[field]) return undefined;
      const at = new Date(q[field]);
      if (Number.isNaN(at.getTime())) throw problem.badField(field, 'date');
      return at;
    };
    return {
      email: q.email || undefined,
      event: q.event || undefined,
      ip: q.ip || undefined,
      since: instant('since'),
      until: instant('until'),
      before: q.before ? Number(q.before) : undefined,
      limit: limitOf(q.limit, 100),
    };
  };

  app.get(
    '/access-log',
    { schema: { querystring: adminSchemas.accessLogQuery, response: { 200: res.list(res.accessLogEntry) } } },
    async (req) => ({ items: await readAccessLog(db, accessLogFilter(req.query)) }),
  );

  /** The same filters, as a CSV file to download (up to 1000 entries, newest first). */
  app.get('/access-log.csv', { schema: { querystring: adminSchemas.accessLogQuery } }, async (req, reply) => {
    const entries = await readAccessLog(db, { ...accessLogFilter(req.query), limit: limitOf(req.query.limit, 1000) });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="portico-access-log.csv"')
      .send(accessLogCsv(entries));
  });

  app.get('/settings', { schema: { response: { 200: res.adminSettings } } }, async () => settings.get());

  app.patch(
    '/settings',
    { schema: { body: adminSchemas.settings, response: { 200: res.adminSettings } } },
    async (req) => settings.update(req.body),
  );

  /** Drops every stored admin change: back to the options the gateway was started with. */
  app.delete('/settings', { schema: { response: { 200: res.adminSettings } } }, async () => settings.reset());

  app.get(
    '/chat/conversations',
    {
      schema: { querystring: adminSchemas.conversationsQuery, response: { 200: res.list(res.agentConversation) } },
      config: agent,
    },
    async (req) => ({
      items: await listAllConversations(db, {
        status: req.query.status || undefined,
        limit: limitOf(req.query.limit, 50),
      }),
    }),
  );

  app.post(
    '/chat/conversations/:id/messages',
    {
      schema: { params: idParams, body: adminSchemas.chatMessage, response: { 201: res.chatMessage } },
      config: agent,
    },
    async (req, reply) =>
      reply.code(201).send(await admin.chatReply(req.params.id, req.body.authorName, req.body.text)),
  );

  app.get(
    '/chat/conversations/:id/messages',
    { schema: { params: idParams, response: { 200: res.page(res.chatMessage) } }, config: agent },
    async (req) => {
      const c = await getConversation(db, req.params.id);
      if (!c) throw problem.notFound('No such conversation.');
      return { items: await listChatMessages(db, c.id), nextCursor: null };
    },
  );

  app.post(
    '/chat/conversations/:id/end',
    { schema: { params: idParams, response: { 200: res.chatConversation } }, config: agent },
    async (req) => admin.chatEnd(req.params.id),
  );
}
