import type { FastifyInstance } from 'fastify';
import type { FieldValue, FormSchema, MessageBody, Role, TicketStatus } from '../../src/protocol/index.js';
import { TICKET_STATUSES } from '../../src/protocol/index.js';
import { AdminService } from '../admin/admin-service.js';
import { readAccessLog } from '../auth/access-log.js';
import { problem } from '../http/problem.js';
import { textParam } from '../http/query.js';
import { email, line, messageBody } from '../http/schemas.js';
import { saveArticle } from '../store/articles.js';
import { saveForm } from '../store/forms.js';
import { addChatMessage, endConversation, getConversation, listChatMessages } from '../store/chat.js';
import { findCustomerById, listCustomers, toUser } from '../store/customers.js';
import {
  createOrganization,
  listOrganizations,
  updateOrganization,
  type OrganizationInput,
} from '../store/organizations.js';
import type { PortalConfigPatch } from '../store/settings.js';

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const role = { type: 'string', enum: ['user', 'company'] };
const nullableLine = (n: number) => ({ anyOf: [line(n), { type: 'null' }] });
const orgBody = {
  name: line(200, 1),
  domains: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 253 } },
  routingAssignee: nullableLine(200),
  address: nullableLine(500),
  phone: nullableLine(50),
  accountManager: {
    anyOf: [{ type: 'null' }, obj({ name: line(200, 1), email: { anyOf: [email, { type: 'null' }] } }, ['name'])],
  },
};

/**
 * The agent side, only as much as the demo and the tests need: users,
 * organisations, agent replies and notes, status, the access log, settings.
 * `Authorization: Bearer $PORTICO_ADMIN_TOKEN`.
 */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db, events, settings } = app;
  const admin = new AdminService(app);

  app.get('/organizations', async () => ({ items: await listOrganizations(db) }));

  // The id is given (or derived) once: upstream helpdesks store it on tickets.
  const newOrgBody = obj({ ...orgBody, id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } }, [
    'name',
  ]);
  app.post<{ Body: OrganizationInput }>('/organizations', { schema: { body: newOrgBody } }, async (req, reply) =>
    reply.code(201).send(await createOrganization(db, req.body)),
  );

  app.patch<{ Params: { id: string }; Body: Partial<OrganizationInput> }>(
    '/organizations/:id',
    { schema: { body: obj(orgBody) } },
    async (req) => updateOrganization(db, req.params.id, req.body),
  );

  app.get('/customers', async (req) => {
    const q = req.query as Record<string, unknown>;
    const email = textParam(q, 'email', 254);
    if (email) return { items: [toUser(await admin.customerByEmail(email))] };
    const org = textParam(q, 'organizationId', 100);
    return {
      items: (await listCustomers(db, org || undefined)).map((c) => ({ ...toUser(c), portalAccess: c.portalAccess })),
    };
  });

  app.post<{
    Body: {
      email: string;
      name?: string;
      role?: Role;
      organizationId?: string | null;
      password?: string;
      invite?: boolean;
    };
  }>(
    '/customers',
    {
      schema: {
        body: obj(
          {
            email,
            name: line(200, 1),
            role,
            organizationId: { anyOf: [line(100, 1), { type: 'null' }] },
            password: { type: 'string', maxLength: 256 },
            invite: { type: 'boolean' },
          },
          ['email'],
        ),
      },
    },
    async (req, reply) => {
      const c = await admin.createUser(req.body);
      return reply.code(201).send({ ...toUser(c), portalAccess: c.portalAccess });
    },
  );

  app.post<{ Params: { id: string }; Body: { role?: Role } }>(
    '/customers/:id/portal-access',
    { schema: { body: obj({ role }) } },
    async (req) => {
      const { customer, outboxFile } = await admin.enablePortalAccess(req.params.id, req.body?.role);
      return { ...toUser(customer), portalAccess: true, outboxFile };
    },
  );

  app.post<{
    Body: {
      requesterEmail: string;
      requesterName?: string;
      formId: string;
      subject: string;
      body: MessageBody;
      fields?: Record<string, FieldValue>;
    };
  }>(
    '/tickets',
    {
      schema: {
        body: obj(
          {
            requesterEmail: email,
            requesterName: line(200, 1),
            formId: line(100, 1),
            subject: line(300, 1),
            body: messageBody,
            fields: { type: 'object', maxProperties: 100 },
          },
          ['requesterEmail', 'formId', 'subject', 'body'],
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await admin.createTicket(req.body)),
  );

  app.get<{ Params: { id: string } }>('/tickets/:id', async (req) => admin.ticket(req.params.id));

  app.post<{ Params: { id: string }; Body: { authorName: string; body: MessageBody; internal?: boolean } }>(
    '/tickets/:id/messages',
    {
      schema: {
        body: obj({ authorName: line(200, 1), body: messageBody, internal: { type: 'boolean' } }, [
          'authorName',
          'body',
        ]),
      },
    },
    async (req, reply) => reply.code(201).send(await admin.reply(req.params.id, req.body)),
  );

  app.post<{ Params: { id: string }; Body: { status: TicketStatus } }>(
    '/tickets/:id/status',
    { schema: { body: obj({ status: { type: 'string', enum: [...TICKET_STATUSES] } }, ['status']) } },
    async (req) => admin.setStatus(req.params.id, req.body.status),
  );

  app.get<{ Params: { id: string } }>('/tickets/:id/messages', async (req) => ({
    items: await app.connector.listMessages((await admin.ticket(req.params.id)).id),
    nextCursor: null,
  }));

  app.put<{ Params: { id: string }; Body: FormSchema & { position?: number } }>(
    '/forms/:id',
    {
      schema: {
        body: {
          type: 'object',
          required: ['id', 'name', 'fields'],
          properties: {
            id: line(100, 1),
            name: { type: 'object' },
            fields: { type: 'array', maxItems: 100, items: { type: 'object', required: ['id', 'type', 'label'] } },
          },
        },
      },
    },
    async (req) => {
      if (req.body.id !== req.params.id) throw problem.invalidField('id', 'invalid');
      const { position, ...form } = req.body;
      await saveForm(db, form, position ?? 0);
      return form;
    },
  );

  app.put<{
    Params: { id: string };
    Body: { title: string; excerpt: string; body?: string; url: string; locale?: string; position?: number };
  }>(
    '/articles/:id',
    {
      schema: {
        body: obj(
          {
            title: line(300, 1),
            excerpt: { type: 'string', maxLength: 2000 },
            body: { type: 'string', maxLength: 100_000 },
            url: line(2000, 1),
            locale: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$' },
            position: { type: 'integer' },
          },
          ['title', 'excerpt', 'url'],
        ),
      },
    },
    async (req) => saveArticle(db, { id: req.params.id, ...req.body }, req.body.position ?? 0),
  );

  app.get('/access-log', async (req) => {
    const q = req.query as Record<string, unknown>;
    const email = textParam(q, 'email', 254) || undefined;
    const limit = Number(textParam(q, 'limit', 4) || 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw problem.badField('limit', 'max', { max: 1000 });
    return { items: await readAccessLog(db, { email, limit }) };
  });

  app.get('/settings', async () => settings.get());

  app.patch<{ Body: PortalConfigPatch }>(
    '/settings',
    { schema: { body: obj({ portal: { type: 'object' }, server: { type: 'object' } }) } },
    async (req) => settings.update(req.body),
  );

  /** Drops every stored admin change: back to the options the gateway was started with. */
  app.delete('/settings', async () => settings.reset());

  app.post<{ Params: { id: string }; Body: { authorName: string; text: string } }>(
    '/chat/conversations/:id/messages',
    {
      schema: {
        body: obj({ authorName: line(200, 1), text: { type: 'string', minLength: 1, maxLength: 5000 } }, [
          'authorName',
          'text',
        ]),
      },
    },
    async (req, reply) => {
      const c = await getConversation(db, req.params.id);
      if (!c) throw problem.notFound('No such conversation.');
      const customer = await findCustomerById(db, c.customerId);
      const message = await addChatMessage(db, c.id, { name: req.body.authorName, role: 'agent' }, req.body.text);
      await events.publish(
        { type: 'chat.message', conversationId: c.id, message },
        { requesterEmail: customer?.email ?? null, organizationId: null },
      );
      return reply.code(201).send(message);
    },
  );

  app.get<{ Params: { id: string } }>('/chat/conversations/:id/messages', async (req) => {
    const c = await getConversation(db, req.params.id);
    if (!c) throw problem.notFound('No such conversation.');
    return { items: await listChatMessages(db, c.id), nextCursor: null };
  });

  app.post<{ Params: { id: string } }>('/chat/conversations/:id/end', async (req) => {
    const c = await getConversation(db, req.params.id);
    if (!c) throw problem.notFound('No such conversation.');
    await endConversation(db, c.id);
    const customer = await findCustomerById(db, c.customerId);
    await events.publish(
      { type: 'chat.ended', conversationId: c.id },
      { requesterEmail: customer?.email ?? null, organizationId: null },
    );
    return { ...c, status: 'ended' };
  });
}
